"""Pilot: F1 opens on the keys of where the facilitator is; the palette offers every stage's
commands and hides those that cannot run now (issue 12 item 7)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from datetime import datetime, timezone

from textual.command import CommandList, CommandPalette
from textual.screen import ModalScreen
from textual.widget import Widget

import tui.stages
from postmortem.factory import new_postmortem
from postmortem.i18n import catalogue, t
from postmortem.model import Event
from storage.library import Library
from tui.commands import all_commands, stage_scopes
from tui.screens.help import HelpScreen
from tui.screens.workspace import WorkspaceScreen
from helpers import shown, stored


def seed(library_dir, *, events: bool = True) -> None:
    doc = new_postmortem("keys", "Queue backlog", "SEV2")
    if events:
        doc.timeline = [Event(id="e1", at=datetime(2026, 3, 9, 14, 2, tzinfo=timezone.utc),
                              text="Queue depth alert fired")]
    Library(library_dir).create(doc).close()


async def palette_offers(pilot, query: str) -> list[str]:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*query)
    for _ in range(5):
        await pilot.pause(0.05)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    found = pilot.app.screen.query_one(CommandList)
    return [str(option.prompt) for option in found.options]


async def test_help_opens_on_the_keys_of_the_current_stage(library_dir, make_app):
    seed(library_dir)
    app = make_app("keys")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.screen.action_stage(2)
        await pilot.press("escape")          # focus on the stage strip, not in the stage
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        sections = [shown(s) for s in app.screen.query(".help-section")]
        # The stage in view comes first (its table and its view switch), then the workspace.
        assert set(sections[:2]) == {t("help.scope.timeline-stage"), t("help.scope.timeline")}
        assert sections.index(t("help.scope.workspace")) < sections.index(t("help.scope.actions"))
        # Section names are whole: each reads as the catalogue says.
        names = {t(f"help.scope.{c.scope}") for c in all_commands()}
        assert set(sections) == names
        # One scrollbar: the help is a screen of its own with one scrolling body.
        scrolling = [w for w in app.screen.query("*") if w.show_vertical_scrollbar]
        assert [w.id for w in scrolling] == ["help-body"]
        assert not isinstance(app.screen, ModalScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)


def test_every_scope_has_a_whole_help_name():
    messages = catalogue()
    assert [c.scope for c in all_commands() if f"help.scope.{c.scope}" not in messages] == []


async def test_the_palette_runs_another_stages_command_on_its_stage(library_dir, make_app):
    seed(library_dir)
    app = make_app("keys")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.current_stage == 1
        offered = await palette_offers(pilot, "start of the incident")
        assert any("Mark the selected event as the start" in line for line in offered), offered
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        workspace = app.screen
        assert isinstance(workspace, WorkspaceScreen) and workspace.current_stage == 2
        await pilot.press("ctrl+q")
    assert stored(library_dir, "keys")["timeline"][0]["milestone"] == "start"


async def test_the_palette_hides_what_cannot_run_now(library_dir, make_app):
    seed(library_dir, events=False)
    app = make_app("keys")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.screen.action_stage(2)
        await pilot.pause()
        offered = await palette_offers(pilot, "selected event")
        assert not any("Delete the selected event" in line for line in offered), offered
        assert not any("Edit the selected event" in line for line in offered), offered
        await pilot.press("escape")
        await pilot.pause()
        offered = await palette_offers(pilot, "add events")
        assert any("Add events" in line or "add events" in line.lower() for line in offered)
    assert stored(library_dir, "keys")["timeline"] == []


def test_every_stage_widget_scope_is_offered_from_any_stage():
    """A widget scope inside a stage that the palette does not know would be offered only
    while its stage shows: the "No matches" the issue saw."""
    known = {scope for scopes in stage_scopes().values() for scope in scopes}
    palette_scopes = {c.scope for c in all_commands() if c.palette}
    missing = []
    for module in pkgutil.iter_modules(tui.stages.__path__):
        loaded = importlib.import_module(f"tui.stages.{module.name}")
        for _, cls in inspect.getmembers(loaded, inspect.isclass):
            scope = cls.__dict__.get("COMMAND_SCOPE")
            if scope and issubclass(cls, Widget) and not issubclass(cls, ModalScreen) \
                    and scope in palette_scopes and scope not in known:
                missing.append(scope)
    assert missing == []
