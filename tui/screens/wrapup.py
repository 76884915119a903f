"""Ctrl+G in a postmortem: the wrap-up — what to read aloud at the end of the meeting (the new
actions with owners and due dates, the follow-up review dates, what is still ✗ in the final
review), built by ``postmortem.recap``; w writes the same as ``<id>.recap.md`` beside the
postmortem's file, for pasting into chat."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from postmortem.checklist import Review
from postmortem.hidden_text import mark_hidden
from postmortem.i18n import language, t
from postmortem.model import Postmortem
from postmortem.recap import RecapSection, recap_file_name, recap_markdown, recap_sections
from postmortem.scanner import mask
from postmortem.sharing import shared_view
from storage.errors import StorageError
from storage.export_target import write_export_file
from tui.commands import RegistryBindings
from tui.widgets.key_footer import KeyFooter
from tui.widgets.cell_wrap import CellWrapped
from tui.widgets.status_line import StatusLine


def hanging(mark: str, body: RenderableType) -> Table:
    """``mark`` then ``body``; a long body wraps under itself, not under the mark."""
    grid = Table.grid()
    grid.add_column(width=2)
    grid.add_column(ratio=1, overflow="fold")  # Chinese has no spaces to wrap at
    grid.add_row(mark, body)
    return grid


def section_text(section: RecapSection, shown: Callable[[str], str] = str) -> Group:
    """A section as the screen shows it: its title, then a bullet a line with the reasons
    under it (``shown`` masks what sharing-safe mode must not show)."""
    parts: list[RenderableType] = [Text(section.title, style="bold underline")]
    if not section.lines:
        parts.append(hanging("", Text(section.empty)))
    for item in section.lines:   # wrapped beside Chinese characters too, not only at spaces
        details = [hanging("–", CellWrapped(shown(mark_hidden(detail.text))))
                    for detail in item.details]
        parts.append(hanging("•", Group(CellWrapped(shown(mark_hidden(item.text))), *details)))
    return Group(*parts)


class WrapUpBody(VerticalScroll):
    """The sections, scrolled with the arrow keys and PageUp/PageDown when they run long."""


class WrapUpScreen(RegistryBindings, Screen[None]):
    COMMAND_SCOPE = "wrapup"

    def __init__(self, document: Postmortem, review: Review, *, folder: Path, today: date,
                 library_root: Path | None = None, source: Path | None = None,
                 masked: bool = False, recap_review: Review | None = None) -> None:
        """``folder``: where the recap file goes (beside the postmortem's file). ``masked``:
        sharing-safe mode, where the screen reads the shared copy (internal-only actions left
        out, what the scanner finds masked) while the file gets the real recap.
        ``recap_review``: the review evaluated in the document's language, for the file."""
        super().__init__()
        self.document, self.review, self.today = document, review, today
        self.recap_review = recap_review or review
        self.folder, self.library_root, self.source = folder, library_root, source
        self.sections = recap_sections(document, review)
        self.masked = masked
        self.shown_sections = (recap_sections(shared_view(document), review) if masked
                               else self.sections)

    @property
    def recap_path(self) -> Path:
        return self.folder / recap_file_name(self.document.id)

    def compose(self) -> ComposeResult:
        title = mark_hidden(self.document.title.strip()) or self.document.id
        title = mask(title) if self.masked else title
        yield Static(t("wrapup.title", title=title), id="wrapup-title", markup=False)
        with WrapUpBody(id="wrapup-body"):
            for section in self.shown_sections:
                yield Static(section_text(section, mask if self.masked else str),
                             id=f"wrapup-{section.key}",
                             classes="wrapup-section", markup=False)
        yield Static(t("wrapup.hint", file=recap_file_name(self.document.id)),
                     id="wrapup-hint", markup=False)
        yield StatusLine()
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(WrapUpBody).focus()

    def action_write(self) -> None:
        with language(self.document.language):   # the file in the document's language
            sections = recap_sections(self.document, self.recap_review)
            data = recap_markdown(self.document, sections, self.today).encode("utf-8")
        try:
            write_export_file(self.recap_path, data, library=self.library_root, source=self.source)
        except StorageError as error:
            self.notify(t("wrapup.not_written", problem=str(error)), severity="error", timeout=12)
            return
        self.notify(t("wrapup.written", path=str(self.recap_path)))

    def action_close(self) -> None:
        self.dismiss(None)
