"""Pilot, in Chinese at 80×24: the stage strip holds all six stages, the footer's keys and the
palette (Textual's own commands included) speak Chinese, and a Chinese title typed in is what
the file holds."""

from __future__ import annotations

import importlib
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
from textual.command import CommandInput, CommandList

import tui
from postmortem import i18n
from postmortem.factory import new_postmortem
from storage.library import Library
from tui.widgets.key_footer import KeyFooter
from tui.widgets.stage_strip import StageStrip
from helpers import fill, focus_title, shown, stored
from test_app_placeholders import cut_hints

SHORT_STAGES = ("范围", "时间线", "根因", "措施", "行动项", "跟进")


def import_the_ui_in_english() -> None:
    """Class-level texts (the bindings' labels) are read when a module is imported: all of
    tui is imported first, in English, so that the Chinese of these tests does not stay in
    them for the tests that run after these in the same process."""
    for module in pkgutil.walk_packages(tui.__path__, "tui."):
        importlib.import_module(module.name)


@pytest.fixture(autouse=True)
def chinese():
    import_the_ui_in_english()
    i18n.set_language("zh-CN")
    yield
    i18n.set_language(None)


def seed(library_dir) -> None:
    Library(library_dir).create(new_postmortem("queue", "队列积压", "SEV2")).close()


async def test_the_workspace_speaks_chinese_at_80_by_24(library_dir, make_app):
    seed(library_dir)
    app = make_app("queue")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        strip = shown(app.screen.query_one(StageStrip))
        for number, label in enumerate(SHORT_STAGES, start=1):
            assert f"{number} {label}" in strip           # all six, none cut at 80 columns
        # The binding labels are read when tui is imported (the CLI chooses the language
        # before that, the tmux look shows them in Chinese); the palette key is read on show.
        footer = shown(app.screen.query_one(KeyFooter))
        assert footer.endswith("^p 命令") and "palette" not in footer
        exit_bar = shown(app.screen.query_one("#exit-status"))
        assert "1 项退出条件未满足（F2 列出）：确定最终文档负责人。" in exit_bar
        await focus_title(pilot)
        app.screen.query_one("#title").clear()
        await fill(pilot, "缓存节点替换后结算延迟升高")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert stored(library_dir, "queue")["title"] == "缓存节点替换后结算延迟升高"


async def test_the_palette_offers_textuals_own_commands_in_chinese(library_dir, make_app):
    seed(library_dir)
    app = make_app("queue")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.query_one(CommandInput).placeholder == "搜索命令…"
        await pilot.press(*"截图")
        for _ in range(5):
            await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        await pilot.pause()
        offered = [str(option.prompt) for option in app.screen.query_one(CommandList).options]
        assert any("截图" in prompt and "SVG" in prompt for prompt in offered), offered
        assert not any("Screenshot" in prompt for prompt in offered)


FOOTER_SCRIPT = """
import asyncio, sys
from pathlib import Path
from tui.app import create_app
from tui.widgets.key_footer import KeyFooter
from helpers import shown

async def main():
    app = create_app(Path(sys.argv[1]), "queue", clock=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        print(shown(app.screen.query_one(KeyFooter)))

asyncio.run(main())
"""


def test_with_postmortem_lang_the_footer_keys_are_chinese(library_dir):
    """A fresh process, as the CLI runs: the language is chosen before tui is imported, so
    the binding labels are Chinese too."""
    seed(library_dir)
    tests = str(Path(__file__).parents[1])
    environ = {**os.environ, "POSTMORTEM_LANG": "zh-CN",
               "PYTHONPATH": os.pathsep.join([str(Path(tests).parent), tests])}
    result = subprocess.run([sys.executable, "-c", FOOTER_SCRIPT, str(library_dir)],
                            capture_output=True, text=True, env=environ, timeout=120)
    assert result.returncode == 0, result.stderr
    footer = result.stdout.strip()
    for label in ("下一步", "撤销", "审查", "导出", "命令"):
        assert label in footer, footer
    assert not any(word in footer for word in ("Next", "Undo", "Review", "Export", "palette"))


async def test_no_empty_field_cuts_its_chinese_hint(make_app):
    """The Chinese hints of every stage's empty fields read whole at 80×24 (a double-width
    character takes two cells)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        cut: list[str] = []
        await pilot.press("n")
        await pilot.pause()
        cut += cut_hints(app, "new postmortem")
        assert app.screen.query_one("#new-title").placeholder.startswith("如：")
        await pilot.press(*"Edge errors", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        steps = [("stage 1", ()), ("stage 2", ("alt+2", "a")), ("impact", ("escape", "v")),
                 ("stage 3", ("alt+3", "a")), ("stage 4", ("escape", "alt+4", "a")),
                 ("stage 5", ("escape", "alt+5", "a")), ("stage 6", ("escape", "alt+6", "f"))]
        for where, keys in steps:
            await pilot.press(*keys)
            await app.workers.wait_for_complete()
            await pilot.pause()
            cut += cut_hints(app, where)
        assert cut == []


async def test_ctrl_c_says_how_to_quit_in_chinese(library_dir, make_app):
    """Ctrl+C quits nothing (in a field it copies); Textual's reminder of the key that does
    was English, in a toast, on every screen."""
    seed(library_dir)
    app = make_app("queue")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+c")
        for _ in range(3):                  # the toast rack shows a notice on a later turn
            await pilot.pause()
        said = " ".join(shown(toast) for toast in app.screen.query("Toast"))
        assert "退出" in said and "ctrl+q" in said
        assert "quit" not in said.replace("ctrl+q", "")
        assert app.is_running
