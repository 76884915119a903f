"""Figures across a library (issue 17 §4, ``postmortem stats``): pure functions of the summaries.

Rules decided here:

- A postmortem falls in the quarter of its incident's start milestone, else of its meeting;
  with neither it is counted as undated.
- Time to detect / mitigate / resolve by quarter is the median over the postmortems of the
  quarter that have both milestones (``metrics``' rule: earliest event of each); a quarter
  without any shows "—", never zero.
- Action completion rate = done ÷ every action except those marked won't do (a decision not
  to act is not an action left undone). No actions: no rate.
- Overdue: open actions past their due date, follow-up reviews not done past theirs.
- Recurring: tags, and root-cause texts compared as the repeated-failure check compares them
  exactly (case, width and punctuation ignored), found on two postmortems or more.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from postmortem import vocab
from postmortem.cells import pad
from postmortem.i18n import t
from postmortem.library_summary import DocumentSummary
from postmortem.library_views import is_overdue

MEASURES = ("detected", "mitigated", "resolved")
TOP = 10


@dataclass(slots=True, frozen=True)
class Quarter:
    label: str                               # "2026-Q1"
    count: int
    medians: dict[str, timedelta | None]     # milestone → median time since start


@dataclass(slots=True, frozen=True)
class LibraryStats:
    total: int
    by_severity: tuple[tuple[str, int], ...]       # severity (or "none") → count, in vocab order
    quarters: tuple[Quarter, ...]                  # oldest first
    undated: int
    actions: int
    done: int
    wont_do: int
    overdue_actions: int
    overdue_reviews: int
    recurring_tags: tuple[tuple[str, int], ...]
    recurring_causes: tuple[tuple[str, int], ...]

    @property
    def completion_rate(self) -> float | None:
        counted = self.actions - self.wont_do
        return self.done / counted if counted else None


def quarter_of(moment: datetime | date) -> str:
    return f"{moment.year}-Q{(moment.month - 1) // 3 + 1}"


def incident_day(summary: DocumentSummary) -> datetime | None:
    return dict(summary.milestones).get("start") or summary.row.meeting_at


def library_stats(summaries: Sequence[DocumentSummary], today: date) -> LibraryStats:
    from postmortem.recurrence import normalise
    severities = Counter(s.row.severity or "none" for s in summaries)
    grouped: dict[str, list[DocumentSummary]] = {}
    undated = 0
    for summary in summaries:
        day = incident_day(summary)
        if day is None:
            undated += 1
        else:
            grouped.setdefault(quarter_of(day), []).append(summary)
    quarters = tuple(Quarter(label, len(group), {m: _median(group, m) for m in MEASURES})
                     for label, group in sorted(grouped.items()))
    actions = [a for s in summaries for a in s.actions]
    tags: Counter[str] = Counter()
    shown_tag: dict[str, str] = {}
    causes: Counter[str] = Counter()
    shown_cause: dict[str, str] = {}
    for summary in summaries:
        for key, text in {normalise(tag): tag for tag in summary.row.tags}.items():
            if key:
                tags[key] += 1
                shown_tag.setdefault(key, text.strip())
        for key, text in {normalise(cause): cause for cause in summary.root_causes}.items():
            if key:
                causes[key] += 1
                shown_cause.setdefault(key, text.strip())
    return LibraryStats(
        total=len(summaries),
        by_severity=tuple((name, severities[name]) for name in (*vocab.SEVERITIES, "none")
                          if severities[name]),
        quarters=quarters, undated=undated, actions=len(actions),
        done=sum(a.status == "done" for a in actions),
        wont_do=sum(a.status == "wont-do" for a in actions),
        overdue_actions=sum(is_overdue(a, today) for a in actions),
        overdue_reviews=sum(not f.done and f.due < today for s in summaries for f in s.follow_ups),
        recurring_tags=_recurring(tags, shown_tag), recurring_causes=_recurring(causes, shown_cause))


def _median(group: Sequence[DocumentSummary], milestone: str) -> timedelta | None:
    seconds = [d.total_seconds() for s in group if (d := s.since_start(milestone)) is not None]
    return timedelta(seconds=statistics.median(seconds)) if seconds else None


def _recurring(counts: Counter[str], shown: dict[str, str]) -> tuple[tuple[str, int], ...]:
    found = sorted(((shown[key], n) for key, n in counts.items() if n >= 2),
                   key=lambda item: (-item[1], item[0].casefold()))
    return tuple(found[:TOP])


def resolve_trend(stats: LibraryStats) -> list[float]:
    """Median time to resolve per quarter in hours, oldest first (0 for a quarter without one:
    a sparkline needs a number; the table beside it says "—")."""
    return [q.medians["resolved"].total_seconds() / 3600 if q.medians["resolved"] else 0.0
            for q in stats.quarters]


# Text ----------------------------------------------------------------------------------------


def format_stats(stats: LibraryStats) -> str:
    """What ``postmortem stats`` prints."""
    from postmortem.metrics import format_duration
    out = [t("team.stats.total", count=stats.total), "", t("team.stats.by_severity")]
    out += [f"  {pad(_severity(name), 14)} {count:>5}" for name, count in stats.by_severity] or [
        "  " + t("team.stats.none")]
    out += ["", t("team.stats.by_quarter")]
    if stats.quarters:
        out.append("  " + "  ".join([pad(t("team.stats.quarter"), 8),
                                     pad(t("team.stats.count"), 5, right=True),
                                     *(pad(t(f"team.stats.median.{m}"), 10, right=True)
                                       for m in MEASURES)]))
    else:
        out.append("  " + t("team.stats.none"))
    for quarter in stats.quarters:
        out.append("  " + "  ".join([f"{quarter.label:<8}", f"{quarter.count:>5}",
                                     *(pad(format_duration(quarter.medians[m]), 10, right=True)
                                       for m in MEASURES)]))
    if stats.undated:
        out.append("  " + t("team.stats.undated", count=stats.undated))
    out += ["", completion_line(stats),
            t("team.stats.overdue_actions", count=stats.overdue_actions),
            t("team.stats.overdue_reviews", count=stats.overdue_reviews)]
    for key, items in (("recurring_tags", stats.recurring_tags),
                       ("recurring_causes", stats.recurring_causes)):
        out += ["", t(f"team.stats.{key}")]
        out += [f"  {count:>3}× {text}" for text, count in items] or ["  " + t("team.stats.none")]
    return "\n".join(out)


def completion_line(stats: LibraryStats) -> str:
    rate = stats.completion_rate
    if rate is None:
        return t("team.stats.no_actions")
    return t("team.stats.completion", rate=round(rate * 100), done=stats.done,
             counted=stats.actions - stats.wont_do)


def _severity(name: str) -> str:
    return t("team.stats.no_severity") if name == "none" else name
