"""F6: the Markdown export — a preview for either audience, then a write next to the library
file (``<id>.md`` / ``<id>.customer.md``) or to a path chosen in a small dialog.

The preview shows exactly the text that will be written (``render_markdown``); for the
customer-facing version a line above it counts what the scrubbing removed, by kind (never the
values). A refused customer-facing export (a security incident without approved legal
review) shows the reason instead, and nothing can be written for that audience.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Markdown, Static, TextArea

from postmortem.exposure import customer_warnings
from postmortem.i18n import language, t
from postmortem.markdown import EXPORT_AUDIENCES, ExportRefused, render_markdown
from postmortem.model import Postmortem
from postmortem.recurrence import RecurrenceSummary
from postmortem.redaction import Removed
from storage.export_target import write_export_file
from storage.errors import SaveError, StorageError
from tui.commands import RegistryBindings
from tui.paths import display_path
from tui.widgets.key_footer import KeyFooter
from tui.widgets.sharing_banner import SharingBanner
from tui.widgets.text_field import TextBox, TextField
from tui.widgets.wrapped_markdown import WrappedMarkdown

# Textual's Markdown widget makes a widget of every table cell: a 2,000-event timeline takes
# half a minute to lay out. The preview keeps this many rows of each table (the file gets all).
PREVIEW_TABLE_ROWS = 60

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def preview_markdown(markdown: str, max_rows: int = PREVIEW_TABLE_ROWS) -> tuple[str, int]:
    """The text to preview: each table cut after ``max_rows`` body rows, with a note of how
    many rows the written file has beyond them. Returns the text and the rows left out."""
    out: list[str] = []
    fence: str | None = None
    rows, hidden, total_hidden = -2, 0, 0   # -2: the header and delimiter rows come first

    def close_table() -> None:
        nonlocal rows, hidden, total_hidden
        if hidden:
            out.extend(["", t("export_ui.preview_rows_hidden", count=hidden)])
            total_hidden += hidden
        rows, hidden = -2, 0

    for line in markdown.split("\n"):
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence) \
                    and not line.strip().strip(fence[0]):
                fence = None
            out.append(line)
            continue
        if line.startswith("|"):
            rows += 1
            if rows > max_rows:
                hidden += 1
                continue
        else:
            close_table()
            if opened:
                fence = opened.group(1)
        out.append(line)
    close_table()
    return "\n".join(out), total_hidden


class ExportPathError(ValueError):
    """A path the export cannot write to; str() is one sentence for the user."""


def default_export_path(document: Postmortem, library_file: Path, export_audience: str) -> Path:
    """``<id>.md`` (internal) or ``<id>.customer.md`` next to the postmortem's file."""
    suffix = ".md" if export_audience == "internal" else ".customer.md"
    return library_file.parent / f"{document.id}{suffix}"


def resolve_export_path(text: str, base: Path) -> Path:
    """The file a typed path names: ``~`` expanded, a relative path taken from ``base``."""
    stripped = text.strip()
    if not stripped:
        raise ExportPathError(t("export_ui.error.empty_path"))
    path = Path(stripped).expanduser()
    return path if path.is_absolute() else base / path


def write_export(path: Path, data: bytes, default_name: str, *, library: Path | None = None,
                 source: Path | None = None) -> None:
    """Write atomically (a new file 0600, a replaced one keeps its mode), never onto a link, a
    special file or a file of the library (storage/export_target.py); every failure is an
    ``ExportPathError`` sentence."""
    try:
        if path.is_dir() and not path.is_symlink():
            raise ExportPathError(t("export_ui.error.is_folder", path=path, name=default_name))
        if not path.parent.is_dir():
            raise ExportPathError(t("export_ui.error.no_folder", folder=path.parent))
        write_export_file(path, data, library=library, source=source)
    except SaveError as error:
        raise ExportPathError(t("export_ui.error.write_failed", path=path,
                                reason=error.reason)) from error
    except StorageError as refused:  # a link, a FIFO, a file of the library
        raise ExportPathError(str(refused)) from refused
    except (OSError, ValueError) as error:  # stat refused, a name too long, a NUL byte
        if isinstance(error, ExportPathError):
            raise
        reason = os.strerror(error.errno) if getattr(error, "errno", None) else str(error)
        raise ExportPathError(t("export_ui.error.write_failed", path=path,
                                reason=reason)) from error


def is_file(path: Path) -> bool:
    """A regular file the export could replace (a symlink is refused by the write, not confirmed)."""
    try:
        return path.is_file() and not path.is_symlink()
    except (OSError, ValueError):
        return False  # the write says what is wrong with the path


class ExportPathScreen(RegistryBindings, ModalScreen[Path | None]):
    """Where to write: an input prefilled with the default path. Enter writes (the callback
    raises ``ExportPathError`` for a bad path, shown here while the dialog stays open);
    the result is the path written, or None when cancelled."""

    COMMAND_SCOPE = "export-path"

    def __init__(self, default: Path, question: str,
                 write: Callable[[Path], None]) -> None:
        super().__init__(classes="dialog-screen")
        self.default, self.question, self.write = default, question, write
        self.base = Path.cwd()
        self._replace_confirmed: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-question", markup=False)
            yield TextField(display_path(self.default), id="export-path-input", compact=False)
            yield Static("", id="export-path-error", classes="-hidden", markup=False)
            yield Static(t("export_ui.path_hint", folder=display_path(self.base)), classes="field-hint",
                         markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def show_error(self, sentence: str) -> None:
        error = self.query_one("#export-path-error", Static)
        error.update(sentence)
        error.set_class(not sentence, "-hidden")

    @on(Input.Submitted)
    def action_confirm(self) -> None:
        try:
            path = resolve_export_path(self.query_one(Input).value, self.base)
            if is_file(path) and self._replace_confirmed != path:
                self._replace_confirmed = path  # a second Enter on the same path replaces it
                self.show_error(t("export_ui.path_replace", path=path))
                return
            self.write(path)
        except ExportPathError as problem:
            self._replace_confirmed = None
            self.show_error(str(problem))
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ExportScreen(RegistryBindings, Screen[None]):
    COMMAND_SCOPE = "export"

    def __init__(self, document: Postmortem, document_path: Path, *,
                 library: Sequence[RecurrenceSummary] = (), today: date | None = None,
                 shown: Postmortem | None = None) -> None:
        super().__init__()
        self.document = document
        # Sharing-safe mode: the internal preview is rendered from the shared copy (masked,
        # internal-only and private things left out); the file still gets the real document.
        self.shown = shown
        self.document_path = Path(document_path)
        self.export_audience = "internal"
        self.showing_raw = False    # m: the Markdown as written instead of rendered
        self.preview_rows_hidden = 0  # table rows the preview leaves out (the file has them)
        # What the internal document's checklist is evaluated with, as on the review screen.
        self.library_summaries = library
        self.today = today if today is not None else date.today()

    # What is shown -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        title = (self.shown or self.document).title.strip() or t("export_ui.untitled")
        yield SharingBanner()
        yield Static(t("export_ui.title", title=title), id="export-title", markup=False)
        yield Static(id="export-audience")
        yield Static(id="export-removed", markup=False)
        # Open findings in what customers will read (customer version only); never blocks.
        with VerticalScroll(id="export-warnings", can_focus=False):
            yield Static(id="export-warnings-text", markup=False)
        # One rendered preview per audience, filled when first shown: t only shows the other.
        with VerticalScroll(id="export-preview"):
            for export_audience in EXPORT_AUDIENCES:
                yield WrappedMarkdown(id=f"export-markdown-{export_audience}", open_links=False)
        # m: the text exactly as written, for tables too wide to read rendered at 80 columns.
        yield TextBox(id="export-raw", read_only=True, soft_wrap=True, compact=True)
        with Vertical(id="export-refused"):
            yield Static(t("export_ui.refused_title"), id="export-refused-title")
            yield Static(id="export-refused-reason", markup=False)
            yield Static(t("export_ui.refused_hint"), id="export-refused-hint", markup=False)
        yield Static(id="export-status", markup=False)
        yield KeyFooter()

    async def on_mount(self) -> None:
        await self.show_audience()

    def audience_label(self, export_audience: str | None = None) -> str:
        return t(f"export_ui.audience_{export_audience or self.export_audience}")

    def rendered(self, removed: Removed | None = None, *, on_screen: bool = False) -> str:
        """The Markdown for the current audience; raises ``ExportRefused``. What the
        customer-facing version's scrubbing removed is counted in ``removed``. On screen in
        sharing-safe mode, the internal document is the shared copy's (the customer version
        is masked and without internal things already). Written in the document's language,
        not the UI's."""
        document = (self.shown if on_screen and self.shown is not None
                    and self.export_audience == "internal" else self.document)
        with language(self.document.language):
            return render_markdown(document, self.export_audience, today=self.today,
                                   library=self.library_summaries, removed=removed)

    async def show_audience(self) -> None:
        parts: list[Content | str] = [t("export_ui.audience_label")]
        for export_audience in EXPORT_AUDIENCES:
            label = f" {self.audience_label(export_audience)} "
            parts += [" ", Content.styled(label, "bold reverse $accent")
                      if export_audience == self.export_audience
                      else Content.styled(label, "$foreground-muted")]
        self.query_one("#export-audience", Static).update(Content.assemble(*parts))
        removed = Removed()
        try:
            markdown = self.rendered(removed, on_screen=True)
        except ExportRefused as refused:
            self.query_one("#export-refused-reason", Static).update(str(refused))
            self.show_parts(refused=True)
            self.set_status("")  # the reason is on screen already
            return
        self.query_one("#export-removed", Static).update(removed.sentence())
        self.show_warnings()
        preview_text, self.preview_rows_hidden = preview_markdown(markdown)
        # The document does not change under this screen: an audience's preview, once
        # filled, is shown again as it is (filling it mounts a widget per block and cell).
        preview = self.shown_markdown()
        if preview.source != preview_text:
            await preview.update(preview_text)
        raw = self.query_one("#export-raw", TextArea)
        if raw.text != markdown:
            raw.load_text(markdown)
        self.show_view()

    def shown_markdown(self) -> Markdown:
        """The rendered preview of the audience shown."""
        return self.query_one(f"#export-markdown-{self.export_audience}", Markdown)

    def show_view(self) -> None:
        """The rendered preview or the raw text of the audience shown, from the top, focused,
        with the status line that goes with it."""
        self.show_parts(refused=False)
        for markdown in self.query_one("#export-preview").query_children(Markdown):
            markdown.display = markdown is self.shown_markdown()
        status = t("export_ui.will_write", path=display_path(self.default_path()))
        if self.shown is not None and self.export_audience == "internal":
            status += " " + t("sharing.export_preview_masked")
        if self.preview_rows_hidden and not self.showing_raw:
            status += " " + t("export_ui.preview_shortened", count=self.preview_rows_hidden)
        self.set_status(status)
        preview = self.query_one("#export-preview", VerticalScroll)
        raw = self.query_one("#export-raw", TextArea)
        preview.scroll_home(animate=False)
        raw.scroll_home(animate=False)
        # After the refresh: the view just switched on is not focusable until styled.
        self.call_after_refresh((raw if self.showing_raw else preview).focus)

    def show_parts(self, *, refused: bool) -> None:
        """Show the refusal, or the rendered preview or the raw text, and the customer
        version's removed count. Set on these few widgets, not as classes of the screen: a
        class of the screen restyles every widget under it, the whole rendered preview."""
        self.query_one("#export-refused").display = refused
        self.query_one("#export-preview").display = not refused and not self.showing_raw
        self.query_one("#export-raw").display = not refused and self.showing_raw
        self.query_one("#export-removed").display = (
            not refused and self.export_audience == "external")

    def show_warnings(self) -> None:
        warnings = customer_warnings(self.document) if self.export_audience == "external" else []
        text = "\n".join([t("export_ui.warnings_heading", count=len(warnings)),
                          *(f"• {warning}" for warning in warnings)])
        self.query_one("#export-warnings-text", Static).update(text if warnings else "")
        self.query_one("#export-warnings").display = bool(warnings)

    def set_status(self, text: str, state: str | None = None) -> None:
        status = self.query_one("#export-status", Static)
        status.update(text)
        for name in ("-written", "-failed"):
            status.set_class(name == state, name)

    def default_path(self) -> Path:
        return default_export_path(self.document, self.document_path, self.export_audience)

    # Keys ----------------------------------------------------------------------------------

    async def action_toggle_raw(self) -> None:
        """Rendered preview or the Markdown as written (the same text the file gets)."""
        self.showing_raw = not self.showing_raw
        if not self.query_one("#export-refused").display:
            self.show_view()

    async def action_toggle_audience(self) -> None:
        self.export_audience = EXPORT_AUDIENCES[
            (EXPORT_AUDIENCES.index(self.export_audience) + 1) % len(EXPORT_AUDIENCES)]
        await self.show_audience()

    def data(self) -> bytes:
        return self.rendered().encode("utf-8")

    def write_to(self, path: Path) -> None:
        """Write the current audience's Markdown to ``path``; raises ``ExportPathError``."""
        try:
            data = self.data()
        except ExportRefused as refused:
            raise ExportPathError(str(refused)) from refused
        library = getattr(self.app, "library", None)
        write_export(path, data, self.default_path().name, source=self.document_path,
                     library=library.root if library is not None else None)
        self.report_written(path, len(data))

    def report_written(self, path: Path, size: int) -> None:
        # The status line under the preview says it; a toast would cover the preview.
        self.set_status(t("export_ui.wrote", path=path, size=size), "-written")

    def refused(self) -> bool:
        """True (and the reason notified) when the current audience may not be exported."""
        try:
            self.rendered()
        except ExportRefused as refused:
            self.notify(str(refused), severity="error", timeout=10)
            return True
        return False

    def action_write(self) -> None:
        if self.refused():
            return
        try:
            self.write_to(self.default_path())
        except ExportPathError as problem:
            self.set_status(str(problem), "-failed")
            self.notify(str(problem), severity="error", timeout=10)

    def action_write_to(self) -> None:
        if self.refused():
            return
        question = t(f"export_ui.path_question_{self.export_audience}")
        self.app.push_screen(ExportPathScreen(self.default_path(), question, self.write_to))

    def action_close(self) -> None:
        self.dismiss(None)


__all__ = ["ExportPathError", "ExportPathScreen", "ExportScreen", "default_export_path",
           "preview_markdown", "resolve_export_path", "write_export"]
