"""Stage 3's dialogs: pick one item from a list (a new parent, a category) and dismiss a
blame finding with a reason. Each returns a typed value, None when cancelled."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from postmortem.i18n import t
from tui.commands import RegistryBindings

T = TypeVar("T")


@dataclass(frozen=True)
class Picked(Generic[T]):
    """The choice made in a ``PickScreen``; ``value`` may itself be None (e.g. "top level")."""

    value: T


@dataclass(frozen=True)
class Choice(Generic[T]):
    label: str
    value: T
    current: bool = False   # where the item is now: shown, not offered


class PickScreen(RegistryBindings, ModalScreen["Picked[T] | None"], Generic[T]):
    """A short list to choose from; Enter picks, Escape cancels."""

    COMMAND_SCOPE = "pick"

    def __init__(self, title: str, choices: list[Choice[T]]) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text, self.choices = title, choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog pick-dialog"):
            yield Static(Text(self.title_text), classes="dialog-question")
            yield OptionList(*[Option(Text(choice.label), disabled=choice.current)
                               for choice in self.choices], id="pick-list")
            yield Static(t("analysis_ui.pick.hint"), classes="field-hint")

    def on_mount(self) -> None:
        options = self.query_one("#pick-list", OptionList)
        options.focus()
        first = next((i for i, c in enumerate(self.choices) if not c.current), None)
        if first is not None:
            options.highlighted = first

    @on(OptionList.OptionSelected)
    def picked(self, event: OptionList.OptionSelected) -> None:
        choice = self.choices[event.option_index]
        if not choice.current:
            self.dismiss(Picked(choice.value))

    def action_cancel(self) -> None:
        self.dismiss(None)
