"""One command registry feeds the footer, the palette and the help screen."""

from __future__ import annotations

import importlib
import inspect
import io
import pkgutil
import tomllib
from importlib import resources
from pathlib import Path

from rich.console import Console
from textual.app import App
from textual.binding import Binding

import tui
import tui.commands
from postmortem.demo import demo_document
from postmortem.i18n import catalogue
from storage.library import Library
from tui.commands import MODULES, Command, RegistryBindings, all_commands, stage_scopes
from tui.screens.help import HelpScreen
from tui.screens.workspace import WorkspaceScreen


def test_every_command_has_a_label_a_help_text_and_a_unique_id():
    messages = catalogue("en")
    ids = [c.id for c in all_commands()]
    assert len(ids) == len(set(ids))
    for command in all_commands():
        assert command.label in messages, command.id
        assert command.help in messages, command.id


def scoped_classes() -> dict[type, tuple[str, ...]]:
    """Every class of the UI that binds registry commands, with the scopes it names."""
    found: dict[type, tuple[str, ...]] = {}
    for module in pkgutil.walk_packages(tui.__path__, "tui."):
        loaded = importlib.import_module(module.name)
        for _, cls in inspect.getmembers(loaded, inspect.isclass):
            if issubclass(cls, RegistryBindings) and cls is not RegistryBindings:
                scopes = (cls.__dict__.get("COMMAND_SCOPE"), *cls.__dict__.get("SHARED_SCOPES", ()))
                if any(scopes):
                    found[cls] = tuple(scope for scope in scopes if scope)
    return found


def test_every_scope_has_a_widget_and_every_widget_s_scope_has_commands():
    classes = scoped_classes()
    named = {scope for scopes in classes.values() for scope in scopes}
    registry_scopes = {c.scope for c in all_commands()}
    assert registry_scopes - named == set()      # keys no widget or screen binds
    assert named - registry_scopes == set()      # a COMMAND_SCOPE with no commands
    # One widget or screen per scope: the palette and the strip run a command on "the" widget.
    owners = [scope for cls, scopes in classes.items() for scope in scopes
              if scope != "rows"]
    assert sorted(owners) == sorted(set(owners))
    assert classes[next(cls for cls in classes if issubclass(cls, App))] == ("app",)


def test_a_scoped_class_binds_its_commands_after_its_own_keys():
    """The mixin fills BINDINGS from COMMAND_SCOPE (and SHARED_SCOPES) at class creation."""
    from tui.stages.timeline.table import TimelineTable
    from tui.stages.analysis.whys import WhysTree

    ids = [b.id for b in TimelineTable.BINDINGS if isinstance(b, Binding)]
    assert ids[-2:] == ["rows.first", "rows.last"]
    assert isinstance(TimelineTable.BINDINGS[0], Binding) and TimelineTable.BINDINGS[0].key == "enter"
    assert [b.id for b in WhysTree.BINDINGS] == [c.id for c in all_commands() if c.scope == "whys"]


def test_the_module_list_names_every_command_module():
    folder = Path(tui.commands.__file__).parent
    files = {path.stem for path in folder.glob("*.py")} - {"__init__", "command"}
    assert {module.__name__.rsplit(".", 1)[1] for module in MODULES} == files
    for module in MODULES:
        assert isinstance(module.COMMANDS, dict), module.__name__
        for scope, commands in module.COMMANDS.items():
            assert commands and all(isinstance(c, Command) for c in commands), scope


def test_each_stage_module_names_its_view_scope_among_its_own():
    stages = stage_scopes()
    assert list(stages) == [2, 3, 4, 5, 6]
    for module in MODULES:
        if hasattr(module, "STAGE"):
            assert stages[module.STAGE][0] == module.VIEW_SCOPE
            assert module.VIEW_SCOPE in module.COMMANDS


def test_the_catalogue_of_commands_has_no_entry_without_its_command():
    path = resources.files("postmortem").joinpath("locale", "en", "commands.toml")
    entries = tomllib.loads(path.read_text(encoding="utf-8"))["command"]
    assert set(entries) == {c.id for c in all_commands()}
    assert all(set(entry) == {"label", "help"} for entry in entries.values())


def test_keys_do_not_clash_within_a_scope():
    seen: dict[tuple[str, str], str] = {}
    for command in all_commands():
        for key in command.key.split(","):
            assert (command.scope, key) not in seen, (command.id, seen.get((command.scope, key)))
            seen[(command.scope, key)] = command.id


async def test_help_lists_every_key_of_the_registry(library_dir, make_app):
    Library(library_dir).create(demo_document()).close()
    app = make_app("demo-checkout-latency")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=400, record=True, file=io.StringIO())  # wide: no wrapping
        for table in app.screen.tables:
            console.print(table)
        shown = console.export_text()
        for command in all_commands():
            assert command.help_text in shown, command.id
        await pilot.press("escape")
        assert isinstance(app.screen, WorkspaceScreen)


async def test_palette_jumps_to_a_stage(library_dir, make_app):
    Library(library_dir).create(demo_document()).close()
    app = make_app("demo-checkout-latency")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"stage 5")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        assert app.screen.query_one("#stages").current == "stage-5"


async def test_number_keys_jump_only_outside_text_fields(library_dir, make_app):
    Library(library_dir).create(demo_document()).close()
    app = make_app("demo-checkout-latency")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await pilot.press("tab", "tab")  # into the title (stage 1 opens on the strip)
        await pilot.press("3")  # typed into the title field, not a jump
        assert screen.query_one("#stages").current == "stage-1"
        assert screen.document.title.endswith("3")
        await pilot.press("backspace", "escape", "3")
        assert screen.query_one("#stages").current == "stage-3"
        await pilot.press("escape", "6")
        assert screen.query_one("#stages").current == "stage-6"
        await pilot.press("ctrl+pagedown")
        assert screen.query_one("#stages").current == "stage-1"
