"""How far a day is from today, in words: "today", "tomorrow", "in 3 days", "2 weeks ago".

Said in the largest whole unit: years, months, weeks, then days. A month is a calendar month
as a typed ``+1m`` means it (postmortem/duedates.py, pendulum's ``Date.add``): from Jan 31,
Feb 28 is "in 1 month", and from Mar 15, Apr 14 is still "in 4 weeks". (pendulum's own
``Date.diff`` counts that one as a month, and its ``diff_for_humans`` speaks its own catalogue,
not ours.) The words are the catalogue's (``relative.*``).
"""

from __future__ import annotations

from datetime import date

from postmortem.duedates import add_months
from postmortem.i18n import t


def relative_day(day: date, today: date) -> str:
    """``day`` as seen from ``today``, for a line of the UI."""
    if day == today:
        return t("relative.today")
    direction = "future" if day > today else "past"
    unit, count = _largest_unit(min(day, today), max(day, today))
    if unit == "days" and count == 1:
        return t(f"relative.{direction}.one_day")  # tomorrow, yesterday
    return t(f"relative.{direction}.{unit}.{'one' if count == 1 else 'other'}", count=count)


def _largest_unit(start: date, end: date) -> tuple[str, int]:
    months = (end.year - start.year) * 12 + end.month - start.month
    if months and add_months(start, months) > end:
        months -= 1  # the last month is not whole yet
    if months >= 12:
        return "years", months // 12
    if months:
        return "months", months
    days = (end - start).days
    return ("weeks", days // 7) if days >= 7 else ("days", days)
