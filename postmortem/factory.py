"""Creating new documents."""

from __future__ import annotations

from datetime import datetime, timezone

from postmortem import vocab
from postmortem.model import Postmortem, Scope


def new_postmortem(doc_id: str, title: str, severity: str | None = None) -> Postmortem:
    """A fresh draft: the depth is suggested from the severity, the meeting is left open."""
    if severity is not None and severity not in vocab.SEVERITIES:
        raise ValueError(severity)
    return Postmortem(id=doc_id, title=title, severity=severity,
                      scope=Scope(depth=vocab.suggested_depth(severity)))


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(second=0, microsecond=0)
