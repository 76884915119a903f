"""What the Chinese snapshots of every screen found (issue 16), each fixed and pinned here:
paths shown as ``~/…``, tags typed with a Chinese comma, the help's close key, the merge
conflicts' place names, the corrupt-file reason without json's English, argparse's headings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.geometry import Region

from postmortem import i18n
from postmortem.demo import demo_dict
from postmortem.factory import new_postmortem
from storage.errors import CorruptFileError
from storage.library import Library
from storage.reading import parse_json
from tui import cli
from tui.paths import display_path
from tui.screens.help import HelpScreen
from tui.widgets.conflict_banner import place
from tui.widgets.key_footer import KeyFooter
from helpers import fill, shown, stored
from test_app_chinese import import_the_ui_in_english


@pytest.fixture(autouse=True)
def chinese():
    import_the_ui_in_english()
    i18n.set_language("zh-CN")
    yield
    i18n.set_language(None)


def test_paths_under_home_are_shown_from_the_tilde(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert display_path(tmp_path) == "~"
    assert display_path(tmp_path / "postmortems" / "a.md") == "~/postmortems/a.md"
    assert display_path(Path("/elsewhere/a.md")) == "/elsewhere/a.md"


async def test_the_export_says_where_it_writes_from_the_tilde(monkeypatch, tmp_path, make_app):
    monkeypatch.setenv("HOME", str(tmp_path))     # the library is under tmp_path (conftest)
    Library(tmp_path / "library").create(new_postmortem("queue", "队列积压", "SEV2")).close()
    app = make_app("queue")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        text = shown(app.screen.query_one("#export-status"))
        assert "~/library/queue.md" in text and str(tmp_path) not in text


async def test_tags_typed_with_chinese_commas_are_separate_tags(library_dir, make_app):
    Library(library_dir).create(new_postmortem("queue", "队列积压", "SEV2")).close()
    app = make_app("queue")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await fill(pilot, "缓存，结账、容量, 告警", "#tags")
        await pilot.press("tab")
        await pilot.pause()
        app.flush_all()
        await pilot.pause()
    assert stored(library_dir, "queue")["tags"] == ["缓存", "结账", "容量", "告警"]
    reopened = make_app("queue")
    async with reopened.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert reopened.screen.query_one("#tags").value == "缓存、结账、容量、告警"


async def test_the_help_closes_with_a_chinese_label(library_dir, make_app):
    # tui was imported in English (as a language switch at run time leaves it): the help's
    # close key is still labelled from the catalogue when drawn.
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        footer = shown(app.screen.query_one(KeyFooter))
        assert "esc 关闭" in footer and "Close" not in footer


def test_merge_conflict_places_are_named_in_chinese():
    assert place("title") == "标题"
    assert place('actions[id="a1"]') == "行动项 › a1"


def test_a_file_that_is_not_json_says_where_in_chinese(tmp_path):
    with pytest.raises(CorruptFileError) as caught:
        parse_json(tmp_path / "x.json", b"<<<<<<< HEAD\n")
    assert caught.value.reason == "它不是有效的 JSON（第 1 行第 1 列有误）"
    assert "Expecting" not in str(caught.value)


def test_help_headings_end_with_a_full_width_colon(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--lang", "zh-CN", "export", "--help"])
    out = capsys.readouterr().out
    assert "\n选项：\n" in out and "\n位置参数：\n" in out and "选项:" not in out


def test_english_help_headings_keep_the_ascii_colon(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--lang", "en", "export", "--help"])
    assert "\noptions:\n" in capsys.readouterr().out


async def test_the_outside_change_dialog_in_chinese(monkeypatch, tmp_path, library_dir, make_app):
    from tui.screens.outside_change import ChooseVersionScreen
    monkeypatch.setenv("HOME", str(tmp_path))
    Library(library_dir).create(new_postmortem("queue", "队列积压", "SEV2")).close()
    mine = demo_dict(language="zh-CN")
    theirs = json.loads(json.dumps(mine))
    theirs["title"] = "他们的标题"
    theirs["timeline"].pop()
    app = make_app("queue")
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ChooseVersionScreen(library_dir / "queue.json", mine, theirs))
        await pilot.pause()
        text = shown(app.screen.query_one(".dialog-question"))
        assert "~/library/queue.json" in text and str(tmp_path) not in text
        assert "标题、时间线" in shown(app.screen.query_one("#outside-differs"))


async def test_carry_over_due_dates_are_whole_in_chinese(library_dir, make_app, monkeypatch):
    from datetime import date
    from postmortem.demo import demo_document
    from postmortem.model import Action
    from tui.screens.carry_over import CarriedList
    from tui.stages.actions import clock as actions_clock
    monkeypatch.setattr(actions_clock, "today", lambda: date(2026, 3, 11))
    library = Library(library_dir)
    library.create(demo_document(language="zh-CN")).close()
    earlier = new_postmortem("earlier-cache", "上一次缓存故障", "SEV3")
    earlier.tags = ["缓存"]
    earlier.actions = [Action("a1", "命中率告警", owner="李伟", due=date(2026, 3, 1))]
    library.create(earlier).close()
    for n in range(2):   # the tag on 2 of 4 postmortems: rare enough to relate them
        library.create(new_postmortem(f"other-{n}", f"其他 {n}", "SEV4")).close()
    app = make_app("demo-checkout-latency")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f10")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "⚠ 2026年3月1日" in shown(app.screen.query_one(CarriedList))


async def test_the_exit_bar_fills_its_first_line_in_chinese(library_dir, make_app):
    """Two lines at most under the strip: a Chinese reason after "（F2 列出）：" wraps by
    character instead of leaving the first line at "（F2"."""
    from textual.geometry import Region
    from postmortem.demo import demo_document
    doc = demo_document(language="zh-CN")
    doc.actions[2].title = "培训值班人员，避免人为失误"
    Library(library_dir).create(doc).close()
    app = make_app(doc.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "5")
        await pilot.pause()
        bar = app.screen.query_one("#exit-status")
        lines = [strip.text.rstrip() for strip in bar.render_lines(Region(0, 0, *bar.outer_size))]
        assert lines[0].endswith("（F2 列出）：把被标记的条目写具体，或说明理由后忽略该提示")


async def test_the_customer_preview_wraps_chinese_paragraphs_by_character(library_dir, make_app):
    # Textual's Markdown broke a Chinese paragraph only at spaces: "UTC 18:55 到 20:14" alone
    # on a line, and lines starting with ， and 。.
    from postmortem.demo import demo_document
    from tui.widgets.wrapped_markdown import WrappedParagraph
    Library(library_dir).create(demo_document(language="zh-CN")).close()
    app = make_app("demo-checkout-latency")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "f6")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        paragraphs = list(app.screen.shown_markdown().query(WrappedParagraph))
        assert paragraphs
        lines = [strip.text.rstrip() for paragraph in paragraphs
                 for strip in paragraph.render_lines(Region(0, 0, *paragraph.size))]
    summary = next(index for index, line in enumerate(lines) if line.startswith("UTC 18:55"))
    assert cell_len(lines[summary]) >= paragraphs[0].size.width - 2, lines[summary]
    assert [line for line in lines if line and line[0] in "，。、；：？！）」』”》"] == []
