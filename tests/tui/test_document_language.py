"""The document's language: an optional field set on stage 1; the exports (Markdown for both
audiences, the calendar file, the recap) speak it unless ``export --lang`` asks for another;
``check`` and the screens speak the user's language."""

from __future__ import annotations

import json
from datetime import date

import pytest
from textual.widgets import Select

from postmortem import i18n
from postmortem.demo import demo_dict
from postmortem.fields import ValidationError
from postmortem.model import Postmortem
from storage.atomic import document_bytes
from storage.library import Library
from tui import cli
from helpers import shown, stored

TODAY = date(2026, 3, 11)


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch):
    monkeypatch.setattr(cli, "today", lambda: TODAY)
    yield
    i18n.set_language(None)


def write_demo(library_dir, language: str | None) -> None:
    data = demo_dict(TODAY)
    if language:
        data["language"] = language
    Library(library_dir).replace(Postmortem.from_dict(data))


def demo_id() -> str:
    return demo_dict(TODAY)["id"]


def test_unset_it_is_left_out_and_the_file_round_trips_byte_for_byte():
    data = demo_dict(TODAY)
    assert "language" not in data
    assert document_bytes(Postmortem.from_dict(data).to_dict()) == document_bytes(data)
    data["language"] = "zh-CN"
    document = Postmortem.from_dict(data)
    assert document.language == "zh-CN"
    assert document.to_dict()["language"] == "zh-CN"


@pytest.mark.parametrize("value", [None, "fr", "zh", ""])
def test_a_language_it_does_not_know_is_refused_naming_the_field(value):
    data = demo_dict(TODAY) | {"language": value}
    with pytest.raises(ValidationError) as refused:
        Postmortem.from_dict(data)
    assert refused.value.path == "language"


def export(capsysbinary, library_dir, *args: str) -> str:
    code = cli.main(["export", demo_id(), "--library", str(library_dir), *args])
    assert code == 0
    return capsysbinary.readouterr().out.decode("utf-8")


def test_the_markdown_speaks_the_documents_language_unless_export_lang_says(
        library_dir, capsysbinary):
    write_demo(library_dir, "zh-CN")
    internal = export(capsysbinary, library_dir)
    assert "## 摘要" in internal and "## Summary" not in internal
    customer = export(capsysbinary, library_dir, "--audience", "external")
    assert "## Summary" not in customer and "摘要" in customer
    english = export(capsysbinary, library_dir, "--lang", "en")
    assert "## Summary" in english and "## 摘要" not in english


def test_without_a_language_the_export_speaks_the_users(library_dir, capsysbinary):
    write_demo(library_dir, None)
    assert "## Summary" in export(capsysbinary, library_dir)
    assert "## 摘要" in export(capsysbinary, library_dir, "--lang", "zh-CN")


def test_the_calendar_summaries_speak_the_documents_language(library_dir, capsysbinary):
    write_demo(library_dir, "zh-CN")
    ics = export(capsysbinary, library_dir, "--format", "ics")
    assert "DESCRIPTION:事后复盘：" in ics and "Postmortem:" not in ics
    write_demo(library_dir, "en")
    assert "DESCRIPTION:Postmortem:" in export(capsysbinary, library_dir, "--format", "ics")


def test_check_speaks_the_users_language_not_the_documents(library_dir, capsys):
    write_demo(library_dir, "zh-CN")
    cli.main(["check", demo_id(), "--library", str(library_dir)])
    english = capsys.readouterr().out
    cli.main(["check", demo_id(), "--library", str(library_dir), "--lang", "zh-CN"])
    chinese = capsys.readouterr().out
    # The demo's own text is English: a Chinese word in the first can only be the tool's.
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in english)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese)


async def test_chosen_on_stage_one_and_stored(library_dir, make_app):
    write_demo(library_dir, None)
    app = make_app(demo_id())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.screen.action_stage(1)
        await pilot.pause()
        select = app.screen.query_one("#language", Select)
        select.focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert select.value == "zh-CN"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert stored(library_dir, demo_id())["language"] == "zh-CN"


async def test_the_recap_file_speaks_the_documents_language_the_screen_the_users(
        library_dir, make_app, monkeypatch):
    from test_recap import TODAY as RECAP_DAY, recap_of, unfinished_demo
    from tui.screens.wrapup import WrapUpScreen
    monkeypatch.setattr("tui.stages.actions.clock.today", lambda: RECAP_DAY)
    document = unfinished_demo()
    document.language = "zh-CN"
    Library(library_dir).create(document).close()
    app = make_app("recap-demo")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+g", "w")
        await pilot.pause()
        assert isinstance(app.screen, WrapUpScreen)
        assert "✗ Impact quantified" in shown(app.screen.query_one("#wrapup-still_open"))
    recap = (library_dir / "recap-demo.recap.md").read_text("utf-8")
    assert "尽可能量化影响" in recap and "Impact quantified" not in recap
    with i18n.language("zh-CN"):
        assert recap == recap_of(document)


async def test_the_export_screen_previews_and_writes_in_the_documents_language(
        library_dir, make_app):
    from test_app_export import open_export, status
    write_demo(library_dir, "zh-CN")
    app = make_app(demo_id())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot)
        await pilot.press("w")
        await pilot.pause()
        assert "Wrote" in status(screen)                  # the screen speaks English
    written = (library_dir / f"{demo_id()}.md").read_text("utf-8")
    assert "## 摘要" in written and "## Summary" not in written
