"""Due-date input for action items (DESIGN §5, issue 5)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postmortem.duedates import DueDateError, add_months, next_weekday, parse_due

WEDNESDAY = date(2026, 3, 11)
FRIDAY = date(2026, 3, 13)
SUNDAY = date(2026, 3, 15)


@pytest.mark.parametrize("typed, expected", [
    ("2026-04-01", date(2026, 4, 1)),
    (" 2026-04-01 ", date(2026, 4, 1)),
    ("2024-02-29", date(2024, 2, 29)),
    ("2025-12-31", date(2025, 12, 31)),          # in the past: allowed, shown as overdue
    ("+10d", date(2026, 3, 21)),
    ("10d", date(2026, 3, 21)),
    ("+0d", WEDNESDAY),
    ("+2w", date(2026, 3, 25)),
    ("+2W", date(2026, 3, 25)),
    ("+ 3 w", date(2026, 4, 1)),
    ("+1m", date(2026, 4, 11)),
    ("+10m", date(2027, 1, 11)),
    ("+30d", date(2026, 4, 10)),
    ("today", WEDNESDAY),
    ("Today", WEDNESDAY),
    ("tomorrow", date(2026, 3, 12)),
    ("TOMORROW", date(2026, 3, 12)),
])
def test_accepted_forms(typed, expected):
    assert parse_due(typed, WEDNESDAY) == expected


@pytest.mark.parametrize("typed, expected", [
    ("thu", date(2026, 3, 12)), ("fri", FRIDAY), ("Friday", FRIDAY), ("FRI", FRIDAY),
    ("sat", date(2026, 3, 14)), ("sun", SUNDAY),
    ("mon", date(2026, 3, 16)), ("monday", date(2026, 3, 16)),   # across the week boundary
    ("tue", date(2026, 3, 17)), ("tues", date(2026, 3, 17)),
    ("wed", date(2026, 3, 18)),                                  # today is Wednesday: next week
    ("wednesday", date(2026, 3, 18)), ("thur", date(2026, 3, 12)), ("thurs", date(2026, 3, 12)),
])
def test_weekday_is_the_next_such_day_strictly_after_today(typed, expected):
    assert parse_due(typed, WEDNESDAY) == expected


@pytest.mark.parametrize("typed, expected", [
    ("今天", WEDNESDAY), ("明天", date(2026, 3, 12)), ("后天", date(2026, 3, 13)),
    ("周五", FRIDAY), ("星期五", FRIDAY), (" 周五 ", FRIDAY), ("礼拜五", FRIDAY),
    ("周四", date(2026, 3, 12)), ("周一", date(2026, 3, 16)), ("星期二", date(2026, 3, 17)),
    ("周三", date(2026, 3, 18)),                                 # today is Wednesday: next week
    ("周六", date(2026, 3, 14)), ("周日", SUNDAY), ("星期天", SUNDAY), ("周天", SUNDAY),
])
def test_the_same_words_in_chinese(typed, expected):
    """What a Chinese facilitator types (issue 16): the days and weekdays by their names."""
    assert parse_due(typed, WEDNESDAY) == expected


@pytest.mark.parametrize("typed", ["周", "星期", "周八", "周五五", "下周五", "今", "明天见"])
def test_chinese_words_that_name_no_day_are_refused(typed):
    with pytest.raises(DueDateError):
        parse_due(typed, WEDNESDAY)


def test_weekday_on_the_weekend_crosses_into_next_week():
    assert parse_due("fri", SUNDAY) == date(2026, 3, 20)
    assert parse_due("mon", SUNDAY) == date(2026, 3, 16)
    assert parse_due("sun", SUNDAY) == date(2026, 3, 22)
    assert parse_due("fri", FRIDAY) == date(2026, 3, 20)


def test_weekday_across_a_month_and_year_boundary():
    assert parse_due("mon", date(2026, 12, 31)) == date(2027, 1, 4)


@given(st.dates(max_value=date(9999, 12, 20)), st.integers(0, 6))
def test_next_weekday_is_within_a_week_and_on_that_day(today, weekday):
    day = next_weekday(today, weekday)
    assert day.weekday() == weekday
    assert today < day <= today + timedelta(days=7)


def test_month_steps_clamp_to_the_end_of_shorter_months():
    assert parse_due("+1m", date(2026, 1, 31)) == date(2026, 2, 28)
    assert parse_due("+1m", date(2024, 1, 31)) == date(2024, 2, 29)
    assert parse_due("+12m", date(2026, 3, 11)) == date(2027, 3, 11)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)


@pytest.mark.parametrize("typed, says", [
    ("2026-02-30", "there is no such day in the calendar"),
    ("2026-13-01", "there is no such day in the calendar"),
    ("next week", "is not a due date"),
    ("soon", "is not a due date"),
    ("fr", "is not a due date"),               # two letters are too few to name a day
    ("fridays", "is not a due date"),
    ("-2d", "is not a due date"),
    ("+2x", "is not a due date"),
    ("+w", "is not a due date"),
    ("2026/04/01", "is not a due date"),
    ("01.04.2026", "is not a due date"),
    ("+99999999w", "outside the dates this tool accepts"),
    ("+999999m", "outside the dates this tool accepts"),
    ("+400000w", "outside the dates this tool accepts (1970-01-01 to 9000-12-31)"),
    ("9999-12-31", "outside the dates this tool accepts (1970-01-01 to 9000-12-31)"),
])
def test_rejections_are_one_clear_sentence_naming_the_input(typed, says):
    with pytest.raises(DueDateError) as caught:
        parse_due(typed, WEDNESDAY)
    message = str(caught.value)
    assert says in message and f"“{typed}”" in message
    assert message.endswith(".") and "\n" not in message


def test_empty_is_refused_and_is_a_value_error():
    with pytest.raises(ValueError, match="Type a due date"):
        parse_due("  ", WEDNESDAY)
