"""A three-way merge of postmortem documents at the level of the document, not of lines.

Git hands the merge driver three versions of one file: the common ancestor (base), ours and
theirs. Each place of the document is merged on its own:

- a value changed on one side takes that side; changed on both sides to different values is a
  conflict: the document keeps ours and records both (``Postmortem.conflicts``);
- items with an id (events, whys, fishbone causes, actions — any list of objects with an
  ``id``; fishbone bones by ``category``; dismissed findings by ``key``) merge by that key:
  added on either side are kept (in ours' order, theirs' additions after their nearest
  preceding common item), deleted on one side and unchanged on the other are deleted, deleted
  on one side and changed on the other are kept as changed (a conflict), changed on both sides
  merge field by field;
- follow-up reviews merge by ``id`` too; a file written before they had ids has reviews
  without one: in a list where some objects have an ``id`` and others none, those with one
  merge by it and the others as below;
- lists of plain values (lessons, tags, participants) and of objects without a key merge as
  ordered unions with deletions honoured: nothing is a conflict there;
- the timeline stays in time order when both sides had it so (the app keeps it so).

Two sides that each add an item under the same new id (both take ``next_id``) keep both:
theirs is given a fresh id, and theirs' references to it follow. A deleted item that the other
side has started to name (an action's cause, a why's parent) is kept, as a conflict. Should the
merge still not make a valid document, the result is ours with theirs recorded whole
(a conflict at the path ``""``): nothing typed on either side is lost.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from postmortem.fields import ValidationError
from postmortem.model import Conflict, Postmortem

MISSING: Any = object()  # a key a side does not have (distinct from JSON null)
ITEM_KEYS = ("id", "category", "key")  # what identifies an object in a list, in order of preference
WHOLE_DOCUMENT = ""


@dataclass(slots=True)
class MergeResult:
    """The merged document and the conflicts this merge found (also in ``document.conflicts``,
    with any the sides carried already)."""

    document: Postmortem
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.conflicts


Document = Postmortem | dict[str, Any]


def merge(base: Document | None, ours: Document, theirs: Document) -> MergeResult:
    """Merge ``ours`` and ``theirs``, two edits of ``base`` (``None``: no common ancestor).

    Dicts are validated first (``ValidationError``); the result always validates."""
    base_data = _canonical(base) if base is not None else {}
    ours_data, theirs_data = _canonical(ours), _canonical(theirs)
    if base is not None:  # without an ancestor, an id on both sides is taken to be one item
        theirs_data = _renamed_collisions(base_data, ours_data, theirs_data)
    keep: set[str] = set()
    for _ in range(64):  # each round keeps more deleted items; ids are few, so this ends early
        merger = _Merger(keep)
        merged = merger.value("", base_data, ours_data, theirs_data)
        missing = _dangling(merged) & (_all_ids(base_data) | _all_ids(ours_data) | _all_ids(theirs_data))
        if not missing or missing <= keep:
            break
        keep |= missing
    merged = dict(merged)  # may be one side's own dict (an unchanged other side)
    if all(_in_time_order(side["timeline"]) for side in (ours_data, theirs_data)):
        # As the app keeps it: by time, stable, so events at the same time keep the merge's order.
        merged["timeline"] = sorted(merged["timeline"], key=lambda event: event["at"])
    return _result(merged, merger.conflicts, ours_data, theirs_data)


def _in_time_order(events: list[dict[str, Any]]) -> bool:
    # Canonical times (YYYY-MM-DDTHH:MM:SSZ) sort as text in time order.
    return all(a["at"] <= b["at"] for a, b in zip(events, events[1:]))


def _canonical(document: Document) -> dict[str, Any]:
    if isinstance(document, Postmortem):
        return document.to_dict()
    return Postmortem.from_dict(document).to_dict()


def _result(merged: dict[str, Any], found: list[Conflict], ours: dict[str, Any],
            theirs: dict[str, Any]) -> MergeResult:
    recorded = [c.to_dict() for c in found]
    known = merged.get("conflicts", [])
    merged["conflicts"] = known + [c for c in recorded if c not in known]
    try:
        return MergeResult(Postmortem.from_dict(merged), found)
    except ValidationError:
        pass
    # The two could not be combined into a valid document: ours, with theirs kept whole.
    whole = Conflict(WHOLE_DOCUMENT, None, {k: v for k, v in theirs.items() if k != "conflicts"}, None)
    fallback = dict(ours)
    known = ours.get("conflicts", []) + [c for c in theirs.get("conflicts", [])
                                          if c not in ours.get("conflicts", [])]
    fallback["conflicts"] = known + [whole.to_dict()]
    return MergeResult(Postmortem.from_dict(fallback), [whole])


class _Merger:
    """One pass over the three documents; ``keep`` are ids a deletion must not remove."""

    def __init__(self, keep: set[str]) -> None:
        self.keep = keep
        self.conflicts: list[Conflict] = []

    def value(self, path: str, base: Any, ours: Any, theirs: Any) -> Any:
        if ours == theirs:
            return ours
        if base == ours and not self.keep:
            return theirs
        if base == theirs and not self.keep:
            return ours
        if _all(dict, ours, theirs) and (base is MISSING or isinstance(base, dict)):
            return self.object(path, {} if base is MISSING else base, ours, theirs)
        if _all(list, ours, theirs) and (base is MISSING or isinstance(base, list)):
            return self.list(path, [] if base is MISSING else base, ours, theirs)
        if base == ours:
            return theirs
        if base == theirs:
            return ours
        self.conflicts.append(Conflict(path, _json(ours), _json(theirs), _json(base)))
        return ours

    def object(self, path: str, base: dict, ours: dict, theirs: dict) -> dict:
        merged = {}
        keys = [*ours, *(k for k in theirs if k not in ours),
                *(k for k in base if k not in ours and k not in theirs)]
        for key in keys:
            sides = [side.get(key, MISSING) for side in (base, ours, theirs)]
            if any(isinstance(v, list) for v in sides):  # a list a side leaves out is empty
                sides = [[] if v is MISSING else v for v in sides]
            value = self.value(f"{path}.{key}" if path else key, *sides)
            if value is not MISSING:
                merged[key] = value
        return merged

    def list(self, path: str, base: list, ours: list, theirs: list) -> list:
        key = _item_key(base, ours, theirs)
        if key is None and _numbers(base, ours, theirs):
            # A row of numbers is one value (the meeting's six timeboxes): never a union.
            self.conflicts.append(Conflict(path, ours, theirs, base))
            return ours
        if key is not None:
            by = [{item[key]: item for item in side} for side in (base, ours, theirs)]
        else:
            by = _partly_keyed(base, ours, theirs)
            if by is None:
                return _union(base, ours, theirs)
        b, o, t = by
        result: list[Any] = []
        for item_id in o:
            item_path = _item_path(path, key, item_id)
            if item_id in t:
                result.append((item_id, self.value(item_path, b.get(item_id, MISSING), o[item_id], t[item_id])))
            elif item_id not in b:
                result.append((item_id, o[item_id]))  # added by ours
            elif o[item_id] != b[item_id] or item_id in self.keep:
                self.conflicts.append(Conflict(item_path, o[item_id], None, b[item_id]))
                result.append((item_id, o[item_id]))  # theirs deleted what ours changed or names
        additions = []
        for item_id in t:
            if item_id in o:
                continue
            item_path = _item_path(path, key, item_id)
            if item_id in b and t[item_id] == b[item_id] and item_id not in self.keep:
                continue  # ours deleted it, theirs left it alone
            if item_id in b:
                self.conflicts.append(Conflict(item_path, None, t[item_id], b[item_id]))
            additions.append(item_id)
        ids = _insert_after_anchors([i for i, _ in result], additions, list(t))
        values = dict(result) | {i: t[i] for i in additions}
        return [values[i] for i in ids]


def _all(kind: type, *values: Any) -> bool:
    return all(isinstance(v, kind) for v in values)


def _numbers(*sides: list) -> bool:
    return any(isinstance(item, (int, float)) and not isinstance(item, bool)
               for side in sides for item in side)


def _json(value: Any) -> Any:
    return None if value is MISSING else value


def _item_key(*sides: list) -> str | None:
    """The field identifying the objects of these lists, or None for a list merged as a union
    (plain values, objects without a unique key)."""
    items = [item for side in sides for item in side]
    if not items or not all(isinstance(item, dict) for item in items):
        return None
    for key in ITEM_KEYS:
        if all(isinstance(item.get(key), str) for item in items) and all(
                len({item[key] for item in side}) == len(side) for side in sides):
            return key
    return None


def _partly_keyed(*sides: list) -> list[dict[Any, Any]] | None:
    """Each side's items by identity, for a list in which some objects have an ``id`` and
    others none (follow-ups of a file written before they had ids, beside new ones): an item
    with an id is that id, one without is its content (and which repeat of it), so the ones
    with ids merge by id and the others as a union. None when no item has an id, or an id
    repeats within a side."""
    by: list[dict[Any, Any]] = []
    for side in sides:
        keyed = [item["id"] for item in side if _has_id(item)]
        if len(set(keyed)) != len(keyed):
            return None
        plain = iter(_tokens([item for item in side if not _has_id(item)]))
        by.append({(item["id"] if _has_id(item) else next(plain)): item for item in side})
    if not any(isinstance(identity, str) for side in by for identity in side):
        return None
    return by


def _has_id(item: Any) -> bool:
    return isinstance(item, dict) and isinstance(item.get("id"), str)


def _item_path(path: str, key: str | None, identity: Any) -> str:
    """The path of an item of a list (``[id="f1"]``); an item without a key is kept or dropped
    by its content and is never a conflict, so its path is never recorded."""
    if not isinstance(identity, str):
        return path
    return f"{path}[{key or 'id'}={json.dumps(identity, ensure_ascii=False)}]"


def _union(base: list, ours: list, theirs: list) -> list:
    """Ours without what theirs deleted, with theirs' additions: an ordered union in which
    each repeat of a value counts on its own."""
    b, o, t = (_tokens(side) for side in (base, ours, theirs))
    base_set, theirs_set, ours_set = set(b), set(t), set(o)
    kept = [token for token in o if token not in base_set or token in theirs_set]
    added = [token for token in t if token not in base_set and token not in ours_set]
    values = dict(zip(o, ours)) | dict(zip(t, theirs))
    return [values[token] for token in _insert_after_anchors(kept, added, t)]


def _tokens(values: list) -> list[tuple[str, int]]:
    seen: dict[str, int] = {}
    tokens = []
    for value in values:
        text = json.dumps(value, sort_keys=True, ensure_ascii=False)
        seen[text] = seen.get(text, 0) + 1
        tokens.append((text, seen[text]))
    return tokens


def _insert_after_anchors(result: list, additions: list, theirs_order: list) -> list:
    """``result`` with each of ``additions`` placed after the nearest item before it in
    ``theirs_order`` that is already placed (at the start when there is none)."""
    if not additions:
        return result
    result = list(result)
    placed = set(result)
    position = {item: i for i, item in enumerate(theirs_order)}
    for item in sorted(additions, key=position.__getitem__):
        anchor = next((theirs_order[i] for i in range(position[item] - 1, -1, -1)
                       if theirs_order[i] in placed), None)
        result.insert(0 if anchor is None else result.index(anchor) + 1, item)
        placed.add(item)
    return result


# Ids: collisions between the two sides, and references left dangling ---------------------


def _id_items(data: Any, path: str = "") -> Iterable[tuple[str, str, dict]]:
    """Every object with an ``id`` in a list: (id, the list's path without keys, object)."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _id_items(value, f"{path}.{key}")
    elif isinstance(data, list):
        for item in data:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                yield item["id"], path, item
            yield from _id_items(item, path + "[]")


def _all_ids(data: dict) -> set[str]:
    return {item_id for item_id, _, _ in _id_items(data)}


def _renamed_collisions(base: dict, ours: dict, theirs: dict) -> dict:
    """``theirs`` with a fresh id for each item it added under an id ours added too for a
    different item; theirs' references to it follow."""
    base_ids = _all_ids(base)
    ours_items = {item_id: (kind, item) for item_id, kind, item in _id_items(ours)}
    clashes = [item_id for item_id, kind, item in _id_items(theirs)
               if item_id not in base_ids and item_id in ours_items and ours_items[item_id] != (kind, item)]
    if not clashes:
        return theirs
    taken = base_ids | set(ours_items) | _all_ids(theirs)
    renames = {}
    for old in clashes:
        prefix = re.sub(r"\d+$", "", old) or old
        number = 1
        while f"{prefix}{number}" in taken:
            number += 1
        renames[old] = f"{prefix}{number}"
        taken.add(renames[old])
    return _rename(theirs, renames)


def _rename(data: Any, renames: dict[str, str]) -> Any:
    """A copy of the document with the ids of ``renames`` changed wherever they name an item."""
    data = json.loads(json.dumps(data))
    for _, _, item in _id_items(data):
        if item["id"] in renames:
            item["id"] = renames[item["id"]]
    for node in data.get("analysis", {}).get("whys", []):
        node["parent"] = renames.get(node.get("parent"), node.get("parent"))
    for action in data.get("actions", []):
        action["causes"] = [renames.get(cause, cause) for cause in action.get("causes", [])]
    for dismissed in data.get("dismissed_findings", []):
        rule, _, rest = dismissed["key"].partition(":")
        location, colon, matched = rest.partition(":")
        if colon and location in renames:
            dismissed["key"] = f"{rule}:{renames[location]}:{matched}"
    return data


def _dangling(data: dict) -> set[str]:
    """Ids named by a why's parent or an action's cause that name nothing in ``data``."""
    analysis = data.get("analysis", {})
    whys = {node["id"] for node in analysis.get("whys", [])}
    causes = whys | {cause["id"] for bone in analysis.get("fishbone", []) for cause in bone.get("causes", [])}
    named = {node["parent"] for node in analysis.get("whys", []) if node.get("parent") is not None}
    missing = {parent for parent in named if parent not in whys}
    return missing | {cause for action in data.get("actions", []) for cause in action.get("causes", [])
                      if cause not in causes}
