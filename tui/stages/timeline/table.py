"""The timeline as a table, drawn line by line (Textual's Line API: a `ScrollView` whose
`render_line` draws only the lines on screen), so a 10,000-event timeline costs what is shown.

One row per event, sorted by time, a date row whenever the day changes, the milestone with a ⚠
when it is out of order; a fixed header line. Each drawn row is kept (an LRU of strips keyed by
what the row shows, the column widths and whether the cursor is on it), so moving the cursor
redraws two lines and an edit redraws only the rows whose content changed. The cursor never
rests on a date row: it steps over them in the direction it was moving.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip

from postmortem.model import Event
from tui.commands import RegistryBindings
from tui.stages.timeline.rows import (CELL_PADDING, Column, RowView, fit_columns, row_cells,
                                      row_views)

HEADER_HEIGHT = 1


class TimelineTable(RegistryBindings, ScrollView, can_focus=True):
    """The rows (`show`), the cursor (`cursor_row`, `selected_id`, `select_event`), the columns
    at the current width (`columns`, `text_width`). Besides its own keys (arrows, pages,
    Home/End, Enter), the keys are the timeline pane's (tui/commands/timeline.py), acting on the
    selected row. It posts `RowHighlighted` when the cursor moves and `RowSelected` on Enter or
    a click; to follow the cursor within the same frame, watch `cursor_row` instead."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline--header", "timeline--cursor", "timeline--day", "timeline--milestone",
        "timeline--problem", "timeline--muted"}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", show=False),
        Binding("up", "cursor_up", show=False),
        Binding("down", "cursor_down", show=False),
        Binding("pageup", "page_up", show=False),
        Binding("pagedown", "page_down", show=False),
    ]
    SHARED_SCOPES = ("rows",)   # Home/End: the first and last event

    cursor_row: var[int] = var(0, init=False)
    """The row under the cursor (date rows count: it is an index into all rows)."""

    class RowMessage(Message):
        """A row of the table, by index and event id."""

        def __init__(self, table: TimelineTable, cursor_row: int, event_id: str | None) -> None:
            super().__init__()
            self.table, self.cursor_row, self.event_id = table, cursor_row, event_id

        @property
        def control(self) -> TimelineTable:
            return self.table

    class RowHighlighted(RowMessage):
        """The cursor moved to another row (``event_id`` None: no event there)."""

    class RowSelected(RowMessage):
        """Enter, or a click, on an event's row."""

    class Resized(Message):
        """The table has a new width: how much of each text its rows show may have changed."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.local_tz: str | None = None   # the zone of the local column, None: no column
        self.timeline_rows: list[RowView] = []
        self.row_index: dict[str, int] = {}
        self.strips: LRUCache[tuple, Strip] = LRUCache(1024)
        self.column_layout: tuple[tuple[int, bool], tuple[Column, ...]] | None = None

    # Rows ---------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.timeline_rows)

    def show(self, events_in_order: list[Event], problems: set[str], *,
             rebuild: bool = False) -> None:
        """Bring the rows in line with the events (already sorted by time). Only the lines
        whose row changed are redrawn; ``rebuild`` (the columns changed) redraws them all."""
        rows = row_views(events_in_order, problems, self.local_tz)
        old = self.timeline_rows
        self.timeline_rows = rows
        self.row_index = {row.key: index for index, row in enumerate(rows)}
        self.update_virtual_size()
        if rebuild or len(rows) != len(old):
            self.refresh()
        else:
            for index, (before, now) in enumerate(zip(old, rows)):
                if before != now:
                    self.refresh_line(index + HEADER_HEIGHT)
        self.cursor_row = self.cursor_row   # revalidated: inside the table, off a date row

    def row_cells(self, row: int) -> list[str]:
        """The text of each cell of a row, in column order (what the row says, uncut)."""
        cells = row_cells(self.timeline_rows[row], lambda name: Style())
        return [cells[column.key].plain if column.key in cells else "" for column in self.columns]

    @property
    def selected_id(self) -> str | None:
        """The id of the event under the cursor; None on an empty table."""
        if not 0 <= self.cursor_row < self.row_count:
            return None
        row = self.timeline_rows[self.cursor_row]
        return None if row.is_day else row.key

    def select_event(self, event_id: str) -> None:
        if event_id in self.row_index:
            self.move_cursor(row=self.row_index[event_id])

    # Columns -------------------------------------------------------------------------------

    @property
    def columns(self) -> tuple[Column, ...]:
        """The columns at the table's width (the scrollbar's cells kept free, so the columns do
        not jump when it appears)."""
        return self.fitted_columns()[1]

    def fitted_columns(self) -> tuple[tuple[int, bool], tuple[Column, ...]]:
        """The columns and what they were fitted to: the width and whether the local time is shown."""
        fitted_to = (self.size.width - self.styles.scrollbar_size_vertical, self.local_tz is not None)
        if self.column_layout is None or self.column_layout[0] != fitted_to:
            self.column_layout = (fitted_to, fit_columns(*fitted_to))
        return self.column_layout

    @property
    def text_width(self) -> int:
        """How much of an event's text its row shows."""
        return next(column.width for column in self.columns if column.key == "text")

    def update_virtual_size(self) -> None:
        width = sum(column.width + 2 * CELL_PADDING for column in self.columns)
        self.virtual_size = Size(width, self.row_count + HEADER_HEIGHT)

    def on_resize(self) -> None:
        self.update_virtual_size()
        self.scroll_to_cursor()
        self.post_message(self.Resized())

    # The cursor ----------------------------------------------------------------------------

    def validate_cursor_row(self, row: int) -> int:
        """Inside the table, and off a date row: stepped over in the direction of the move."""
        if self.row_count == 0:
            return 0
        row = max(0, min(row, self.row_count - 1))
        if not self.timeline_rows[row].is_day:
            return row
        step = -1 if row < self.cursor_row else 1
        for direction in (step, -step):
            other = row + direction
            while 0 <= other < self.row_count:
                if not self.timeline_rows[other].is_day:
                    return other
                other += direction
        return row

    def watch_cursor_row(self, old: int, new: int) -> None:
        self.refresh_line(old + HEADER_HEIGHT)
        self.refresh_line(new + HEADER_HEIGHT)
        self.scroll_to_cursor()
        self.post_message(self.RowHighlighted(self, new, self.selected_id))

    def move_cursor(self, *, row: int) -> None:
        self.cursor_row = row

    def scroll_to_cursor(self) -> None:
        """Bring the cursor's row into view, with its date row when that is just above it."""
        if self.scrollable_content_region.height <= HEADER_HEIGHT or not self.row_count:
            return                          # not laid out yet: done again on resize
        row, top = self.cursor_row, round(self.scroll_y)
        if row > 0 and self.timeline_rows[row - 1].is_day:
            row -= 1                        # keep the event's date in view
        if self.cursor_row >= top + self.page_height():
            top = self.cursor_row - self.page_height() + 1
        if row < top:
            top = row
        if top != round(self.scroll_y):
            self.scroll_to(y=top, animate=False)

    def page_height(self) -> int:
        """The rows shown below the header."""
        return max(1, self.scrollable_content_region.height - HEADER_HEIGHT)

    def action_cursor_up(self) -> None:
        self.cursor_row -= 1

    def action_cursor_down(self) -> None:
        self.cursor_row += 1

    def action_page_down(self) -> None:
        """A page on, the view with it (the cursor keeps its place on screen)."""
        self.scroll_to(y=self.scroll_y + self.page_height(), animate=False)
        self.cursor_row += self.page_height()

    def action_page_up(self) -> None:
        self.scroll_to(y=self.scroll_y - self.page_height(), animate=False)
        self.cursor_row -= self.page_height()

    def action_scroll_top(self) -> None:
        self.cursor_row = 0

    def action_scroll_bottom(self) -> None:
        self.cursor_row = self.row_count - 1

    def action_select_cursor(self) -> None:
        if self.selected_id is not None:
            self.post_message(self.RowSelected(self, self.cursor_row, self.selected_id))

    def on_click(self, event: events.Click) -> None:
        """A click on an event's row selects it (as Enter does); on a date row, it moves there."""
        offset = event.get_content_offset(self)
        if offset is None or offset.y < HEADER_HEIGHT:
            return
        row = round(self.scroll_y) + offset.y - HEADER_HEIGHT
        if 0 <= row < self.row_count:
            event.stop()
            self.cursor_row = row
            if row == self.cursor_row:
                self.action_select_cursor()

    # Drawing -------------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.strips.clear()   # a new theme or focus: rows drawn from now on use its styles

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of the widget: the header, a row, or blank below the last row. Each is
        kept as drawn, cut to the view, while what it shows and the view stay the same."""
        scroll_x, scroll_y = self.scroll_offset
        fitted_to, columns = self.fitted_columns()
        view = (fitted_to, scroll_x)
        row = scroll_y + y - HEADER_HEIGHT
        if y < HEADER_HEIGHT:
            key: tuple = ("header", view)
        elif row < self.row_count:
            key = (self.timeline_rows[row], view, row == self.cursor_row)
        else:
            key = ("blank", view)
        strip = self.strips.get(key)
        if strip is None:
            style = self.rich_style
            if y < HEADER_HEIGHT:
                drawn = self.draw({column.key: Text(column.label) for column in columns}, columns,
                                  self.get_component_rich_style("timeline--header"))
            elif row < self.row_count:
                drawn = self.drawn_row(self.timeline_rows[row], columns, row == self.cursor_row)
            else:
                drawn = Strip.blank(0)
            strip = self.strips[key] = drawn.crop_extend(scroll_x, scroll_x + self.size.width, style)
        return strip

    def drawn_row(self, row: RowView, columns: tuple[Column, ...], cursor: bool) -> Strip:
        cursor_style = self.get_component_rich_style("timeline--cursor") if cursor else None
        cells = row_cells(row, lambda name: self.get_component_rich_style(name, partial=True))
        return self.draw(cells, columns, self.rich_style, cursor_style)

    def draw(self, cells: dict[str, Text], columns: tuple[Column, ...], style: Style,
             cursor_style: Style | None = None) -> Strip:
        """One line: each cell cut to its column (with an ellipsis) and padded. On the cursor's
        row the cursor's colour wins over the cells' own, as in Textual's DataTable."""
        line = Text(no_wrap=True, end="")
        pad = " " * CELL_PADDING
        for column in columns:
            cell = cells.get(column.key) or Text()
            cell = cut_to_cells(cell, column.width)
            line.append(pad)
            line.append_text(cell)
            line.append(pad)
        line.stylize_before(style + cursor_style if cursor_style else style)   # under the cells' own
        if cursor_style is not None and cursor_style.color is not None:
            line.stylize(Style(color=cursor_style.color))
        return Strip(line.render(self.app.console), line.cell_len)


def cut_to_cells(cell: Text, width: int) -> Text:
    """``cell`` in exactly ``width`` cells: padded, or cut with an ellipsis right after the
    last whole character. Rich's own cut leaves a space where half a double-width character
    would go, before the ellipsis ("变更日 …"); the space goes after it here ("变更日… ")."""
    if cell.cell_len <= width:
        cell.truncate(width, pad=True)
        return cell
    room, used, end = width - 1, 0, 0
    for character in cell.plain:
        size = cell_len(character)
        if used + size > room:
            break
        used, end = used + size, end + 1
    shown = cell[:end]
    shown.append("…")
    shown.truncate(width, pad=True)
    return shown
