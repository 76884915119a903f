"""F1: every key, from the command registry, with the focused widget's own keys first."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

from postmortem.i18n import t
from tui.commands import all_commands
from tui.commands.core import ESC_DIGIT_KEYS

SCOPE_ORDER = ("app", "workspace", "library")


def key_name(key: str) -> str:
    # The characters that stand for Esc+digit (Alt+1…6 in most terminals) are not keys to learn.
    return ", ".join(part.replace("slash", "/").replace("ctrl+", "Ctrl+").replace("pagedown", "PgDn")
                     .replace("pageup", "PgUp").replace("alt+", "Alt+").replace("left", "←")
                     .replace("right", "→") for part in key.split(",")
                     if part not in ESC_DIGIT_KEYS)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss", t("key.close"))]

    def __init__(self, focused: Widget | None) -> None:
        super().__init__(classes="dialog-screen")
        self.focused_scopes = []
        node = focused
        while node is not None:
            scope = getattr(node, "COMMAND_SCOPE", None)
            if scope and scope not in self.focused_scopes:
                self.focused_scopes.append(scope)
            node = node.parent

    def compose(self) -> ComposeResult:
        table = Table(expand=True, show_edge=False)
        table.add_column(t("help.key"), no_wrap=True, max_width=22)
        table.add_column(t("help.does"), ratio=1)
        commands = all_commands()
        scopes = [s for s in self.focused_scopes if s not in SCOPE_ORDER]
        scopes += [s for s in dict.fromkeys(c.scope for c in commands) if s not in scopes]
        for scope in scopes:
            table.add_section()
            table.add_row(f"[b]{t('help.scope.' + scope)}[/b]", "")
            for command in (c for c in commands if c.scope == scope):
                table.add_row(key_name(command.key), command.help_text)
        self.table = table
        with VerticalScroll(classes="dialog help"):
            yield Static(t("help.title"), classes="dialog-question")
            yield Static(table, id="help-table")
            yield Static(t("help.footer"), classes="field-hint")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
