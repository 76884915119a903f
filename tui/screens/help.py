"""F1: every key, from the command registry. It opens on the keys of where the facilitator is —
the focused widget's, then those of the rest of the screen in view (the current stage), the
screen's and the app's — and lists the keys of everywhere else after them. A whole screen
with one scroll: section names are headings of their own, never cut to a column's width.
"""

from __future__ import annotations

from rich.table import Table
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from postmortem.i18n import t
from tui.commands import Command, RegistryBindings, all_commands
from tui.commands.core import ESC_DIGIT_KEYS
from tui.widgets.key_footer import KeyFooter
from tui.widgets.cell_wrap import CellWrapped
from tui.widgets.sharing_banner import SharingBanner

KEY_WIDTH = 18


def key_names(command: Command, app: App) -> str:
    """The command's keys as the footer shows them (``App.get_key_display``: "^s", "⏎")."""
    # The characters that stand for Esc+digit (Alt+1…6 in most terminals) are not keys to learn.
    return ", ".join(app.get_key_display(Binding(key, command.action))
                     for key in command.key.split(",") if key not in ESC_DIGIT_KEYS)


def scopes_here(focused: Widget | None, screen: Screen) -> list[str]:
    """The scopes of where the focus is, nearest first: the focused widget and its parents,
    the other widgets in view on the screen (the current stage), the screen, the app."""
    scopes: list[str] = []

    def add(node: DOMNode | None) -> None:
        scope = getattr(node, "COMMAND_SCOPE", None)
        if scope and scope not in scopes:
            scopes.append(scope)

    node: DOMNode | None = focused
    while node is not None and node is not screen:
        add(node)
        node = node.parent
    for widget in screen.query("*"):
        if widget.display and widget.is_on_screen:
            add(widget)
    add(screen)
    add(screen.app)
    if "app" not in scopes:
        scopes.append("app")
    return scopes


class HelpScreen(RegistryBindings, Screen[None]):
    COMMAND_SCOPE = "help"

    def __init__(self, focused: Widget | None, shown_over: Screen | None = None) -> None:
        super().__init__()
        screen = shown_over or (focused.screen if focused is not None else None)
        self.here = scopes_here(focused, screen) if screen is not None else ["app"]
        self.tables: list[Table] = []   # one per section, in the order shown

    def compose(self) -> ComposeResult:
        commands = all_commands()
        elsewhere = [s for s in dict.fromkeys(c.scope for c in commands) if s not in self.here]
        yield SharingBanner()
        yield Static(t("help.title"), id="help-title")
        with VerticalScroll(id="help-body"):
            for scope in self.here:
                yield from self.section(scope, commands)
            if elsewhere:
                yield Static(t("help.elsewhere"), classes="help-part")
            for scope in elsewhere:
                yield from self.section(scope, commands)
            yield Static(t("help.footer"), classes="field-hint")
        yield KeyFooter()

    def section(self, scope: str, commands: tuple[Command, ...]) -> ComposeResult:
        rows = [c for c in commands if c.scope == scope]
        if not rows:
            return
        table = Table(show_header=False, show_edge=False, box=None, expand=True, padding=(0, 1))
        table.add_column(no_wrap=True, width=KEY_WIDTH, style="bold")
        table.add_column(ratio=1)
        for command in rows:   # Chinese has no spaces to wrap at: wrapped by character
            table.add_row(key_names(command, self.app), CellWrapped(command.help_text))
        self.tables.append(table)
        yield Static(t(f"help.scope.{scope}"), classes="help-section", markup=False)
        yield Static(table, classes="help-keys")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
