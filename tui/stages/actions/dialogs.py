"""Stage 5's dialogs: pick the causes an action addresses, dismiss a finding with a reason.

Each returns a typed value and None when cancelled.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, SelectionList, Static
from textual.widgets.selection_list import Selection

from postmortem.i18n import t
from postmortem.model import Postmortem
from postmortem.whys import preorder
from tui.commands import RegistryBindings
from tui.widgets.choices import TickList


@dataclass(frozen=True)
class CauseChoice:
    id: str
    label: Text


def cause_choices(doc: Postmortem) -> list[CauseChoice]:
    """Why-nodes in tree order (indented), then fishbone causes by category, with roles."""
    choices = []

    def label(item_id: str, text: str, role: str | None, where: str, indent: int) -> Text:
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(f"{item_id:<4}", style="dim")
        line.append("  " * indent)
        if role:
            line.append(f"[{t(f'actions_ui.role.{role}')}] ",
                        style="bold" if role == "root-cause" else "italic")
        line.append(text or t("actions_ui.untitled_cause"))
        line.append(f"  {where}", style="dim")
        return line

    for node, level in preorder(doc):
        choices.append(CauseChoice(node.id, label(node.id, node.text, node.role,
                                                  t("actions_ui.picker.why"), level - 1)))
    for category, cause in doc.analysis.causes():
        choices.append(CauseChoice(cause.id, label(cause.id, cause.text, cause.role,
                                                   category, 0)))
    return choices


class CauseList(RegistryBindings, TickList):
    """Space ticks; Enter confirms the dialog (a plain SelectionList would tick on Enter)."""

    COMMAND_SCOPE = "cause-list"


class CausePickerScreen(RegistryBindings, ModalScreen[list[str] | None]):
    """Tick the why-nodes and fishbone causes an action addresses; Enter or the button
    confirms (the ticked ids in document order), Escape cancels (None)."""

    COMMAND_SCOPE = "cause-picker"

    def __init__(self, doc: Postmortem, action_title: str, chosen: list[str]) -> None:
        super().__init__(classes="dialog-screen")
        self.choices = cause_choices(doc)
        self.action_title, self.chosen = action_title, set(chosen)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog cause-picker"):
            yield Static(Text(t("actions_ui.picker.title", title=self.action_title
                                or t("actions_ui.untitled"))), classes="dialog-question")
            if self.choices:
                yield CauseList(
                    *[Selection(choice.label, choice.id, choice.id in self.chosen)
                      for choice in self.choices], id="cause-list")
                yield Static(t("actions_ui.picker.hint"), classes="field-hint")
            else:
                yield Static(t("actions_ui.picker.none"), classes="field-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("actions_ui.picker.confirm"), variant="primary", id="confirm")
                yield Button(t("key.cancel"), id="cancel")

    def on_mount(self) -> None:
        lists = self.query(SelectionList)
        (lists.first() if lists else self.query_one("#cancel")).focus()
        self._fit(self.size.height)

    def on_resize(self, event) -> None:
        self._fit(event.size.height)

    def _fit(self, height: int) -> None:
        # The title, hint and buttons must stay on screen: the list gets what is left.
        for choices in self.query(SelectionList):
            choices.styles.max_height = max(3, height - 16)

    def action_confirm(self) -> None:
        lists = self.query(SelectionList)
        ticked = set(lists.first().selected) if lists else set()
        self.dismiss([choice.id for choice in self.choices if choice.id in ticked])

    @on(Button.Pressed, "#confirm")
    def _confirm_pressed(self) -> None:
        self.action_confirm()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
