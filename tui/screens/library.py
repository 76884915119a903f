"""The library: every postmortem in the folder; new, open, delete (to .trash, undoable), filter as
you type, and the trash itself (t)."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from postmortem.cells import cut
from postmortem.hidden_text import mark_hidden
from postmortem.i18n import t
from postmortem.ids import is_valid_id
from storage.errors import StorageError
from storage.library import LibraryEntry
from tui.commands import RegistryBindings
from tui.widgets.key_footer import KeyFooter
from tui.paths import display_path
from tui.widgets.sharing_banner import SharingBanner
from tui.widgets.status_line import StatusLine
from tui.widgets.text_field import TextField


def matches(entry: LibraryEntry, query: str) -> bool:
    """Every word of the query appears in the title, id, owner, severity, status or tags."""
    words = query.casefold().split()
    if not words:   # no filter: every row, without building a haystack for each
        return True
    haystack = " ".join([entry.id, entry.title or "", entry.owner or "", entry.severity or "",
                         entry.status or "", *entry.tags, status_text(entry)]).casefold()
    return all(word in haystack for word in words)


def status_text(entry: LibraryEntry) -> str:
    """The status as the list shows it, with the merge conflicts left to settle."""
    if entry.problem:
        return ""
    status = t(f"status.{entry.status}")
    if entry.conflicts:
        return t("library.status_conflicts", status=status, count=entry.conflicts)
    return status


class FilterInput(TextField):
    """The filter box; ↑/↓/Enter act on the table below so the hands stay put."""

    BINDINGS = [Binding("down", "table('cursor_down')", show=False),
                Binding("up", "table('cursor_up')", show=False)]

    def action_table(self, action: str) -> None:
        self.screen.query_one(DataTable).run_action(action)


class LibraryScreen(RegistryBindings, Screen[None]):
    COMMAND_SCOPE = "library"
    # Focused as it is composed, so its first frame is drawn focused (not drawn again).
    AUTO_FOCUS = "#library-table"

    def compose(self) -> ComposeResult:
        yield SharingBanner()
        yield Static(t("library.heading"), id="library-heading")
        yield FilterInput(placeholder=t("library.filter_placeholder"), id="library-filter")
        yield DataTable(id="library-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="library-empty")
        yield StatusLine()
        yield KeyFooter()

    def __init__(self) -> None:
        super().__init__()
        self.last_trashed: tuple[str, str] | None = None   # (name in .trash, title) to undo
        self.entries: list[LibraryEntry] = []   # every file of the folder, as last read
        self.shown: list[LibraryEntry] = []     # the entries the filter lets through, as listed
        self.short_columns = 0                  # cells the columns after the title take
        self.title_cut: int | None = None       # cells the listed titles were cut to
        self.read_again = False                 # another screen was over this one since

    def on_mount(self) -> None:
        # Filled here rather than when first shown: the table then measures its rows before its
        # first frame, instead of drawing them once unmeasured and again measured.
        self.reload()

    def on_screen_suspend(self) -> None:
        self.read_again = True

    def on_screen_resume(self) -> None:
        # Back from a screen or dialog over it: the postmortems may have changed meanwhile.
        if self.read_again:
            self.read_again = False
            self.reload()

    async def language_changed(self) -> None:
        """Built again in the language just chosen (heading, filter, columns, rows)."""
        query = self.query_one(FilterInput).value
        await self.recompose()
        self.query_one(FilterInput).value = query
        self.reload()
        if self.is_current:
            self.query_one(DataTable).focus()

    def reload(self) -> None:
        self.entries = self.app.library.entries()
        self.show(self.query_one(FilterInput).value)

    def on_resize(self) -> None:
        # Sent twice on start-up too; the rows are rebuilt only when the titles need another cut.
        if self.title_cut is not None and self.title_room() != self.title_cut:
            self.show(self.query_one(FilterInput).value)

    @staticmethod
    def short_columns_width(rows: list[tuple[str, ...]]) -> int:
        """Cells the columns after the title take (each cell has 1-cell padding either side)."""
        headers = [t(f"library.col.{key}") for key in ("severity", "status", "meeting", "owner")]
        return sum(max([cell_len(h), *(cell_len(row[i]) for row in rows)]) + 2
                   for i, h in enumerate(headers))

    def title_room(self) -> int:
        """Room for the title once the short columns have theirs."""
        return max(12, self.size.width - self.short_columns - 2 - 1)

    def show(self, query: str, keep: str | None = None, *, from_top: bool = False) -> None:
        """List the entries matching ``query``. The cursor stays on the postmortem it was on
        (``keep`` names another); when that one is gone, on the row where it was (after a
        delete: the next one), or on the first row (``from_top``, a new filter)."""
        table = self.query_one(DataTable)
        keep = keep or self.selected_id()
        row = 0 if from_top else table.cursor_row
        # The columns are made again too: a measured column only ever grows, so after the
        # screen narrows it would keep the old width under a sideways scrollbar.
        table.clear(columns=True)
        self.shown = shown = [e for e in self.entries if matches(e, query)]
        rows = [self.row_cells(entry) for entry in shown]
        if getattr(self.app, "sharing", False):  # sharing-safe mode: titles and owners masked
            from postmortem.scanner import mask
            rows = [(mask(row[0]), *row[1:4], mask(row[4])) for row in rows]
        self.short_columns = self.short_columns_width([row[1:] for row in rows])
        self.title_cut = width = self.title_room()
        for key in ("title", "severity", "status", "meeting", "owner"):
            table.add_column(t(f"library.col.{key}"), key=key)
        for entry, (title, *rest) in zip(shown, rows):
            cell = Text(title, no_wrap=True, overflow="ellipsis")
            cell.truncate(width, overflow="ellipsis")
            table.add_row(cell, *rest, key=entry.id)
        ids = [entry.id for entry in shown]
        if shown:
            table.move_cursor(row=ids.index(keep) if keep in ids else min(row, len(shown) - 1),
                              animate=False)
        self.show_status()

    def show_status(self) -> None:
        """The line under the table: the count, or the whole reason when the highlighted row
        is a file that cannot be read (its row has room for the start of it only)."""
        query, shown = self.query_one(FilterInput).value, self.shown
        empty = self.query_one("#library-empty", Static)
        selected = self.selected_id()
        entry = next((e for e in shown if e.id == selected), None)
        if entry is not None and entry.problem:
            # Not markup: a field path has brackets. The file by its name, as in its row.
            empty.update(Text(entry.problem.replace(str(entry.path), entry.path.name)))
        elif entry is not None and entry.conflicts:
            title = mark_hidden(entry.title) or t("header.untitled")
            if getattr(self.app, "sharing", False):
                from postmortem.scanner import mask
                title = mask(title)
            empty.update(Text(t("library.conflicts_hint", title=title, count=entry.conflicts)))
        elif not self.entries:
            empty.update(t("library.empty", folder=display_path(self.app.library.root)))
        elif not shown:
            empty.update(t("library.no_match", query=query))
        else:
            empty.update(t("library.count", shown=len(shown), total=len(self.entries),
                           count=len(self.entries), folder=display_path(self.app.library.root)))

    @staticmethod
    def row_cells(entry: LibraryEntry) -> tuple[str, ...]:
        if entry.problem:
            # A file that does not read is listed with the reason, never hidden; the reason
            # takes the wide column, and names the file by its name in this folder.
            reason = entry.problem.replace(str(entry.path), entry.path.name)
            return (t("library.unreadable", reason=reason), "", "", "", "")
        meeting = entry.meeting_at.strftime("%Y-%m-%d %H:%M") if entry.meeting_at else "—"
        return (mark_hidden(entry.title) or t("header.untitled"), entry.severity or "—",
                status_text(entry), meeting, cut(mark_hidden(entry.owner or "—"), 20))

    def selected_id(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def selected_entry(self) -> LibraryEntry | None:
        doc_id = self.selected_id()
        return next((entry for entry in self.entries if entry.id == doc_id), None)

    @on(Input.Changed, "#library-filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.show(event.value, from_top=True)

    @on(DataTable.RowHighlighted)
    def row_highlighted(self) -> None:
        self.show_status()

    @on(Input.Submitted, "#library-filter")
    @on(DataTable.RowSelected)
    def action_open(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        if not is_valid_id(entry.id):  # a file named café.json: say why instead of failing to open
            self.notify(f"{entry.path.name}: {entry.problem}", severity="warning")
            return
        self.app.open_postmortem(entry.id)

    def action_filter(self) -> None:
        self.query_one(FilterInput).focus()

    # What the keys open and change is imported when a key asks for it (the dialogs, the
    # factory, the trash, the scanner): the first frame shows only the list.

    @work
    async def action_new(self) -> None:
        from postmortem.factory import new_postmortem, new_postmortem_id
        from tui.screens.dialogs import NewPostmortemRequest, NewPostmortemScreen
        request: NewPostmortemRequest | None = await self.app.push_screen_wait(NewPostmortemScreen())
        if request is None:
            return
        doc_id = new_postmortem_id(request.title, self.app.library.taken_ids(),
                                   incident_day=request.incident_day,
                                   meeting_at=request.meeting_at)
        try:
            self.app.library.create(new_postmortem(doc_id, request.title, request.severity,
                                                   request.meeting_at)).close()
        except StorageError as error:
            self.notify(str(error), severity="error")
            return
        self.reload()
        self.app.open_postmortem(doc_id)

    @work
    async def action_delete(self) -> None:
        from postmortem.scanner import mask
        from tui.screens.dialogs import ConfirmScreen
        entry = self.selected_entry()
        if entry is None:
            return
        title = entry.title or (entry.path.name if entry.problem else entry.id)
        title = mask(title) if getattr(self.app, "sharing", False) else title
        confirmed = await self.app.push_screen_wait(
            ConfirmScreen(t("library.confirm_delete", title=title), t("library.delete")))
        if not confirmed:
            return
        try:  # by path: a file whose name is not an id can be trashed too
            moved_to = self.app.library.trash(entry.path)
        except StorageError as error:
            self.notify(str(error), severity="error")
            return
        self.last_trashed = (moved_to.name, title)
        self.notify(t("trash.deleted", title=title))
        self.reload()

    def action_undo_delete(self) -> None:
        """Put the postmortem moved to the trash last (from this list) back."""
        if self.last_trashed is None:
            self.notify(t("trash.nothing_to_undo"))
            return
        from storage.trash import restore
        name, title = self.last_trashed
        try:
            path = restore(self.app.library, name)
        except StorageError as error:
            self.notify(str(error), severity="warning", timeout=12)
            return
        self.last_trashed = None
        self.notify(t("trash.restored", title=title))
        self.entries = self.app.library.entries()
        self.show(self.query_one(FilterInput).value, keep=path.stem)

    def action_team_view(self, view: str) -> None:
        """The views across the library: actions, reviews, stats (issue 17)."""
        from tui.screens.team_stats import StatsView
        from tui.screens.team_views import ActionsView, ReviewsView
        self.app.push_screen({"actions": ActionsView, "reviews": ReviewsView,
                              "stats": StatsView}[view]())

    def action_trash(self) -> None:
        from tui.screens.trash import TrashScreen
        self.app.push_screen(TrashScreen())
