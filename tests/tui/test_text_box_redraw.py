"""Pilot, in Chinese at 80×24: a text box whose text grows past its height gets a scrollbar
and is wrapped again, narrower; every line on screen is then the new wrapping, not a line
drawn at the old width (stage 6's summaries showed "六" at a line's end and "之一键" at the
next one's start, the "分" between them hidden under the scrollbar, and leftovers of earlier
frames after typing or scrolling)."""

from __future__ import annotations

from datetime import date

from textual.geometry import Region

from postmortem.demo import demo_document
from postmortem.factory import new_postmortem
from storage.library import Library
from helpers import fill, stored
from test_app_chinese import chinese  # noqa: F401 (its autouse fixture: these tests in Chinese)

SUMMARY = ("UTC 18:55 到 21:05，结账变慢，约 12% 的结账尝试在 70 分钟内失败（SEV2，INC-4821）。"
           "一个替换的缓存节点没有预热就加入了集群，六分之一键的价格查询因此落到数据库，而数据库"
           "只读副本没有为此留出容量。我们在 26 分钟后发现问题，通过增加只读副本和手动预热缓存进行"
           "缓解，在开始后 2 小时 10 分解决。")


def on_screen(box) -> str:
    """What the box shows between its border and its scrollbar, lines joined, spaces
    dropped (the lines as last drawn: what the screen has until they are drawn again)."""
    text = box.scrollable_content_region
    left = text.x - box.region.x
    lines = box.render_lines(Region(0, 0, *box.size))
    return "".join(strip.crop(left, left + text.width).text for strip in lines).replace(" ", "")


def start_of(text: str) -> str:
    return text.replace(" ", "")


async def test_the_demo_summary_on_stage_6_shows_every_character(library_dir, make_app):
    demo = demo_document(date(2026, 12, 3), "zh-CN")
    Library(library_dir).replace(demo)
    app = make_app(demo.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.screen.action_stage(6)
        for _ in range(3):                                 # the stage laid out, resized, drawn
            await pilot.pause()
        box = app.screen.query_one("#internal_summary")
        assert box.show_vertical_scrollbar                 # the text is longer than the box
        shown = on_screen(box)
        assert len(shown) > 100 and start_of(demo.communication.internal_summary).startswith(shown)


async def test_typing_a_long_chinese_summary_leaves_no_line_of_the_old_width(library_dir,
                                                                            make_app):
    Library(library_dir).create(new_postmortem("queue", "队列积压", "SEV2")).close()
    app = make_app("queue")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.screen.action_stage(6)
        await pilot.pause()
        box = app.screen.query_one("#internal_summary")
        box.focus()
        await pilot.pause()
        assert not box.show_vertical_scrollbar
        for sentence in SUMMARY.split("。")[:-1]:          # a sentence at a time, as typed
            await fill(pilot, sentence + "。")
        await pilot.pause()
        assert box.show_vertical_scrollbar
        box.scroll_home(animate=False)                     # and back to the top
        await pilot.pause()
        assert start_of(SUMMARY).startswith(on_screen(box))
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert stored(library_dir, "queue")["communication"]["internal_summary"] == SUMMARY
