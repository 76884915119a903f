"""The meeting roster (issue 14): who is in the room, in what role, and whom to ask next.

The people are those the scope names (owner, facilitator, participants), then anyone the
roster still holds an entry for. Entries are created on the first thing recorded for a
person and dropped when everything about them is back to unset, so the file only holds what
the room decided.
"""

from __future__ import annotations

from dataclasses import dataclass

from postmortem import vocab
from postmortem.mentions import names_in
from postmortem.model import Event, Postmortem, Scope
from postmortem.sections.roster import RosterEntry

# Whom to ask first: the people closest to the incident hold the facts of the moment, so
# they speak before those who watched it; a person with no role comes after the experts.
# The facilitator asks and is never suggested.
ASK_ORDER = ("incident-commander", "responder", "subject-expert", None, "scribe", "observer")


def people(scope: Scope) -> list[str]:
    """Everyone the roster shows, in a stable order: the scope's people, then the names only
    the roster still holds (someone taken off the participants keeps what was recorded)."""
    names = scope.people()
    seen = set(names)
    for entry in scope.roster:
        name = entry.name.strip()
        if name and name not in seen:
            seen.add(name)
            names.append(name)
    return names


def entry_of(scope: Scope, name: str) -> RosterEntry:
    """What is recorded for ``name`` (a fresh, unstored entry when nothing is)."""
    found = next((e for e in scope.roster if e.name.strip() == name.strip()), None)
    return found if found is not None else RosterEntry(name=name.strip())


def role_of(scope: Scope, name: str) -> str | None:
    """The role recorded for ``name``; the scope's facilitator is the facilitator until the
    roster says otherwise."""
    role = entry_of(scope, name).role
    if role is None and name.strip() and name.strip() == scope.facilitator.strip():
        return "facilitator"
    return role


def facilitators(scope: Scope) -> list[str]:
    return [name for name in people(scope) if role_of(scope, name) == "facilitator"]


def _store(scope: Scope, entry: RosterEntry) -> None:
    """Keep ``entry`` in the roster, or drop it when nothing about the person is recorded."""
    if entry.is_empty:
        scope.roster = [e for e in scope.roster if e is not entry]
    elif not any(e is entry for e in scope.roster):
        scope.roster.append(entry)


def next_role(scope: Scope, name: str) -> str | None:
    """The role after ``name``'s current one, cycling through every role and then none."""
    cycle = [*vocab.ATTENDEE_ROLES, None]
    return cycle[(cycle.index(role_of(scope, name)) + 1) % len(cycle)]


def set_role(scope: Scope, name: str, role: str | None) -> None:
    entry = entry_of(scope, name)
    entry.role = role
    _store(scope, entry)


def next_presence(scope: Scope, name: str) -> str | None:
    """Not taken → present → absent → not taken."""
    cycle = [None, *vocab.PRESENCES]
    return cycle[(cycle.index(entry_of(scope, name).presence) + 1) % len(cycle)]


def set_presence(scope: Scope, name: str, presence: str | None) -> None:
    entry = entry_of(scope, name)
    entry.presence = presence
    if presence != "present":
        entry.heard = False  # the room cannot have heard from someone who is not there
    _store(scope, entry)


def toggle_heard(scope: Scope, name: str) -> bool:
    """Tick or untick "heard from"; whoever the room heard from is present. The new state."""
    entry = entry_of(scope, name)
    entry.heard = not entry.heard
    if entry.heard:
        entry.presence = "present"
    _store(scope, entry)
    return entry.heard


def next_to_ask(scope: Scope) -> list[str]:
    """Who is present and not heard from yet, in ``ASK_ORDER`` and then roster order."""
    waiting = [(ASK_ORDER.index(role_of(scope, name)), index, name)
               for index, name in enumerate(people(scope))
               if entry_of(scope, name).presence == "present" and not entry_of(scope, name).heard
               and role_of(scope, name) != "facilitator"]
    return [name for _, _, name in sorted(waiting)]


@dataclass(frozen=True)
class FacilitatorInIncident:
    """A facilitator whose name the timeline gives: they took part in the incident."""

    name: str
    event: Event


def facilitator_in_incident(doc: Postmortem) -> list[FacilitatorInIncident]:
    """Each facilitator named in an event's text or source (events have no separate actor
    field: who acted is written in the text, where the evidence came from in the source),
    with the first such event, in timeline order."""
    found = []
    events = sorted(doc.timeline, key=lambda e: e.at)
    for name in facilitators(doc.scope):
        event = next((e for e in events if names_in(f"{e.text}\n{e.source}", (name,))), None)
        if event is not None:
            found.append(FacilitatorInIncident(name, event))
    return found
