"""The library's trash (t in the library): what was moved to ``.trash/``, with the date, and
r (or Enter) to move one back. A postmortem whose id is taken in the library again is not
restored over it: the sentence says so and both stay as they are."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Static

from postmortem.i18n import t
from storage.errors import StorageError
from storage.trash import TrashEntry, list_trash, restore, trash_folder
from tui.commands import RegistryBindings
from tui.widgets.key_footer import KeyFooter
from tui.widgets.status_line import StatusLine


ID_SHARE = 24   # cells of the id column kept when the title wants the whole width


class TrashScreen(RegistryBindings, Screen[None]):
    COMMAND_SCOPE = "trash"

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
        self.reload()
        self.query_one(DataTable).focus()

    def reload(self) -> None:
        from tui.paths import display_path
        table = self.query_one(DataTable)
        row = table.cursor_row
        self.entries = list_trash(self.app.library)
        moved = [entry.moved_at.strftime("%Y-%m-%d %H:%M") for entry in self.entries]
        widths = self.column_widths(moved)
        # Widths set, not measured: they are this screen size's (a measured column never
        # shrinks, and lines drawn before the measuring kept the header's width).
        table.clear(columns=True)
        for key, width in zip(("moved", "title", "id"), widths):
            table.add_column(t(f"trash.col.{key}"), key=key, width=width)
        _, title_width, id_width = widths
        for entry, when in zip(self.entries, moved):
            title = (Text(t("trash.unreadable", problem=entry.problem)) if entry.problem
                     else Text(self.shown_title(entry.title) or t("header.untitled")))
            title.truncate(title_width, overflow="ellipsis")
            doc_id = Text(entry.doc_id)
            doc_id.truncate(id_width, overflow="ellipsis")
            table.add_row(when, title, doc_id, key=entry.name)
        if self.entries:
            table.move_cursor(row=min(row, len(self.entries) - 1), animate=False)
        folder = display_path(trash_folder(self.app.library))
        self.query_one("#trash-count", Static).update(
            t("trash.count", count=len(self.entries), folder=folder) if self.entries
            else t("trash.empty", folder=folder))

    def on_resize(self) -> None:
        self.reload()

    def column_widths(self, moved: list[str]) -> tuple[int, int, int]:
        """Date, title and id widths that fit the screen (no sideways scrolling): the date keeps
        its width, the title comes first (keeping ID_SHARE cells for the id), the id gets the
        rest; what does not fit ends in "…"."""
        room = self.app.size.width - 1 - 3 * 2        # the focus bar; each column's padding
        date = max(cell_len(text) for text in [t("trash.col.moved"), *moved])
        ids = max(cell_len(text) for text in [t("trash.col.id"), *(e.doc_id for e in self.entries)])
        titles = max([cell_len(t("trash.col.title")),
                      *(cell_len(entry.title or entry.problem or "") for entry in self.entries)])
        title = max(12, min(titles, room - date - min(ids, ID_SHARE)))
        return date, title, max(cell_len(t("trash.col.id")), min(ids, room - date - title))

    def shown_title(self, title: str) -> str:
        """A trashed postmortem's title, masked in sharing-safe mode (issue 15)."""
        from postmortem.scanner import mask
        return mask(title) if getattr(self.app, "sharing", False) else title

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
