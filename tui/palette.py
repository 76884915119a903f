"""Command palette entries, from the same registry as the footer and help.

Only commands that make sense now are offered: the app's, the current screen's, and those of
widgets currently on screen (a stage's keys while that stage is showing).
"""

from __future__ import annotations

from functools import partial
from typing import Iterator

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode

from tui.commands import Command, commands_for


def scoped_targets(provider: Provider) -> Iterator[tuple[Command, DOMNode]]:
    """Each available command with the node its action runs on."""
    screen = provider.screen
    for command in commands_for("app"):
        yield command, screen
    screen_scope = getattr(screen, "COMMAND_SCOPE", None)
    if screen_scope:
        for command in commands_for(screen_scope):
            yield command, screen
    for widget in screen.query("*"):
        scope = getattr(widget, "COMMAND_SCOPE", None)
        if scope and scope != screen_scope and widget.display and widget.is_on_screen:
            for command in commands_for(scope):
                yield command, widget


class RegistryCommands(Provider):
    async def discover(self) -> Hits:
        for command, node in scoped_targets(self):
            if command.palette:
                yield DiscoveryHit(command.help_text, partial(node.run_action, command.action),
                                   help=command.key)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command, node in scoped_targets(self):
            if not command.palette:
                continue
            score = matcher.match(command.help_text)
            if score > 0:
                yield Hit(score, matcher.highlight(command.help_text),
                          partial(node.run_action, command.action), help=command.key)
