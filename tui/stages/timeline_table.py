"""The timeline as a table: one row per event, sorted by time, a date row whenever the day
changes, the milestone with a ⚠ when it is out of order.

Updating is incremental (only rows whose content changed are touched, and the rows are re-sorted
only when their order changed), so adding one event to a 2,000-event timeline stays quick.
The cursor never rests on a date row: it steps over them in the direction it was moving.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.coordinate import Coordinate
from textual.geometry import Size
from textual.widgets import DataTable

from postmortem.hidden_text import mark_hidden
from postmortem.i18n import t
from postmortem.model import Event
from postmortem.times import format_date, format_local_hm, format_time_hm
from tui.commands import bindings_for

DAY_PREFIX = "day:"
FIXED_WIDTHS = {"time": 5, "local": 5, "milestone": 11, "internal": 8}
SOURCE_WIDTH = (8, 24)      # the least it shrinks to, the most it gets
TEXT_WANTED = 40            # "What happened" gets this much before Source grows past its least
TEXT_MIN_WIDTH = 12
EMPTY = Text("")   # shared by every empty cell (DataTable never changes a cell's Text)


@dataclass(frozen=True)
class TimeCell:
    """The first cell of a row; it knows its row so the table can be sorted by document order."""

    row_key: str
    text: Text

    def __rich__(self) -> Text:
        return self.text

    def __str__(self) -> str:
        return self.text.plain


class RowView(NamedTuple):
    """What a row shows; two equal views need no redraw. (A tuple: 2,000 of them are built
    and compared on every edit.)"""

    key: str
    at: object                     # the event time or the day
    text: str = ""
    milestone: str | None = None
    source: str = ""
    internal: bool = False
    problem: bool = False
    local: str = ""


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


class TimelineTable(DataTable):
    """Its keys are the timeline pane's (tui/commands/timeline.py), acting on the selected row."""

    COMPONENT_CLASSES = DataTable.COMPONENT_CLASSES | {
        "timeline--day", "timeline--milestone", "timeline--problem", "timeline--muted"}
    BINDINGS = bindings_for("rows")   # Home/End: the first and last event

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self.local_tz: str | None = None       # the zone of the local column, None: no column
        self._views: dict[str, RowView] = {}
        self._order: list[str] = []            # the row keys as the table shows them
        self._style_cache: dict[str, Style] | None = None
        # (place, style) -> (the cell object drawn, its lines); see _render_cell
        self._drawn_cells: LRUCache[tuple, tuple[object, list]] = LRUCache(2000)
        self.text_width = 30
        self._source_width = SOURCE_WIDTH[0]

    # Columns -------------------------------------------------------------------------------

    def column_keys(self) -> list[str]:
        keys = ["time", "local", "milestone", "text", "source", "internal"]
        return keys if self.local_tz else [k for k in keys if k != "local"]

    def _add_columns(self) -> None:
        labels = {"time": t("timeline_ui.col.utc"), "local": t("timeline_ui.col.local"),
                  "milestone": t("timeline_ui.col.milestone"), "text": t("timeline_ui.col.text"),
                  "source": t("timeline_ui.col.source"), "internal": t("timeline_ui.col.internal")}
        for key in self.column_keys():
            self.add_column(labels[key], key=key, width=self._width_of(key))

    def _width_of(self, key: str) -> int:
        return {"text": self.text_width, "source": self._source_width}.get(key) or FIXED_WIDTHS[key]

    def _fit_columns(self, width: int) -> bool:
        """Share the width out: the fixed columns first, then "What happened" (the event is
        what the room reads), Source gets what is left beyond that and is the first to shrink."""
        keys = self.column_keys()
        padding = 2 * self.cell_padding * len(keys) + self.styles.scrollbar_size_vertical
        room = width - padding - sum(FIXED_WIDTHS.get(k, 0) for k in keys)
        least, most = SOURCE_WIDTH
        self._source_width = max(least, min(most, room - TEXT_WANTED))
        text_width = max(TEXT_MIN_WIDTH, room - self._source_width)
        changed = False
        for key in keys:
            column = self.columns.get(key)  # type: ignore[call-overload]
            wanted = text_width if key == "text" else self._width_of(key)
            if column is not None and column.width != wanted:
                column.width, changed = wanted, True
        self.text_width = text_width
        return changed

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._scroll_cursor_into_view)
        if self._fit_columns(event.size.width):
            # Column widths are read when rows are drawn: drop what was drawn at the old width.
            self._clear_caches()
            self._require_update_dimensions = True
            self.refresh()

    def _update_dimensions(self, new_rows: object) -> None:
        """Every column has a set width and every row is one line, so only the scrollable size
        changes. (DataTable would measure each cell of each new row: about a second for 2,000
        events, and the widths it finds are not used for columns of a set width.)"""
        header = self.header_height if self.show_header else 0
        width = sum(column.get_render_width(self) for column in self.columns.values())
        self.virtual_size = Size(width + self._row_label_column_width,
                                 self._total_row_height + header)

    # Rows ---------------------------------------------------------------------------------

    def show(self, events_in_order: list[Event], problems: set[str], *,
             rebuild: bool = False) -> None:
        """Bring the rows in line with the events (already sorted by time)."""
        views = row_views(events_in_order, problems, self.local_tz)
        if rebuild or not self.columns:
            self.clear(columns=True)
            self._views, self._order = {}, []
            self._add_columns()
        wanted = {view.key: view for view in views}
        removed = [key for key in self._views if key not in wanted]
        for key in removed:
            self.remove_row(key)
            del self._views[key]
        shown_order = [key for key in self._order if key in wanted] if removed else self._order
        keys = self.column_keys()
        styles = self._styles()
        for view in views:
            old = self._views.get(view.key)
            if old == view:
                continue
            cells = self._cells(view, styles)
            if old is None:
                self.add_row(*cells, key=view.key)       # added rows go to the bottom
                shown_order.append(view.key)
            else:
                for column, cell in zip(keys, cells):
                    self.update_cell(view.key, column, cell)
            self._views[view.key] = view
        order = [view.key for view in views]
        if shown_order != order:
            position = {key: index for index, key in enumerate(order)}
            self.sort("time", key=lambda cell: position[cell.row_key])
        self._order = order
        self.cursor_coordinate = self.cursor_coordinate  # off a date row, inside the table

    def _styles(self) -> dict[str, Style]:
        if self._style_cache is None:
            self._style_cache = {name: self.get_component_rich_style(name, partial=True)
                                 for name in ("timeline--day", "timeline--milestone",
                                              "timeline--problem", "timeline--muted")}
        return self._style_cache

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style_cache = None   # a new theme: cells drawn from now on use its colours
        self._drawn_cells.clear()

    def _clear_caches(self) -> None:
        super()._clear_caches()
        self._drawn_cells.clear()

    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int,
                     cursor: bool = False, hover: bool = False) -> list:
        """DataTable redraws every visible cell after any row is added or sorted (its cache
        key holds a counter of changes), though most cells did not change: here a drawn
        cell is reused while the cell object, its place, width and style are the same."""
        if row_index < 0 or column_index < 0:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        cell = self._data[row_key][column_key]
        key = (row_key, column_key, row_index, column_index, base_style, width, cursor, hover,
               self._show_hover_cursor, self._pseudo_class_state, self.cursor_type)
        drawn = self._drawn_cells.get(key)
        if drawn is None or drawn[0] is not cell:
            drawn = (cell, super()._render_cell(row_index, column_index, base_style, width,
                                                cursor, hover))
            self._drawn_cells[key] = drawn
        return drawn[1]

    def _cells(self, view: RowView, styles: dict[str, Style]) -> list[object]:
        style = styles.__getitem__
        if view.key.startswith(DAY_PREFIX):
            day: date = view.at  # type: ignore[assignment]
            label = t("timeline_ui.day", date=format_date(day),
                      weekday=t(f"timeline_ui.weekday.{day.weekday()}"))
            cells: dict[str, object] = {"time": TimeCell(view.key, Text("─" * 5, style=style("timeline--muted"))),
                                        "text": Text(label, style=style("timeline--day"))}
        else:
            milestone = EMPTY
            if view.milestone:
                milestone = Text()
                if view.problem:
                    milestone.append("⚠ ", style=style("timeline--problem"))
                milestone.append(t(f"metrics.milestone_title.{view.milestone}"),
                                 style=style("timeline--problem" if view.problem else "timeline--milestone"))
            cells = {
                "time": TimeCell(view.key, Text(format_time_hm(view.at))),  # type: ignore[arg-type]
                "local": Text(view.local, style=style("timeline--muted")) if view.local else EMPTY,
                "milestone": milestone,
                "text": Text(view.text, no_wrap=True, overflow="ellipsis"),
                "source": Text(view.source, no_wrap=True, overflow="ellipsis",
                               style=style("timeline--muted")) if view.source else EMPTY,
                "internal": Text(t("timeline_ui.internal_mark")) if view.internal else EMPTY,
            }
        return [cells.get(key, EMPTY) for key in self.column_keys()]

    # The selected event ---------------------------------------------------------------------

    def _scroll_cursor_into_view(self, animate: bool = False) -> None:
        super()._scroll_cursor_into_view(animate=animate)
        row = self.cursor_row
        if self._is_day_row(row - 1) and self.scroll_y > row - 1:
            self.scroll_to(y=row - 1, animate=False, immediate=True)  # keep the event's date in view

    def key_at(self, row: int) -> str | None:
        if not 0 <= row < self.row_count:
            return None
        return self.coordinate_to_cell_key(Coordinate(row, 0)).row_key.value

    @property
    def selected_id(self) -> str | None:
        """The id of the event under the cursor; None on an empty table."""
        key = self.key_at(self.cursor_row)
        return None if key is None or key.startswith(DAY_PREFIX) else key

    def select_event(self, event_id: str) -> None:
        if event_id in self._views:
            self.move_cursor(row=self.get_row_index(event_id))

    def validate_cursor_coordinate(self, value: Coordinate) -> Coordinate:
        value = super().validate_cursor_coordinate(value)
        if self.row_count == 0 or not self._is_day_row(value.row):
            return value
        step = -1 if value.row < self.cursor_coordinate.row else 1
        for direction in (step, -step):
            row = value.row + direction
            while 0 <= row < self.row_count:
                if not self._is_day_row(row):
                    return Coordinate(row, value.column)
                row += direction
        return value

    def _is_day_row(self, row: int) -> bool:
        key = self.key_at(row)
        return key is not None and key.startswith(DAY_PREFIX)
