"""Pilot, in Chinese at 80×24: a text quoted in a one-line message is cut by terminal cells,
not by characters (40 Chinese characters are 80 cells: the message went past the status
line, and the key that undoes it, 按 u 撤销, was the part cut off)."""

from __future__ import annotations

from datetime import date


from postmortem.demo import demo_document
from storage.library import Library
from tui.stages.timeline.table import TimelineTable
from helpers import shown, stored
from test_app_chinese import chinese  # noqa: F401 (its autouse fixture: these tests in Chinese)


async def test_deleting_an_event_says_how_to_undo_on_one_line(library_dir, make_app):
    demo = demo_document(date(2026, 12, 3), "zh-CN")
    Library(library_dir).replace(demo)
    first = demo.timeline[0]
    assert len(first.text) > 40                    # a long Chinese text, cut in the message
    app = make_app(demo.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.screen.action_stage(2)
        await pilot.pause()
        table = app.screen.query_one(TimelineTable)
        table.focus()
        table.select_event(first.id)
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        said = shown(app.screen.query_one("#status-line"))
        assert said.endswith("按 u 撤销。") and "…" in said
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert first.id not in {event["id"] for event in stored(library_dir, demo.id)["timeline"]}
