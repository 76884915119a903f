"""What the timeline table shows, without the widget: one row per event sorted by time, a date
row whenever the (UTC) day changes, the cells of a row, and how the columns share the width.

A row is a `RowView`, a small hashable tuple: the table draws a row once per view and width
and reuses the drawing while the view is equal, so an edit redraws only the rows it changed.
"""

from __future__ import annotations

from datetime import date
from typing import Callable, NamedTuple

from rich.style import Style
from rich.text import Text

from postmortem.hidden_text import mark_hidden
from postmortem.i18n import t
from postmortem.model import Event
from postmortem.times import format_local_hm, format_time_hm, show_day_heading

DAY_PREFIX = "day:"
COLUMN_KEYS = ("time", "local", "milestone", "text", "source", "internal")
FIXED_WIDTHS = {"time": 5, "local": 5, "milestone": 11, "internal": 8}
SOURCE_WIDTH = (8, 24)      # the least it shrinks to, the most it gets
TEXT_WANTED = 40            # "What happened" gets this much before Source grows past its least
TEXT_MIN_WIDTH = 12
CELL_PADDING = 1            # blank cells either side of every cell


class RowView(NamedTuple):
    """What a row shows; two equal views draw the same line. (A tuple: 10,000 of them are
    built and compared on every edit.)"""

    key: str                       # the event id, or DAY_PREFIX + the day for a date row
    at: object                     # the event time or the day
    text: str = ""
    milestone: str | None = None
    source: str = ""
    internal: bool = False
    problem: bool = False
    local: str = ""

    @property
    def is_day(self) -> bool:
        return self.key.startswith(DAY_PREFIX)


class Column(NamedTuple):
    key: str
    label: str
    width: int                     # the cell's width, without its padding


def day_key(day: date) -> str:
    return DAY_PREFIX + day.isoformat()


def row_views(events_in_order: list[Event], problems: set[str], local_tz: str | None) -> list[RowView]:
    """The rows for events already sorted by time: a date row before each new UTC day."""
    rows: list[RowView] = []
    shown_day: date | None = None
    for event in events_in_order:
        day = event.at.date()
        if day != shown_day:
            rows.append(RowView(day_key(day), day))
            shown_day = day
        # Bidi and zero-width characters shown as marks, never acting on the row.
        rows.append(RowView(event.id, event.at, mark_hidden(event.text), event.milestone,
                            mark_hidden(event.source),
                            event.internal, event.id in problems,
                            format_local_hm(event.at, local_tz) if local_tz else ""))
    return rows


def fit_columns(width: int, local_column: bool) -> tuple[Column, ...]:
    """Share ``width`` out: the fixed columns first, then "What happened" (the event is what
    the room reads); Source gets what is left beyond that and is the first to shrink."""
    keys = [key for key in COLUMN_KEYS if local_column or key != "local"]
    room = width - 2 * CELL_PADDING * len(keys) - sum(FIXED_WIDTHS.get(k, 0) for k in keys)
    least, most = SOURCE_WIDTH
    source = max(least, min(most, room - TEXT_WANTED))
    widths = dict(FIXED_WIDTHS, source=source, text=max(TEXT_MIN_WIDTH, room - source))
    return tuple(Column(key, t(f"timeline_ui.col.{'utc' if key == 'time' else key}"), widths[key])
                 for key in keys)


def row_cells(view: RowView, style: Callable[[str], Style]) -> dict[str, Text]:
    """The cells of a row by column key (a column left out is empty); ``style`` gives the
    style of a component class of the table (timeline--day, --milestone, --problem, --muted)."""
    if view.is_day:
        day: date = view.at  # type: ignore[assignment]
        label = show_day_heading(day)
        return {"time": Text("─" * FIXED_WIDTHS["time"], style=style("timeline--muted")),
                "text": Text(label, style=style("timeline--day"))}
    cells = {"time": Text(format_time_hm(view.at)),  # type: ignore[arg-type]
             "text": Text(view.text)}
    if view.local:
        cells["local"] = Text(view.local, style=style("timeline--muted"))
    if view.milestone:
        mark = "timeline--problem" if view.problem else "timeline--milestone"
        milestone = cells["milestone"] = Text()
        if view.problem:
            milestone.append("⚠ ", style=style("timeline--problem"))
        milestone.append(t(f"metrics.milestone_title.{view.milestone}"), style=style(mark))
    if view.source:
        cells["source"] = Text(view.source, style=style("timeline--muted"))
    if view.internal:
        cells["internal"] = Text(t("timeline_ui.internal_mark"))
    return cells
