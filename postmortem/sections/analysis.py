"""Stages 3 and 4 of the document: the analysis (problem, five whys, fishbone) and the lessons."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from postmortem import vocab
from postmortem.fields import Reader, ValidationError, field_names
from postmortem.i18n import t


@dataclass(slots=True)
class WhyNode:
    """A node of the five-whys tree; ``parent`` is None for a top-level why."""

    id: str
    parent: str | None = None
    text: str = ""
    evidence: str = ""
    role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "parent": self.parent, "text": self.text,
                "evidence": self.evidence, "role": self.role}

    @classmethod
    def read(cls, r: Reader) -> "WhyNode":
        r.refuse_unknown(field_names(cls))
        parent = r.raw("parent")
        if parent is not None and not isinstance(parent, str):
            raise ValidationError(r.at("parent"), parent, t("validation.not_text"))
        return cls(id=r.item_id(), parent=parent, text=r.text("text"), evidence=r.text("evidence"),
                   role=r.choice("role", vocab.ROLES, nullable=True))


@dataclass(slots=True)
class Cause:
    """A cause on one bone of the fishbone."""

    id: str
    text: str = ""
    role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "role": self.role}

    @classmethod
    def read(cls, r: Reader) -> "Cause":
        r.refuse_unknown(field_names(cls))
        return cls(id=r.item_id(), text=r.text("text"), role=r.choice("role", vocab.ROLES, nullable=True))


@dataclass(slots=True)
class FishboneCategory:
    """A bone of the fishbone (a category name) with its causes."""

    category: str
    causes: list[Cause] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"category": self.category, "causes": [c.to_dict() for c in self.causes]}

    @classmethod
    def read(cls, r: Reader) -> "FishboneCategory":
        r.refuse_unknown(field_names(cls))
        return cls(category=r.text("category", required=True),
                   causes=[Cause.read(c) for c in r.objects("causes")])


@dataclass(slots=True)
class Analysis:
    """Stage 3: the problem statement, the five-whys tree and the fishbone."""

    problem: str = ""
    whys: list[WhyNode] = field(default_factory=list)
    fishbone: list[FishboneCategory] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"problem": self.problem, "whys": [w.to_dict() for w in self.whys],
                "fishbone": [c.to_dict() for c in self.fishbone]}

    @classmethod
    def read(cls, r: Reader) -> "Analysis":
        r.refuse_unknown(field_names(cls))
        return cls(problem=r.text("problem"), whys=[WhyNode.read(w) for w in r.objects("whys")],
                   fishbone=[FishboneCategory.read(c) for c in r.objects("fishbone")])

    def causes(self) -> Iterator[tuple[str, Cause]]:
        """Every fishbone cause with its category name."""
        for category in self.fishbone:
            for cause in category.causes:
                yield category.category, cause


@dataclass(slots=True)
class Lessons:
    """Stage 4: what went well, what went wrong, where we were lucky."""

    went_well: list[str] = field(default_factory=list)
    went_wrong: list[str] = field(default_factory=list)
    lucky: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"went_well": list(self.went_well), "went_wrong": list(self.went_wrong),
                "lucky": list(self.lucky)}

    @classmethod
    def read(cls, r: Reader) -> "Lessons":
        r.refuse_unknown(field_names(cls))
        return cls(went_well=r.texts("went_well"), went_wrong=r.texts("went_wrong"),
                   lucky=r.texts("lucky"))
