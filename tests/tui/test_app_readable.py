"""Pilot: nothing the room needs is cut off at 80×24 (issue 12 item 6) — the exit bar, the
status line instead of toasts, the start of a long field, the timeline's columns, the raw
Markdown of the export."""

from __future__ import annotations

from datetime import datetime, timezone

from textual.geometry import Region
from textual.widgets import TextArea

from postmortem.factory import new_postmortem
from postmortem.markdown import render_markdown
from postmortem.model import Event
from storage.library import Library
from tui.screens.conditions import ConditionsScreen
from tui.stages.timeline.table import TimelineTable
from helpers import fill, focus_title, shown, stored

LONG_TITLE = ("Checkout latency and failures after a cache node replacement in the "
              "eu-west region during the March maintenance window")


def at(hour: int, minute: int) -> datetime:
    return datetime(2026, 3, 9, hour, minute, tzinfo=timezone.utc)


def seed(library_dir, doc_id="readable", *, events: bool = False, severity=None) -> None:
    doc = new_postmortem(doc_id, "Queue backlog", severity)
    if events:
        doc.timeline = [
            Event(id="e1", at=at(14, 2), text="Alert QueueDepthHigh fired for the orders queue "
                  "in eu-west after the consumer deploy", source="PagerDuty incident 4411"),
            Event(id="e2", at=at(14, 9), text="Consumers restarted", internal=True),
        ]
    Library(library_dir).create(doc).close()


async def test_the_exit_bar_shows_the_count_and_the_first_condition_whole(library_dir, make_app):
    seed(library_dir)   # no severity: no depth; no owner
    app = make_app("readable")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one("#exit-status")
        text = shown(bar)
        assert text.startswith("✗ 2 exit conditions open (F2 lists them):")
        assert "Choose the depth (full or lightweight)." in text       # the first one, whole
        assert "Name the owner" not in text                             # the rest: one key away
        await pilot.press("f2")       # works from inside the title field
        await pilot.pause()
        assert isinstance(app.screen, ConditionsScreen)
        listed = shown(app.screen.query_one("#conditions-list"))
        assert "• Choose the depth (full or lightweight)." in listed
        assert "• Name the owner of the final document." in listed
        assert "1 Scope & audience" in listed.split("•")[0]     # the current stage first
        await pilot.press("enter")    # the first open condition: stay on stage 1, at the fix
        await pilot.pause()
        assert app.screen.current_stage == 1
        await pilot.press("f2", "escape")
        await pilot.pause()
        await pilot.press(*"Priya N.")   # nothing typed went astray into a list
    assert stored(library_dir, "readable")["title"].startswith("Queue backlog")


async def test_a_long_condition_wraps_under_its_own_text_not_under_the_bullet(library_dir,
                                                                               make_app):
    seed(library_dir)
    app = make_app("readable")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        conditions = app.screen.query_one("#conditions-list")
        lines = [strip.text for strip in
                 conditions.render_lines(Region(0, 0, *conditions.outer_size))]
        first = next(i for i, line in enumerate(lines) if "• Mark the event where the incident started" in line)
        bullet_text_column = lines[first].index("• ") + 2
        after = lines[first + 1]
        assert after[:bullet_text_column].strip(" ▌") == "", after          # under the text…
        assert after[bullet_text_column:].strip().startswith("milestone")  # …where it goes on


async def test_routine_confirmations_go_to_the_status_line_not_a_toast(library_dir, make_app):
    seed(library_dir, events=True, severity="SEV2")
    app = make_app("readable")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.screen.action_stage(2)
        await pilot.pause()
        await pilot.press("d")          # delete the first event
        await pilot.pause()
        line = app.screen.query_one("#status-line")
        assert "Deleted" in line.text and "14:02" in line.text
        assert line.region.height == 1 and line.region.y == 22   # just above the footer
        assert [n for n in app._notifications if n.severity == "information"] == []
        await pilot.press("ctrl+q")
    assert [e["id"] for e in stored(library_dir, "readable")["timeline"]] == ["e2"]


async def test_a_long_field_shows_the_start_of_its_text_when_not_focused(library_dir, make_app):
    seed(library_dir)
    app = make_app("readable")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        title = app.screen.query_one("#title")
        await focus_title(pilot)
        await fill(pilot, " " + LONG_TITLE)   # the cursor ends at its end, as typing leaves it
        await pilot.press("tab")
        await pilot.pause()
        assert not title.has_focus
        assert shown(title).startswith("Queue backlog")
        await pilot.press("ctrl+q")
    assert stored(library_dir, "readable")["title"].startswith("Queue backlog Checkout latency")

    reopened = make_app("readable")
    async with reopened.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("tab")      # away from the title
        await pilot.pause()
        assert shown(reopened.screen.query_one("#title")).startswith("Queue backlog")


async def test_the_timeline_gives_what_happened_the_width(library_dir, make_app):
    seed(library_dir, events=True, severity="SEV2")
    app = make_app("readable")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.screen.action_stage(2)
        await pilot.pause()
        table = app.screen.query_one(TimelineTable)
        widths = {column.key: column.width for column in table.columns}
        labels = [column.label for column in table.columns]
        assert "Internal" in labels and "Int." not in labels
        assert widths["text"] >= 2 * widths["source"], widths
        assert widths["text"] >= 30
        assert "Internal" in shown(table) and "What happened" in shown(table)
    async with make_app("readable").run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.app.screen.action_stage(2)
        await pilot.pause()
        table = pilot.app.screen.query_one(TimelineTable)
        widths = {column.key: column.width for column in table.columns}
        assert widths["source"] == 24 and widths["text"] > widths["source"]   # room for both


async def test_the_export_shows_the_raw_markdown_on_a_key(library_dir, make_app):
    seed(library_dir, events=True, severity="SEV2")
    app = make_app("readable")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        raw = app.screen.query_one("#export-raw", TextArea)
        assert raw.display and raw.has_focus
        assert raw.text == render_markdown(app.screen.document, "internal")
        assert "| Time (UTC) |" in raw.text or "| Time" in raw.text
        await pilot.press("w")
        await pilot.pause()
        written = (library_dir / "readable.md").read_text("utf-8")
        assert written == raw.text      # what is read is what is written
        await pilot.press("m")
        await pilot.pause()
        assert not raw.display and app.screen.query_one("#export-preview").display
