"""The review meeting's clock: when it started, the stage it is on, each stage's timebox and
the time spent on it (issue 14, part 1).

Every function takes the time as an argument (the app passes its clock's ``now()``), so the
rules are tested without waiting. The clock runs in stretches: ``running_since`` is when the
current stretch began (start, resume, move on); a pause or the end adds the stretch to the
current stage's ``spent`` and sets ``paused_at``. So while it runs, a stage's time is its
``spent`` plus the running stretch, and a pause costs no stage any time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from postmortem.fields import Reader, ValidationError, field_names, format_time
from postmortem.i18n import t

STAGE_COUNT = 6
# Minutes per stage (scope, timeline, analysis, lessons, actions, follow-up).
FULL_TIMEBOXES = (5, 15, 20, 5, 10, 5)          # a 60-minute full review
LIGHTWEIGHT_TIMEBOXES = (2, 8, 10, 3, 5, 2)     # a 30-minute lightweight review
MAX_TIMEBOX = 240                               # minutes: longer is a typo, not a stage

NOT_STARTED, RUNNING, PAUSED, ENDED = "not_started", "running", "paused", "ended"


@dataclass(slots=True)
class Meeting:
    """The meeting record of a postmortem; omitted from the file while it is ``is_empty``."""

    started_at: datetime | None = None
    ended_at: datetime | None = None
    paused_at: datetime | None = None       # when the clock last stopped (pause or end)
    running_since: datetime | None = None   # when the clock's latest stretch began
    stage: int = 1                          # the stage the meeting is on, 1..6
    timeboxes: list[int] = field(default_factory=lambda: list(FULL_TIMEBOXES))
    spent: list[int] = field(default_factory=lambda: [0] * STAGE_COUNT)  # seconds per stage

    def is_empty(self) -> bool:
        """Never started and the default timeboxes: nothing worth writing."""
        return self.started_at is None and self.timeboxes == list(FULL_TIMEBOXES) \
            and not any(self.spent)

    def to_dict(self) -> dict[str, Any]:
        def moment(value: datetime | None) -> str | None:
            return format_time(value) if value else None
        return {"started_at": moment(self.started_at), "ended_at": moment(self.ended_at),
                "paused_at": moment(self.paused_at), "running_since": moment(self.running_since),
                "stage": self.stage, "timeboxes": list(self.timeboxes), "spent": list(self.spent)}

    @classmethod
    def read(cls, r: Reader) -> "Meeting":
        r.refuse_unknown(field_names(cls))
        return cls(
            started_at=r.time("started_at", nullable=True), ended_at=r.time("ended_at", nullable=True),
            paused_at=r.time("paused_at", nullable=True),
            running_since=r.time("running_since", nullable=True),
            stage=_whole_number(r, "stage", 1, 1, STAGE_COUNT),
            timeboxes=_six_numbers(r, "timeboxes", list(FULL_TIMEBOXES), 1, MAX_TIMEBOX),
            spent=_six_numbers(r, "spent", [0] * STAGE_COUNT, 0, None),
        )


def _whole_number(r: Reader, key: str, default: int, low: int, high: int | None,
                  path: str | None = None, value: Any = None) -> int:
    value = r.raw(key, default) if path is None else value
    if isinstance(value, bool) or not isinstance(value, int) or value < low \
            or (high is not None and value > high):
        problem = (t("meeting.validation.not_between", low=low, high=high) if high is not None
                   else t("meeting.validation.not_at_least", low=low))
        raise ValidationError(path or r.at(key), value, problem)
    return value


def _six_numbers(r: Reader, key: str, default: list[int], low: int, high: int | None) -> list[int]:
    values = r.raw(key, default)
    if not isinstance(values, list) or len(values) != STAGE_COUNT:
        raise ValidationError(r.at(key), values, t("meeting.validation.not_six"))
    return [_whole_number(r, key, 0, low, high, f"{r.at(key)}[{i}]", v) for i, v in enumerate(values)]


# The state of the clock ----------------------------------------------------------------


def state(meeting: Meeting) -> str:
    if meeting.started_at is None:
        return NOT_STARTED
    if meeting.ended_at is not None:
        return ENDED
    return PAUSED if meeting.paused_at is not None else RUNNING


def _stretch(meeting: Meeting, now: datetime) -> int:
    """Seconds of the running stretch (0 unless the clock runs)."""
    if state(meeting) != RUNNING or meeting.running_since is None:
        return 0
    return max(0, round((now - meeting.running_since).total_seconds()))


def stage_spent(meeting: Meeting, now: datetime, stage: int) -> int:
    """Seconds spent on a stage, the running stretch included."""
    live = _stretch(meeting, now) if stage == meeting.stage else 0
    return meeting.spent[stage - 1] + live


def elapsed(meeting: Meeting, now: datetime) -> int:
    """Seconds the meeting clock has run (pauses not counted)."""
    return sum(meeting.spent) + _stretch(meeting, now)


def left(meeting: Meeting, now: datetime, stage: int | None = None) -> int:
    """Seconds left in a stage's timebox (the current stage by default); negative when over."""
    stage = stage or meeting.stage
    return meeting.timeboxes[stage - 1] * 60 - stage_spent(meeting, now, stage)


def is_over(meeting: Meeting, now: datetime) -> bool:
    return state(meeting) in (RUNNING, PAUSED) and left(meeting, now) < 0


def planned_total(meeting: Meeting) -> int:
    return sum(meeting.timeboxes)


# What the screen says ---------------------------------------------------------------------


def clock_text(seconds: int) -> str:
    """``0:12`` for twelve minutes: hours and minutes, as a wall clock reads."""
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}"


def left_text(seconds_left: int) -> str:
    """``9m left`` / ``2m over``: a started minute counts as a whole one."""
    if seconds_left >= 0:
        return t("meeting.left", minutes=math.ceil(seconds_left / 60))
    return t("meeting.over", minutes=math.ceil(-seconds_left / 60))


def minutes_text(seconds: int) -> str:
    """Spent time in whole minutes, rounded: ``12m``."""
    return t("meeting.minutes", minutes=round(seconds / 60))


# Changing the clock (each returns nothing and changes the record in place) ----------------


def start(meeting: Meeting, now: datetime, stage: int = 1) -> None:
    """A new meeting on ``stage``: earlier times are forgotten, the timeboxes kept."""
    meeting.started_at = meeting.running_since = now
    meeting.ended_at = meeting.paused_at = None
    meeting.stage = stage
    meeting.spent = [0] * STAGE_COUNT


def _stop_stretch(meeting: Meeting, now: datetime) -> None:
    meeting.spent[meeting.stage - 1] += _stretch(meeting, now)
    meeting.paused_at = now


def pause(meeting: Meeting, now: datetime) -> None:
    if state(meeting) == RUNNING:
        _stop_stretch(meeting, now)


def resume(meeting: Meeting, now: datetime) -> None:
    if state(meeting) == PAUSED:
        meeting.paused_at = None
        meeting.running_since = now


def move_on(meeting: Meeting, now: datetime) -> bool:
    """The next stage: the current one keeps the time spent on it. False on the last stage."""
    if state(meeting) not in (RUNNING, PAUSED) or meeting.stage >= STAGE_COUNT:
        return False
    if state(meeting) == RUNNING:
        meeting.spent[meeting.stage - 1] += _stretch(meeting, now)
        meeting.running_since = now
    meeting.stage += 1
    return True


def end(meeting: Meeting, now: datetime) -> None:
    if state(meeting) == RUNNING:
        _stop_stretch(meeting, now)
    if state(meeting) == PAUSED:
        meeting.ended_at = now


def set_timebox(meeting: Meeting, stage: int, minutes: int) -> None:
    if not 1 <= minutes <= MAX_TIMEBOX:
        raise ValueError(t("meeting.bad_timebox", high=MAX_TIMEBOX))
    meeting.timeboxes[stage - 1] = minutes


def use_timeboxes(meeting: Meeting, timeboxes: tuple[int, ...]) -> None:
    meeting.timeboxes = list(timeboxes)
