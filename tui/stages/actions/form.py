"""The form of the selected action item, with its vagueness findings underneath.

It edits the action in place and posts ``ActionForm.Edited``; the stage saves and redraws
the board. Enter moves on: title → owner → due → tracker → back to the board, which is how a
facilitator adds an item without touching the mouse. The findings update as the title is
typed.
"""

from __future__ import annotations

from datetime import date
from typing import Callable

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from postmortem import vocab
from postmortem.blame import title_findings
from postmortem.duedates import DueDateError, parse_due
from postmortem.findings import Finding
from postmortem.i18n import t
from postmortem.model import Action, Postmortem
from postmortem.times import show_long_date
from postmortem.vagueness import action_findings, overdue
from tui.commands import RegistryBindings
from tui.widgets.field_binding import FieldBinding
from tui.widgets.text_field import TextField

ENTER_ORDER = ("action-title", "action-owner", "action-due", "action-tracker")
# The item's text fields by widget id and what each edits; the due date is apart: it is
# parsed against today, and says which day it understood.
TEXT_FIELDS = {
    "action-title": FieldBinding("title"),
    "action-owner": FieldBinding("owner", stored=str.strip),
    "action-tracker": FieldBinding("tracker", stored=str.strip),
}
DUE = FieldBinding("due", shown=lambda due: due.isoformat() if due else "")
SELECTS = {"action-type": FieldBinding("type"), "action-status": FieldBinding("status")}


class FormRow(Horizontal):
    """A short label and its editor, one cell of the form's grid."""

    def __init__(self, label: str, *children: Widget, id: str) -> None:
        super().__init__(id=id, classes="action-row")
        self._label, self._children = label, children

    def compose(self) -> ComposeResult:
        yield Label(self._label, classes="action-label")
        yield from self._children


def complete_person(typed: str, people: list[str]) -> str:
    """What the owner field's suggestion shows: the first person whose name starts with
    what was typed (any case), else the text as typed."""
    folded = typed.strip().casefold()
    if not folded:
        return typed.strip()
    return next((p for p in people if p.casefold().startswith(folded)), typed.strip())


class DismissRequested(Message):
    def __init__(self, finding: Finding, dismissed: bool) -> None:
        super().__init__()
        self.finding, self.dismissed = finding, dismissed


class ActionFindings(RegistryBindings, OptionList):
    """The findings on the selected item: the reason, then an example of a specific rewrite.
    Dismissed ones stay listed, dimmed, with the reason they were dismissed."""

    COMMAND_SCOPE = "actions-findings"
    COMPONENT_CLASSES = OptionList.COMPONENT_CLASSES | {
        "action-findings--reason", "action-findings--suggestion", "action-findings--dismissed"}

    def __init__(self) -> None:
        super().__init__(id="action-findings", compact=True)
        self.entries: list[tuple[Finding, str | None]] = []   # (finding, dismissal reason)

    def show(self, entries: list[tuple[Finding, str | None]]) -> None:
        if [(f.key, r) for f, r in entries] == [(f.key, r) for f, r in self.entries] \
                and self.option_count == len(entries):
            self.entries = entries
            return
        keep = self.highlighted
        self.entries = entries
        self.set_options([Option(self._prompt(f, reason)) for f, reason in entries])
        self.display = bool(entries)
        if entries:
            self.highlighted = min(keep or 0, len(entries) - 1)

    def _prompt(self, finding: Finding, dismissed: str | None) -> Table:
        def style(name: str) -> Style:
            return self.get_component_rich_style(f"action-findings--{name}", partial=True)
        grid = Table.grid(padding=(0, 1, 0, 0), expand=True)
        grid.add_column(no_wrap=True, width=1)
        grid.add_column(ratio=1)
        if dismissed is not None:
            grid.add_row("", Text(t("actions_ui.finding_dismissed", reason=finding.reason,
                                    why=dismissed), style=style("dismissed")))
        else:
            grid.add_row(Text("⚠", style=style("reason")), Text(finding.reason, style=style("reason")))
            grid.add_row("", Text(finding.suggestion, style=style("suggestion")))
        return grid

    def action_dismiss(self) -> None:
        if self.highlighted is not None and self.highlighted < len(self.entries):
            finding, reason = self.entries[self.highlighted]
            self.post_message(DismissRequested(finding, reason is not None))


class ActionForm(RegistryBindings, Vertical):
    COMMAND_SCOPE = "actions-form"

    class Edited(Message):
        """The form changed the action (``field`` is the document field)."""

        def __init__(self, action: Action, field: str) -> None:
            super().__init__()
            self.action, self.field = action, field

    class Done(Message):
        """Enter on the last field, or ctrl+b: back to the board."""

    class PickCauses(Message):
        pass

    def __init__(self, document: Postmortem, *, read_only: bool,
                 today: Callable[[], date]) -> None:
        super().__init__(id="action-form")
        self.document, self.read_only, self.today = document, read_only, today
        self.action: Action | None = None

    def compose(self) -> ComposeResult:
        ro = self.read_only
        yield Static(t("actions_ui.form.empty"), id="action-form-empty")
        with Vertical(id="action-fields"):
            yield FormRow(t("actions_ui.field.title"), TextField(
                id="action-title", disabled=ro, placeholder=t("actions_ui.placeholder.title")),
                id="row-title")
            # Pairs sit side by side when the form is under the board (narrow screens).
            with Vertical(classes="action-pair"):
                yield FormRow(t("actions_ui.field.type"), Select(
                    [(t(f"actions_ui.type.{v}"), v) for v in vocab.ACTION_TYPES],
                    allow_blank=False, id="action-type", disabled=ro, compact=True), id="row-type")
                yield FormRow(t("actions_ui.field.status"), Select(
                    [(t(f"actions_ui.status.{v}"), v) for v in vocab.ACTION_STATUSES],
                    allow_blank=False, id="action-status", disabled=ro, compact=True),
                    id="row-status")
            with Vertical(classes="action-pair"):
                yield FormRow(t("actions_ui.field.owner"), TextField(
                    id="action-owner", disabled=ro, placeholder=t("actions_ui.placeholder.owner")),
                    id="row-owner")
                yield FormRow(t("actions_ui.field.due"), TextField(
                    id="action-due", disabled=ro, placeholder=t("actions_ui.placeholder.due")),
                    id="row-due")
            yield Static("", id="action-due-message")
            with Vertical(classes="action-pair"):
                yield FormRow(t("actions_ui.field.tracker"), TextField(
                    id="action-tracker", disabled=ro,
                    placeholder=t("actions_ui.placeholder.tracker")), id="row-tracker")
                yield FormRow(t("actions_ui.field.causes"), Button(
                    "", id="action-causes", disabled=ro, compact=True), id="row-causes")
            yield Static("", id="action-causes-text")
        yield ActionFindings()

    # Showing ----------------------------------------------------------------------------

    def show(self, action: Action | None) -> None:
        """Fill the form from ``action`` without reporting edits."""
        self.action = action
        self.query_one("#action-fields").display = action is not None
        self.query_one("#action-form-empty").display = action is None
        if action is None:
            self.border_title = ""
            self.query_one(ActionFindings).show([])
            return
        self.show_heading()
        people = self.document.scope.people()
        owner = self.query_one("#action-owner", Input)
        owner.suggester = SuggestFromList(people, case_sensitive=False) if people else None
        for field_id, binding in {**TEXT_FIELDS, "action-due": DUE}.items():
            editor = self.query_one(f"#{field_id}", Input)
            if editor.value != binding.show(action):
                with editor.prevent(Input.Changed):
                    editor.value = binding.show(action)
        for field_id, binding in SELECTS.items():
            select = self.query_one(f"#{field_id}", Select)
            if select.value != binding.show(action):
                with select.prevent(Select.Changed):
                    select.value = binding.show(action)
        self._show_due_message(None)
        self.show_causes()
        self.show_findings()

    def show_heading(self) -> None:
        """"Item a3", and whether it stays out of the customer version."""
        action = self.action
        if action is not None:
            self.border_title = t("actions_ui.form_heading_internal" if action.internal
                                  else "actions_ui.form.heading", id=action.id)

    def show_causes(self) -> None:
        action = self.action
        if action is None:
            return
        button = self.query_one("#action-causes", Button)
        button.label = (t("actions_ui.causes_button", ids=", ".join(action.causes)) if action.causes
                        else t("actions_ui.causes_button_none"))
        lines = Text(no_wrap=True, overflow="ellipsis")
        for cause_id in action.causes:
            if lines:
                lines.append("\n")
            lines.append(f"{cause_id} ", style="bold")
            lines.append(self.document.cause_text(cause_id) or "?")
        text = self.query_one("#action-causes-text", Static)
        text.update(lines)
        text.set_class(not action.causes, "-empty")

    def show_findings(self) -> None:
        action = self.action
        if action is None:
            return
        dismissed = {d.key: d.reason for d in self.document.dismissed_findings}
        findings = title_findings(self.document, action) + action_findings(action, today=self.today())
        # Active findings first; dismissed ones after them, with the reason given.
        entries = [(f, None) for f in findings if f.key not in dismissed]
        entries += [(f, dismissed[f.key]) for f in findings if f.key in dismissed]
        self.query_one(ActionFindings).show(entries)

    def _show_due_message(self, problem: str | None) -> None:
        action, message = self.action, self.query_one("#action-due-message", Static)
        text, kind = "", ""
        if problem is not None:
            text, kind = problem, "-error"
        elif action is not None and action.due is not None:
            if overdue(action, self.today()):
                text, kind = t("actions_ui.due_overdue", due=_long_date(action.due)), "-overdue"
            elif self.query_one("#action-due", Input).value.strip() != action.due.isoformat():
                text = t("actions_ui.due_parsed", due=_long_date(action.due),
                         today=_long_date(self.today()))
        message.update(text)
        message.set_class(kind == "-error", "-error")
        message.set_class(kind == "-overdue", "-overdue")
        message.display = bool(text)

    # Editing ----------------------------------------------------------------------------

    @on(Input.Changed)
    def _text_changed(self, event: Input.Changed) -> None:
        action = self.action
        if action is None or event.input.id not in ENTER_ORDER or self.read_only:
            return
        event.stop()
        field = event.input.id.removeprefix("action-")
        if field == "due":
            if not self._set_due(event.value):
                return
        elif not TEXT_FIELDS[event.input.id].store(action, event.value):
            return
        self.show_findings()
        self.post_message(self.Edited(action, field))

    def _set_due(self, text: str) -> bool:
        """Store the day once the text parses; keep bad text on screen with one sentence."""
        assert self.action is not None
        if not text.strip():
            due = None
        else:
            try:
                due = parse_due(text, self.today())
            except DueDateError as problem:
                self._show_due_message(str(problem))
                return False
        changed = due != self.action.due
        self.action.due = due
        self._show_due_message(None)
        return changed

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        action = self.action
        event.stop()
        if action is None or event.value is Select.NULL or self.read_only:
            return
        binding = SELECTS[event.select.id or ""]
        if binding.store(action, event.value):
            self.show_findings()
            self._show_due_message(None)
            self.post_message(self.Edited(action, binding.path))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.input.id not in ENTER_ORDER:
            return
        event.stop()
        if event.input.id == "action-owner" and self.action is not None:
            completed = complete_person(event.value, self.document.scope.people())
            if completed != event.value:
                event.input.value = completed   # Enter takes the suggestion shown
        position = ENTER_ORDER.index(event.input.id)
        if position + 1 < len(ENTER_ORDER):
            self.query_one(f"#{ENTER_ORDER[position + 1]}").focus()
        else:
            self.post_message(self.Done())

    @on(events.DescendantBlur)
    def _due_left(self, event: events.DescendantBlur) -> None:
        # "+2w" becomes the day it means once the field is left; bad text stays as typed.
        editor = self.query_one("#action-due", Input)
        action = self.action
        if event.widget is not editor:
            return
        if action is not None and action.due is not None:
            try:
                if parse_due(editor.value, self.today()) == action.due:
                    with editor.prevent(Input.Changed):
                        editor.value = action.due.isoformat()
                    self._show_due_message(None)
            except DueDateError:
                pass

    @on(Button.Pressed, "#action-causes")
    def _causes_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.PickCauses())

    def action_back_to_board(self) -> None:
        self.post_message(self.Done())

    def focus_field(self, field: str) -> bool:
        matches = self.query(f"#action-{field}")
        if self.action is None or not matches:
            return False
        matches.first().focus()
        return True


def _long_date(day: date) -> str:
    return show_long_date(day)
