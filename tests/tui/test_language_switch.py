"""Switching the app's language while it runs, and which language a start speaks:
--lang, else POSTMORTEM_LANG, else the language saved by the last switch, else the system
locale, else English."""

from __future__ import annotations

import json

import pytest
from textual.widgets import Static

from postmortem import i18n
from postmortem.factory import new_postmortem
from storage.library import Library
from tui import cli
from tui.screens.dialogs import ConfirmScreen
from tui.screens.help import HelpScreen
from tui.screens.library import LibraryScreen
from tui.widgets.key_footer import KeyFooter
from tui.widgets.stage_strip import StageStrip
from helpers import focus_title, fill, shown, stored


@pytest.fixture(autouse=True)
def back_to_english():
    yield
    i18n.set_language(None)
    i18n.set_saved_language(None)


@pytest.mark.parametrize("environ, saved, expected", [
    ({}, "zh-CN", "zh-CN"),                                       # saved beats nothing
    ({"LANG": "en_US.UTF-8"}, "zh-CN", "zh-CN"),                  # saved beats the locale
    ({"LANG": "zh_CN.UTF-8"}, "en", "en"),
    ({"POSTMORTEM_LANG": "en", "LANG": "zh_CN.UTF-8"}, "zh-CN", "en"),   # the env beats saved
    ({"LANG": "zh_CN.UTF-8"}, "klingon", "zh-CN"),               # an unknown saved: ignored
    ({}, None, "en"),
])
def test_the_saved_language_comes_after_the_environment_and_before_the_locale(
        environ, saved, expected):
    assert i18n.language_from_environment(environ, saved) == expected


def test_a_start_reads_the_saved_language_and_lang_wins_over_it(config_dir, monkeypatch):
    monkeypatch.delenv("POSTMORTEM_LANG")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    config_dir.mkdir()
    (config_dir / "preferences.json").write_text('{"language": "zh-CN"}', "utf-8")
    cli.choose_language([])
    assert i18n.current_language() == "zh-CN"
    cli.choose_language(["--lang", "en"])
    assert i18n.current_language() == "en"
    monkeypatch.setenv("POSTMORTEM_LANG", "en")
    cli.choose_language([])
    assert i18n.current_language() == "en"


def test_the_language_block_speaks_its_language_and_then_the_one_before():
    i18n.set_language("en")
    with i18n.language("zh-CN"):
        assert i18n.t("stage.scope") == "范围与受众"
        with i18n.language(None):                  # no language: no change
            assert i18n.current_language() == "zh-CN"
    assert i18n.t("stage.scope") == "Scope & audience"
    with pytest.raises(RuntimeError):
        with i18n.language("zh-CN"):
            raise RuntimeError("an export that fails")
    assert i18n.current_language() == "en"       # ...still gives the language back


async def test_switching_in_the_workspace_rebuilds_what_is_shown(library_dir, make_app,
                                                                 config_dir):
    Library(library_dir).create(new_postmortem("queue", "Queue backlog", "SEV2")).close()
    app = make_app("queue")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await focus_title(pilot)
        await pilot.press("end")
        await fill(pilot, " again")           # typed just before the switch: kept
        assert "palette" in shown(app.screen.query_one(KeyFooter))
        await pilot.press("f24")
        await pilot.pause()
        footer = shown(app.screen.query_one(KeyFooter))
        assert footer.endswith("^p 命令") and "撤销" in footer and "Undo" not in footer
        strip = shown(app.screen.query_one(StageStrip))
        assert "1 范围" in strip and "Scope" not in strip
        assert "退出条件" in shown(app.screen.query_one("#exit-status"))
        assert app.screen.query_one("#title").value == "Queue backlog again"
        await pilot.press("f24")                # and back
        await pilot.pause()
        assert shown(app.screen.query_one(KeyFooter)).endswith("^p palette")
        assert "1 Scope" in shown(app.screen.query_one(StageStrip))
        await pilot.press("f24")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert stored(library_dir, "queue")["title"] == "Queue backlog again"
    assert json.loads((config_dir / "preferences.json").read_text("utf-8"))["language"] == "zh-CN"


async def test_the_switch_says_when_postmortem_lang_decides_the_next_start(
        library_dir, make_app, config_dir):
    # conftest sets POSTMORTEM_LANG=en: a switch to Chinese is remembered, and overruled.
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f24")
        await pilot.pause()
        assert "POSTMORTEM_LANG" in shown(app.screen.query_one("#status-line"))
        await pilot.press("f24")                         # back to English: what it says
        await pilot.pause()
        assert "next start remembers it" in shown(app.screen.query_one("#status-line"))


async def test_switching_from_the_palette_in_the_library(library_dir, make_app, config_dir):
    Library(library_dir).create(new_postmortem("queue", "Queue backlog", "SEV2")).close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"中文")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert "命令" in shown(screen.query_one(KeyFooter))
        assert "新建" in shown(screen.query_one(KeyFooter))
        assert shown(screen.query_one("#library-heading")) != "Postmortems"
        assert screen.query_one("#library-heading").render().plain == i18n.t("library.heading")
        assert i18n.current_language() == "zh-CN"
    assert json.loads((config_dir / "preferences.json").read_text("utf-8"))["language"] == "zh-CN"


async def test_a_dialog_opened_after_a_switch_names_its_keys_in_the_new_language(
        library_dir, make_app, config_dir):
    # The dialogs' keys were bindings of their own, labelled from the catalogue when their
    # classes were built, and the help (F1) over a dialog did not list them. From the
    # registry, they are listed first, in the language of the moment.
    Library(library_dir).create(new_postmortem("queue", "Queue backlog", "SEV2")).close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f24")                      # to Chinese
        await pilot.pause()
        await pilot.press("delete")                   # move the postmortem to the trash?
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_text = " ".join(shown(line) for line in app.screen.query(Static))
        assert help_text.index("是/否问题") < help_text.index("文档库"), help_text[:200]
        assert "回答“否”" in help_text and "Cancel" not in help_text
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
    assert (library_dir / "queue.json").exists()      # n answered no: nothing moved
