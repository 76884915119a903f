"""What a list of postmortems shows of each (issue 11 §7): read without reading the rest.

``list`` and the library screen show a title, severity, status, meeting, owner and tags, and
mark the postmortems a merge left conflicts in (the ``conflicts`` field: only counted here; each
is read by its own rules when the document is opened).
Validating the whole document for that made one hostile file (a 20,000-node why chain) cost
the whole library seconds, and one bad value anywhere hid the row's title. ``read_summary``
picks these fields out of the parsed JSON and checks them by the rules of the document
(``Postmortem.from_dict`` checks them again, with the rest, when the document is opened).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from postmortem import vocab
from postmortem.fields import Reader, ValidationError, format_time
from postmortem.i18n import t


@dataclass(slots=True, frozen=True)
class Summary:
    """The fields of a postmortem a library row shows."""

    title: str = ""
    severity: str | None = None
    status: str = "draft"
    meeting_at: datetime | None = None
    owner: str = ""
    tags: tuple[str, ...] = ()
    conflicts: int = 0          # merge conflicts recorded in the file, not settled yet


def read_summary(data: Any) -> Summary:
    """The summary of a document given as parsed JSON; a ``ValidationError`` naming the field
    path when one of the fields shown (or the schema) is wrong. Other fields are not looked at."""
    r = Reader(data)
    schema = r.raw("schema", required=True)
    if schema != vocab.SCHEMA:
        raise ValidationError("schema", schema, t("validation.bad_schema", schema=vocab.SCHEMA))
    scope = r.child("scope")
    return Summary(title=r.text("title"),
                   severity=r.choice("severity", vocab.SEVERITIES, nullable=True),
                   status=r.choice("status", vocab.STATUSES, "draft"),
                   meeting_at=r.time("meeting_at", nullable=True),
                   owner=scope.text("owner"), tags=tuple(r.texts("tags")),
                   conflicts=len(r.objects("conflicts")))


def summary_data(summary: Summary) -> dict[str, Any]:
    """The summary as a partial document, which ``read_summary`` reads back equal."""
    return {
        "schema": vocab.SCHEMA, "title": summary.title, "severity": summary.severity,
        "status": summary.status,
        "meeting_at": format_time(summary.meeting_at) if summary.meeting_at else None,
        "tags": list(summary.tags), "scope": {"owner": summary.owner},
        # Only their number is read back (read_summary counts them): no values to keep.
        "conflicts": [{} for _ in range(summary.conflicts)],
    }
