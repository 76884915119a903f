"""The parking lot: topics raised during the meeting that would derail the stage being
discussed, written down to be settled on stage 5 (an action, an idea kept, or dropped)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from postmortem import vocab
from postmortem.fields import Reader, ValidationError, field_names, format_time
from postmortem.i18n import t

STAGES = range(1, 7)


@dataclass(slots=True)
class ParkedTopic:
    """One parked topic: what was raised, on which stage (1–6), when (aware UTC), and how it
    was settled. ``action`` is the id of the action item it became (outcome ``action``)."""

    id: str
    text: str
    stage: int
    raised_at: datetime
    outcome: str | None = None
    reason: str = ""
    action: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "stage": self.stage,
                "raised_at": format_time(self.raised_at), "outcome": self.outcome,
                "reason": self.reason, "action": self.action}

    @classmethod
    def read(cls, r: Reader) -> "ParkedTopic":
        r.refuse_unknown(field_names(cls))
        action = r.raw("action")
        if action is not None:
            action = r.item_id("action")
        return cls(id=r.item_id(), text=r.text("text", required=True), stage=_stage(r),
                   raised_at=r.time("raised_at"),
                   outcome=r.choice("outcome", vocab.PARKING_OUTCOMES, nullable=True),
                   reason=r.text("reason"), action=action)

    @property
    def settled(self) -> bool:
        return self.outcome is not None


def _stage(r: Reader) -> int:
    value = r.raw("stage", required=True)
    # bool is an int in Python; true is not a stage.
    if not isinstance(value, int) or isinstance(value, bool) or value not in STAGES:
        raise ValidationError(r.at("stage"), value, t("validation.not_stage"))
    return value
