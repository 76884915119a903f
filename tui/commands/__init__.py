"""The one command registry: every key binding, footer entry, palette entry and help line.

Each module listed in ``MODULES`` defines ``COMMANDS``, a dict from a scope to its commands:
``{"lessons": (Command("lessons.add", "a", "add"), ...)}``; each command's footer label and
help line are its entry ``"lessons.add" = { label = "…", help = "…" }`` under ``[command]`` in
postmortem/locale/en/commands.toml. A scope is what a widget, screen or the app names in its
``COMMAND_SCOPE``; mixing in ``RegistryBindings`` makes the scope's commands its ``BINDINGS``.
A module of a stage also says which stage (``STAGE``) and which of its scopes is the stage
view's own (``VIEW_SCOPE``): the palette goes to that stage to run one of its commands, and
the view's keys also work from the stage strip. Dialogs are screens of their own, so their
scopes are in modules without ``STAGE``.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from types import ModuleType
from typing import Any, ClassVar

from textual.binding import Binding

from tui.commands.command import Command
from tui.commands import (actions, analysis, communication, core, dialogs, export, language,
                          lessons, meeting, parking, review, roster, sharing, teamgit, teamviews,
                          timeline, timeline_dialogs, trash)

# In this order the help lists the scopes of elsewhere, and a scope's commands its keys.
MODULES: tuple[ModuleType, ...] = (actions, analysis, communication, core, dialogs, export,
                                   language, lessons, meeting, parking, review, roster, sharing,
                                   teamgit, teamviews, timeline, timeline_dialogs, trash)


@lru_cache(maxsize=1)
def all_commands() -> tuple[Command, ...]:
    return tuple(replace(command, scope=scope) for module in MODULES
                 for scope, commands in module.COMMANDS.items() for command in commands)


def commands_for(scope: str) -> tuple[Command, ...]:
    return tuple(c for c in all_commands() if c.scope == scope)


def command_by_id(command_id: str) -> Command:
    return next(command for command in all_commands() if command.id == command_id)


def bindings_for(scope: str) -> list[Binding]:
    """The ``BINDINGS`` of a screen or widget, straight from the registry."""
    return [c.binding() for c in commands_for(scope)]


@lru_cache(maxsize=1)
def stage_scopes() -> dict[int, tuple[str, ...]]:
    """The scopes on each stage's view, the view's own first (from the modules with STAGE)."""
    stages = sorted((module for module in MODULES if hasattr(module, "STAGE")),
                    key=lambda module: module.STAGE)
    return {module.STAGE: (module.VIEW_SCOPE,
                           *(scope for scope in module.COMMANDS if scope != module.VIEW_SCOPE))
            for module in stages}


def stage_of(scope: str) -> int | None:
    return next((stage for stage, scopes in stage_scopes().items() if scope in scopes), None)


class RegistryBindings:
    """Mixed into a widget, screen or app (before its Textual base): the commands of its
    ``COMMAND_SCOPE`` become its ``BINDINGS``, after any it declares itself, followed by those
    of ``SHARED_SCOPES`` (keys that several widgets share, such as Home/End in lists, which the
    help explains once under their own heading rather than as this widget's keys)."""

    COMMAND_SCOPE: ClassVar[str | None] = None
    SHARED_SCOPES: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # Before Textual's own __init_subclass__, which merges the BINDINGS of the classes.
        scopes = [cls.__dict__.get("COMMAND_SCOPE"), *cls.__dict__.get("SHARED_SCOPES", ())]
        if any(scopes):
            cls.BINDINGS = [*cls.__dict__.get("BINDINGS", ()),
                            *(binding for scope in scopes if scope
                              for binding in bindings_for(scope))]
        super().__init_subclass__(**kwargs)
