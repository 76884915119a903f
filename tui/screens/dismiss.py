"""Dismissing a rule finding (blame, vagueness) with a reason that is kept in the document."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from postmortem.findings import Finding
from postmortem.i18n import t
from tui.commands import RegistryBindings
from tui.widgets.field_message import FieldMessage
from tui.widgets.text_field import TextField


class DismissFindingScreen(RegistryBindings, ModalScreen[str | None]):
    """The finding, what it is about, and an Input for the reason; None when cancelled."""

    COMMAND_SCOPE = "dismiss-finding"

    def __init__(self, finding: Finding, *, title: str, about: str, example_reason: str) -> None:
        super().__init__(classes="dialog-screen")
        self.finding, self.heading, self.about, self.example_reason = finding, title, about, example_reason

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.heading, classes="dialog-question")
            yield Static(Text(self.about))  # user text: shown as typed, never as markup
            yield Static(Text(self.finding.reason), classes="dismiss-reason")
            yield Label(t("dismiss.reason_label"))
            yield TextField(placeholder=self.example_reason, id="dismiss-reason", compact=False)
            yield FieldMessage(id="dismiss-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("dismiss.button"), variant="warning", id="dismiss")
                yield Button(t("key.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#dismiss-reason", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#dismiss")
    def submit(self) -> None:
        reason = " ".join(self.query_one("#dismiss-reason", Input).value.split())
        if not reason:
            self.query_one("#dismiss-error", FieldMessage).show(t("dismiss.empty_reason"))
            self.query_one("#dismiss-reason", Input).focus()
            return
        self.dismiss(reason)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
