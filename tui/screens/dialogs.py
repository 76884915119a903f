"""Modal dialogs that return a typed value."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from postmortem import vocab
from postmortem.i18n import t
from postmortem.times import TimeParseError, parse_typed_time
from tui.commands import RegistryBindings
from tui.widgets.cell_wrap import CellWrapped
from tui.widgets.field_message import FieldMessage
from tui.widgets.text_field import TextField


class ConfirmScreen(RegistryBindings, ModalScreen[bool]):
    """Yes/no. Enter or y confirms, Escape or n cancels."""

    COMMAND_SCOPE = "confirm"

    def __init__(self, question: str, confirm_label: str) -> None:
        super().__init__(classes="dialog-screen")
        self.question, self.confirm_label = question, confirm_label

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            # Not markup (a title may hold brackets); Chinese wrapped by character.
            yield Static(CellWrapped(self.question), classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.confirm_label, variant="error", id="confirm")
                yield Button(t("key.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#cancel").focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm")


@dataclass(frozen=True)
class NewPostmortemRequest:
    title: str
    severity: str | None
    incident_day: date | None = None      # the id takes the incident's date, or the meeting's
    meeting_at: datetime | None = None


class NewPostmortemScreen(RegistryBindings, ModalScreen[NewPostmortemRequest | None]):
    """Title and severity for a new postmortem; None when cancelled."""

    COMMAND_SCOPE = "new-postmortem"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(t("library.new_title"), classes="dialog-question")
            fields = (
                (t("scope.title"), TextField(placeholder=t("scope.title_placeholder"),
                                             id="new-title")),
                (t("scope.severity"), Select([(s, s) for s in vocab.SEVERITIES],
                                             prompt=t("scope.choose"), id="new-severity",
                                             compact=True)),
                (t("library.incident_day"), TextField(
                    id="new-incident-day", placeholder=t("library.incident_day_placeholder"))),
                (t("scope.meeting"), TextField(id="new-meeting",
                                               placeholder=t("library.meeting_placeholder"))),
            )
            for label, field in fields:
                with Horizontal(classes="field-row"):
                    yield Label(label, classes="field-label")
                    yield field
            yield Static(t("library.id_date_hint"), classes="field-hint")
            yield FieldMessage(id="new-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("library.create"), variant="primary", id="create")
                yield Button(t("key.cancel"), id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#create")
    def create(self) -> None:
        title = self.query_one("#new-title", Input).value.strip()
        if not title:
            self.query_one("#new-error", FieldMessage).show(t("library.title_required"))
            self.query_one("#new-title").focus()
            return
        severity = self.query_one("#new-severity", Select).value
        try:
            incident_day = self._incident_day()
            meeting_at = self._meeting()
        except (ValueError, TimeParseError) as problem:
            self.query_one("#new-error", FieldMessage).show(str(problem))
            return
        self.dismiss(NewPostmortemRequest(title, None if severity is Select.NULL else severity,
                                          incident_day, meeting_at))

    def _incident_day(self) -> date | None:
        text = self.query_one("#new-incident-day", Input).value.strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValueError(t("library.bad_incident_day", text=text)) from None

    def _meeting(self) -> datetime | None:
        text = self.query_one("#new-meeting", Input).value.strip()
        return parse_typed_time(text, day=None) if text else None

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
