"""Stage 6 of the document: the summaries, who was told, legal review and follow-up reviews."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from postmortem import vocab
from postmortem.fields import Reader, field_names


@dataclass(slots=True)
class FollowUp:
    """A scheduled follow-up review of the actions. ``id`` (``f1``, ``f2``…) is given when a
    review is made in the app or imported; files written before follow-ups had ids have none,
    and keep none (it is omitted while empty, so they round-trip). A merge matches follow-ups
    by it."""

    due: date
    label: str = ""
    done: bool = False
    id: str = ""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"due": self.due.isoformat(), "label": self.label, "done": self.done}
        if self.id:
            data["id"] = self.id
        return data

    @classmethod
    def read(cls, r: Reader) -> "FollowUp":
        r.refuse_unknown(field_names(cls))
        return cls(due=r.day("due", nullable=False), label=r.text("label"), done=r.flag("done"),
                   id=r.item_id() if "id" in r.data else "")


@dataclass(slots=True)
class Communication:
    """Stage 6: the summaries, who was told, legal review and follow-up reviews."""

    internal_summary: str = ""
    customer_summary: str = ""
    shared_with: list[str] = field(default_factory=list)
    legal_review: str = "not-needed"
    follow_ups: list[FollowUp] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"internal_summary": self.internal_summary, "customer_summary": self.customer_summary,
                "shared_with": list(self.shared_with), "legal_review": self.legal_review,
                "follow_ups": [f.to_dict() for f in self.follow_ups]}

    @classmethod
    def read(cls, r: Reader) -> "Communication":
        r.refuse_unknown(field_names(cls))
        return cls(internal_summary=r.text("internal_summary"),
                   customer_summary=r.text("customer_summary"), shared_with=r.texts("shared_with"),
                   legal_review=r.choice("legal_review", vocab.LEGAL_REVIEWS, "not-needed"),
                   follow_ups=[FollowUp.read(f) for f in r.objects("follow_ups")])
