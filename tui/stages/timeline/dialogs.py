"""Stage 2's dialogs: paste many events with a preview, and the source/evidence note."""

from __future__ import annotations

from datetime import date, datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Static, TextArea

from postmortem.i18n import t
from postmortem.pasting import PastedLine, chat_speaker, parse_pasted, parsed_events, speaker_source
from postmortem.times import format_datetime
from tui.commands import RegistryBindings
from tui.widgets.choices import TickBox
from tui.widgets.text_field import TextBox, TextField

PastedEvents = list[tuple[datetime, str, str]]   # time, text, source


PreviewRow = tuple[str, str, Text, int]   # line number, time, how it reads, height


class PreviewTable(DataTable):
    """How each pasted line reads; lines left out are shown with the reason. The text column
    takes what the line number and time leave, so nothing scrolls sideways."""

    COMPONENT_CLASSES = DataTable.COMPONENT_CLASSES | {"paste--error"}
    NUMBER_WIDTH, TIME_WIDTH = 4, 16

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self.shown: list[PreviewRow] = []

    def text_width(self) -> int:
        used = (self.NUMBER_WIDTH + self.TIME_WIDTH + 6 * self.cell_padding
                + self.styles.scrollbar_size_vertical)
        return max(10, self.size.width - used)

    def show(self, rows: list[PreviewRow]) -> None:
        """The rows, the columns fitted to the table's width (a pasted block is short: the
        whole table is built again)."""
        self.shown = rows
        self.clear(columns=True)
        self.add_column(t("timeline_ui.paste.col_line"), key="line", width=self.NUMBER_WIDTH)
        self.add_column(t("timeline_ui.paste.col_time"), key="time", width=self.TIME_WIDTH)
        self.add_column(t("timeline_ui.paste.col_text"), key="text", width=self.text_width())
        for number, when, text, height in rows:
            self.add_row(number, when, text, key=number, height=height)

    def on_resize(self) -> None:
        column = self.columns.get("text")  # type: ignore[call-overload]
        if column is None or column.width != self.text_width():
            self.show(self.shown)


class PasteDialog(RegistryBindings, ModalScreen[PastedEvents | None]):
    """Lines from chat or logs, a live preview of how each reads, and nothing added until
    "Add N events" (Ctrl+S). Returns the (time, text, source) of the lines that read as
    events; when lines start with a chat speaker ("Priya Shah: …") a box offers to move the
    speaker to the source ("chat: Priya Shah")."""

    COMMAND_SCOPE = "timeline-paste"

    def __init__(self, *, day: date | None, previous: datetime | None,
                 local_tz: str | None, now: datetime | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.day, self.previous, self.local_tz, self.now = day, previous, local_tz, now
        self.lines: list[PastedLine] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog paste-dialog"):
            yield Static(t("timeline_ui.paste.title"), classes="dialog-question")
            yield Static(t("timeline_ui.paste.hint", zone=self.local_tz or t("timeline_ui.entry.utc")),
                         classes="field-hint paste-hint")
            yield TextBox(id="paste-text", soft_wrap=False, show_line_numbers=True,
                           placeholder=t("timeline_ui.paste.placeholder"))
            yield Static(t("timeline_ui.paste.summary_none"), id="paste-summary")
            yield TickBox("", True, id="paste-speakers", compact=True)
            yield PreviewTable(id="paste-preview", cursor_type="none", zebra_stripes=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("timeline_ui.paste.add", count=0), variant="primary",
                             id="paste-add", disabled=True, compact=True)
                yield Button(t("timeline_ui.paste.cancel"), id="paste-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#paste-speakers").display = False
        self.query_one("#paste-text", TextArea).focus()

    def moving_speakers(self) -> bool:
        box = self.query_one("#paste-speakers", TickBox)
        return box.display and box.value

    def events(self) -> PastedEvents:
        """What "Add" adds: each line's time and text, and its speaker as the source when
        the facilitator keeps the offer ticked."""
        move = self.moving_speakers()
        added = []
        for at, text in parsed_events(self.lines):
            speaker = chat_speaker(text) if move else None
            added.append((at, speaker[1], speaker_source(speaker[0])) if speaker
                         else (at, text, ""))
        return added

    def _offer_speakers(self) -> None:
        speakers = [found[0] for line in self.lines if line.ok
                    and (found := chat_speaker(line.text)) is not None]
        box = self.query_one("#paste-speakers", TickBox)
        box.display = bool(speakers)
        if speakers:
            box.label = t("timeline_ui.paste.move_speakers", count=len(speakers),
                          source=speaker_source(speakers[0]))

    @on(TickBox.Changed, "#paste-speakers")
    def _speakers_toggled(self) -> None:
        self.preview()

    @on(TextArea.Changed, "#paste-text")
    def preview(self) -> None:
        block = self.query_one("#paste-text", TextArea).text
        self.lines = parse_pasted(block, day=self.day, previous=self.previous,
                                  local_tz=self.local_tz, now=self.now)
        table = self.query_one("#paste-preview", PreviewTable)
        warning = table.get_component_rich_style("paste--error")
        self._offer_speakers()
        move = self.moving_speakers()
        rows: list[PreviewRow] = []
        for line in self.lines:
            when = format_datetime(line.at) if line.at is not None and line.ok else "—"
            if line.ok:
                speaker = chat_speaker(line.text) if move else None
                shown = Text(line.text if speaker is None else speaker[1], no_wrap=True,
                             overflow="ellipsis")
                if speaker is not None:
                    shown.append(f"  ← {speaker_source(speaker[0])}", style="dim")
                rows.append((str(line.line_no), when, shown, 1))
            else:  # two lines, so the whole reason can be read
                rows.append((str(line.line_no), when, Text(f"⚠ {line.error}", style=warning), 2))
        table.show(rows)
        good = len(parsed_events(self.lines))
        bad = len(self.lines) - good
        summary = (t("timeline_ui.paste.summary_none") if not self.lines else
                   t("timeline_ui.paste.summary_bad", ok=good, total=len(self.lines), bad=bad,
                     count=len(self.lines)) if bad
                   else t("timeline_ui.paste.summary", ok=good, total=len(self.lines),
                          count=len(self.lines)))
        self.query_one("#paste-summary", Static).update(summary)
        self.query_one("#paste-summary").set_class(bad > 0, "-bad")
        button = self.query_one("#paste-add", Button)
        button.label = t("timeline_ui.paste.add", count=good)
        button.disabled = good == 0

    @on(Button.Pressed, "#paste-add")
    def action_add_pasted(self) -> None:
        events = self.events()
        if not events:
            self.notify(t("timeline_ui.paste.nothing"), severity="warning")
            return
        self.dismiss(events)

    @on(Button.Pressed, "#paste-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class SourceDialog(RegistryBindings, ModalScreen[str | None]):
    """The source or evidence of one event (dashboard, log, ticket); None when cancelled."""

    COMMAND_SCOPE = "timeline-source"

    def __init__(self, what: str, source: str) -> None:
        super().__init__(classes="dialog-screen")
        self.what, self.source = what, source

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.what, classes="dialog-question", markup=False)
            yield TextField(self.source, id="source-input",
                        placeholder=t("timeline_ui.source_dialog.placeholder"))
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("timeline_ui.source_dialog.save"), variant="primary",
                             id="source-save", compact=True)
                yield Button(t("timeline_ui.source_dialog.cancel"), id="source-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#source-input", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#source-save")
    def save(self) -> None:
        self.dismiss(self.query_one("#source-input", Input).value.strip())

    @on(Button.Pressed, "#source-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
