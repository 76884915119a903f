"""What a merge could not decide (postmortem/merge.py): the value each side gave a place of
the document, kept until the facilitator settles it. Optional field of the v1 format, omitted
from the file while empty."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from postmortem.fields import Reader, ValidationError, field_names
from postmortem.i18n import t
from postmortem.writable import text_problem


@dataclass(slots=True)
class Conflict:
    """``path`` names the place (``actions[id="a3"].title``; ``""`` is the whole document);
    ``ours``, ``theirs`` and ``base`` are the JSON values the two sides and their common
    ancestor had there (``null`` for an item that side deleted)."""

    path: str
    ours: Any = None
    theirs: Any = None
    base: Any = None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "ours": self.ours, "theirs": self.theirs, "base": self.base}

    @classmethod
    def read(cls, r: Reader) -> "Conflict":
        r.refuse_unknown(field_names(cls))
        path = r.text("path", required=True)
        values = [r.raw(side, required=True) for side in ("ours", "theirs", "base")]
        for side, value in zip(("ours", "theirs", "base"), values):
            problem = _value_problem(value)
            if problem is not None:
                raise ValidationError(r.at(side), value, problem)
        return cls(path, *values)


def _value_problem(value: Any, depth: int = 0) -> str | None:
    """Why ``value`` cannot be kept (not JSON, too deep to walk, text no writer can write),
    or None."""
    if depth > 64:
        return t("team_git.validation.not_json")
    if isinstance(value, str):
        return text_problem(value)
    if isinstance(value, float) and not math.isfinite(value):
        return t("team_git.validation.not_json")  # NaN and infinities are not JSON
    if value is None or isinstance(value, (bool, int, float)):
        return None
    if isinstance(value, list):
        return next((p for item in value if (p := _value_problem(item, depth + 1))), None)
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            return t("team_git.validation.not_json")
        return _value_problem([*value, *value.values()], depth)
    return t("team_git.validation.not_json")
