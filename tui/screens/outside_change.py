"""The choice after another program changed the file while the facilitator had unsaved edits."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from postmortem.i18n import catalogue, current_language, t
from tui.commands import RegistryBindings
from tui.paths import display_path
from tui.widgets.cell_wrap import CellWrapped


class Keep(Enum):
    """Which version stays in the file; the other is saved beside it as a copy."""
    MINE = "mine"
    THEIRS = "theirs"
    MERGE = "merge"  # both, merged field by field (postmortem/merge.py)


def differing_parts(mine: dict[str, Any], theirs: dict[str, Any]) -> list[str]:
    """The named parts of the document (title, timeline, …) whose content differs."""
    names = catalogue(current_language())
    keys = [*mine, *(key for key in theirs if key not in mine)]
    return [names.get(f"outside.part.{key}", key) for key in keys if mine.get(key) != theirs.get(key)]


class ChooseVersionScreen(RegistryBindings, ModalScreen[Keep]):
    """Keep mine (m), take theirs (t) or merge both (b). There is no cancel: until one is chosen nothing can be
    saved, and every choice keeps both versions."""

    COMMAND_SCOPE = "outside-change"

    def __init__(self, path: Path, mine: dict[str, Any], theirs: dict[str, Any]) -> None:
        super().__init__(classes="dialog-screen")
        self.path = path
        self.parts = differing_parts(mine, theirs)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="outside-choice"):
            yield Static(CellWrapped(t("outside.choice.question", path=display_path(self.path))),
                         classes="dialog-question")
            parts = t("export.list_separator").join(self.parts)
            differs = (t("outside.choice.differs", parts=parts) if self.parts
                       else t("outside.choice.same_parts"))
            yield Static(differs, id="outside-differs")
            yield Static(t("outside.choice.explain"))
            yield Static(t("team_git.outside.explain_merge"))
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("outside.choice.mine"), variant="primary", id="mine")
                yield Button(t("outside.choice.theirs"), id="theirs")
                yield Button(t("team_git.outside.merge"), id="merge")

    def on_mount(self) -> None:
        self.query_one("#mine").focus()

    def action_choose(self, which: str) -> None:
        self.dismiss(Keep(which))

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(Keep(event.button.id))
