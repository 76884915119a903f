"""The postmortem document (DESIGN §4) as dataclasses.

``Postmortem.from_dict(d).to_dict() == d`` for every valid document: optional fields that
were added after v1 (``dismissed_findings``, ``facilitator_notes``) are written only when they hold something.
Instances are mutable because the app edits them in place; every mutation is followed by
an autosave of ``to_dict()``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from postmortem import vocab
from postmortem.fields import Reader, ValidationError, field_names, format_time
from postmortem.i18n import t
from postmortem.ids import is_valid_id
from postmortem.meeting import Meeting
from postmortem.references import check_references
from postmortem.sections.actions import Action
from postmortem.sections.carry_over import CarryOverAnswer
from postmortem.sections.analysis import Analysis, Cause, FishboneCategory, Lessons, WhyNode
from postmortem.sections.communication import Communication, FollowUp
from postmortem.sections.conflicts import Conflict
from postmortem.sections.parking import ParkedTopic
from postmortem.sections.scope import Scope, Sensitivity
from postmortem.sections.timeline import Event, Impact

__all__ = ["Action", "Analysis", "CarryOverAnswer", "Cause", "Communication", "Conflict",
           "DismissedFinding", "Event", "FishboneCategory", "FollowUp", "Impact", "Lessons",
           "ParkedTopic", "Postmortem", "Scope", "Sensitivity", "WhyNode"]


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
    parking_lot: list[ParkedTopic] = field(default_factory=list)
    # Answers for other postmortems' actions, kept until their file is free (issue 14).
    carry_over: list[CarryOverAnswer] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)  # left by a merge, until settled
    # The review meeting's clock. Not compared: it is no edit of the document, so undo never
    # winds the clock back (postmortem.history leaves fields that are not compared alone).
    meeting: Meeting = field(default_factory=Meeting, compare=False)
    # The facilitator's private notes (issue 15): never shown in sharing-safe mode, in no
    # export but the internal one on request. Optional, omitted from the file while empty.
    facilitator_notes: str = ""
    # The language the document is written in; its exports speak it. None until chosen.
    language: str | None = None

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
        if self.parking_lot:
            data["parking_lot"] = [p.to_dict() for p in self.parking_lot]
        if self.carry_over:
            data["carry_over"] = [answer.to_dict() for answer in self.carry_over]
        if self.conflicts:
            data["conflicts"] = [c.to_dict() for c in self.conflicts]
        if not self.meeting.is_empty():
            data["meeting"] = self.meeting.to_dict()
        if self.facilitator_notes:
            data["facilitator_notes"] = self.facilitator_notes
        if self.language:
            data["language"] = self.language
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
            parking_lot=[ParkedTopic.read(p) for p in r.objects("parking_lot")],
            carry_over=[CarryOverAnswer.read(a) for a in r.objects("carry_over")],
            conflicts=[Conflict.read(c) for c in r.objects("conflicts")],
            meeting=Meeting.read(r.child("meeting")),
            facilitator_notes=r.text("facilitator_notes"),
            # Omitted while unset; written, it is one of the languages (null is not one).
            language=(r.choice("language", vocab.DOCUMENT_LANGUAGES) if "language" in r.data
                      else None),
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

    def used_ids(self) -> set[str]:
        """Every item id of the document (events, why-nodes, causes, actions, parked topics,
        follow-up reviews)."""
        return ({e.id for e in self.timeline} | self.cause_ids() | {a.id for a in self.actions}
                | {p.id for p in self.parking_lot}
                | {f.id for f in self.communication.follow_ups if f.id})

    def next_id(self, prefix: str) -> str:
        """A fresh item id such as ``e26`` for events, unique across the whole document."""
        return self.next_ids(prefix, 1)[0]

    def next_ids(self, prefix: str, count: int) -> list[str]:
        """``count`` fresh item ids (``f2``, ``f3``), for items added together."""
        used, fresh = self.used_ids(), []
        n = 1
        while len(fresh) < count:
            if f"{prefix}{n}" not in used:
                fresh.append(f"{prefix}{n}")
            n += 1
        return fresh
