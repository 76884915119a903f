"""What the views across a library read of each postmortem (issue 17 §7), without the rest.

``actions``, ``stats``, the library's Actions and Reviews views and the repeated-failure check
need, of every postmortem, its row (``summary.Summary``), its marked causes, its action items,
its follow-up reviews and the first time each milestone was reached. ``read_document_summary``
picks these out of a file's parsed JSON and checks each by the rules of the document (action
items and follow-ups are read by their own ``read``), without validating anything else: a
library of thousands reads at the cost of parsing it.

``cache_data`` writes a summary back as a (partial) document, so a cached summary is read by
``read_document_summary`` too: an entry of the cache is checked by the same rules as the file,
and a cache that holds something else is simply not used.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from postmortem import vocab
from postmortem.fields import Reader, format_time
from postmortem.model import Action, FollowUp, Postmortem
from postmortem.recurrence import (CONTRIBUTING, ROOT_CAUSE, RecurrenceSummary, read_id,
                                   read_marked_causes)
from postmortem.summary import Summary, read_summary, summary_data


@dataclass(slots=True, frozen=True)
class DocumentSummary:
    """One postmortem as the library's views see it."""

    id: str
    row: Summary
    root_causes: tuple[str, ...] = ()
    contributing: tuple[str, ...] = ()
    actions: tuple[Action, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()
    milestones: tuple[tuple[str, datetime], ...] = ()   # milestone → when first reached

    @property
    def recurrence(self) -> RecurrenceSummary:
        return RecurrenceSummary(self.id, self.row.title, self.row.tags, self.root_causes,
                                 self.contributing)

    def since_start(self, milestone: str) -> timedelta | None:
        """Time to detect / mitigate / resolve (``metrics``' rule): None when an end is missing."""
        reached = dict(self.milestones)
        if "start" not in reached or milestone not in reached:
            return None
        return reached[milestone] - reached["start"]

    @property
    def open_actions(self) -> tuple[Action, ...]:
        return tuple(action for action in self.actions if action.is_open)

    def overdue_actions(self, today: date) -> tuple[Action, ...]:
        return tuple(a for a in self.open_actions if a.due is not None and a.due < today)


def document_summary(doc: Postmortem) -> DocumentSummary:
    """The summary of a document already read in full."""
    from postmortem.metrics import milestone_times
    marked = [*doc.analysis.whys, *(cause for _, cause in doc.analysis.causes())]
    return DocumentSummary(
        id=doc.id,
        row=Summary(title=doc.title, severity=doc.severity, status=doc.status,
                    meeting_at=doc.meeting_at, owner=doc.scope.owner, tags=tuple(doc.tags)),
        root_causes=tuple(item.text for item in marked if item.role == ROOT_CAUSE),
        contributing=tuple(item.text for item in marked if item.role == CONTRIBUTING),
        actions=tuple(doc.actions), follow_ups=tuple(doc.communication.follow_ups),
        milestones=_in_order(milestone_times(doc)))


def read_document_summary(data: Any) -> DocumentSummary:
    """The summary of a document given as parsed JSON (a file's, or a cache entry's); a
    ``ValidationError`` naming the field path when a field it reads is wrong."""
    row = read_summary(data)
    r = Reader(data)
    doc_id = read_id(r)
    root_causes, contributing = read_marked_causes(r)
    first: dict[str, datetime] = {}
    for event in r.objects("timeline"):
        milestone = event.choice("milestone", vocab.MILESTONES, nullable=True)
        if milestone is None:
            continue
        at = event.time("at")
        if milestone not in first or at < first[milestone]:  # the earliest; on a tie, the first
            first[milestone] = at
    communication = r.child("communication")
    return DocumentSummary(
        id=doc_id, row=row,
        root_causes=root_causes, contributing=contributing,
        actions=tuple(Action.read(item) for item in r.objects("actions")),
        follow_ups=tuple(FollowUp.read(item) for item in communication.objects("follow_ups")),
        milestones=_in_order(first))


def cache_data(summary: DocumentSummary) -> dict[str, Any]:
    """The summary as a partial document, which ``read_document_summary`` reads back equal."""
    return {
        **summary_data(summary.row), "id": summary.id,
        "analysis": {"whys": [{"text": text, "role": role}
                              for role, texts in ((ROOT_CAUSE, summary.root_causes),
                                                  (CONTRIBUTING, summary.contributing))
                              for text in texts]},
        "actions": [action.to_dict() for action in summary.actions],
        "communication": {"follow_ups": [f.to_dict() for f in summary.follow_ups]},
        "timeline": [{"at": format_time(at), "milestone": name} for name, at in summary.milestones],
    }


def _in_order(reached: dict[str, datetime]) -> tuple[tuple[str, datetime], ...]:
    return tuple((name, reached[name]) for name in vocab.MILESTONES if name in reached)
