"""The postmortem document (DESIGN §4) as dataclasses.

``Postmortem.from_dict(d).to_dict() == d`` for every valid document: optional fields that
were added after v1 (``dismissed_findings``) are written only when they hold something.
Instances are mutable because the app edits them in place; every mutation is followed by
an autosave of ``to_dict()``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Iterator

from postmortem import vocab
from postmortem.fields import Reader, ValidationError, field_names, format_time
from postmortem.i18n import t
from postmortem.ids import is_valid_id
from postmortem.references import check_references


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

    def to_dict(self) -> dict[str, Any]:
        return {
            "triggers": list(self.triggers), "audiences": list(self.audiences),
            "sensitivity": self.sensitivity.to_dict(), "customer_facing": self.customer_facing,
            "depth": self.depth, "owner": self.owner, "facilitator": self.facilitator,
            "participants": list(self.participants),
        }

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
        )

    def people(self) -> list[str]:
        """Everyone named in the scope, without repeats, in a stable order."""
        seen: dict[str, None] = {}
        for name in [self.owner, self.facilitator, *self.participants]:
            if name.strip():
                seen.setdefault(name.strip(), None)
        return list(seen)


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


@dataclass(slots=True)
class Action:
    """Stage 5: an action item and the causes (why-node or fishbone ids) it addresses.
    ``internal``: never published in the customer-facing version (written only when true,
    so files from before the flag read and write back unchanged)."""

    id: str
    title: str = ""
    type: str = "prevent"
    owner: str = ""
    due: date | None = None
    tracker: str = ""
    status: str = "open"
    causes: list[str] = field(default_factory=list)
    internal: bool = False

    def to_dict(self) -> dict[str, Any]:
        data = {"id": self.id, "title": self.title, "type": self.type, "owner": self.owner,
                "due": self.due.isoformat() if self.due else None, "tracker": self.tracker,
                "status": self.status, "causes": list(self.causes)}
        if self.internal:
            data["internal"] = True
        return data

    @classmethod
    def read(cls, r: Reader) -> "Action":
        r.refuse_unknown(field_names(cls))
        return cls(id=r.item_id(), title=r.text("title"),
                   type=r.choice("type", vocab.ACTION_TYPES, "prevent"), owner=r.text("owner"),
                   due=r.day("due"), tracker=r.text("tracker"),
                   status=r.choice("status", vocab.ACTION_STATUSES, "open"), causes=r.texts("causes"),
                   internal=r.flag("internal"))

    @property
    def is_open(self) -> bool:
        return self.status in ("open", "in-progress")


@dataclass(slots=True)
class FollowUp:
    """A scheduled follow-up review of the actions."""

    due: date
    label: str = ""
    done: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"due": self.due.isoformat(), "label": self.label, "done": self.done}

    @classmethod
    def read(cls, r: Reader) -> "FollowUp":
        r.refuse_unknown(field_names(cls))
        return cls(due=r.day("due", nullable=False), label=r.text("label"), done=r.flag("done"))


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


@dataclass(slots=True)
class DismissedFinding:
    """A rule finding (blame, vagueness) the facilitator dismissed, with the reason.

    ``key`` identifies the finding: ``<rule>:<item id or field>:<matched text>``.
    Optional field added to the v1 format; omitted from the file while empty.
    """

    key: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "reason": self.reason}

    @classmethod
    def read(cls, r: Reader) -> "DismissedFinding":
        r.refuse_unknown(field_names(cls))
        return cls(key=r.text("key", required=True), reason=r.text("reason", required=True))


@dataclass(slots=True)
class Postmortem:
    """A whole postmortem document: the six stages plus identity and status."""

    id: str
    title: str = ""
    incident_ref: str = ""
    severity: str | None = None
    status: str = "draft"
    meeting_at: datetime | None = None
    tags: list[str] = field(default_factory=list)
    scope: Scope = field(default_factory=Scope)
    timeline: list[Event] = field(default_factory=list)
    impact: Impact = field(default_factory=Impact)
    analysis: Analysis = field(default_factory=Analysis)
    lessons: Lessons = field(default_factory=Lessons)
    actions: list[Action] = field(default_factory=list)
    communication: Communication = field(default_factory=Communication)
    dismissed_findings: list[DismissedFinding] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "schema": vocab.SCHEMA, "id": self.id, "title": self.title,
            "incident_ref": self.incident_ref, "severity": self.severity, "status": self.status,
            "meeting_at": format_time(self.meeting_at) if self.meeting_at else None,
            "tags": list(self.tags), "scope": self.scope.to_dict(),
            "timeline": [e.to_dict() for e in self.timeline], "impact": self.impact.to_dict(),
            "analysis": self.analysis.to_dict(), "lessons": self.lessons.to_dict(),
            "actions": [a.to_dict() for a in self.actions],
            "communication": self.communication.to_dict(),
        }
        if self.dismissed_findings:
            data["dismissed_findings"] = [d.to_dict() for d in self.dismissed_findings]
        return data

    @classmethod
    def from_dict(cls, data: Any) -> "Postmortem":
        """Validate and read a document; raises ``ValidationError`` naming the field path."""
        r = Reader(data)
        r.refuse_unknown(field_names(cls) | {"schema"})
        schema = r.raw("schema", required=True)
        if schema != vocab.SCHEMA:
            raise ValidationError("schema", schema, t("validation.bad_schema", schema=vocab.SCHEMA))
        doc_id = r.raw("id", required=True)
        if not is_valid_id(doc_id):
            raise ValidationError("id", doc_id, t("validation.bad_id"))
        doc = cls(
            id=doc_id, title=r.text("title"), incident_ref=r.text("incident_ref"),
            severity=r.choice("severity", vocab.SEVERITIES, nullable=True),
            status=r.choice("status", vocab.STATUSES, "draft"),
            meeting_at=r.time("meeting_at", nullable=True), tags=r.texts("tags"),
            scope=Scope.read(r.child("scope")),
            timeline=[Event.read(e) for e in r.objects("timeline")],
            impact=Impact.read(r.child("impact")), analysis=Analysis.read(r.child("analysis")),
            lessons=Lessons.read(r.child("lessons")),
            actions=[Action.read(a) for a in r.objects("actions")],
            communication=Communication.read(r.child("communication")),
            dismissed_findings=[DismissedFinding.read(d) for d in r.objects("dismissed_findings")],
        )
        check_references(doc)
        return doc

    # Lookups used by rules and screens -------------------------------------------------

    def why(self, node_id: str) -> WhyNode | None:
        return next((w for w in self.analysis.whys if w.id == node_id), None)

    def cause_ids(self) -> set[str]:
        """Ids an action's ``causes`` may name: why-nodes and fishbone causes."""
        return {w.id for w in self.analysis.whys} | {c.id for _, c in self.analysis.causes()}

    def cause_text(self, cause_id: str) -> str | None:
        node = self.why(cause_id)
        if node is not None:
            return node.text
        return next((c.text for _, c in self.analysis.causes() if c.id == cause_id), None)

    def next_id(self, prefix: str) -> str:
        """A fresh item id such as ``e26`` for events, unique across the whole document."""
        used = ({e.id for e in self.timeline} | self.cause_ids() | {a.id for a in self.actions})
        n = 1
        while f"{prefix}{n}" in used:
            n += 1
        return f"{prefix}{n}"
