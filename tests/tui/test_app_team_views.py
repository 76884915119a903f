"""The library's Actions, Reviews and Stats views (issue 17 §4), in Pilot at 80×24, with a
fixed today; what they show is checked against what is stored."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import DataTable, Sparkline

from postmortem.demo import WRITTEN_FOR, demo_document
from postmortem.model import Action, FollowUp, Postmortem
from storage.library import Library
from storage.summary_cache import cache_path
from tui.screens.library import LibraryScreen
from tui.screens.team_stats import StatsView
from tui.screens.team_views import ActionsView, ReviewsView
from tui.screens.workspace import WorkspaceScreen
from tui.stages.actions import clock as actions_clock
from tui.widgets.stage_strip import StageStrip
from helpers import shown, stored

TODAY = date(2026, 3, 30)


@pytest.fixture
def library(library_dir, monkeypatch) -> Library:
    monkeypatch.setattr(actions_clock, "today", lambda: TODAY)
    library = Library(library_dir)
    library.create(demo_document(WRITTEN_FOR)).close()
    library.create(Postmortem(
        id="disk-full", title="Disk full on the build host",
        actions=[Action("a1", "Alert on disk use above 90% for 5 min", owner="Zoë K.",
                        due=date(2026, 4, 2), tracker="OPS-7"),
                 Action("a2", "Old cleanup", owner="Zoë K.", status="done")],
        communication=Postmortem(id="x").communication)).close()
    with library.open("disk-full") as document_file:
        document = document_file.document
        document.communication.follow_ups = [FollowUp(date(2026, 3, 20), "30-day review"),
                                             FollowUp(date(2026, 6, 1), "Far away review")]
        document_file.save(document)
    return library


def rows(screen) -> list[list[str]]:
    table = screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]


async def open_view(pilot, key: str, kind):
    await pilot.pause()
    assert isinstance(pilot.app.screen, LibraryScreen)
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(pilot.app.screen, kind)
    return pilot.app.screen


async def test_actions_view_groups_open_actions_and_marks_the_overdue(library, make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_view(pilot, "a", ActionsView)
        listed = rows(view)
        headings = [row[1] for row in listed if row[0] == "▸"]
        assert headings == ["Aiko M.", "Dana O.", "Lee W.", "Priya N.", "Tomás R.", "Zoë K."]
        items = [row for row in listed if row[0] != "▸"]
        # Open and in progress only: the demo's done a2 and disk-full's done a2 are not listed.
        assert len(items) == 8 + 1
        assert not any(row[1].startswith("Old cleanup") for row in items)
        # The postmortem column is cut to fit 80 columns ("demo-checkout-l…").
        overdue = {(row[3][:13], row[0]) for row in items if row[4] == "overdue"}
        assert overdue == {("demo-checkout", "2026-03-24"), ("demo-checkout", "2026-03-27")}
        count = shown(view.query_one("#team-count"))
        assert "9 open actions, 2 overdue (by owner" in count
        # Nothing is cut off at 80 columns: the table fits the screen.
        assert sum(column.get_render_width(view.query_one(DataTable))
                   for column in view.query_one(DataTable).columns.values()) <= 80
        await pilot.press("g")
        headings = [row[1] for row in rows(view) if row[0] == "▸"]
        assert headings[:2] == ["Week of 2026-03-23", "Week of 2026-03-30"]
        assert "by due week" in shown(view.query_one("#team-count"))
        assert cache_path(library.root).is_file()


async def test_enter_opens_the_postmortem_on_the_action(library, make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_view(pilot, "a", ActionsView)
        table = view.query_one(DataTable)
        target = next(n for n, row in enumerate(rows(view)) if row[3] == "disk-full")
        table.move_cursor(row=target, animate=False)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        assert app.screen.document.id == "disk-full"
        assert app.screen.query_one(StageStrip).current == 5
        stage = app.screen.query_one("#stage-5")
        assert stage.selected_id == "a1"


async def test_the_view_reads_the_library_again_when_shown_again(library, make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_view(pilot, "a", ActionsView)
        assert any(row[3] == "disk-full" for row in rows(view))
        await pilot.press("escape")
        with library.open("disk-full") as document_file:   # another window closes the action
            document = document_file.document
            document.actions[0].status = "done"
            document_file.save(document)
        assert stored(library.root, "disk-full")["actions"][0]["status"] == "done"
        view = await open_view(pilot, "a", ActionsView)
        assert not any(row[3] == "disk-full" for row in rows(view))
        assert "8 open actions" in shown(view.query_one("#team-count"))
        await pilot.press("escape")
        (library.root / "broken.json").write_text("{", "utf-8")
        view = await open_view(pilot, "r", ReviewsView)
        assert "1 file could not be read and is left out" in shown(view.query_one("#team-count"))


async def test_reviews_view_lists_overdue_and_next_30_days(library, make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_view(pilot, "r", ReviewsView)
        listed = rows(view)
        # disk-full's review of 20 March is overdue; the demo's of 8 April is due in 9 days;
        # 1 June and the demo's 60-day review of 8 May are further than 30 days.
        assert [(row[0], row[3]) for row in listed] == [("2026-03-20", "10 days overdue"),
                                                        ("2026-04-08", "in 9 days")]
        assert "2 reviews overdue or due in the next 30 days (1 overdue)" in shown(
            view.query_one("#team-count"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen) and app.screen.document.id == "disk-full"
        assert app.screen.query_one(StageStrip).current == 6


async def test_stats_dashboard(library, make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_view(pilot, "s", StatsView)
        counts = shown(view.query_one("#stats-counts"))
        assert "2 postmortems." in counts and "SEV2 1" in counts
        assert "2 open actions are overdue." in counts and "1 follow-up review is overdue." in counts
        # One quarter with a resolved incident: no trend yet, said so.
        assert view.query_one(Sparkline).data == [2 + 10 / 60]
        assert "needs two quarters" in shown(view.query_one("#stats-trend-label"))
        assert not view.query_one(Sparkline).display
        quarters = view.query_one("#stats-quarters", DataTable)
        assert [str(c) for c in quarters.get_row_at(0)] == ["2026-Q1", "1", "26m", "1h 19m",
                                                            "2h 10m"]
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        earlier = demo_document(date(2025, 11, 20))   # an incident of the quarter before
        earlier.id = "earlier"
        resolved = next(e for e in earlier.timeline if e.milestone == "resolved")
        resolved.at = resolved.at.replace(hour=23, minute=30)
        library.create(earlier).close()
        view = await open_view(pilot, "s", StatsView)
        trend = view.query_one(Sparkline)
        assert trend.display and len(trend.data) == 2 and trend.data[1] == 2 + 10 / 60
        assert trend.data[0] > trend.data[1]   # the earlier quarter took longer to resolve
        assert "2025-Q4 to 2026-Q1" in shown(view.query_one("#stats-trend-label"))
