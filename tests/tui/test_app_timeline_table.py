"""The timeline table drawn line by line (tui/stages/timeline/table.py): the cursor over date
rows and pages, what is drawn (only what is shown, again only what changed), its styles, the
mouse; and the paste preview that fits its dialog."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from textual.widgets import Input

from helpers import shown, stored
from postmortem.factory import new_postmortem
from postmortem.model import Event
from storage.library import Library
from tui.stages.timeline.dialogs import PasteDialog
from tui.stages.timeline.table import TimelineTable

START = datetime(2026, 3, 4, 0, 0, tzinfo=timezone.utc)
STEP = timedelta(minutes=45)    # 32 events a day: three days for 96 events


def create(library_dir, count: int, doc_id: str = "tt") -> list[Event]:
    doc = new_postmortem(doc_id, "Queue backlog", "SEV2")
    doc.timeline = [Event(f"e{i}", START + i * STEP, f"event number {i}", source="pager")
                    for i in range(count)]
    Library(library_dir).create(doc).close()
    return doc.timeline


async def open_table(app, pilot) -> TimelineTable:
    await pilot.pause()
    await pilot.press("escape", "2")
    await pilot.pause()
    table = app.screen.query_one(TimelineTable)
    assert app.focused is table
    return table


def count_draws(table: TimelineTable) -> list[int]:
    """Each row the table draws from now on (rather than takes from its cache), by index."""
    drawn: list[int] = []
    draw = table.drawn_row

    def counted(row, columns, cursor):
        drawn.append(table.row_index[row.key])
        return draw(row, columns, cursor)
    table.drawn_row = counted  # type: ignore[method-assign]
    return drawn


def rows_on_screen(table: TimelineTable) -> list[str]:
    return [table.render_line(y).text for y in range(table.scrollable_content_region.height)]


async def test_the_cursor_steps_over_date_rows_and_keeps_the_date_in_view(library_dir, make_app):
    events = create(library_dir, 96)
    app = make_app("tt")
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_table(app, pilot)
        assert table.row_count == 96 + 3                      # a date row for each day
        await pilot.press("end")
        assert table.selected_id == "e95" and table.cursor_row == table.row_count - 1
        assert "event number 95" in rows_on_screen(table)[-1]
        await pilot.press("home")
        assert table.selected_id == "e0" and table.cursor_row == 1
        assert "Wed 2026-03-04" in rows_on_screen(table)[1]    # under the header
        seen = []
        for _ in range(33):
            await pilot.press("down")
            seen.append(table.selected_id)
        assert None not in seen                               # never on a date row
        assert seen[-2:] == ["e32", "e33"]                    # e32: the first of the 5th
        await pilot.press("up")
        assert table.selected_id == "e32"
        lines = rows_on_screen(table)
        cursor_line = next(i for i, line in enumerate(lines) if "event number 32" in line)
        assert "Thu 2026-03-05" in lines[cursor_line - 1]      # its date is shown above it
        await pilot.press("up")
        assert table.selected_id == "e31"                     # over the date row, upwards
        assert events[31].text in shown(app.screen.query_one("#timeline-detail")) or \
            "2026-03-04 23:15 UTC" in shown(app.screen.query_one("#timeline-detail"))


async def test_page_keys_move_a_page_and_the_view_with_it(library_dir, make_app):
    create(library_dir, 96)
    app = make_app("tt")
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_table(app, pilot)
        page = table.scrollable_content_region.height - 1      # the header stays
        await pilot.press("home", "pagedown")
        await pilot.pause()
        assert table.cursor_row == 1 + page
        assert table.scroll_offset.y == page                  # the cursor kept its place
        await pilot.press("pageup")
        await pilot.pause()
        assert (table.cursor_row, table.scroll_offset.y) == (1, 0)
        assert rows_on_screen(table)[0].split()[:3] == ["UTC", "Milestone", "What"]


async def test_a_long_timeline_draws_only_the_rows_shown_and_an_edit_only_its_row(library_dir,
                                                                                make_app):
    create(library_dir, 10_000)
    app = make_app("tt")
    async with app.run_test(size=(120, 40)) as pilot:
        table = await open_table(app, pilot)
        drawn = count_draws(table)
        table.strips.clear()                                 # drawn afresh: what is drawn?
        table.refresh()
        await pilot.pause()
        shown_rows = table.scrollable_content_region.height - 1
        assert sorted(drawn) == list(range(shown_rows))      # the rows on screen, not 10,007
        days = len({(START + i * STEP).date() for i in range(10_000)})
        assert table.virtual_size.height == 10_000 + days + 1   # events, date rows, header
        del drawn[:]
        await pilot.press("down", "down", "i")               # mark the third event internal
        await pilot.pause()
        table.refresh()                                      # every line asked for again
        await pilot.pause()
        # Two moves draw the rows the cursor reached (and the first row without the cursor,
        # never drawn so yet); the edit redraws the one row it changed.
        assert sorted(drawn) == [1, 2, 3, 3]
        assert "yes" in rows_on_screen(table)[3 + 1]
        assert screen_flush(app)
    assert stored(library_dir, "tt")["timeline"][2]["internal"] is True


def screen_flush(app) -> bool:
    return app.screen.flush()


async def test_the_detail_keeps_its_height_so_the_table_does_not_jump(library_dir, make_app):
    long_text = "rollback started on every checkout node while the cache warmed up " * 2
    doc = new_postmortem("tt", "Queue backlog", "SEV2")
    doc.timeline = [Event(f"e{i}", START + i * STEP, long_text + f"end {i}" if i % 2 else "short",
                          source="pager") for i in range(6)]
    Library(library_dir).create(doc).close()
    app = make_app("tt")
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_table(app, pilot)
        detail = app.screen.query_one("#timeline-detail")
        heights = set()
        for i in range(6):
            await pilot.pause()
            heights.add((table.size.height, detail.size.height))
            text = shown(detail)
            assert (f"end {i}" in text) if i % 2 else ("UTC" in text and "end" not in text)
            await pilot.press("down")
        assert len(heights) == 1, heights             # one height whatever the event shows


def cursor_background(table: TimelineTable) -> object:
    line = table.render_line(table.cursor_row - round(table.scroll_y) + 1)
    return next(segment.style.bgcolor for segment in line if segment.text.strip())


async def test_the_cursor_row_follows_focus_and_the_theme(library_dir, make_app):
    create(library_dir, 5)
    app = make_app("tt")
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_table(app, pilot)
        focused = cursor_background(table)
        assert focused.triplet.hex.lower() == app.theme_variables["block-cursor-background"].lower()
        app.screen.query_one("#stage-strip").focus()
        await pilot.pause()
        blurred = cursor_background(table)
        assert blurred != focused
        table.focus()
        await pilot.pause()
        assert cursor_background(table) == focused
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        assert cursor_background(table).triplet.hex.lower() == \
            app.theme_variables["block-cursor-background"].lower()
        assert cursor_background(table) != focused


async def test_a_click_on_an_event_opens_it_and_on_the_header_does_nothing(library_dir, make_app):
    create(library_dir, 5)
    app = make_app("tt")
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_table(app, pilot)
        await pilot.click(TimelineTable, offset=(20, 0))       # the header
        await pilot.pause()
        assert not app.screen.query_one("#timeline-entry-bar").is_open
        await pilot.click(TimelineTable, offset=(20, 4))       # header, date row, e0, e1, e2
        await pilot.pause()
        assert table.selected_id == "e2"
        entry = app.screen.query_one("#timeline-entry", Input)
        assert app.screen.query_one("#timeline-entry-bar").is_open
        assert entry.value == "01:30 event number 2"


async def test_the_paste_preview_fits_its_dialog_when_the_terminal_grows(library_dir, make_app):
    create(library_dir, 1)
    app = make_app("tt")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_table(app, pilot)
        await pilot.press("p")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PasteDialog)
        dialog.query_one("#paste-text").insert("14:02 " + "a long line from the chat " * 8)
        await pilot.pause()
        preview = dialog.query_one("#paste-preview")
        narrow = preview.columns["text"].width
        assert preview.virtual_size.width <= preview.scrollable_content_region.width
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert preview.columns["text"].width > narrow
        assert preview.virtual_size.width <= preview.scrollable_content_region.width
        assert preview.row_count == 1 and "a long line" in str(preview.get_row_at(0)[2])


async def test_the_detail_repeats_a_text_only_while_the_table_cuts_it_also_after_a_resize(
        library_dir, make_app):
    text = "rollback started on every checkout node while the cache warmed up slowly"
    doc = new_postmortem("tt", "Queue backlog", "SEV2")
    doc.timeline = [Event("e1", START, text, source="pager")]
    Library(library_dir).create(doc).close()
    app = make_app("tt")
    async with app.run_test(size=(160, 30)) as pilot:
        table = await open_table(app, pilot)
        detail = app.screen.query_one("#timeline-detail")
        assert table.text_width >= len(text) and text not in shown(detail)   # the row shows it
        await pilot.resize_terminal(80, 30)
        await pilot.pause()
        await pilot.pause()
        assert table.text_width < len(text) and text in shown(detail)        # cut: repeated
        await pilot.resize_terminal(160, 30)
        await pilot.pause()
        await pilot.pause()
        assert text not in shown(detail)
