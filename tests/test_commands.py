"""One command registry feeds the footer, the palette and the help screen."""

from __future__ import annotations

import io

from rich.console import Console

from postmortem.demo import demo_document
from postmortem.i18n import catalogue
from storage.library import Library
from tui.commands import all_commands
from tui.screens.help import HelpScreen
from tui.screens.workspace import WorkspaceScreen


def test_every_command_has_a_label_a_help_text_and_a_unique_id():
    messages = catalogue("en")
    ids = [c.id for c in all_commands()]
    assert len(ids) == len(set(ids))
    for command in all_commands():
        assert command.label in messages, command.id
        assert command.help in messages, command.id


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
