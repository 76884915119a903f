"""Settling a conflict a merge recorded (``Postmortem.conflicts``): the facilitator keeps ours
or takes theirs for one place, and the record goes.

A conflict's ``path`` names the place: keys joined by dots, and an item of a list by its key
in brackets with the value as a JSON string (``analysis.fishbone[category="People"].causes[id="c2"].text``);
``""`` is the whole document. A side whose value is ``null`` at an item's path deleted the item.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from postmortem.fields import ValidationError
from postmortem.i18n import t
from postmortem.model import Postmortem

SIDES = ("ours", "theirs")
_NAME = re.compile(r"\.?([A-Za-z_][A-Za-z0-9_]*)")
_ITEM = re.compile(r'\[([A-Za-z_]+)=("(?:[^"\\]|\\.)*")\]')


class SettleError(ValueError):
    """The chosen value cannot go in the document; the message is one sentence."""


def parse_path(path: str) -> list[str | tuple[str, str]]:
    """The steps of a conflict's path: a key, or (item key, item value) for an item of a list;
    ``ValueError`` for a path this module did not write."""
    steps: list[str | tuple[str, str]] = []
    at = 0
    while at < len(path):
        name = _NAME.match(path, at) if (at == 0 or path[at] == ".") else None
        if name and (at > 0 or not path.startswith(".")):
            steps.append(name[1])
            at = name.end()
            continue
        item = _ITEM.match(path, at)
        if item is None:
            raise ValueError(path)
        steps.append((item[1], json.loads(item[2])))
        at = item.end()
    return steps


def settle(document: Postmortem, index: int, side: str) -> Postmortem:
    """``document`` with conflict ``index`` settled for ``side`` (``"ours"`` or ``"theirs"``)
    and its record removed; ``SettleError`` when the result would not be a valid postmortem."""
    data = document.to_dict()
    conflict = data["conflicts"].pop(index)
    value = copy.deepcopy(conflict[side])
    if conflict["path"] == "":
        if side == "theirs" and isinstance(value, dict):
            data = {**value, "id": data["id"], "conflicts": data["conflicts"]}
    else:
        try:
            _put(data, parse_path(conflict["path"]), value)
        except ValueError:
            raise SettleError(t("team_git.settle.bad_path", path=conflict["path"])) from None
    try:
        return Postmortem.from_dict(data)
    except ValidationError as error:
        raise SettleError(t("team_git.settle.invalid", problem=str(error))) from None


def _put(data: dict[str, Any], steps: list, value: Any) -> None:
    """Set the place ``steps`` leads to; a place that is gone since the merge is left alone."""
    holder: Any = data
    for step in steps[:-1]:
        holder = _step(holder, step)
        if holder is None:
            return
    last = steps[-1]
    if isinstance(last, str):
        if isinstance(holder, dict):
            holder[last] = value
        return
    if not isinstance(holder, list):
        return
    key, wanted = last
    found = next((i for i, item in enumerate(holder) if isinstance(item, dict) and item.get(key) == wanted), None)
    if value is None:
        if found is not None:
            removed = holder.pop(found)
            if key == "id":
                _forget(data, removed)
    elif found is None:
        holder.append(value)
    else:
        holder[found] = value


def _step(holder: Any, step: str | tuple[str, str]) -> Any:
    if isinstance(step, str):
        return holder.get(step) if isinstance(holder, dict) else None
    if not isinstance(holder, list):
        return None
    key, wanted = step
    return next((item for item in holder if isinstance(item, dict) and item.get(key) == wanted), None)


def _forget(data: dict[str, Any], removed: dict[str, Any]) -> None:
    """After an item is deleted: its child whys move up to its parent (their text stays), and
    actions' causes and dismissed findings that named it go."""
    item_id = removed["id"]
    for node in data["analysis"]["whys"]:
        if node["parent"] == item_id:
            node["parent"] = removed.get("parent")
    for action in data["actions"]:
        action["causes"] = [cause for cause in action["causes"] if cause != item_id]
    if "dismissed_findings" in data:
        data["dismissed_findings"] = [d for d in data["dismissed_findings"]
                                      if d["key"].split(":", 2)[1:2] != [item_id]]
