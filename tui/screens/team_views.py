"""Views across the library (issue 17 §4), opened from the library: a (Actions), r (Reviews).

The Actions view lists every open action of every postmortem, overdue ones marked, grouped by
owner or by due week (g switches); the Reviews view lists the follow-up reviews not held yet
that are overdue or due in the next 30 days. Enter opens the postmortem on the item: stage 5 on
the action, stage 6 on its follow-up reviews. Both read the library as summaries
(``storage.summary_cache``), and read it again when shown again (after an edit).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Static

from postmortem.i18n import t
from postmortem.library_views import ActionRow, ReviewRow, action_rows, review_rows, week_of
from storage.summary_cache import LibrarySummaries, read_summaries
from tui.commands import RegistryBindings
from tui.messages import JumpTo
from tui.stages.actions import clock as actions_clock
from tui.widgets.key_footer import KeyFooter
from tui.widgets.status_line import StatusLine

GROUP_PREFIX = "group:"
GROUPINGS = ("owner", "week")


def fit(text: str, width: int) -> Text:
    cell = Text(text, no_wrap=True, overflow="ellipsis")
    cell.truncate(max(width, 1), overflow="ellipsis")
    return cell


class TeamTable(Screen[None]):
    """A heading, a table of rows that each name a place in a postmortem, a count line."""

    HEADING = ""
    COLUMNS: tuple[str, ...] = ()

    def __init__(self) -> None:
        super().__init__()
        self.targets: dict[str, tuple[str, JumpTo]] = {}   # row key → (postmortem id, where)
        self.read: LibrarySummaries | None = None

    def compose(self) -> ComposeResult:
        yield Static(t(self.HEADING), id="team-heading")
        yield DataTable(id="team-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="team-count")
        yield StatusLine()
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()

    def on_screen_resume(self) -> None:
        # Also sent when first shown; again after a postmortem opened from here is closed.
        self.read = read_summaries(self.app.library.root)
        self.fill()

    def on_resize(self) -> None:
        if self.read is not None:
            self.fill()

    def today(self) -> date:
        return actions_clock.today()

    def widths(self, fixed: list[int]) -> list[int]:
        """The fixed columns' widths and the rest of the screen for the one flexible column
        (the last in ``fixed`` order is -1)."""
        room = self.app.size.width - 1 - 2 * len(fixed)   # the focus bar; each column's padding
        flexible = max(12, room - sum(w for w in fixed if w > 0))
        return [flexible if w < 0 else w for w in fixed]

    def fill(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        self.targets.clear()
        cells = list(self.rows())
        widths = self.widths([self.width_of(i, cells) for i in range(len(self.COLUMNS))])
        for key, width in zip(self.COLUMNS, widths):
            table.add_column(t(f"team.col.{key}"), key=key, width=width)
        for key, values in cells:
            table.add_row(*(fit(v, w) for v, w in zip(values, widths)), key=key)
        if cells:
            row = min(row, len(cells) - 1)
            if cells[row][0].startswith(GROUP_PREFIX) and row + 1 < len(cells):
                row += 1   # on the group's first item, not its heading
            table.move_cursor(row=row, animate=False)
        line = self.count_line()
        if self.read.unreadable:   # left out, never silently: `list` names them
            line += " " + t("team.view.unreadable", count=len(self.read.unreadable))
        self.query_one("#team-count", Static).update(Text(line))

    def width_of(self, column: int, cells: list[tuple[str, list[str]]]) -> int:
        raise NotImplementedError

    def rows(self) -> Iterator[tuple[str, list[str]]]:
        raise NotImplementedError

    def count_line(self) -> str:
        raise NotImplementedError

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key not in self.targets:
            return   # a group's heading
        doc_id, jump = self.targets[key]
        if self.app.open_postmortem(doc_id):
            self.app.screen.post_message(jump)   # the workspace just pushed goes to the item

    def action_close(self) -> None:
        self.app.pop_screen()


def _short(text: str, cap: int, rows: list[tuple[str, list[str]]], column: int) -> int:
    return min(cap, max([cell_len(text), *(cell_len(v[column]) for _, v in rows)]))


class ActionsView(RegistryBindings, TeamTable):
    COMMAND_SCOPE = "team-actions"
    HEADING = "team.view.actions_heading"
    COLUMNS = ("due", "title", "owner", "postmortem", "status")

    def __init__(self) -> None:
        super().__init__()
        self.grouping = "owner"
        self.shown: list[ActionRow] = []

    def width_of(self, column: int, cells) -> int:
        header = t(f"team.col.{self.COLUMNS[column]}")
        return -1 if column == 1 else _short(header, (10, 0, 12, 16, 11)[column], cells, column)

    def rows(self) -> Iterator[tuple[str, list[str]]]:
        today = self.today()
        self.shown = action_rows(self.read.summaries, today, open_only=True)
        last_group = None
        for number, row in enumerate(sorted(self.shown, key=self.group_key)):
            group = self.group_label(row)
            if group != last_group:
                last_group = group
                # The heading sits in the wide title column: the due column is too narrow for it.
                yield f"{GROUP_PREFIX}{number}", ["▸", group, "", "", ""]
            key = f"{row.postmortem_id}/{row.action.id}"
            self.targets[key] = (row.postmortem_id, JumpTo(5, row.action.id))
            action = row.action
            status = t(f"team.action_status.{action.status}")
            yield key, [action.due.isoformat() if action.due else "—",
                        action.title or t("team.view.untitled"), action.owner or "—",
                        row.postmortem_id,
                        t("team.view.overdue") if row.overdue else status]

    def group_key(self, row: ActionRow) -> tuple:
        due = (row.action.due is None, row.action.due or date.min)
        if self.grouping == "owner":
            return (not row.action.owner, row.action.owner.casefold(), *due)
        return (*due, row.action.owner.casefold())

    def group_label(self, row: ActionRow) -> str:
        if self.grouping == "owner":
            return row.action.owner or t("team.view.no_owner")
        if row.action.due is None:
            return t("team.view.no_due")
        return t("team.view.week_of", day=week_of(row.action.due).isoformat())

    def count_line(self) -> str:
        overdue = sum(row.overdue for row in self.shown)
        return t("team.view.actions_count", count=len(self.shown), overdue=overdue,
                 grouping=t(f"team.view.by_{self.grouping}"))

    def action_regroup(self) -> None:
        self.grouping = GROUPINGS[(GROUPINGS.index(self.grouping) + 1) % len(GROUPINGS)]
        self.fill()
        self.query_one(DataTable).move_cursor(row=0, animate=False)


class ReviewsView(RegistryBindings, TeamTable):
    COMMAND_SCOPE = "team-reviews"
    HEADING = "team.view.reviews_heading"
    COLUMNS = ("due", "review", "postmortem", "status")

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[ReviewRow] = []

    def width_of(self, column: int, cells) -> int:
        header = t(f"team.col.{self.COLUMNS[column]}")
        return -1 if column == 2 else _short(header, (10, 20, 0, 16)[column], cells, column)

    def rows(self) -> Iterator[tuple[str, list[str]]]:
        today = self.today()
        self.shown = review_rows(self.read.summaries, today)
        for number, row in enumerate(self.shown):
            key = f"{row.postmortem_id}/{number}"
            self.targets[key] = (row.postmortem_id, JumpTo(6, "communication.follow_ups"))
            days = (row.follow_up.due - today).days
            if days < 0:
                when = t("team.view.overdue_by", count=-days)
            else:
                when = t("team.view.due_in", count=days) if days else t("team.view.due_today")
            title = row.postmortem_title.strip() or row.postmortem_id
            yield key, [row.follow_up.due.isoformat(), row.follow_up.label or "—",
                        t("team.view.review_postmortem", title=title, id=row.postmortem_id), when]

    def count_line(self) -> str:
        overdue = sum(row.overdue for row in self.shown)
        return t("team.view.reviews_count", count=len(self.shown), overdue=overdue)
