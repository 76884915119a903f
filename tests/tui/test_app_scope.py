"""Pilot: fill stage 1 with the keyboard, quit, reopen — on screen and in the file."""

from __future__ import annotations


from textual.widgets import Checkbox, Input, RadioSet, Select, SelectionList

from postmortem.factory import new_postmortem
from storage.library import Library
from tui.screens.workspace import WorkspaceScreen
from tui.widgets.stage_strip import StageStrip
from helpers import fill, shown, stored


async def test_fill_stage_one_by_keyboard_then_reopen(library_dir, make_app):
    # The fields are reached by Tab and chosen by keys; their text goes in with fill(), one
    # edit each (tests/tui/test_keyboard_pass.py types every character of stage 1).
    Library(library_dir).create(new_postmortem("queue", "Queue backlog", None)).close()
    app = make_app("queue")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WorkspaceScreen)
        assert isinstance(app.focused, StageStrip)   # a form opens on the strip, not in a field
        await pilot.press("tab", "tab")                         # the preamble, then the title
        assert app.focused.id == "title"
        await fill(pilot, " in eu-west")                        # title (appended)
        await pilot.press("tab")
        await fill(pilot, "INC-77")                             # incident ref
        await pilot.press("tab", "enter", "down", "down", "enter")  # severity: SEV2
        await pilot.press("tab")                                # status (leave draft)
        await pilot.press("tab")                                # language (leave unset)
        await pilot.press("tab")
        await fill(pilot, "2026-03-09 15:00")                   # meeting
        await pilot.press("tab")
        await fill(pilot, "queue, kafka")                       # tags
        await pilot.press("tab", "space", "down", "space")      # triggers: sev + customer-visible
        await pilot.press("tab", "down", "space")               # audiences: eng
        await pilot.press("tab", "space")                       # PII
        await pilot.press("tab")                                # security (no)
        await pilot.press("tab", "space")                       # customer-facing
        await pilot.press("tab", "enter")                       # depth: full
        await pilot.press("tab")
        await fill(pilot, "Priya N.")                           # owner
        await pilot.press("tab")
        await fill(pilot, "Sam K.")                             # facilitator
        await pilot.press("tab")
        await fill(pilot, "Priya N., Sam K., Lee W.")           # participants
        await pilot.pause()
        assert "✓" in shown(screen.query_one("#exit-status"))
        await pilot.press("ctrl+q")
    data = stored(library_dir, "queue")
    assert data["title"] == "Queue backlog in eu-west"
    assert data["incident_ref"] == "INC-77"
    assert data["severity"] == "SEV2"
    assert data["meeting_at"] == "2026-03-09T15:00:00Z"
    assert data["tags"] == ["queue", "kafka"]
    assert data["scope"]["triggers"] == ["sev-incident", "customer-visible-outage"]
    assert data["scope"]["audiences"] == ["eng"]
    assert data["scope"]["sensitivity"] == {"pii": True, "security": False}
    assert data["scope"]["customer_facing"] is True
    assert data["scope"]["depth"] == "full"
    assert data["scope"]["owner"] == "Priya N."
    assert data["scope"]["facilitator"] == "Sam K."
    assert data["scope"]["participants"] == ["Priya N.", "Sam K.", "Lee W."]

    reopened = make_app("queue")
    async with reopened.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = reopened.screen
        assert screen.query_one("#title", Input).value == "Queue backlog in eu-west"
        assert screen.query_one("#severity", Select).value == "SEV2"
        assert screen.query_one("#meeting_at", Input).value == "2026-03-09 15:00"
        assert screen.query_one("#triggers", SelectionList).selected == ["sev-incident",
                                                                          "customer-visible-outage"]
        assert screen.query_one("#pii", Checkbox).value is True
        assert screen.query_one("#depth", RadioSet).pressed_button.id == "depth-full"
        assert screen.query_one("#participants", Input).value == "Priya N., Sam K., Lee W."


async def test_bad_meeting_time_keeps_the_text_and_saves_nothing(library_dir, make_app):
    Library(library_dir).create(new_postmortem("t1", "T", "SEV3")).close()
    app = make_app("t1")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        screen.query_one("#meeting_at", Input).focus()
        await pilot.press(*"25:61")
        await pilot.pause()
        assert screen.query_one("#meeting_at", Input).value == "25:61"
        message = screen.query_one("#meeting_at-error")
        assert message.display and "25:61" in str(message.render())
        assert screen.flush()
        assert stored(library_dir, "t1")["meeting_at"] is None


async def test_second_window_is_read_only(library_dir, make_app):
    Library(library_dir).create(new_postmortem("shared", "Shared", "SEV2")).close()
    first = make_app("shared")
    async with first.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert first.screen.read_only is False
        second = make_app("shared")
        async with second.run_test(size=(120, 40)) as second_pilot:
            await second_pilot.pause()
            assert isinstance(second.screen, WorkspaceScreen)
            assert second.screen.read_only is True
            assert second.screen.query_one("#title", Input).disabled
        await pilot.press("tab", "tab", *"!")                   # into the title
        await pilot.press("ctrl+q")
    assert stored(library_dir, "shared")["title"] == "Shared!"


async def test_depth_suggestion_follows_severity(library_dir, make_app):
    Library(library_dir).create(new_postmortem("d1", "D", "SEV4")).close()
    app = make_app("d1")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Lightweight" in str(app.screen.query_one("#depth-hint").render())
        await pilot.press("ctrl+q")
    assert stored(library_dir, "d1")["scope"]["depth"] == "lightweight"
