"""Pilot: a palette search that matches nothing says so in the UI language (issue 16), never
with Textual's own English "No matches found"; choosing that line changes nothing."""

from __future__ import annotations

import pytest
from textual.command import CommandInput, CommandList, CommandPalette

from postmortem import i18n
from postmortem.factory import new_postmortem
from storage.library import Library
from tui.screens.workspace import WorkspaceScreen
from helpers import shown, stored
from test_app_chinese import import_the_ui_in_english

TEXTUALS_OWN = "No matches found"


@pytest.fixture
def chinese():
    import_the_ui_in_english()
    i18n.set_language("zh-CN")
    yield
    i18n.set_language(None)


async def search(pilot, query: str) -> CommandList:
    """Open the palette, type the query and wait for the search to end. Textual puts its own
    English message in the list only when a search ended with no hit at all (after half a
    second, textual/command.py); a list holding our line once the search ended never gets it,
    so no wall-clock wait is needed to see that."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*query)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return pilot.app.screen.query_one(CommandList)


@pytest.mark.usefixtures("chinese")
async def test_no_match_is_said_in_chinese_and_choosing_it_does_nothing(library_dir, make_app):
    Library(library_dir).create(new_postmortem("queue", "队列积压", "SEV2")).close()
    before = stored(library_dir, "queue")
    app = make_app("queue")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        found = await search(pilot, "qqzzxq")
        on_screen = shown(found)
        assert i18n.t("palette.no_match") in on_screen
        assert TEXTUALS_OWN not in on_screen
        assert [str(option.prompt) for option in found.options] == [
            f"{i18n.t('palette.no_match')}\n{i18n.t('palette.no_match_help')}"]
        await pilot.press("enter")                       # choosing it: the palette closes
        await pilot.pause()
        assert not CommandPalette.is_open(app)
        assert isinstance(app.screen, WorkspaceScreen)
        assert app.screen.query_one("#title").value == "队列积压"
        await pilot.press("ctrl+p")                      # and opens again as before
        await pilot.pause()
        assert CommandPalette.is_open(app)
        await pilot.press("escape")
        await pilot.pause()
    assert stored(library_dir, "queue") == before


async def test_no_match_in_english_comes_from_the_catalogue(library_dir, make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        found = await search(pilot, "qqzzxq")
        on_screen = shown(found)
        assert i18n.t("palette.no_match") in on_screen and TEXTUALS_OWN not in on_screen


async def test_a_query_that_matches_still_offers_only_the_matches(library_dir, make_app):
    """The no-match line is only for nothing matched: Textual's own commands (in the same
    provider now) and ours still come, and it does not."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        found = await search(pilot, "screenshot")
        offered = [str(option.prompt) for option in found.options]
        assert any(i18n.t("textual_command.screenshot.title") in prompt for prompt in offered)
        assert not any(i18n.t("palette.no_match") in prompt for prompt in offered)


async def run_from_palette(pilot, query: str) -> None:
    await search(pilot, query)
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.usefixtures("chinese")
async def test_textuals_theme_picker_speaks_chinese_too(library_dir, make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await run_from_palette(pilot, i18n.t("textual_command.theme.title"))
        assert CommandPalette.is_open(app)
        assert app.screen.query_one(CommandInput).placeholder == i18n.t("palette.theme_placeholder")
        assert "Search" not in i18n.t("palette.theme_placeholder")
        found = await search_here(pilot, "qqzzxq")
        on_screen = shown(found)
        assert i18n.t("palette.no_match") in on_screen and TEXTUALS_OWN not in on_screen
        theme = app.theme
        await pilot.press("enter")                       # the no-match line changes nothing
        await pilot.pause()
        assert app.theme == theme and not CommandPalette.is_open(app)


async def search_here(pilot, query: str) -> CommandList:
    """Type into the palette already open, and wait as ``search`` does."""
    await pilot.press(*query)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return pilot.app.screen.query_one(CommandList)


@pytest.mark.usefixtures("chinese")
async def test_the_screenshot_command_says_where_in_chinese(library_dir, make_app, tmp_path,
                                                          monkeypatch):
    downloads = tmp_path / "downloads"
    monkeypatch.setenv("XDG_DOWNLOAD_DIR", str(downloads))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await run_from_palette(pilot, i18n.t("textual_command.screenshot.title"))
        await pilot.pause()
        said = shown(app.screen.query_one("#status-line"))     # a confirmation: the status line
    saved = list(downloads.glob("*.svg"))
    assert len(saved) == 1 and saved[0].read_text("utf-8").startswith("<svg")
    assert "截图" in said and saved[0].name in said.replace(" ", "")
    assert "Saved" not in said and "Screenshot" not in said


@pytest.mark.usefixtures("chinese")
async def test_the_palette_offers_the_apps_keys_help_not_textuals_english_keys_panel(
        library_dir, make_app):
    """Textual's keys panel lists Textual's own widgets' keys in English ("Scroll Up", "Move
    cursor left"), which no catalogue reaches; F1's help lists every key in the app's language
    and is what the palette offers."""
    Library(library_dir).create(new_postmortem("queue", "队列积压", "SEV2")).close()
    app = make_app("queue")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        offered = [str(option.prompt) for option in app.screen.query_one(CommandList).options]
        assert any(i18n.t("command.app.help.help") in prompt for prompt in offered), offered
        assert not any(prompt.startswith("按键面板") for prompt in offered)
        assert {command.callback.__name__ for command in app.get_system_commands(app.screen)
                if hasattr(command.callback, "__name__")}.isdisjoint(
            {"action_show_help_panel", "action_hide_help_panel"})
