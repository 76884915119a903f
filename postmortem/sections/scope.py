"""Stage 1 of the document: why the postmortem is held, for whom, how deep, who takes part."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from postmortem import vocab
from postmortem.fields import Reader, field_names
from postmortem.sections.roster import RosterEntry


@dataclass(slots=True)
class Sensitivity:
    """Whether the incident touched personal data or security (scope, stage 1)."""

    pii: bool = False
    security: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"pii": self.pii, "security": self.security}

    @classmethod
    def read(cls, r: Reader) -> "Sensitivity":
        r.refuse_unknown(field_names(cls))
        return cls(pii=r.flag("pii"), security=r.flag("security"))


@dataclass(slots=True)
class Scope:
    """Stage 1: why this postmortem is held, for whom, how deep, and who takes part."""

    triggers: list[str] = field(default_factory=list)
    audiences: list[str] = field(default_factory=list)
    sensitivity: Sensitivity = field(default_factory=Sensitivity)
    customer_facing: bool = False
    depth: str | None = None
    owner: str = ""
    facilitator: str = ""
    participants: list[str] = field(default_factory=list)
    # Who does what in the meeting (issue 14); written only while it holds an entry.
    roster: list[RosterEntry] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = {
            "triggers": list(self.triggers), "audiences": list(self.audiences),
            "sensitivity": self.sensitivity.to_dict(), "customer_facing": self.customer_facing,
            "depth": self.depth, "owner": self.owner, "facilitator": self.facilitator,
            "participants": list(self.participants),
        }
        if self.roster:
            data["roster"] = [entry.to_dict() for entry in self.roster]
        return data

    @classmethod
    def read(cls, r: Reader) -> "Scope":
        r.refuse_unknown(field_names(cls))
        return cls(
            triggers=r.choices("triggers", vocab.TRIGGERS),
            audiences=r.choices("audiences", vocab.AUDIENCES),
            sensitivity=Sensitivity.read(r.child("sensitivity")),
            customer_facing=r.flag("customer_facing"),
            depth=r.choice("depth", vocab.DEPTHS, nullable=True),
            owner=r.text("owner"), facilitator=r.text("facilitator"),
            participants=r.texts("participants"),
            roster=[RosterEntry.read(entry) for entry in r.objects("roster")],
        )

    def people(self) -> list[str]:
        """Everyone named in the scope, without repeats, in a stable order."""
        seen: dict[str, None] = {}
        for name in [self.owner, self.facilitator, *self.participants]:
            if name.strip():
                seen.setdefault(name.strip(), None)
        return list(seen)
