"""Command palette entries, from the same registry as the footer and help.

The app's commands and the current screen's are offered, and those of widgets on screen (a
dialog's, the library's). In a postmortem every stage's commands are offered too, wherever the
facilitator is: one of another stage first goes to its stage (and its tab), then runs there.
Commands that cannot run now (the node's ``check_action`` says no) are left out.

Textual's own commands (theme, quit, screenshot...) come from the same provider, in the app's
language (``PostmortemApp.get_system_commands``): with every command in one provider, a search
that matches none of them is known here, and says so in the app's language. Textual would
otherwise put its own English "No matches found" in the empty list.
"""

from __future__ import annotations

from functools import partial
from typing import Iterator

from textual.actions import parse
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode
from textual.theme import ThemeProvider
from textual.widget import Widget
from textual.widgets import TabbedContent, TabPane

from postmortem.i18n import t
from tui.commands import Command, commands_for, stage_of, stage_scopes


def can_run(node: DOMNode, action: str) -> bool:
    """False when the node says the action cannot run now (``check_action`` False or None)."""
    _, name, parameters = parse(action)
    try:
        return bool(node.check_action(name, parameters))
    except Exception:  # a check that fails is no reason to hide the command, nor to crash
        return True


def scoped_targets(provider: Provider) -> Iterator[tuple[Command, DOMNode | int]]:
    """Each offered command with the node its action runs on, or the number of the stage it
    belongs to when that stage is not the one showing (the node is found once it is)."""
    screen = provider.screen
    for command in commands_for("app"):
        yield command, screen
    screen_scope = getattr(screen, "COMMAND_SCOPE", None)
    if screen_scope:
        for command in commands_for(screen_scope):
            yield command, screen
    shown: set[str] = set()
    for widget in screen.query("*"):
        scope = getattr(widget, "COMMAND_SCOPE", None)
        if scope and scope != screen_scope and widget.display and widget.is_on_screen:
            shown.add(scope)
            for command in commands_for(scope):
                yield command, widget
    if screen_scope == "workspace":
        for stage, scopes in stage_scopes().items():
            for scope in scopes:
                if scope not in shown:
                    for command in commands_for(scope):
                        yield command, stage


async def run_in_stage(screen, stage: int, command: Command) -> None:
    """Go to the command's stage, bring its widget into view and focus, and run it there."""
    await screen.action_stage(stage)
    target = next((w for w in screen.query(f"#stage-{stage} *")
                   if getattr(w, "COMMAND_SCOPE", None) == command.scope), None)
    if target is None:
        return
    node: DOMNode | None = target
    while node is not None:   # a widget on a tab that is not shown: show that tab first
        if isinstance(node, TabPane) and isinstance(node.parent.parent, TabbedContent):
            node.parent.parent.active = node.id or ""
        node = node.parent
    if isinstance(target, Widget) and target.focusable:
        target.focus()
    await target.run_action(command.action)


def nothing() -> None:
    """What choosing the no-match line does: the palette closes, nothing else happens."""


def no_match() -> Hit:
    """The one line a search that matched nothing offers, in the app's language."""
    return Hit(1, t("palette.no_match"), nothing, help=t("palette.no_match_help"))


class ThemeCommands(ThemeProvider):
    """Textual's list of themes (the palette's "Theme" command), with the no-match line."""

    async def search(self, query: str) -> Hits:
        matched = False
        async for hit in super().search(query):
            matched = True
            yield hit
        if not matched:
            yield no_match()


class PaletteCommands(Provider):
    def offered(self) -> Iterator[tuple[Command, object]]:
        """(command, what runs it) for each command offered now."""
        for command, node in scoped_targets(self):
            if not command.palette:
                continue
            if isinstance(node, int):
                existing = self.screen.query(f"#stage-{node} *")
                target = next((w for w in existing
                               if getattr(w, "COMMAND_SCOPE", None) == command.scope), None)
                if target is not None and not can_run(target, command.action):
                    continue
                yield command, partial(run_in_stage, self.screen, node, command)
            elif can_run(node, command.action):
                yield command, partial(node.run_action, command.action)

    def described(self) -> Iterator[tuple[str, Command, object]]:
        """Each offered command with its text; one of another stage says which."""
        for command, run in self.offered():
            stage = stage_of(command.scope)
            text = command.help_text
            if isinstance(run, partial) and run.func is run_in_stage:
                text = t("palette.in_stage", stage=stage, text=text)
            yield text, command, run

    def everything(self, *, discovering: bool = False) -> Iterator[tuple[str, object, str]]:
        """(text, what runs it, help) of each command offered now, Textual's own last (when
        ``discovering``, the empty search, only those of them Textual lists there)."""
        for text, command, run in self.described():
            yield text, run, command.key
        for system in sorted(self.app.get_system_commands(self.screen), key=lambda c: c.title):
            if system.discover or not discovering:
                yield system.title, system.callback, system.help

    async def discover(self) -> Hits:
        for text, run, help_text in self.everything(discovering=True):
            yield DiscoveryHit(text, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        matched = False
        for text, run, help_text in self.everything():
            score = matcher.match(text)
            if score > 0:
                matched = True
                yield Hit(score, matcher.highlight(text), run, help=help_text)
        if not matched:
            yield no_match()
