"""The library's trash (t in the library): what was moved to ``.trash/``, with the date, and
r (or Enter) to move one back. A postmortem whose id is taken in the library again is not
restored over it: the sentence says so and both stay as they are."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Static

from postmortem.i18n import t
from storage.errors import StorageError
from storage.trash import TrashEntry, list_trash, restore, trash_folder
from tui.commands import bindings_for
from tui.widgets.key_footer import KeyFooter
from tui.widgets.status_line import StatusLine


class TrashScreen(Screen[None]):
    COMMAND_SCOPE = "trash"
    BINDINGS = bindings_for("trash")

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[TrashEntry] = []

    def compose(self) -> ComposeResult:
        yield Static(t("trash.heading"), id="trash-heading")
        yield DataTable(id="trash-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="trash-count")
        yield StatusLine()
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key in ("moved", "title", "id"):
            table.add_column(t(f"trash.col.{key}"), key=key)
        self.reload()
        table.focus()

    def reload(self) -> None:
        from tui.screens.library import display_path
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        self.entries = list_trash(self.app.library)
        for entry in self.entries:
            title = (Text(t("trash.unreadable", problem=entry.problem)) if entry.problem
                     else Text(entry.title or t("header.untitled")))
            title.truncate(max(12, self.size.width - 40), overflow="ellipsis")
            table.add_row(entry.moved_at.strftime("%Y-%m-%d %H:%M"), title, entry.doc_id,
                          key=entry.name)
        if self.entries:
            table.move_cursor(row=min(row, len(self.entries) - 1), animate=False)
        folder = display_path(trash_folder(self.app.library))
        self.query_one("#trash-count", Static).update(
            t("trash.count", count=len(self.entries), folder=folder) if self.entries
            else t("trash.empty", folder=folder))

    def selected(self) -> TrashEntry | None:
        table = self.query_one(DataTable)
        if not self.entries:
            return None
        name = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((entry for entry in self.entries if entry.name == name), None)

    def on_data_table_row_selected(self) -> None:
        self.action_restore()

    def action_restore(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        try:
            restore(self.app.library, entry.name)
        except StorageError as error:
            self.notify(str(error), severity="warning", timeout=12)
            return
        self.notify(t("trash.restored", title=entry.title or entry.doc_id))
        self.reload()

    def action_close(self) -> None:
        self.app.pop_screen()
