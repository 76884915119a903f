"""Views across a library (issue 17 §4): every action item, the follow-up reviews due, and
the final review of every postmortem — pure functions of the summaries
(``postmortem.library_summary``), shared by the command line and the library screen.

Rules decided here:

- An action is *overdue* when it is open (open or in progress) and its due date is before
  today; a follow-up review is overdue when it is not done and its date is before today.
- ``--owner`` matches an owner when each of its words starts a word of the owner's name, in
  any case ("lee" and "lee w" find "Lee W.", "kath" finds "Kathleen"; "lee" does not).
- Actions are listed by due date (undated last), then postmortem, then action id.
- The CSV is for trackers' importers (Jira's and Linear's CSV import): the columns Summary,
  Description, Assignee, Due date, Labels and Status. Labels is the postmortem's id (a slug,
  a valid label in both); Status uses Jira's default names. These are the importers' own
  words, so they are constants, not catalogue strings.
- No CSV cell starts a spreadsheet formula (OWASP's "CSV injection" rule): a cell beginning
  with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe, which
  spreadsheets show as text and do not evaluate. An action titled ``=HYPERLINK(…)`` stays text.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from postmortem.i18n import t

if TYPE_CHECKING:   # types only: ``postmortem`` without a command reads no model (tui.cli's parser)
    from postmortem.library_summary import DocumentSummary
    from postmortem.model import Action, FollowUp

FORMATS = ("table", "md", "csv", "json")
REVIEW_HORIZON_DAYS = 30
CSV_COLUMNS = ("Summary", "Description", "Assignee", "Due date", "Labels", "Status")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_STATUS = {"open": "To Do", "in-progress": "In Progress", "done": "Done", "wont-do": "Won't Do"}


@dataclass(slots=True, frozen=True)
class ActionRow:
    """An action item with the postmortem it belongs to."""

    postmortem_id: str
    postmortem_title: str
    action: Action
    overdue: bool


@dataclass(slots=True, frozen=True)
class ReviewRow:
    """A follow-up review not held yet, due within the horizon or overdue."""

    postmortem_id: str
    postmortem_title: str
    follow_up: FollowUp
    overdue: bool


def is_overdue(action: Action, today: date) -> bool:
    return action.is_open and action.due is not None and action.due < today


def action_rows(summaries: Iterable[DocumentSummary], today: date, *, overdue: bool = False,
                owner: str | None = None, statuses: Sequence[str] = (),
                open_only: bool = False) -> list[ActionRow]:
    """Every action of every postmortem that passes the filters, in the order above."""
    wanted_owner = owner.casefold().split() if owner and owner.strip() else None
    rows = []
    for summary in summaries:
        for action in summary.actions:
            late = is_overdue(action, today)
            if (overdue and not late) or (open_only and not action.is_open):
                continue
            if statuses and action.status not in statuses:
                continue
            if wanted_owner is not None and not owner_matches(wanted_owner, action.owner):
                continue
            rows.append(ActionRow(summary.id, summary.row.title, action, late))
    rows.sort(key=lambda r: (r.action.due is None, r.action.due or date.min, r.postmortem_id,
                             r.action.id))
    return rows


def owner_matches(words: list[str], owner: str) -> bool:
    """Each of ``words`` (case-folded) starts a word of ``owner``."""
    names = re.split(r"[\W_]+", owner.casefold())
    return all(any(name.startswith(word.strip(".")) for name in names if name) for word in words)


def review_rows(summaries: Iterable[DocumentSummary], today: date,
                horizon: int = REVIEW_HORIZON_DAYS) -> list[ReviewRow]:
    """Follow-up reviews not done, overdue or due within ``horizon`` days, soonest first."""
    until = today + timedelta(days=horizon)
    rows = [ReviewRow(s.id, s.row.title, f, f.due < today)
            for s in summaries for f in s.follow_ups if not f.done and f.due <= until]
    rows.sort(key=lambda r: (r.follow_up.due, r.postmortem_id))
    return rows


def week_of(day: date) -> date:
    """The Monday of the week ``day`` falls in (the Actions view groups by due week)."""
    return day - timedelta(days=day.weekday())


# Formats -------------------------------------------------------------------------------------


def format_actions(rows: Sequence[ActionRow], fmt: str) -> str:
    """``rows`` as a terminal table, Markdown, tracker-importer CSV or JSON."""
    return {"table": _table, "md": _markdown, "csv": _csv, "json": _json}[fmt](rows)


def _cells(row: ActionRow) -> list[str]:
    action = row.action
    status = t(f"team.action_status.{action.status}")
    if row.overdue:
        status = t("team.overdue_status", status=status)
    return [row.postmortem_id, action.id, action.title, action.owner or "—",
            action.due.isoformat() if action.due else "—", action.tracker or "—", status]


def _headers() -> list[str]:
    return [t(f"team.col.{key}") for key in
            ("postmortem", "action", "title", "owner", "due", "tracker", "status")]


def _table(rows: Sequence[ActionRow]) -> str:
    if not rows:
        return t("team.no_actions")
    from postmortem.fields import printable
    from postmortem.hidden_text import mark_hidden
    lines = [_headers(), *([printable(mark_hidden(c)) for c in _cells(row)] for row in rows)]
    from postmortem.cells import cut, pad
    from rich.cells import cell_len
    widths = [max(cell_len(line[i]) for line in lines) for i in range(len(lines[0]))]
    widths[2] = min(widths[2], 48)  # the title: long ones are cut, the rest stays aligned
    out = []
    for line in lines:
        cells = [cut(c, w) for c, w in zip(line, widths)]
        out.append("  ".join(pad(c, w) for c, w in zip(cells, widths)).rstrip())
    return "\n".join(out)


def _markdown(rows: Sequence[ActionRow]) -> str:
    from postmortem.markdown.common import Document, cell
    document = Document()
    document.heading(1, t("team.actions_heading"))
    if rows:
        document.table(_headers(), [[cell(c) for c in _cells(row)] for row in rows])
    else:
        document.paragraph(t("team.no_actions"))
    return document.render().rstrip("\n")


def _csv(rows: Sequence[ActionRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        action = row.action
        cells = [action.title, description(row), action.owner,
                 action.due.isoformat() if action.due else "", row.postmortem_id,
                 CSV_STATUS[action.status]]
        writer.writerow([spreadsheet_cell(c) for c in cells])
    return out.getvalue().rstrip("\n")


def spreadsheet_cell(text: str) -> str:
    """``text`` as a CSV cell a spreadsheet will not run as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def description(row: ActionRow) -> str:
    """What a tracker's issue says about where the action comes from."""
    action = row.action
    text = t("team.csv_description", title=row.postmortem_title or row.postmortem_id,
             id=row.postmortem_id, action=action.id, type=t(f"team.action_type.{action.type}"))
    if action.tracker:
        text += " " + t("team.csv_tracker", tracker=action.tracker)
    return text


def _json(rows: Sequence[ActionRow]) -> str:
    return json.dumps([{"postmortem": {"id": r.postmortem_id, "title": r.postmortem_title},
                        "action": r.action.to_dict(), "overdue": r.overdue} for r in rows],
                      ensure_ascii=False, indent=2, sort_keys=True)
