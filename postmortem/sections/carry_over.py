"""Answers about another postmortem's open action that wait to be written there (issue 14).

The room settles an open action carried over from a related postmortem; the answer goes into
that postmortem's file at once. When that file is open in another window (its writer lock is
held), the answer is kept here, in the document of the meeting that gave it, until it can be
written: in the file rather than in memory, so quitting, a crash or the end of the meeting
never loses what the room decided.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from postmortem import vocab
from postmortem.fields import Reader, ValidationError, field_names
from postmortem.i18n import t
from postmortem.ids import is_valid_id


@dataclass(slots=True)
class CarryOverAnswer:
    """``postmortem``'s action ``action`` is ``outcome``: ``done``, still ``open`` until
    ``due``, or ``wont-do`` because of ``reason``."""

    postmortem: str
    action: str
    outcome: str
    due: date | None = None
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"postmortem": self.postmortem, "action": self.action,
                                "outcome": self.outcome}
        if self.due is not None:
            data["due"] = self.due.isoformat()
        if self.reason:
            data["reason"] = self.reason
        return data

    @classmethod
    def read(cls, r: Reader) -> "CarryOverAnswer":
        r.refuse_unknown(field_names(cls))
        other = r.text("postmortem", required=True)
        if not is_valid_id(other):
            raise ValidationError(r.at("postmortem"), other, t("validation.bad_id"))
        action = r.item_id("action")
        r.raw("outcome", required=True)  # no default: an answer says what was decided
        return cls(postmortem=other, action=action,
                   outcome=r.choice("outcome", vocab.CARRY_OVER_OUTCOMES),
                   due=r.day("due"), reason=r.text("reason"))
