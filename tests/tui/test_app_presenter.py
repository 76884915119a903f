"""The presenter theme (issue 14, part 7): Ctrl+T and the palette switch it, the choice is
remembered in the user's config folder (here the test's own), ``--theme`` chooses it for one
run. Its pictures at 80×24 are in tests/snapshots/test_snapshots_presenter.py."""

from __future__ import annotations

import json

import pytest

from postmortem.demo import demo_document
from storage.library import Library
from storage.preferences import read_preferences
from tui.app import create_app
from tui.cli import UsageError, build_parser
from tui.themes import DEFAULT_THEME, PRESENTER

DEMO_ID = "demo-checkout-latency"


@pytest.fixture
def demo_library(library_dir):
    Library(library_dir).create(demo_document()).close()
    return library_dir


async def test_ctrl_t_switches_to_the_presenter_theme_and_it_is_remembered(
        demo_library, config_dir, make_app):
    app = make_app(DEMO_ID)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == DEFAULT_THEME
        app.screen.query_one("#title").focus()
        await pilot.press("ctrl+t")                      # also while typing in a field
        await pilot.pause()
        assert app.theme == PRESENTER
        assert app.screen.query_one("#title").value == demo_document().title
        assert app.get_css_variables()["block-cursor-background"].upper() == "#FFE000"
    assert json.loads((config_dir / "preferences.json").read_text("utf-8")) == {"theme": PRESENTER}

    again = make_app(DEMO_ID)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == PRESENTER                  # the next start remembers it
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert again.theme == DEFAULT_THEME
    assert read_preferences() == {"theme": DEFAULT_THEME}


async def test_the_palette_offers_the_presenter_theme(demo_library, make_app):
    app = make_app(DEMO_ID)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        for key in "presenter theme":
            await pilot.press("space" if key == " " else key)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == PRESENTER
    assert read_preferences() == {"theme": PRESENTER}


async def test_theme_on_the_command_line_is_for_this_run_only(demo_library):
    app = create_app(demo_library, DEMO_ID, clock=False, theme="presenter")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == PRESENTER
    assert read_preferences() == {}


async def test_a_broken_preferences_file_means_the_usual_theme(demo_library, config_dir, make_app):
    config_dir.mkdir()
    (config_dir / "preferences.json").write_text("{not json", "utf-8")
    app = make_app(DEMO_ID)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == DEFAULT_THEME
        await pilot.press("ctrl+t")
        await pilot.pause()
    assert read_preferences() == {"theme": PRESENTER}   # replaced at the next choice


def test_theme_is_an_option_of_the_commands_that_open_the_app():
    parser = build_parser()
    assert parser.parse_args(["open", "x", "--theme", "presenter"]).theme == "presenter"
    assert parser.parse_args(["--theme", "presenter", "demo"]).theme == "presenter"
    assert parser.parse_args(["new", "A title", "--theme", "default"]).theme == "default"
    with pytest.raises(UsageError):
        parser.parse_args(["open", "x", "--theme", "neon"])
    with pytest.raises(UsageError):
        parser.parse_args(["list", "--theme", "presenter"])
