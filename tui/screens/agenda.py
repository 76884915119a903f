"""F7 in a postmortem: the agenda. The six stages with their planned and spent minutes and
their exit state (what is done, what is left), and the timeboxes to change: Enter on a stage
asks for its minutes, f and l set the full (60-minute) or lightweight (30-minute) plan."""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from postmortem import meeting as clock
from postmortem.i18n import t
from postmortem.model import Postmortem
from postmortem.stages import StageStatus, stage_statuses
from tui.commands import RegistryBindings
from tui.widgets.field_message import FieldMessage
from tui.widgets.text_field import TextField

STAGE_WIDTH = 14   # "3 Analysis" and the marker; longer titles are cut
DIALOG_WIDTH = 78  # .agenda-dialog in screens.tcss


def in_cells(text: str, width: int, *, right: bool = False, cut: bool = False) -> str:
    """``text`` padded to ``width`` terminal cells (on the left when ``right``), and cut to
    them when ``cut``: a Chinese character takes two cells, so ``ljust`` and ``:>5`` would
    misalign the columns."""
    if cut and cell_len(text) > width:
        text = set_cell_size(text, width)   # a wide character at the edge becomes a space
    padding = " " * (width - cell_len(text))
    return padding + text if right else text + padding


def exit_state(status: StageStatus) -> str:
    if status.ok:
        return t("agenda.done")
    return t("agenda.left", count=len(status.reasons), first=status.reasons[0])


def agenda_row(status: StageStatus, planned: int, spent: int, current: bool, width: int) -> Text:
    """One stage on one line of ``width`` cells: marker, number and short name, planned and
    spent minutes, exit state (cut with an ellipsis; F2 lists every condition whole)."""
    marker = t("agenda.now_marker") if current else " "
    name = f"{marker} {status.number} {t(f'stage_short.{status.key}')}"
    row = Text(no_wrap=True, overflow="ellipsis")
    row.append(in_cells(name, STAGE_WIDTH, cut=True), style="bold" if current else "")
    row.append(f"{in_cells(t('meeting.minutes', minutes=planned), 5, right=True)} "
               f"{in_cells(clock.minutes_text(spent), 5, right=True)}  ")
    row.append(exit_state(status), style="" if status.ok else "italic")
    row.truncate(width, overflow="ellipsis")
    return row


class AgendaList(RegistryBindings, OptionList):
    COMMAND_SCOPE = "agenda-list"

    def action_edit(self) -> None:
        self.screen.start_edit()


class AgendaScreen(RegistryBindings, ModalScreen[None]):
    COMMAND_SCOPE = "agenda"

    def __init__(self, document: Postmortem, now: Callable[[], datetime],
                 on_change: Callable[[], None], *, read_only: bool = False) -> None:
        """``on_change`` is called after each timebox change (the workspace saves it); a
        read-only postmortem's agenda is shown, not changed."""
        super().__init__(classes="dialog-screen")
        self.document, self.now, self.on_change = document, now, on_change
        self.read_only = read_only
        self.editing: int | None = None   # the stage whose minutes are being typed

    @property
    def meeting(self) -> clock.Meeting:
        return self.document.meeting

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog agenda-dialog"):
            yield Static(id="agenda-title", classes="dialog-question")
            heading = (in_cells(f"  {t('agenda.column_stage')}", STAGE_WIDTH)
                       + in_cells(t("agenda.column_planned"), 5, right=True) + " "
                       + in_cells(t("agenda.column_spent"), 6, right=True) + "  "
                       + t("agenda.column_exit"))
            yield Static(Text(heading, no_wrap=True, overflow="ellipsis"), classes="agenda-heading")
            yield AgendaList(id="agenda-list")
            with Horizontal(id="agenda-edit", classes="field-row"):
                yield Label(id="agenda-edit-label", classes="agenda-edit-label")
                yield TextField(id="agenda-minutes", restrict=r"[0-9]*", max_length=3)
            yield FieldMessage(id="agenda-error")
            yield Static(t("agenda.hint"), classes="field-hint")

    def on_mount(self) -> None:
        self.query_one("#agenda-edit").display = False
        self.show_agenda()
        agenda = self.query_one(AgendaList)
        agenda.highlighted = self.meeting.stage - 1
        agenda.focus()
        # Spent minutes move while the meeting runs; a minute's figures need no faster redraw.
        self.set_interval(15, self.show_agenda)

    def show_agenda(self) -> None:
        meeting, now = self.meeting, self.now()
        state = clock.state(meeting)
        self.query_one("#agenda-title", Static).update(t(
            "agenda.title", state=t(f"meeting.state.{state}"),
            elapsed=clock.minutes_text(clock.elapsed(meeting, now)),
            planned=clock.minutes_text(clock.planned_total(meeting) * 60)))
        running = state in (clock.RUNNING, clock.PAUSED)
        agenda = self.query_one(AgendaList)
        highlighted = agenda.highlighted
        width = self.row_width()
        agenda.set_options(
            Option(agenda_row(status, meeting.timeboxes[status.number - 1],
                              clock.stage_spent(meeting, now, status.number),
                              running and status.number == meeting.stage, width),
                   id=f"agenda-stage-{status.number}")
            for status in stage_statuses(self.document))
        agenda.highlighted = highlighted

    def row_width(self) -> int:
        """The list's inside width: the dialog's (78 cells, at most 95% of the screen) less
        its border and padding and the list's border and scrollbar."""
        return min(DIALOG_WIDTH, self.app.size.width * 95 // 100) - 12

    # Changing the timeboxes ------------------------------------------------------------

    def start_edit(self) -> None:
        if self.read_only:
            self.notify(t("meeting.read_only"), severity="warning")
            return
        stage = (self.query_one(AgendaList).highlighted or 0) + 1
        self.editing = stage
        status = stage_statuses(self.document)[stage - 1]
        self.query_one("#agenda-edit-label", Label).update(
            t("agenda.edit_prompt", stage=stage, title=status.title))
        self.query_one("#agenda-edit").display = True
        minutes = self.query_one("#agenda-minutes", Input)
        minutes.value = str(self.meeting.timeboxes[stage - 1])
        minutes.focus()

    @on(OptionList.OptionSelected)
    def selected(self) -> None:
        self.start_edit()

    @on(Input.Submitted, "#agenda-minutes")
    def minutes_typed(self, event: Input.Submitted) -> None:
        if self.editing is None:
            return
        try:
            clock.set_timebox(self.meeting, self.editing, int(event.value or "0"))
        except ValueError as problem:
            self.query_one("#agenda-error", FieldMessage).show(str(problem))
            return
        self.notify(t("agenda.timebox_set", stage=self.editing, minutes=int(event.value)))
        self._changed()
        self.stop_edit()

    def stop_edit(self) -> None:
        self.editing = None
        self.query_one("#agenda-edit").display = False
        self.query_one("#agenda-error", FieldMessage).show("")
        self.query_one(AgendaList).focus()

    def action_full(self) -> None:
        clock.use_timeboxes(self.meeting, clock.FULL_TIMEBOXES)
        self.notify(t("agenda.full_set"))
        self._changed()

    def action_lightweight(self) -> None:
        clock.use_timeboxes(self.meeting, clock.LIGHTWEIGHT_TIMEBOXES)
        self.notify(t("agenda.lightweight_set"))
        self._changed()

    def _changed(self) -> None:
        self.on_change()
        self.show_agenda()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While minutes are typed, f and l are digits' neighbours: they type nothing, do nothing.
        if action in ("full", "lightweight") and (self.editing is not None or self.read_only):
            return False
        return True

    def action_close(self) -> None:
        if self.editing is not None:
            self.stop_edit()   # Escape while typing minutes drops the typing, not the agenda
        else:
            self.dismiss(None)
