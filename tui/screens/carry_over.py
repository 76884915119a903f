"""F10 in a postmortem: open actions carried over from related postmortems (issue 14).

The list holds the open actions of the postmortems that share a tag or a root cause with
this one, overdue first. The room settles each: d done, o still open (a new due date, typed
as on stage 5), w won't do (a reason). The answer is written into the other postmortem's
file at once, under that file's own lock; when another window holds it, the answer is kept
in this postmortem (``carry_over``) and written by the workspace once the lock is free.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from postmortem.carry_over import CarriedAction, NotSettled, keep_pending, pending_for
from postmortem.duedates import DueDateError, parse_due
from postmortem.history import clone
from postmortem.i18n import t
from postmortem.model import CarryOverAnswer, Postmortem
from postmortem.times import show_date, show_short_date
from storage.carry_over import CarryOver, related_open_actions, write_answer
from storage.errors import LockedError, StorageError
from tui.commands import RegistryBindings
from tui.stages.actions import clock as actions_clock
from tui.widgets.field_message import FieldMessage
from tui.widgets.text_field import TextField


@dataclass(frozen=True)
class Written:
    """What became of an answer: written, kept for later, or refused (one sentence)."""

    answer: CarryOverAnswer
    title: str
    outcome: str                  # "written", "kept", "refused"
    message: str


def answer_text(answer: CarryOverAnswer) -> str:
    if answer.outcome == "open":
        return t("carry_ui.answer.open", due=show_date(answer.due)) if answer.due else t("carry_ui.answer.open_no_date")
    return t(f"carry_ui.answer.{answer.outcome}")


def write_or_keep(root: Path, answer: CarryOverAnswer, title: str) -> Written:
    """Try to write ``answer`` (any thread); what happened, said in one sentence."""
    try:
        written = write_answer(root, answer)
    except LockedError as locked:
        key = "carry_ui.kept_locked" if locked.reason is None else "carry_ui.kept_unwritable"
        return Written(answer, title, "kept", t(key, title=title, reason=locked.reason or ""))
    except NotSettled as not_settled:
        return Written(answer, title, "refused", t(f"carry_ui.not_settled.{not_settled.reason}",
                                                   title=title, action=answer.action))
    except (StorageError, OSError) as error:
        return Written(answer, title, "refused", str(error))
    title = written.title.strip() or title
    return Written(answer, title, "written", t("carry_ui.written", title=title,
                                               answer=answer_text(answer)))


def short_answer(answer: CarryOverAnswer) -> str:
    """The answer in the list's narrow column."""
    if answer.outcome == "open" and answer.due is not None:
        return t("carry_ui.short.open", due=show_short_date(answer.due))
    return answer_text(answer)


DIALOG_WIDTH = 110  # .carry-dialog in screens.tcss


class CarriedList(RegistryBindings, DataTable):
    SHARED_SCOPES = ("rows",)  # Home/End: the first and last row


class CarryOverScreen(RegistryBindings, ModalScreen[None]):
    COMMAND_SCOPE = "carry-over"

    def __init__(self, document: Postmortem, document_path: Path, library_root: Path,
                 changed: Callable[[], None], *, read_only: bool = False) -> None:
        """``changed`` is called after this document changed (an answer kept for later)."""
        super().__init__(classes="dialog-screen")
        self.document, self.document_path, self.root = document, document_path, library_root
        self.changed, self.read_only = changed, read_only
        self.carried: list[CarriedAction] = []
        self.unreadable: list[str] = []
        self.answers: dict[tuple[str, str], CarryOverAnswer] = {}  # what this screen wrote
        self.asking: str | None = None                  # "open" or "wont-do" while the prompt is up

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog carry-dialog"):
            yield Static(t("carry_ui.title"), classes="dialog-question")
            yield Static(t("carry_ui.reading"), id="carry-summary")
            yield CarriedList(cursor_type="row", id="carry-list")
            yield Static(id="carry-why", classes="field-hint")
            yield Static(id="carry-prompt-label")
            yield TextField(id="carry-answer", own_undo_only=True)
            yield FieldMessage(id="carry-error")
            yield Static(id="carry-status")
            yield Static(t("carry_ui.hint"), classes="field-hint")

    def on_mount(self) -> None:
        table = self.query_one(CarriedList)
        # The action's column takes what the others leave of the dialog; the highlighted
        # row's full title and postmortem are on the line below the list.
        # The due column holds the widest date of the language, whole (a cut one reads as
        # another day: 2026年3月1 for 2026年3月18日).
        widest_due = cell_len("⚠ " + show_short_date(date(2026, 12, 28)))
        fixed = {"owner": 10, "due": max(12, widest_due), "answer": 20}
        inner = min(DIALOG_WIDTH, int(self.app.size.width * 0.95)) - 8
        table.add_column(t("carry_ui.column.action"), key="action",
                         width=max(12, inner - sum(fixed.values()) - 2 * (len(fixed) + 1)))
        for key, width in fixed.items():
            table.add_column(t(f"carry_ui.column.{key}"), key=key, width=width)
        self._prompt(None)
        table.focus()
        self.load(clone(self.document))  # a copy: read off the UI thread

    @work(thread=True, exclusive=True, group="carry-over-read")
    def load(self, document: Postmortem) -> None:
        found = related_open_actions(self.root, document, self.document_path,
                                     actions_clock.today())
        self.app.call_from_thread(self._show, found)

    def _show(self, found: CarryOver) -> None:
        self.carried = found.actions
        self.unreadable = found.unreadable
        table = self.query_one(CarriedList)
        row = table.cursor_row
        table.clear()
        today = actions_clock.today()
        for carried in self.carried:
            action = carried.action
            due = show_short_date(action.due) if action.due else t("carry_ui.no_date")
            if carried.is_overdue(today):
                due = "⚠ " + due
            table.add_row(action.title.strip() or action.id, action.owner or "—", due,
                          self._answer_cell(carried), key=f"{carried.postmortem}/{action.id}")
        count = len(self.carried)
        summary = t("carry_ui.count", count=count) if count else t("carry_ui.none")
        if found.unreadable:
            summary += " " + t("carry_ui.unreadable",
                                 names=t("export.list_separator").join(found.unreadable))
        self.query_one("#carry-summary", Static).update(summary)
        table.display = bool(count)
        if count:
            table.move_cursor(row=min(max(row, 0), count - 1))
        self._show_why()

    def _answer_cell(self, carried: CarriedAction) -> str:
        if carried.key in self.answers:
            return "✓ " + short_answer(self.answers[carried.key])
        pending = pending_for(self.document, carried.key)
        return t("carry_ui.pending", answer=short_answer(pending)) if pending else ""

    @on(DataTable.RowHighlighted)
    def _show_why(self) -> None:
        carried = self.current
        why = ""
        if carried is not None:
            parts = []
            if carried.shared_tags:
                parts.append(t("carry_ui.why.tags",
                               tags=t("export.list_separator").join(carried.shared_tags)))
            if carried.same_root_cause:
                parts.append(t("carry_ui.why.root_cause", text=carried.same_root_cause))
            if carried.is_overdue(actions_clock.today()):
                parts.append(t("carry_ui.why.overdue"))
            why = t("carry_ui.why.line", id=carried.action.id, action=carried.action.title.strip(),
                    title=carried.postmortem_title.strip() or carried.postmortem,
                    why=t("carry_ui.why.separator").join(parts))
        self.query_one("#carry-why", Static).update(why)

    @property
    def current(self) -> CarriedAction | None:
        table = self.query_one(CarriedList)
        if not self.carried or not table.display or table.cursor_row < 0:
            return None
        return self.carried[min(table.cursor_row, len(self.carried) - 1)]

    # Answers --------------------------------------------------------------------------

    def action_done(self) -> None:
        carried = self._answerable()
        if carried is not None:
            self._send(CarryOverAnswer(carried.postmortem, carried.action.id, "done"), carried)

    def action_still_open(self) -> None:
        if self._answerable() is not None:
            self._prompt("open")

    def action_wont_do(self) -> None:
        if self._answerable() is not None:
            self._prompt("wont-do")

    def _answerable(self) -> CarriedAction | None:
        if self.read_only:
            self.notify(t("workspace.read_only"), severity="warning")
            return None
        return self.current

    def _prompt(self, asking: str | None) -> None:
        """Show the one-line question for a due date or a reason, or hide it (None)."""
        self.asking = asking
        field = self.query_one("#carry-answer", Input)
        label = self.query_one("#carry-prompt-label", Static)
        field.display = label.display = asking is not None
        self.query_one("#carry-error", FieldMessage).show("")
        if asking is None:
            self.query_one(CarriedList).focus()
            return
        label.update(t(f"carry_ui.prompt.{asking}"))
        field.value = ""
        field.placeholder = t(f"carry_ui.placeholder.{asking}")
        field.focus()

    @on(Input.Submitted, "#carry-answer")
    def _answered(self, event: Input.Submitted) -> None:
        carried, text = self.current, event.value.strip()
        error = self.query_one("#carry-error", FieldMessage)
        if carried is None or self.asking is None:
            return
        if self.asking == "open":
            try:
                due = parse_due(text, actions_clock.today())
            except DueDateError as bad:
                error.show(str(bad))
                return
            answer = CarryOverAnswer(carried.postmortem, carried.action.id, "open", due=due)
        else:
            if not text:
                error.show(t("carry_ui.reason_needed"))
                return
            answer = CarryOverAnswer(carried.postmortem, carried.action.id, "wont-do", reason=text)
        self._prompt(None)
        self._send(answer, carried)

    def _send(self, answer: CarryOverAnswer, carried: CarriedAction) -> None:
        self.query_one("#carry-status", Static).update(t("carry_ui.writing"))
        self._write(answer, carried.postmortem_title.strip() or carried.postmortem)

    @work(thread=True, group="carry-over-write")
    def _write(self, answer: CarryOverAnswer, title: str) -> None:
        result = write_or_keep(self.root, answer, title)
        self.app.call_from_thread(self._written, result)

    def _written(self, result: Written) -> None:
        key = (result.answer.postmortem, result.answer.action)
        if result.outcome == "written":
            self.answers[key] = result.answer
            if pending_for(self.document, key) is not None:  # an older answer kept: superseded
                self.document.carry_over = [a for a in self.document.carry_over
                                            if (a.postmortem, a.action) != key]
                self.changed()
        elif result.outcome == "kept":
            keep_pending(self.document, result.answer)
            self.answers.pop(key, None)
            self.changed()
        self.query_one("#carry-status", Static).update(result.message)
        self.query_one("#carry-status").set_class(result.outcome != "written", "-warning")
        if self.is_attached:
            self._show(CarryOver(self.carried, self.unreadable))

    def action_close(self) -> None:
        if self.asking is not None:
            self._prompt(None)   # Escape leaves the question first, then the list
            return
        self.dismiss(None)
