"""The one undo history of a postmortem: snapshots of the whole document, newest last.

Every edit, wherever it is made (a field typed in, an item added, moved, deleted, a role,
status, milestone or flag changed), ends in one call to ``record``. Undo puts the previous
snapshot back into the same ``Postmortem`` object (the screens keep their reference to it), so
the screens only have to show the document again, and the autosave writes it like any edit.

Typing is not one step a key: changes recorded one after another with the same ``burst`` key
(the text field typed in, and which visit to it) are one step, so a visit to a field is undone
at once (the field's own Ctrl+Z undoes word by word while it has focus; see
``tui.widgets.text_field``).

Snapshots are copies of the records, not ``to_dict()``: a copy of a 2,000-event timeline
takes a few milliseconds, its dictionary form several times that.
"""

from __future__ import annotations

import dataclasses

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from postmortem.model import Postmortem

LIMIT = 200      # steps kept; the oldest go first

# The stage each top-level field of the document belongs to (DESIGN §2).
STAGE_OF_FIELD = {
    "id": 1, "title": 1, "incident_ref": 1, "severity": 1, "status": 1, "meeting_at": 1,
    "tags": 1, "scope": 1, "timeline": 2, "impact": 2, "analysis": 3, "lessons": 4,
    "actions": 5, "communication": 6,
}


def clone(value: Any, like: Any = None) -> Any:
    """A deep copy of a record tree (records, lists, and immutable scalars and times).

    ``like`` is an earlier snapshot: the parts of ``value`` equal to it are taken from it
    instead of copied (snapshots are never changed, so they can share their records)."""
    if isinstance(value, list):
        if not isinstance(like, list):
            return [clone(item) for item in value]
        earlier = {getattr(item, "id", None): item for item in like}
        earlier.pop(None, None)
        return [clone(item, earlier.get(getattr(item, "id", None), like[i] if i < len(like) else None))
                for i, item in enumerate(value)]
    if dataclasses.is_dataclass(value):
        if like is not None and like.__class__ is value.__class__ and like == value:
            return like
        copy = object.__new__(value.__class__)   # slotted records: set each field
        for field in dataclasses.fields(value):
            item = getattr(value, field.name)
            if isinstance(item, list) or dataclasses.is_dataclass(item):
                item = clone(item, getattr(like, field.name, None))
            object.__setattr__(copy, field.name, item)
        return copy
    if value is None or isinstance(value, (str, int, float, bool, datetime, date)):
        return value
    raise TypeError(f"cannot snapshot a {type(value).__name__}")


def _field_order(record_type: type) -> list[str]:
    """A record's field names in their declared order (the document's: stage order); fields
    declared ``compare=False`` (the meeting clock) are no edit and are never undone."""
    return [field.name for field in dataclasses.fields(record_type) if field.compare]


def restore(document: Postmortem, snapshot: Postmortem) -> None:
    """Make ``document`` equal to ``snapshot`` in place (the snapshot stays untouched)."""
    for name in _field_order(Postmortem):
        setattr(document, name, clone(getattr(snapshot, name)))


@dataclass(frozen=True)
class Change:
    """Where a step changed the document: the stage, and the item or field to show there."""

    stage: int | None        # None: only dismissed findings changed (no stage of their own)
    location: str | None     # an item id ("e3", "w2", "c1", "a4"), a lessons list or a field
    section: str             # the top-level field, for the "Undone: …" sentence


def changed_where(before: Postmortem, after: Postmortem) -> Change | None:
    """The first part of the document (in stage order) that differs between two states."""
    for name in _field_order(Postmortem):
        old, new = getattr(before, name), getattr(after, name)
        if old != new:
            return Change(STAGE_OF_FIELD.get(name), _location(name, old, new), name)
    return None


def _location(name: str, old: Any, new: Any) -> str | None:
    if name in ("timeline", "actions"):
        return _first_changed_id(old, new)
    if name == "analysis":
        if old.problem != new.problem:
            return "analysis.problem"
        whys = _first_changed_id(old.whys, new.whys)
        if whys is not None:
            return whys
        causes_old = [cause for category in old.fishbone for cause in category.causes]
        causes_new = [cause for category in new.fishbone for cause in category.causes]
        return _first_changed_id(causes_old, causes_new) or "analysis.fishbone"
    if name == "lessons":
        for key in _field_order(type(old)):
            if getattr(old, key) != getattr(new, key):
                return f"lessons.{key}"
        return None
    if name in ("scope", "impact", "communication"):
        for key in _field_order(type(old)):
            if getattr(old, key) != getattr(new, key):
                return f"{name}.{key}"
        return None
    return name


def _first_changed_id(old: list, new: list) -> str | None:
    """The id of the first item added, removed or changed (in the newer order)."""
    before = {item.id: item for item in old}
    after = {item.id: item for item in new}
    for item in new:
        if before.get(item.id) != item:
            return item.id
    for item in old:
        if item.id not in after:
            return item.id
    if [item.id for item in old] != [item.id for item in new]:
        return next((a.id for a, b in zip(new, old) if a.id != b.id), None)
    return None


class DocumentHistory:
    """Undo and redo over whole-document snapshots.

    ``current`` is a copy of the document as it was after the last recorded change; ``undo``
    moves it onto the redo side and puts the step before it back into the document."""

    def __init__(self, document: Postmortem) -> None:
        self.document = document
        self.current = clone(document)
        self.undo_steps: list[Postmortem] = []
        self.redo_steps: list[Postmortem] = []
        self._burst: object = None
        self._unsettled = False   # typed in the burst since ``current`` was taken

    def record(self, burst: object = None) -> bool:
        """Take the document's current state as the newest step; True if it changed.

        ``burst``: what is being typed in (None for a one-off edit). A change in the same
        burst as the previous one joins that step instead of adding one: the step before the
        burst is kept already, so the snapshot of the burst waits until something else
        happens (a copy of the whole document at every key is what typing cannot afford)."""
        if burst is not None and burst == self._burst:
            self._unsettled = True
            return True
        self._settle()
        if self.document == self.current:
            return False
        self.undo_steps.append(self.current)
        del self.undo_steps[:-LIMIT]
        self.current = clone(self.document, self.current)
        self.redo_steps.clear()
        self._burst = burst
        return True

    def _settle(self) -> None:
        """The snapshot of the burst typed so far, taken now; typed and taken back again
        (the document as it was before the burst): no step left."""
        if not self._unsettled:
            return
        self._unsettled = False
        self.current = clone(self.document, self.current)
        if self.undo_steps and self.undo_steps[-1] == self.current:
            self.undo_steps.pop()
            self._burst = None

    def end_burst(self) -> None:
        """The next change starts a step of its own (the field was left, an item saved)."""
        self._settle()
        self._burst = None

    @property
    def can_undo(self) -> bool:
        self._settle()
        return bool(self.undo_steps) or self.document != self.current

    @property
    def can_redo(self) -> bool:
        return bool(self.redo_steps)

    def undo(self) -> Change | None:
        """Put the previous state back; where it changed (None when there is nothing)."""
        self.record()   # an edit not recorded yet is the newest step
        if not self.undo_steps:
            return None
        return self._move(self.undo_steps, self.redo_steps)

    def redo(self) -> Change | None:
        self.record()
        if not self.redo_steps:
            return None
        return self._move(self.redo_steps, self.undo_steps)

    def _move(self, source: list[Postmortem], target: list[Postmortem]) -> Change | None:
        state = source.pop()
        where = changed_where(self.current, state)
        target.append(self.current)
        self.current = state
        restore(self.document, state)
        self.end_burst()
        return where
