"""Pilot: a timed meeting run keyboard-only with a clock moved by hand — the header's
"Meeting 0:12", the strip's "9m left" / "2m over", one warning when a stage runs out, move on,
pause and resume, the end, the agenda (F7) with its timeboxes, and the record in the file."""

from __future__ import annotations

from postmortem.factory import new_postmortem
from storage.library import Library
from tests.helpers import shown, stored
from tui.app import create_app
from tui.clock import FixedClock
from tui.screens.agenda import AgendaList, AgendaScreen
from tui.screens.workspace import WorkspaceScreen
from tui.widgets.doc_header import DocumentHeader
from tui.widgets.stage_strip import StageStrip

DOC_ID = "cache-meeting"


def meeting_app(library_dir, fake_clock: FixedClock):
    Library(library_dir).create(new_postmortem(DOC_ID, "Cache node replacement", "SEV2")).close()
    app = create_app(library_dir, DOC_ID, clock=fake_clock)
    app.warnings = []
    show = app.notify

    def notify(message, *, severity="information", **kwargs):
        if severity == "warning":
            app.warnings.append(message)
        show(message, severity=severity, **kwargs)
    app.notify = notify
    return app


async def after(pilot, fake_clock: FixedClock, minutes: float) -> None:
    """Let ``minutes`` pass on the fake clock and let the one-second timer see it."""
    fake_clock.advance(minutes=minutes)
    pilot.app.screen.meeting_tick()
    await pilot.pause()


def strip_and_header(app) -> tuple[str, str]:
    return shown(app.screen.query_one(StageStrip)), shown(app.screen.query_one(DocumentHeader))


async def test_a_timed_meeting_over_all_six_stages_keyboard_only(library_dir):
    fake_clock = FixedClock()
    app = meeting_app(library_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        strip, header = strip_and_header(app)
        assert "Meeting" not in header and "left" not in strip
        await pilot.press("f8")
        await after(pilot, fake_clock, 3)
        strip, header = strip_and_header(app)
        assert "Meeting 0:03" in header and strip.endswith("2m left")
        assert not app.screen.query_one(StageStrip).over

        await after(pilot, fake_clock, 3.5)                      # scope: 5 planned, 6.5 spent
        assert strip_and_header(app)[0].endswith("2m over")
        assert app.screen.query_one(StageStrip).over
        assert len(app.warnings) == 1 and "Time is up for stage 1" in app.warnings[0]
        await after(pilot, fake_clock, 1)
        assert len(app.warnings) == 1                            # told once, not every second

        await pilot.press("f9")                                  # timeline: 15 planned
        await pilot.pause()
        assert app.screen.query_one(StageStrip).current == 2
        assert strip_and_header(app)[0].endswith("15m left")
        await after(pilot, fake_clock, 10)
        await pilot.press("f9")                                  # analysis: 20 planned
        await after(pilot, fake_clock, 8)
        await pilot.press("f8")                                  # a break: the clock stands
        await after(pilot, fake_clock, 30)
        strip, header = strip_and_header(app)
        assert "Meeting 0:25 paused" in header and strip.endswith("12m left")
        await pilot.press("f8")
        await after(pilot, fake_clock, 5)
        assert strip_and_header(app)[0].endswith("7m left")
        for minutes in (4, 9, 6):                                # lessons, actions, follow-up
            await pilot.press("f9")
            await after(pilot, fake_clock, minutes)
        assert app.screen.query_one(StageStrip).current == 6
        assert strip_and_header(app)[0].endswith("1m over")
        assert len(app.warnings) == 2                            # follow-up ran out too
        await pilot.press("f9")                                  # nothing after the last stage
        await pilot.pause()
        assert app.screen.current_stage == 6 and "last stage" in app.warnings[-1]

        await pilot.press("shift+f8")
        await after(pilot, fake_clock, 20)
        strip, header = strip_and_header(app)
        assert "Meeting ended 0:49" in header and "left" not in strip and "over" not in strip

        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        rows = shown(app.screen.query_one(AgendaList))
        assert "1 Scope" in rows and " 8m " in rows and " 13m " in rows and "✗" in rows
        await pilot.press("escape")
        await pilot.pause()
        assert app.flush_all()
    meeting = stored(library_dir, DOC_ID)["meeting"]
    assert meeting["spent"] == [450, 600, 780, 240, 540, 360]
    assert meeting["stage"] == 6
    assert meeting["started_at"] == "2026-03-09T15:00:00Z"
    assert meeting["ended_at"] == "2026-03-09T16:19:30Z"


async def test_f20_ends_the_meeting_as_terminals_send_shift_f8(library_dir):
    fake_clock = FixedClock()
    app = meeting_app(library_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8")
        await after(pilot, fake_clock, 2)
        await pilot.press("f20")
        await pilot.pause()
        assert "Meeting ended 0:02" in strip_and_header(app)[1]
        assert app.flush_all()
    assert stored(library_dir, DOC_ID)["meeting"]["ended_at"] == "2026-03-09T15:02:00Z"

    # Reopened later: the ended meeting and its times are read back, the clock stays stopped.
    fake_clock.advance(minutes=60)
    again = create_app(library_dir, DOC_ID, clock=fake_clock)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Meeting ended 0:02" in strip_and_header(again)[1]
        assert again.screen.document.meeting.spent[0] == 120
        await pilot.press("f7")
        await pilot.pause()
        assert "1 Scope 5m 2m" in shown(again.screen.query_one(AgendaList))


async def test_the_clock_keys_work_while_typing_in_a_field(library_dir):
    fake_clock = FixedClock()
    app = meeting_app(library_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#title").focus()
        await pilot.press("f8")
        await after(pilot, fake_clock, 1)
        assert "Meeting 0:01" in strip_and_header(app)[1]
        assert app.screen.query_one("#title").value == "Cache node replacement"


async def test_the_agenda_changes_timeboxes_and_they_are_saved(library_dir):
    fake_clock = FixedClock()
    app = meeting_app(library_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f7", "down", "down", "enter")
        await pilot.pause()
        minutes = app.screen.query_one("#agenda-minutes")
        assert app.focused is minutes and minutes.value == "20"
        await pilot.press("backspace", "backspace", "0", "enter")
        await pilot.pause()
        assert "from 1 to 240" in shown(app.screen.query_one("#agenda-error"))
        await pilot.press("backspace", "2", "5", "enter")
        await pilot.pause()
        assert app.focused is app.screen.query_one(AgendaList)
        assert "3 Analysis 25m" in shown(app.screen.query_one(AgendaList))
        assert app.flush_all()
        assert stored(library_dir, DOC_ID)["meeting"]["timeboxes"] == [5, 15, 25, 5, 10, 5]
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        await pilot.press("f8")
        await pilot.pause()
        assert strip_and_header(app)[0].endswith("2m left")       # lightweight scope: 2
        assert app.flush_all()
    data = stored(library_dir, DOC_ID)["meeting"]
    assert data["timeboxes"] == [2, 8, 10, 3, 5, 2] and data["started_at"] is not None


async def test_an_ended_meeting_is_started_again_only_when_confirmed(library_dir):
    fake_clock = FixedClock()
    app = meeting_app(library_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8")
        await after(pilot, fake_clock, 4)
        await pilot.press("shift+f8", "f8")
        await pilot.pause()
        await pilot.press("n")                                   # not a new one: times kept
        await pilot.pause()
        assert app.screen.document.meeting.spent[0] == 240
        assert "Meeting ended 0:04" in strip_and_header(app)[1]


async def test_the_figure_names_the_meeting_s_stage_when_another_is_shown(library_dir):
    fake_clock = FixedClock()
    app = meeting_app(library_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8")
        await after(pilot, fake_clock, 1)
        await pilot.press("alt+3")                               # a look at the analysis
        await pilot.pause()
        assert strip_and_header(app)[0].endswith("stage 1: 4m left")
        await pilot.press("alt+1")
        await pilot.pause()
        assert strip_and_header(app)[0].endswith(" 4m left")
        assert "stage 1" not in strip_and_header(app)[0]
