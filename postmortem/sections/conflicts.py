"""What a merge could not decide (postmortem/merge.py): the value each side gave a place of
the document, kept until the facilitator settles it. Optional field of the v1 format, omitted
from the file while empty."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from postmortem.fields import Reader, ValidationError, field_names
from postmortem.i18n import t


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
            if not _is_json(value):
                raise ValidationError(r.at(side), value, t("team_git.validation.not_json"))
        return cls(path, *values)


def _is_json(value: Any, depth: int = 0) -> bool:
    """A value JSON can hold (what a file gives), not too deep to walk."""
    if depth > 64:
        return False
    if value is None or isinstance(value, (str, bool, int, float)):
        return True
    if isinstance(value, list):
        return all(_is_json(item, depth + 1) for item in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _is_json(v, depth + 1) for k, v in value.items())
    return False
