"""Edits of the timeline: add, change, delete, milestones, internal flag, source.

Plain functions on the document (no Textual), so the stage stays thin and the rules are easy
to test. Every edit returns an ``Undo`` record of what it changed (the events as they were),
or None when nothing changed. Undoing itself is the workspace's, over the whole document
(``postmortem.history``).

Rules decided here:

- ``doc.timeline`` is kept sorted by time after every edit (stable: events at the same minute
  keep their order, a new one goes after those already there).
- A milestone marks one moment: setting it on an event takes it off any other event (and
  replaces the event's previous milestone). Setting the milestone an event already has clears it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace
from datetime import datetime

from postmortem.model import Event, Postmortem
from postmortem.writable import writable_text


@dataclass
class Undo:
    """What an edit changed: the events as they were, and the ids it created."""

    label: str                                          # catalogue key describing the edit
    before: list[Event] = field(default_factory=list)    # changed events, as they were (copies)
    removed: list[Event] = field(default_factory=list)   # deleted events (copies)
    created: list[str] = field(default_factory=list)     # ids the edit added
    focus: str | None = None                             # the event to select after undoing


def find(doc: Postmortem, event_id: str) -> Event | None:
    return next((e for e in doc.timeline if e.id == event_id), None)


def keep_sorted(doc: Postmortem) -> None:
    doc.timeline.sort(key=lambda e: e.at)


def _insert_sorted(doc: Postmortem, event: Event) -> None:
    position = bisect.bisect_right([e.at for e in doc.timeline], event.at)
    doc.timeline.insert(position, event)


def add_events(doc: Postmortem, items: list[tuple[datetime, str] | tuple[datetime, str, str]]
               ) -> tuple[list[Event], Undo]:
    """New events, each at its time (with its source, when given); returns them (in the
    order given) and the undo record."""
    keep_sorted(doc)
    added = []
    for at, text, *source in items:
        # Pasted text may carry control characters, which a document may not hold.
        event = Event(id=doc.next_id("e"), at=at, text=writable_text(text).strip(),
                      source=writable_text(source[0]).strip() if source else "")
        _insert_sorted(doc, event)
        added.append(event)
    return added, Undo("timeline_ui.undo.add", created=[e.id for e in added],
                       focus=None)


def change_event(doc: Postmortem, event_id: str, *, at: datetime | None = None,
                 text: str | None = None, source: str | None = None,
                 internal: bool | None = None) -> Undo | None:
    """Change the given fields of one event; None when nothing changed."""
    event = find(doc, event_id)
    if event is None:
        return None
    updated = replace(event,
                      at=event.at if at is None else at,
                      text=event.text if text is None else writable_text(text).strip(),
                      source=event.source if source is None else writable_text(source).strip(),
                      internal=event.internal if internal is None else internal)
    if updated == event:
        return None
    undo = Undo("timeline_ui.undo.change", before=[replace(event)], focus=event_id)
    event.at, event.text, event.source, event.internal = (updated.at, updated.text,
                                                          updated.source, updated.internal)
    keep_sorted(doc)
    return undo


def delete_event(doc: Postmortem, event_id: str) -> Undo | None:
    event = find(doc, event_id)
    if event is None:
        return None
    doc.timeline.remove(event)
    return Undo("timeline_ui.undo.delete", removed=[replace(event)], focus=event_id)


def toggle_milestone(doc: Postmortem, event_id: str, milestone: str) -> Undo | None:
    """Set ``milestone`` on the event (taking it off others), or clear it if already set."""
    event = find(doc, event_id)
    if event is None:
        return None
    touched = [e for e in doc.timeline if e.id == event_id or e.milestone == milestone]
    undo = Undo("timeline_ui.undo.milestone", before=[replace(e) for e in touched], focus=event_id)
    if event.milestone == milestone:
        event.milestone = None
        return undo
    for other in touched:
        if other.milestone == milestone:
            other.milestone = None
    event.milestone = milestone
    return undo
