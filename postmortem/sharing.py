"""Sharing-safe mode (issue 15, item 2): what the room may see, and edits made while it looks.

``shared_view(doc)`` is the copy of a postmortem the screens show in sharing-safe mode:

- every text masked where the scanner finds something (``[e-mail]``, ``[secret]``…);
- internal-only timeline events and actions left out;
- why-node evidence notes, the reasons of dismissed findings and the facilitator's private
  notes emptied.

The screens edit that copy as they edit any document. ``merge_shared_edits(real, shown)``
then carries the edits back into the real document, by field path, with one rule that keeps
the file true: **a text the room cannot see as it is (masked, or hidden) is read-only**. Its
real value is kept, and an edit of it is refused (``HiddenTextEdit``, naming the field) so
that the screen can put the shown text back and say why. Every other text takes the edit.
Records with an ``id`` (events, actions, why-nodes, causes) are matched by id, so adding,
removing and reordering work while the hidden ones keep their place; plain lists (lessons,
participants, tags) are matched by value.

Why this design and not "show the real text in the focused field": the room sees the screen
of the person typing, so focusing a field must not reveal it either.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from postmortem.i18n import t
from postmortem.model import Postmortem
from postmortem.scanner import KINDS, NOT_TEXT, mask

# Field values emptied on the shared screen, by (parent key, field) in ``to_dict()``.
_HIDDEN_FIELDS = {("whys", "evidence"), ("dismissed_findings", "reason")}
_PRIVATE = "facilitator_notes"


class HiddenTextEdit(ValueError):
    """An edit of a text that sharing-safe mode masks or hides; ``path`` names the field."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


@dataclass(slots=True)
class SharedPostmortem(Postmortem):
    """The shared copy. It knows the ids of the items it leaves out, so that an item added
    on the shared screen never takes the id of a hidden one (the merge matches by id)."""

    hidden_ids: frozenset[str] = frozenset()

    def used_ids(self) -> set[str]:
        return Postmortem.used_ids(self) | self.hidden_ids


def shared_view(doc: Postmortem) -> SharedPostmortem:
    """The copy of ``doc`` that sharing-safe mode shows (see the module docstring)."""
    shown = SharedPostmortem.from_dict(shared_dict(doc.to_dict()))
    shown.hidden_ids = frozenset(doc.used_ids() - shown.used_ids())
    return shown


def shared_dict(data: dict[str, Any]) -> dict[str, Any]:
    shown = _shown(data, "", "")
    shown.pop(_PRIVATE, None)
    return shown


def _visible(item: Any) -> bool:
    return not (isinstance(item, dict) and item.get("internal") is True)


def _shown(value: Any, parent: str, key: str) -> Any:
    if isinstance(value, dict):
        return {k: ("" if (key or parent, k) in _HIDDEN_FIELDS and isinstance(v, str)
                    else v if k in NOT_TEXT and not isinstance(v, (dict, list))
                    else _shown(v, key or parent, k))
                for k, v in value.items()}
    if isinstance(value, list):
        # Internal-only events and actions are left out (``internal: true``).
        return [_shown(item, key, "") for item in value if _visible(item)]
    if isinstance(value, str):
        return mask(value)
    return value


def merge_shared_edits(real: Postmortem, shown: Postmortem) -> None:
    """Carry the edits made on ``shown`` (a ``shared_view`` of ``real`` since edited) into
    ``real``, in place. Raises ``HiddenTextEdit`` and changes nothing when an edit touches
    a masked or hidden text. (``SharedCopy`` does the same step after step.)"""
    copy = SharedCopy.__new__(SharedCopy)
    copy.real, copy.shown, copy._before = real, shown, shared_dict(real.to_dict())
    copy.unmasked = False
    copy.merge()


def _merge(real: Any, before: Any, after: Any, path: str) -> Any:
    if after == before:
        return real
    if isinstance(after, dict) and isinstance(real, dict) and isinstance(before, dict):
        merged = dict(real)
        for key, value in after.items():
            if key in real and key in before:
                merged[key] = _merge(real[key], before[key], value, _join(path, key))
            else:
                merged[key] = value  # a field the shown copy added (an optional one filled)
        for key in before:
            if key not in after and key in merged:
                del merged[key]      # an optional field emptied
        return merged
    if isinstance(after, list) and isinstance(real, list) and isinstance(before, list):
        if all(isinstance(item, dict) and "id" in item for item in [*real, *after]):
            return _merge_records(real, before, after, path)
        return _merge_values(real, before, after, path)
    if isinstance(before, str) and before != real:
        raise HiddenTextEdit(path)
    return after


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _merge_records(real: list, before: list, after: list, path: str) -> list:
    """Lists of records with ids: edited by id, in the shown order, hidden ones kept after
    the record they followed."""
    real_by_id = {item["id"]: item for item in real}
    before_by_id = {item["id"]: item for item in before}
    shown = []
    for index, item in enumerate(after):
        if item["id"] in before_by_id:
            shown.append(_merge(real_by_id[item["id"]], before_by_id[item["id"]], item,
                                f"{path}[{index}]"))
        else:
            _refuse_masked_copy(item, f"{path}[{index}]")
            shown.append(item)
    merged, previous = list(shown), None
    for item in real:
        if item["id"] in before_by_id:
            previous = item["id"]
            continue
        # A hidden record: after the record it followed, or first.
        at = next((i + 1 for i, m in enumerate(merged) if m["id"] == previous), 0) \
            if previous is not None else 0
        merged.insert(at, item)
        previous = item["id"]
    return merged


def _refuse_masked_copy(item: Any, path: str) -> None:
    """A new record that carries masked text (copied from a masked one) would write the
    mask into the file."""
    if isinstance(item, dict):
        for key, value in item.items():
            _refuse_masked_copy(value, _join(path, key))
    elif isinstance(item, list):
        for index, value in enumerate(item):
            _refuse_masked_copy(value, f"{path}[{index}]")
    elif isinstance(item, str) and _holds_mask(item):
        raise HiddenTextEdit(path)


def _holds_mask(text: str) -> bool:
    return any(t(f"sharing.mask.{kind}") in text for kind in KINDS)


def _merge_values(real: list, before: list, after: list, path: str) -> list:
    """Plain lists (lessons, participants, fishbone categories): moved items keep their real
    value; same length, each item merged in place; else new items taken as typed."""
    unused = list(range(len(before)))
    matches = []
    for item in after:
        match = next((i for i in unused if before[i] == item), None)
        if match is not None:
            unused.remove(match)
        matches.append(match)
    if None not in matches:
        return [real[match] for match in matches]  # moved or removed, none edited
    if len(after) == len(before):
        return [_merge(r, b, a, f"{path}[{i}]")
                for i, (r, b, a) in enumerate(zip(real, before, after))]
    merged = []
    for index, (item, match) in enumerate(zip(after, matches)):
        if match is None:
            _refuse_masked_copy(item, f"{path}[{index}]")
            merged.append(item)
        else:
            merged.append(real[match])
    return merged


class SharedCopy:
    """The shared-screen copy of one real document, kept in step with it.

    The screens edit ``shown``; ``merge`` carries their edits into ``real``. What the copy
    looked like at the last step (``_before``) is what an edit is measured against, so that
    a text typed on the shared screen stays editable while it is typed, even once it holds
    something the scanner finds (it is masked from the next ``resync``)."""

    def __init__(self, real: Postmortem) -> None:
        self.real = real
        self.shown = shared_view(real)
        self._before = self.shown.to_dict()
        # A text carried since the last resync holds something the scanner finds: the copy
        # shows it unmasked until ``resync`` (the screen decides when, see ``unmasked``).
        self.unmasked = False

    def merge(self) -> bool:
        """Raises ``HiddenTextEdit`` (nothing changed in ``real``) for an edit of a masked
        or hidden text; the caller then ``resync``s to put the shown text back. True when
        the copy was made again because an item was just marked internal-only: it leaves
        the shared screen at once (the caller shows the copy again)."""
        after = self.shown.to_dict()
        if after == self._before:
            return False
        real_data = self.real.to_dict()
        merged = _merge(real_data, self._before, after, "")
        merged_doc = Postmortem.from_dict(merged)
        merged_doc.timeline.sort(key=lambda event: event.at)
        _replace_fields(self.real, merged_doc)
        if not self.unmasked:
            self.unmasked = any(mask(text) != text for text in _texts(after) - _texts(self._before))
        self._before = after
        if any(item.internal for item in [*self.shown.timeline, *self.shown.actions]):
            self.resync()
            return True
        return False

    def resync(self) -> None:
        """Show ``real`` as it is now (after an undo, a refused edit, a reload), in place:
        the stage views hold ``shown``."""
        _replace_fields(self.shown, shared_view(self.real))
        self._before = self.shown.to_dict()
        self.unmasked = False


def _texts(value: Any) -> set[str]:
    """Every string in a ``to_dict()`` value (keys aside)."""
    if isinstance(value, str):
        return {value}
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    found: set[str] = set()
    for item in items:
        found |= _texts(item)
    return found


def _replace_fields(target: Postmortem, source: Postmortem) -> None:
    for name in type(source).__dataclass_fields__:
        setattr(target, name, getattr(source, name))
