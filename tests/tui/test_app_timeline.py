"""Stage 2 in the app: type events, set milestones, paste from chat, undo, fill the impact form,
reopen — on screen and in the file (the entry line's parser:
tests/domain/test_timeline_entry_parser.py; the undoable edits: tests/domain/test_timeline_edits.py)."""

from __future__ import annotations

from datetime import datetime, timezone

from textual import events
from textual.widgets import Checkbox, Input, RadioButton

from postmortem.factory import new_postmortem
from postmortem.model import Event
from storage.library import Library
from tui.screens.workspace import WorkspaceScreen
from tui.stages.timeline.dialogs import PasteDialog, SourceDialog
from tui.stages.timeline.table import TimelineTable
from helpers import fill, stored
import helpers

UTC = timezone.utc


def at(hour: int, minute: int, day: int = 9) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


def create(library_dir, doc_id="t2", events: list[Event] | None = None) -> None:
    doc = new_postmortem(doc_id, "Queue backlog", "SEV2")
    doc.meeting_at = at(15, 0)      # a bare time with no event above lands on the meeting day
    doc.timeline = events or []
    Library(library_dir).create(doc).close()


def shown(widget) -> str:
    return str(widget.render())


def table_text(screen) -> str:
    table = screen.query_one(TimelineTable)
    return "\n".join(" ".join(table.row_cells(i)) for i in range(table.row_count))


async def go_to_stage_two(pilot) -> WorkspaceScreen:
    await pilot.pause()
    await pilot.press("escape", "2")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, WorkspaceScreen)
    assert isinstance(pilot.app.focused, TimelineTable)
    return screen


CHAT = """14:02 Alert fired in #ops
[14:07] Sam: traffic recovering
lunch order for the team
2026-03-09 14:09 UTC queue drained
"""


async def test_the_whole_stage_by_keyboard_then_reopen(library_dir, make_app):
    create(library_dir)
    app = make_app("t2")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await go_to_stage_two(pilot)
        assert "✗" in helpers.shown(screen.query_one("#exit-status"))

        # Five events by keyboard only: a, then one line each; the entry stays open.
        await pilot.press("a", *"14:00 deploy started", "enter")
        for keys, line in (((), "+5m alert fired"),            # replaces the selected 14:00
                           ((), "14:12 paged on-call"),
                           (("right",), "rollback started"),   # → keeps 14:12
                           ((), "14:40 recovered")):
            await pilot.press(*keys)
            await fill(pilot, line)
            await pilot.press("enter")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.focused, TimelineTable)
        rows = table_text(screen)
        for line in ("14:00 deploy started", "14:05 alert fired", "14:12 paged on-call",
                     "14:12 rollback started", "14:40 recovered"):
            time, text = line.split(" ", 1)
            assert any(time in row and text in row for row in rows.splitlines()), line
        assert "Mon 2026-03-09" in rows                          # the date row

        # Milestones, one key each, from the bottom up; the metrics follow live.
        await pilot.press("r", "up", "m", "up", "up", "t", "up", "s")
        await pilot.pause()
        metrics = shown(screen.query_one("#timeline-metrics"))
        assert "Time to detect 5m" in metrics
        assert "to mitigate 12m" in metrics
        assert "to resolve 40m" in metrics
        assert "duration 40m" in metrics

        # Paste chat lines: the preview shows the line that is not an event; only the others
        # are added, and only after confirming.
        await pilot.press("p")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PasteDialog)
        app.post_message(events.Paste(CHAT))                    # as the terminal sends it
        await pilot.pause()
        preview = dialog.query_one("#paste-preview")
        assert preview.row_count == 4
        assert "does not start with a time" in str(preview.get_row("3")[2])
        assert "3 of 4 lines" in shown(dialog.query_one("#paste-summary"))
        assert "Add 3 events" in str(dialog.query_one("#paste-add").label)
        assert len(screen.document.timeline) == 5               # nothing added yet
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        texts = [e.text for e in screen.document.timeline]
        # The chat speaker went to the source, as the dialog offered (ticked by default).
        assert texts == ["deploy started", "Alert fired in #ops", "alert fired", "traffic recovering",
                         "queue drained", "paged on-call", "rollback started", "recovered"]
        assert not any("lunch" in text for text in texts)

        # Delete one and undo it: back with the same id and milestone.
        screen.query_one(TimelineTable).select_event("e2")     # 14:05 alert fired (detected)
        await pilot.press("d")
        await pilot.pause()
        assert "alert fired" not in [e.text for e in screen.document.timeline]
        assert "Time to detect —" in shown(screen.query_one("#timeline-metrics"))
        await pilot.press("u")
        await pilot.pause()
        restored = next(e for e in screen.document.timeline if e.text == "alert fired")
        assert (restored.id, restored.milestone) == ("e2", "detected")

        # Source note and internal flag on the selected event.
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SourceDialog)
        await fill(pilot, "PagerDuty PD-1")
        await pilot.press("enter")
        await pilot.press("i")
        await pilot.pause()
        assert "Source: PagerDuty PD-1" in shown(screen.query_one("#timeline-detail"))

        # The impact form, below the timeline at this size; v moves there.
        await pilot.press("v")
        assert app.focused.id == "impact-users_affected"
        await fill(pilot, "About 40% of queue consumers stalled for 40 minutes")
        await pilot.press("tab")                                  # customer-visible
        await pilot.press("enter")                               # Yes (the first answer)
        await pilot.press("tab")                                 # data integrity
        await pilot.press("right", "enter")                      # At risk
        await pilot.press("tab")
        await fill(pilot, "retried from the dead-letter queue")
        await pilot.press("tab", "right", "enter")               # SLA/SLO breach: No
        await pilot.press("tab")
        await fill(pilot, "queue latency SLO held")
        await pilot.press("tab", "space")                        # comms match
        await pilot.pause()
        assert "✓" in helpers.shown(screen.query_one("#exit-status"))
        assert "40m" in shown(screen.query_one("#impact-duration"))
        await pilot.press("ctrl+q")

    data = stored(library_dir, "t2")
    timeline = {e["id"]: e for e in data["timeline"]}
    assert [e["at"][11:16] for e in data["timeline"]] == [
        "14:00", "14:02", "14:05", "14:07", "14:09", "14:12", "14:12", "14:40"]
    assert all(e["at"].startswith("2026-03-09T") for e in data["timeline"])
    assert {e["milestone"] for e in data["timeline"]} == {"start", "detected", "mitigated",
                                                         "resolved", None}
    assert timeline["e1"] == {"id": "e1", "at": "2026-03-09T14:00:00Z", "text": "deploy started",
                              "milestone": "start", "source": "", "internal": False}
    assert timeline["e2"]["source"] == "PagerDuty PD-1" and timeline["e2"]["internal"] is True
    assert data["impact"] == {
        "users_affected": "About 40% of queue consumers stalled for 40 minutes",
        "customer_visible": True, "data_integrity": "at-risk",
        "data_integrity_notes": "retried from the dead-letter queue", "sla_breach": False,
        "sla_notes": "queue latency SLO held", "comms_aligned": True}

    reopened = make_app("t2")
    async with reopened.run_test(size=(120, 40)) as pilot:
        screen = await go_to_stage_two(pilot)
        rows = table_text(screen)
        assert "deploy started" in rows and "traffic recovering" in rows and "chat: Sam" in rows
        assert "Time to detect 5m" in shown(screen.query_one("#timeline-metrics"))
        assert screen.query_one("#impact-users_affected", Input).value.startswith("About 40%")
        assert screen.query_one("#impact-customer_visible-yes", RadioButton).value is True
        assert screen.query_one("#impact-data_integrity-at-risk", RadioButton).value is True
        assert screen.query_one("#impact-sla_breach-no", RadioButton).value is True
        assert screen.query_one("#impact-comms_aligned", Checkbox).value is True
        assert "✓" in helpers.shown(screen.query_one("#exit-status"))


async def test_a_bad_time_keeps_the_text_says_why_and_saves_nothing(library_dir, make_app):
    create(library_dir)
    app = make_app("t2")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await go_to_stage_two(pilot)
        await pilot.press("a", *"25:61 paged on-call", "enter")
        await pilot.pause()
        assert screen.query_one("#timeline-entry", Input).value == "25:61 paged on-call"
        error = shown(screen.query_one("#timeline-entry-error"))
        assert "“25:61” is not a time: hours go to 23 and minutes to 59." in error
        assert screen.document.timeline == []
        # Fixing the time saves it and clears the sentence.
        await pilot.press("home", "delete", "delete", "delete", "delete", "delete", *"14:05", "enter")
        await pilot.pause()
        assert [e.text for e in screen.document.timeline] == ["paged on-call"]
        assert shown(screen.query_one("#timeline-entry-error")) == ""
        await pilot.press("escape")
        await pilot.press(*"a", *"yesterday-ish", "enter")
        await pilot.pause()
        assert "“yesterday-ish” is not a time" in shown(screen.query_one("#timeline-entry-error"))
        assert screen.flush()
    assert [e["text"] for e in stored(library_dir, "t2")["timeline"]] == ["paged on-call"]


async def test_edit_keeps_the_events_day_and_milestones_can_be_cleared(library_dir, make_app):
    create(library_dir, events=[Event("e1", at(23, 50, day=4), "cache node replaced", "start"),
                                Event("e2", at(0, 20, day=5), "latency alert", "detected")])
    app = make_app("t2")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await go_to_stage_two(pilot)
        rows = table_text(screen)
        assert "Wed 2026-03-04" in rows and "Thu 2026-03-05" in rows   # a date row per day
        screen.query_one(TimelineTable).select_event("e2")
        await pilot.press("enter")                                   # Enter on a row edits it
        entry = screen.query_one("#timeline-entry", Input)
        assert entry.value == "00:20 latency alert"
        await pilot.press("home", *["delete"] * 5, *"00:25", "enter")
        await pilot.pause()
        assert screen.document.timeline[1].at == at(0, 25, day=5)    # still on the 5th
        assert not screen.query_one("#timeline-entry-bar").is_open
        await pilot.press("t")                                       # detected again: cleared
        await pilot.pause()
        assert screen.document.timeline[1].milestone is None
        assert "Time to detect —" in shown(screen.query_one("#timeline-metrics"))


async def test_undo_while_typing_keeps_new_events_on_the_incident_day(library_dir, make_app):
    create(library_dir, events=[Event("e1", at(23, 50, day=4), "cache node replaced", "start")])
    app = make_app("t2")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await go_to_stage_two(pilot)
        await pilot.press("a", *"+5m pool exhausted", "enter")
        await pilot.press("ctrl+z")                       # from the entry line: undoes the add
        await pilot.pause()
        assert [e.id for e in screen.document.timeline] == ["e1"]
        await pilot.press("ctrl+a", *"00:10 first ticket", "enter")  # counts from e1 again
        await pilot.pause()
        assert screen.document.timeline[-1].at == at(0, 10, day=5)   # not the meeting day


async def test_out_of_order_milestones_are_shown_next_to_the_event(library_dir, make_app):
    create(library_dir, events=[Event("e1", at(14, 0), "deploy", "start"),
                                Event("e2", at(14, 10), "alert", "detected"),
                                Event("e3", at(14, 20), "rollback")])
    app = make_app("t2")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await go_to_stage_two(pilot)
        screen.query_one(TimelineTable).select_event("e1")
        await pilot.press("m")          # mitigated at 14:00: before detected — but also moves start
        await pilot.pause()
        assert screen.document.timeline[0].milestone == "mitigated"
        await pilot.press("down", "down", "s")   # start at 14:20: after detected and mitigated
        await pilot.pause()
        assert "exit conditions open" in helpers.shown(screen.query_one("#exit-status"))
        await pilot.press("f2")            # every open condition, one key away
        await pilot.pause()
        problems = helpers.shown(app.screen.query_one("#conditions-list"))
        assert "Detected at 14:10 is before start at 14:20." in problems
        await pilot.press("escape")
        await pilot.pause()
        screen.query_one(TimelineTable).select_event("e2")
        await pilot.pause()
        assert "⚠ Detected at 14:10 is before start at 14:20." in shown(
            screen.query_one("#timeline-detail"))
        assert "⚠ Detected" in table_text(screen)


async def test_local_input_mode_converts_to_utc(library_dir, make_app, monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    create(library_dir)
    app = make_app("t2")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await go_to_stage_two(pilot)
        await pilot.press("L", "a", *"15:05 paged on-call", "enter", "escape")
        await pilot.pause()
        assert screen.document.timeline[0].at == at(14, 5)          # CET is UTC+1 in March
        rows = table_text(screen)
        assert "14:05 15:05" in rows                                # local column beside UTC
        await pilot.press("L", "a", *"16:00 back to UTC", "enter", "escape")
        await pilot.pause()
        assert screen.document.timeline[1].at == at(16, 0)


async def test_the_80_column_view_switch_and_jumps(library_dir, make_app):
    create(library_dir, events=[Event("e1", at(14, 0), "deploy", "start")])
    app = make_app("t2")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await go_to_stage_two(pilot)
        stage = screen.query_one("#stage-2")
        impact_pane = screen.query_one("#impact-pane")
        assert stage.has_class("-single") and not impact_pane.display
        await pilot.press("v")
        assert impact_pane.display and not screen.query_one("#timeline-pane").display
        assert app.focused.id == "impact-users_affected"
        await pilot.press("escape", "2")                             # back: the timeline again
        assert isinstance(app.focused, TimelineTable)
        assert stage.focus_location("impact.sla_notes")
        await pilot.pause()
        assert app.focused.id == "impact-sla_notes" and impact_pane.display
        assert stage.focus_location("e1")
        await pilot.pause()
        assert isinstance(app.focused, TimelineTable)
        assert screen.query_one(TimelineTable).selected_id == "e1"
        assert not stage.focus_location("w9")
        # The palette offers the timeline's commands while the stage shows.
        await pilot.press("ctrl+p", *"paste many events")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PasteDialog)
        await pilot.press("escape")
        assert app.screen is screen


async def test_read_only_window_refuses_edits(library_dir, make_app):
    create(library_dir, events=[Event("e1", at(14, 0), "deploy", "start")])
    first = make_app("t2")
    async with first.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        second = make_app("t2")
        async with second.run_test(size=(80, 24)) as second_pilot:
            screen = await go_to_stage_two(second_pilot)
            assert screen.read_only
            await second_pilot.press("a", "d", "r")
            await second_pilot.pause()
            assert not screen.query_one("#timeline-entry-bar").is_open
            assert [(e.id, e.milestone) for e in screen.document.timeline] == [("e1", "start")]
            assert screen.query_one("#impact-users_affected", Input).disabled
