"""Creating new documents."""

from __future__ import annotations

from datetime import date, datetime, timezone

from postmortem import vocab
from postmortem.ids import slugify
from postmortem.model import Postmortem, Scope


def new_postmortem(doc_id: str, title: str, severity: str | None = None,
                   meeting_at: datetime | None = None) -> Postmortem:
    """A fresh draft: the depth is suggested from the severity; the meeting when known."""
    if severity is not None and severity not in vocab.SEVERITIES:
        raise ValueError(severity)
    return Postmortem(id=doc_id, title=title, severity=severity, meeting_at=meeting_at,
                      scope=Scope(depth=vocab.suggested_depth(severity)))


def new_postmortem_id(title: str, taken: set[str] | frozenset[str] = frozenset(), *,
                      incident_day: date | None = None,
                      meeting_at: datetime | None = None) -> str:
    """The id of a new postmortem: the incident's date when given, else the meeting's, else
    today's (UTC), then the title (``2026-03-04-checkout-latency``)."""
    day = incident_day or (meeting_at.date() if meeting_at is not None else utc_now().date())
    return slugify(title, day, taken=taken)


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(second=0, microsecond=0)
