"""The one command registry: every key binding, footer entry, palette entry and help line.

Each module in this package defines ``COMMANDS``; they are gathered here, so a stage adds
its keys by adding a module, without touching the others.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import lru_cache

from textual.binding import Binding

from postmortem.i18n import t


@dataclass(frozen=True)
class Command:
    id: str                 # stable id, e.g. "workspace.stage-2"
    key: str                # Textual key spec, e.g. "f1" or "ctrl+s"
    action: str             # Textual action string run on the scope's screen or widget
    label: str              # catalogue key of the short footer label
    help: str               # catalogue key of the one-line description (help and palette)
    scope: str              # "app", "library", "workspace", or a widget scope such as "timeline"
    footer: bool = True     # shown in the footer
    palette: bool = True    # offered in the command palette
    priority: bool = False  # fires even while a text field has focus

    @property
    def label_text(self) -> str:
        return t(self.label)

    @property
    def help_text(self) -> str:
        return t(self.help)

    def binding(self) -> Binding:
        return Binding(self.key, self.action, self.label_text, show=self.footer,
                       priority=self.priority, id=self.id, tooltip=self.help_text)


@lru_cache(maxsize=1)
def all_commands() -> tuple[Command, ...]:
    commands: list[Command] = []
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        commands.extend(importlib.import_module(f"{__name__}.{module.name}").COMMANDS)
    return tuple(commands)


def commands_for(scope: str) -> tuple[Command, ...]:
    return tuple(c for c in all_commands() if c.scope == scope)


def bindings_for(scope: str) -> list[Binding]:
    """The ``BINDINGS`` of a screen or widget, straight from the registry."""
    return [c.binding() for c in commands_for(scope)]
