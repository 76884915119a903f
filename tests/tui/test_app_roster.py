"""Pilot: the meeting roster (F4) — roles, presence and "heard from" ticked by keyboard,
whom to ask next, the facilitator warning; saved (reopen the file)."""

from __future__ import annotations

from datetime import datetime, timezone

from postmortem.factory import new_postmortem
from postmortem.model import Event
from storage.library import Library
from tui.screens.roster import RosterScreen, RosterTable
from tui.screens.workspace import WorkspaceScreen
from helpers import shown, stored


def make_meeting(library_dir, timeline_text: str = "Cache node replaced") -> None:
    doc = new_postmortem("cache", "Cache latency", "SEV2")
    doc.scope.facilitator = "Sam K."
    doc.scope.participants = ["Lee W.", "Aiko M.", "Dana O."]
    doc.timeline = [Event("e1", datetime(2026, 3, 4, 14, 5, tzinfo=timezone.utc), timeline_text)]
    Library(library_dir).create(doc).close()


async def test_roster_ticks_are_saved_and_suggest_whom_to_ask_next(library_dir, make_app):
    make_meeting(library_dir)
    app = make_app("cache")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RosterScreen)
        assert isinstance(app.focused, RosterTable)
        assert "Mark who is present" in shown(screen.query_one("#roster-next"))
        # Rows: Sam K. (facilitator), Lee W., Aiko M., Dana O.
        await pilot.press("down", "p")                      # Lee W. present
        await pilot.press("down", "p", "r", "r", "r")       # Aiko M. present, incident commander
        await pilot.press("down", "p", "p")                 # Dana O. absent
        await pilot.pause()
        assert shown(screen.query_one("#roster-next")).startswith(
            "Ask next: Aiko M. (Incident commander), Lee W.")
        await pilot.press("up", "up", "enter")              # heard from Lee W. (Enter, as Space)
        await pilot.pause()
        assert shown(screen.query_one("#roster-next")) == "Ask next: Aiko M. (Incident commander)"
        assert "✓ Lee W." in shown(screen.query_one(RosterTable))
        assert not screen.query_one("#roster-warning").display
        await pilot.click(RosterTable, offset=(8, 4))       # a click on Dana O. only moves there
        await pilot.pause()
        assert screen.query_one(RosterTable).cursor_row == 3
        assert "· Dana O." in shown(screen.query_one(RosterTable))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        await pilot.press("ctrl+q")
    assert stored(library_dir, "cache")["scope"]["roster"] == [
        {"name": "Lee W.", "presence": "present", "heard": True},
        {"name": "Aiko M.", "role": "incident-commander", "presence": "present"},
        {"name": "Dana O.", "presence": "absent"},
    ]
    app = make_app("cache")
    async with app.run_test(size=(80, 24)) as pilot:  # reopened: the roster is as left
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        table = shown(app.screen.query_one(RosterTable))
        assert "✓ Lee W." in table and "· Aiko M. Incident commander present" in table
        assert "Dana O. — absent" in table


async def test_roster_warns_when_the_facilitator_took_part(library_dir, make_app):
    make_meeting(library_dir, "Sam restarted the cache node")
    app = make_app("cache")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        warning = app.screen.query_one("#roster-warning")
        assert warning.display
        assert "Sam K. facilitates but took part in the incident" in shown(warning)
        assert "Sam restarted the cache node" in shown(warning)
        # Another facilitator who was not in the incident: the warning goes.
        await pilot.press("r")                              # Sam K.: facilitator → scribe
        await pilot.press("down", *["r"] * 1)               # Lee W.: none → facilitator
        await pilot.pause()
        assert not warning.display
        await pilot.press("ctrl+q")
    roster = stored(library_dir, "cache")["scope"]["roster"]
    assert roster == [{"name": "Sam K.", "role": "scribe"}, {"name": "Lee W.", "role": "facilitator"}]


async def test_roster_of_a_read_only_window_changes_nothing(library_dir, make_app):
    make_meeting(library_dir)
    before = (library_dir / "cache.json").read_bytes()
    first = Library(library_dir).open("cache")  # the writer: this window opens read-only
    try:
        app = make_app("cache")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("f4")
            await pilot.pause()
            await pilot.press("down", "space", "p", "r")
            await pilot.pause()
            assert "·" in shown(app.screen.query_one(RosterTable))
            assert "✓" not in shown(app.screen.query_one(RosterTable)).replace("✓ Name", "")
    finally:
        first.close()
    assert (library_dir / "cache.json").read_bytes() == before
