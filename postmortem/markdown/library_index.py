"""The README of an exported library (``postmortem export-library``, issue 17 §6): an index
table linking one Markdown file per postmortem, and, for the team, the library's figures.

Rules decided here:

- Rows are newest first, by the incident's start (else the meeting), undated ones last.
- Internal: date, title (the link), severity, status, owner, time to resolve, open actions,
  then the figures of ``postmortem stats``. External (a public incidents page): date, title,
  severity and time to resolve only — no owners, no internal status or figures.
- Every cell of user text is escaped (``escape``); a link's text is the escaped title and
  its target the postmortem's id (a slug) with ``.md``, so a title cannot break the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from postmortem import times
from postmortem.i18n import t
from postmortem.library_summary import DocumentSummary
from postmortem.markdown.common import Document, cell
from postmortem.markdown.escape import escape_cell, escape_inline
from postmortem.metrics import format_duration
from postmortem.stats import MEASURES, LibraryStats, completion_line, incident_day


@dataclass(frozen=True, slots=True)
class IndexEntry:
    summary: DocumentSummary
    file_name: str          # the postmortem's Markdown file, beside the README
    title: str              # as its file shows it (scrubbed of names in a customer version)


def readme(entries: Sequence[IndexEntry], audience: str, stats: LibraryStats | None) -> str:
    document = Document()
    document.heading(1, t(f"team.export.heading_{audience}"))
    document.paragraph(t(f"team.export.intro_{audience}", count=len(entries)))
    ordered = sorted(entries, key=lambda e: e.summary.id)
    ordered.sort(key=lambda e: (incident_day(e.summary) is not None,
                                incident_day(e.summary) or 0), reverse=True)
    internal = audience == "internal"
    keys = (("date", "title", "severity", "status", "owner", "time_to_resolve", "open_actions")
            if internal else ("date", "title", "severity", "time_to_resolve"))
    rows = []
    for entry in ordered:
        summary, row = entry.summary, entry.summary.row
        day = incident_day(summary)
        title = escape_cell(entry.title) or t("header.untitled")
        cells = {"date": times.show_date(day) if day else t("export.empty_value"),
                 "title": f"[{title}]({entry.file_name})",
                 "severity": cell(row.severity or ""),
                 "status": t(f"status.{row.status}"), "owner": cell(row.owner),
                 "time_to_resolve": format_duration(summary.since_start("resolved")),
                 "open_actions": str(len(summary.open_actions))}
        rows.append([cells[key] for key in keys])
    if rows:
        document.table([t(f"team.col.{key}") for key in keys], rows)
    else:
        document.paragraph(t("team.export.none"))
    if internal and stats is not None:
        stats_section(document, stats)
    return document.render()


def stats_section(document: Document, stats: LibraryStats) -> None:
    document.heading(2, t("team.export.figures"))
    if stats.by_severity:
        document.table([t("team.col.severity"), t("team.stats.count")],
                       [[t("team.stats.no_severity") if name == "none" else name, str(count)]
                        for name, count in stats.by_severity])
    if stats.quarters:
        document.heading(3, t("team.stats.by_quarter"))
        document.table([t("team.stats.quarter"), t("team.stats.count"),
                        *(t(f"team.stats.median.{m}") for m in MEASURES)],
                       [[q.label, str(q.count), *(format_duration(q.medians[m]) for m in MEASURES)]
                        for q in reversed(stats.quarters)])
    document.bullets([escape_inline(line) for line in (
        completion_line(stats), t("team.stats.overdue_actions", count=stats.overdue_actions),
        t("team.stats.overdue_reviews", count=stats.overdue_reviews))])
    for key, items in (("recurring_tags", stats.recurring_tags),
                       ("recurring_causes", stats.recurring_causes)):
        document.heading(3, t(f"team.stats.{key}"))
        document.bullets([f"{escape_inline(text)} ({count})" for text, count in items])
