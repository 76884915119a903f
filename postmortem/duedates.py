"""Typing due dates of action items (DESIGN §5, issue 5): ``2026-04-01``, ``+2w``, ``fri``.

Rules decided here (input is case-insensitive, surrounding spaces ignored):

- ``2026-04-01`` — that day; impossible days (``2026-02-30``) are refused. A day in the past
  is accepted: an item can be recorded overdue.
- ``+10d``, ``+2w``, ``+1m`` — days, weeks or calendar *months* after ``today`` (the plus is
  optional: ``2w``). A month step keeps the day of the month, or the month's last day when
  it is shorter (Jan 31 + 1m = Feb 28). ``+0d`` is today. Steps backwards are not accepted.
- A weekday — full name or any abbreviation of at least three letters (``fri``, ``thur``,
  ``Friday``) — is the *next* such day, strictly after today: on a Friday, ``fri`` is a
  week later.
- ``today``, ``tomorrow``.
- The same in Chinese: ``今天``, ``明天``, ``后天`` (the day after tomorrow); a weekday as
  ``周五``, ``星期五`` or ``礼拜五`` (Sunday: ``日`` or ``天``), the next such day as above.

The calendar arithmetic of steps and weekdays is pendulum's (``Date.add``, ``Date.next``),
imported when a step or a weekday is first typed: a dated or empty field, and every command
that never reads a due date, do not pay for loading it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from postmortem.i18n import t
from postmortem.writable import EARLIEST, LATEST, day_in_range

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_STEP = re.compile(r"\+?\s*(?P<count>\d+)\s*(?P<unit>[dwm])", re.IGNORECASE)
# Days from today by their Chinese names, and the Chinese weekdays (Monday = 0).
CHINESE_DAYS = {"今天": 0, "明天": 1, "后天": 2}
_CHINESE_WEEKDAY = re.compile(r"(?:周|星期|礼拜)(?P<day>[一二三四五六日天])")
_CHINESE_WEEKDAY_NUMBERS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


class DueDateError(ValueError):
    """Typed text that is not a due date; ``str()`` is one sentence for the user."""

    def __init__(self, text: str, problem: str) -> None:
        self.text = text
        super().__init__(t(f"duedates.error.{problem}", text=text, earliest=EARLIEST.isoformat(),
                           latest=LATEST.isoformat()))


def parse_due(text: str, today: date) -> date:
    """The day ``text`` names, counted from ``today``; raises ``DueDateError``, also for a day
    outside the dates a document may hold (``writable``)."""
    day = _parse_due(text, today)
    if not day_in_range(day):
        raise DueDateError(text.strip(), "too_far")
    return day


def _parse_due(text: str, today: date) -> date:
    typed = text.strip()
    word = typed.casefold()
    if not typed:
        raise DueDateError(typed, "empty")
    if word == "today":
        return today
    if word == "tomorrow":
        return today + timedelta(days=1)
    if typed in CHINESE_DAYS:
        return today + timedelta(days=CHINESE_DAYS[typed])
    if _ISO_DATE.fullmatch(typed):
        try:
            return date.fromisoformat(typed)
        except ValueError:
            raise DueDateError(typed, "bad_date") from None
    step = _STEP.fullmatch(typed)
    if step:
        try:
            return _after(today, int(step.group("count")), step.group("unit").casefold())
        except (OverflowError, ValueError):
            raise DueDateError(typed, "too_far") from None
    weekday = _weekday(word)
    if weekday is not None:
        return next_weekday(today, weekday)
    raise DueDateError(typed, "unknown")


def _after(today: date, count: int, unit: str) -> date:
    if unit == "d":
        return _plain(_pendulum_date(today).add(days=count))
    if unit == "w":
        return _plain(_pendulum_date(today).add(weeks=count))
    return add_months(today, count)


def add_months(day: date, months: int) -> date:
    """The same day of the month ``months`` later, or that month's last day (``ValueError``
    past the year 9999)."""
    return _plain(_pendulum_date(day).add(months=months))


def _weekday(word: str) -> int | None:
    chinese = _CHINESE_WEEKDAY.fullmatch(word)
    if chinese:
        return _CHINESE_WEEKDAY_NUMBERS[chinese.group("day")]
    if len(word) < 3:
        return None
    return next((number for number, name in enumerate(WEEKDAYS) if name.startswith(word)), None)


def next_weekday(today: date, weekday: int) -> date:
    """The first day strictly after ``today`` that falls on ``weekday`` (Monday = 0)."""
    import pendulum
    return _plain(_pendulum_date(today).next(pendulum.WeekDay(weekday)))


def _pendulum_date(day: date):
    import pendulum  # ~35 ms or more to load: only once a step or a weekday is typed
    return pendulum.Date(day.year, day.month, day.day)


def _plain(day: date) -> date:
    """A ``datetime.date``: the document holds plain dates, never pendulum's subclass."""
    return date(day.year, day.month, day.day)
