"""Stage 2 of the document: the timeline's events and the impact."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from postmortem import vocab
from postmortem.fields import Reader, field_names, format_time


@dataclass(slots=True)
class Event:
    """One timeline entry: when (aware UTC), what happened, and the milestone it marks, if any."""

    id: str
    at: datetime
    text: str = ""
    milestone: str | None = None
    source: str = ""
    internal: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "at": format_time(self.at), "text": self.text,
                "milestone": self.milestone, "source": self.source, "internal": self.internal}

    @classmethod
    def read(cls, r: Reader) -> "Event":
        r.refuse_unknown(field_names(cls))
        return cls(id=r.item_id(), at=r.time("at"), text=r.text("text"),
                   milestone=r.choice("milestone", vocab.MILESTONES, nullable=True),
                   source=r.text("source"), internal=r.flag("internal"))


@dataclass(slots=True)
class Impact:
    """Stage 2: who and what was affected; ``None`` answers are not known yet."""

    users_affected: str = ""
    customer_visible: bool | None = None
    data_integrity: str | None = None
    data_integrity_notes: str = ""
    sla_breach: bool | None = None
    sla_notes: str = ""
    comms_aligned: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"users_affected": self.users_affected, "customer_visible": self.customer_visible,
                "data_integrity": self.data_integrity, "data_integrity_notes": self.data_integrity_notes,
                "sla_breach": self.sla_breach, "sla_notes": self.sla_notes,
                "comms_aligned": self.comms_aligned}

    @classmethod
    def read(cls, r: Reader) -> "Impact":
        r.refuse_unknown(field_names(cls))
        return cls(
            users_affected=r.text("users_affected"),
            customer_visible=r.flag("customer_visible", None, nullable=True),
            data_integrity=r.choice("data_integrity", vocab.DATA_INTEGRITY, nullable=True),
            data_integrity_notes=r.text("data_integrity_notes"),
            sla_breach=r.flag("sla_breach", None, nullable=True), sla_notes=r.text("sla_notes"),
            comms_aligned=r.flag("comms_aligned"),
        )
