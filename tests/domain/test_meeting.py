"""The meeting clock's rules (postmortem.meeting), with times given by hand: left and over,
pauses that cost no stage any time, moving on, the end, and the record in the file."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from postmortem import meeting as clock
from postmortem.factory import new_postmortem
from postmortem.fields import ValidationError
from postmortem.history import DocumentHistory
from postmortem.model import Postmortem

T0 = datetime(2026, 3, 9, 15, 0, tzinfo=timezone.utc)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def test_defaults_are_a_sixty_minute_review_and_the_lightweight_one_thirty():
    assert clock.Meeting().timeboxes == [5, 15, 20, 5, 10, 5]
    assert sum(clock.FULL_TIMEBOXES) == 60 and sum(clock.LIGHTWEIGHT_TIMEBOXES) == 30


def test_left_then_over_on_the_current_stage():
    meeting = clock.Meeting()
    clock.start(meeting, T0, stage=1)
    assert clock.state(meeting) == clock.RUNNING
    assert clock.left(meeting, at(1)) == 4 * 60
    assert clock.left_text(clock.left(meeting, at(0.5))) == "5m left"   # a started minute counts
    assert not clock.is_over(meeting, at(5))
    assert clock.is_over(meeting, at(7))
    assert clock.left_text(clock.left(meeting, at(7))) == "2m over"
    assert clock.clock_text(clock.elapsed(meeting, at(12))) == "0:12"


def test_a_pause_costs_no_stage_any_time():
    meeting = clock.Meeting()
    clock.start(meeting, T0, stage=2)
    clock.pause(meeting, at(3))
    assert clock.state(meeting) == clock.PAUSED
    assert clock.stage_spent(meeting, at(30), 2) == 180          # the clock stands still
    clock.resume(meeting, at(30))
    assert clock.stage_spent(meeting, at(31), 2) == 240
    assert clock.elapsed(meeting, at(31)) == 240


def test_move_on_records_the_stage_and_starts_the_next():
    meeting = clock.Meeting()
    clock.start(meeting, T0)
    assert clock.move_on(meeting, at(6))
    assert meeting.stage == 2 and meeting.spent[0] == 360
    assert clock.left(meeting, at(10)) == 11 * 60                 # 15 planned, 4 spent
    for minute in (20, 40, 45, 55):
        assert clock.move_on(meeting, at(minute))
    assert meeting.stage == 6
    assert not clock.move_on(meeting, at(61))                    # the last stage stays
    clock.end(meeting, at(61))
    assert meeting.spent == [360, 840, 1200, 300, 600, 360]


def test_move_on_while_paused_keeps_the_clock_paused():
    meeting = clock.Meeting()
    clock.start(meeting, T0)
    clock.pause(meeting, at(2))
    assert clock.move_on(meeting, at(9))
    assert clock.state(meeting) == clock.PAUSED and meeting.spent[:2] == [120, 0]


def test_end_stops_the_clock_and_keeps_the_time_spent():
    meeting = clock.Meeting()
    clock.start(meeting, T0)
    clock.move_on(meeting, at(5))
    clock.end(meeting, at(8))
    assert clock.state(meeting) == clock.ENDED
    assert meeting.spent[:2] == [300, 180] and meeting.ended_at == at(8)
    assert clock.elapsed(meeting, at(90)) == 480
    assert not clock.move_on(meeting, at(91)) and not clock.is_over(meeting, at(91))


def test_a_timebox_is_a_whole_number_of_minutes():
    meeting = clock.Meeting()
    clock.set_timebox(meeting, 3, 25)
    assert meeting.timeboxes[2] == 25
    for wrong in (0, clock.MAX_TIMEBOX + 1):
        with pytest.raises(ValueError):
            clock.set_timebox(meeting, 3, wrong)


def test_an_empty_meeting_is_not_written_and_a_started_one_round_trips():
    doc = new_postmortem("m-1", "Meeting")
    assert "meeting" not in doc.to_dict()
    clock.start(doc.meeting, T0)
    clock.move_on(doc.meeting, at(7))
    clock.pause(doc.meeting, at(9))
    data = doc.to_dict()
    assert data["meeting"] == {"started_at": "2026-03-09T15:00:00Z", "ended_at": None,
                               "paused_at": "2026-03-09T15:09:00Z",
                               "running_since": "2026-03-09T15:07:00Z", "stage": 2,
                               "timeboxes": [5, 15, 20, 5, 10, 5], "spent": [420, 120, 0, 0, 0, 0]}
    assert Postmortem.from_dict(data).to_dict() == data


def test_changed_timeboxes_alone_are_written():
    doc = new_postmortem("m-2", "Meeting")
    clock.use_timeboxes(doc.meeting, clock.LIGHTWEIGHT_TIMEBOXES)
    assert doc.to_dict()["meeting"]["timeboxes"] == list(clock.LIGHTWEIGHT_TIMEBOXES)


@pytest.mark.parametrize("field, value", [("stage", 7), ("stage", True), ("timeboxes", [5, 5]),
                                          ("timeboxes", [5, 15, 0, 5, 10, 5]),
                                          ("spent", [0, 0, -1, 0, 0, 0])])
def test_a_bad_meeting_is_refused_with_its_path(field, value):
    data = new_postmortem("m-3", "Meeting").to_dict()
    data["meeting"] = clock.Meeting().to_dict() | {field: value}
    with pytest.raises(ValidationError) as refused:
        Postmortem.from_dict(data)
    assert refused.value.path.startswith(f"meeting.{field}")


def test_undo_never_winds_the_meeting_clock_back():
    doc = new_postmortem("m-4", "Meeting")
    history = DocumentHistory(doc)
    clock.start(doc.meeting, T0)
    assert not history.record()                      # the clock is no edit
    doc.title = "Renamed"
    history.record()
    clock.move_on(doc.meeting, at(6))
    history.undo()
    assert doc.title == "Meeting"
    assert doc.meeting.stage == 2 and doc.meeting.spent[0] == 360
