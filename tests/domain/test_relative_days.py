"""Days said relative to today: "in 3 days", "2 weeks ago" (postmortem/relative_days.py)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postmortem.duedates import parse_due
from postmortem.relative_days import relative_day

WEDNESDAY = date(2026, 3, 11)


@pytest.mark.parametrize("day, said", [
    (WEDNESDAY, "today"),
    (date(2026, 3, 12), "tomorrow"),
    (date(2026, 3, 10), "yesterday"),
    (date(2026, 3, 14), "in 3 days"),
    (date(2026, 3, 9), "2 days ago"),
    (date(2026, 3, 17), "in 6 days"),
    (date(2026, 3, 18), "in 1 week"),
    (date(2026, 3, 24), "in 1 week"),          # whole units: 13 days is one whole week
    (date(2026, 3, 25), "in 2 weeks"),
    (date(2026, 2, 25), "2 weeks ago"),
    (date(2026, 4, 10), "in 4 weeks"),          # 30 days, but not yet a calendar month
    (date(2026, 4, 11), "in 1 month"),
    (date(2026, 2, 11), "1 month ago"),
    (date(2026, 9, 10), "in 5 months"),
    (date(2027, 3, 11), "in 1 year"),
    (date(2023, 1, 1), "3 years ago"),
])
def test_said_in_the_largest_whole_unit(day, said):
    assert relative_day(day, WEDNESDAY) == said


def test_a_month_is_what_plus_one_m_means():
    assert relative_day(date(2026, 2, 28), date(2026, 1, 31)) == "in 1 month"  # Jan 31 +1m
    assert relative_day(date(2026, 4, 14), date(2026, 3, 15)) == "in 4 weeks"


@given(st.dates(min_value=date(1971, 1, 1), max_value=date(8989, 12, 31)), st.integers(1, 120))
def test_a_typed_month_step_reads_back_as_that_many_months(today, months):
    said = relative_day(parse_due(f"+{months}m", today), today)
    years = months // 12
    if years:
        assert said == (f"in {years} years" if years > 1 else "in 1 year")
    else:
        assert said == (f"in {months} months" if months > 1 else "in 1 month")


@given(st.dates(min_value=date(1971, 1, 1), max_value=date(9998, 12, 31)), st.integers(-400, 400))
def test_direction_matches_the_sign(today, offset):
    said = relative_day(today + timedelta(days=offset), today)
    assert (said.startswith("in ") or said == "tomorrow") == (offset > 0)
    assert (said.endswith(" ago") or said == "yesterday") == (offset < 0)


def test_the_cli_does_not_load_pendulum():
    """Only typing a step or a weekday, or a line that says a day relative to today, loads it."""
    probe = ("import sys, tui.cli, postmortem.duedates, postmortem.relative_days;"
             "from datetime import date; from postmortem.duedates import parse_due;"
             "parse_due('2026-04-01', date(2026, 3, 11)); parse_due('tomorrow', date(2026, 3, 11));"
             "print('pendulum' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
