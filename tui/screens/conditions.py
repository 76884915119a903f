"""F2 in a postmortem: every stage's exit condition, each open one on its own line. The exit
bar shows the first open condition of the current stage; this lists them all. Enter on a
condition goes to its stage; Escape or F2 closes."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from postmortem.i18n import t
from postmortem.stages import StageStatus
from tui.commands import RegistryBindings
from tui.messages import JumpTo


def bulleted(reason: str) -> Table:
    """``  • reason``, a long reason wrapping under its own first word, not under the bullet."""
    grid = Table.grid()
    grid.add_column(width=4, style="bold")
    grid.add_column(ratio=1)
    grid.add_row("  • ", Text(reason))
    return grid


class ConditionsScreen(RegistryBindings, ModalScreen[JumpTo | None]):
    COMMAND_SCOPE = "conditions"

    def __init__(self, statuses: list[StageStatus], current: int) -> None:
        super().__init__(classes="dialog-screen")
        # The current stage first: that is what the exit bar was talking about.
        self.statuses = sorted(statuses, key=lambda s: (s.number != current, s.number))
        self.stage_of: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        options: list[Option] = []
        for status in self.statuses:
            mark = Content.styled("✓" if status.ok else "✗", "bold")
            heading = Content.assemble(mark, " ", (f"{status.number} {status.title}", "bold"))
            options.append(Option(heading, id=f"stage-{status.number}", disabled=True))
            for index, reason in enumerate(status.reasons):
                option_id = f"reason-{status.number}-{index}"
                self.stage_of[option_id] = status.number
                options.append(Option(bulleted(reason), id=option_id))
        with Vertical(classes="dialog"):
            yield Static(t("conditions.title"), classes="dialog-question")
            yield OptionList(*options, id="conditions-list")
            yield Static(t("conditions.hint"), classes="field-hint")

    def on_mount(self) -> None:
        conditions = self.query_one("#conditions-list", OptionList)
        first = next((i for i, option in enumerate(conditions.options) if not option.disabled),
                     None)
        conditions.highlighted = first
        conditions.focus()

    @on(OptionList.OptionSelected)
    def go_to_stage(self, event: OptionList.OptionSelected) -> None:
        stage = self.stage_of.get(event.option.id or "")
        if stage is not None:
            self.dismiss(JumpTo(stage))

    def action_close(self) -> None:
        self.dismiss(None)
