"""Open actions carried over into a meeting from related postmortems (issue 14, part 5).

The related postmortems are those the repeated-failure check finds (``recurrence.related``:
a shared tag or the same root-cause text). Their open actions (``open`` or ``in-progress``)
are listed, overdue ones first, and the room settles each: done, still open with a new due
date, or won't do with a reason. ``settle`` applies an answer to the other document; writing
it, under that file's own lock, is the storage's part (``storage.carry_over``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from postmortem.model import Action, CarryOverAnswer, Postmortem
from postmortem.recurrence_index import Related

_FAR = date.max


@dataclass(frozen=True)
class CarriedAction:
    """An open action of another postmortem, with why that postmortem is related."""

    postmortem: str            # the other postmortem's id
    postmortem_title: str
    action: Action
    shared_tags: tuple[str, ...]
    same_root_cause: str | None

    @property
    def key(self) -> tuple[str, str]:
        return self.postmortem, self.action.id

    def is_overdue(self, today: date) -> bool:
        return self.action.due is not None and self.action.due < today


def carried_actions(related: Sequence[Related], documents: dict[str, Postmortem],
                    today: date) -> list[CarriedAction]:
    """The open actions of the related postmortems read (``documents`` by id; one that could
    not be read is simply absent): overdue first, then by due date (undated last), then by
    postmortem and action id."""
    found = []
    for other, same, shared in related:
        doc = documents.get(other.id)
        if doc is None:
            continue
        for action in doc.actions:
            if action.is_open:
                found.append(CarriedAction(doc.id, doc.title, action, tuple(shared),
                                           same[1] if same is not None else None))
    return sorted(found, key=lambda c: (not c.is_overdue(today), c.action.due or _FAR,
                                        c.postmortem, c.action.id))


class NotSettled(Exception):
    """The answer cannot be applied: the action is gone or no longer open over there."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason   # "gone" or "settled"


def settle(doc: Postmortem, answer: CarryOverAnswer) -> Action:
    """Apply ``answer`` to its action in ``doc`` (the other postmortem); the action changed.
    An action that is no longer there, or no longer open (someone settled it meanwhile), is
    left alone: ``NotSettled``."""
    action = next((a for a in doc.actions if a.id == answer.action), None)
    if action is None:
        raise NotSettled("gone")
    if not action.is_open:
        raise NotSettled("settled")
    if answer.outcome == "done":
        action.status = "done"
    elif answer.outcome == "wont-do":
        action.status, action.wont_do_reason = "wont-do", answer.reason
    else:  # still open: the new due date, and the status it had (open or in progress)
        action.due = answer.due
    return action


def keep_pending(doc: Postmortem, answer: CarryOverAnswer) -> None:
    """Keep ``answer`` in ``doc`` (this meeting's document) until it can be written; a newer
    answer about the same action replaces the one kept."""
    doc.carry_over = [a for a in doc.carry_over
                      if (a.postmortem, a.action) != (answer.postmortem, answer.action)]
    doc.carry_over.append(answer)


def pending_for(doc: Postmortem, key: tuple[str, str]) -> CarryOverAnswer | None:
    return next((a for a in doc.carry_over if (a.postmortem, a.action) == key), None)
