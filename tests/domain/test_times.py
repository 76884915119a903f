"""The time input parser and the UTC formatters (DESIGN §5, issue 3 item 2)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postmortem.times import (TimeParseError, format_date, format_datetime, format_local_hm,
                              format_time_hm, parse_typed_time)

UTC = timezone.utc
DAY = date(2026, 3, 4)
ABOVE = datetime(2026, 3, 5, 23, 50, tzinfo=UTC)   # the event above, a day after DAY
NOW = datetime(2026, 3, 9, 15, 42, 31, tzinfo=UTC)


def at(y, mo, d, h, mi):
    return datetime(y, mo, d, h, mi, tzinfo=UTC)


# Bare times of day -------------------------------------------------------------------------

@pytest.mark.parametrize("typed, expected", [
    ("14:05", at(2026, 3, 4, 14, 5)),
    ("  14:05  ", at(2026, 3, 4, 14, 5)),
    ("9:05", at(2026, 3, 4, 9, 5)),
    ("00:00", at(2026, 3, 4, 0, 0)),
    ("23:59", at(2026, 3, 4, 23, 59)),
    ("1405", at(2026, 3, 4, 14, 5)),
    ("14:05Z", at(2026, 3, 4, 14, 5)),
    ("14:05 UTC", at(2026, 3, 4, 14, 5)),
    ("14:05 utc", at(2026, 3, 4, 14, 5)),
    ("14:05:59", at(2026, 3, 4, 14, 5)),          # seconds are dropped, not rounded
    ("14:05+02:00", at(2026, 3, 4, 12, 5)),
])
def test_bare_time_falls_on_the_incident_day(typed, expected):
    assert parse_typed_time(typed, day=DAY, previous=ABOVE, now=NOW) == expected


def test_bare_time_without_day_takes_the_date_of_the_event_above():
    assert parse_typed_time("00:10", previous=ABOVE, now=NOW) == at(2026, 3, 5, 0, 10)


def test_bare_time_with_nothing_else_is_today():
    assert parse_typed_time("08:00", now=NOW) == at(2026, 3, 9, 8, 0)


def test_result_is_aware_utc_at_minute_resolution():
    moment = parse_typed_time("2026-03-04T14:05:12.345+01:00")
    assert moment.tzinfo == UTC and moment.utcoffset() == timedelta(0)
    assert (moment.second, moment.microsecond) == (0, 0)
    assert moment == at(2026, 3, 4, 13, 5)


# Dates with times, ISO-8601 --------------------------------------------------------------

@pytest.mark.parametrize("typed, expected", [
    ("2026-03-04 14:05", at(2026, 3, 4, 14, 5)),
    ("2026-03-04T14:05", at(2026, 3, 4, 14, 5)),
    ("2026-03-04t14:05", at(2026, 3, 4, 14, 5)),
    ("2026-03-04T14:05:12Z", at(2026, 3, 4, 14, 5)),
    ("2026-03-04T14:05:00.000Z", at(2026, 3, 4, 14, 5)),
    ("2026-03-04 14:05 UTC", at(2026, 3, 4, 14, 5)),
    ("2026-03-04T14:05+02:00", at(2026, 3, 4, 12, 5)),
    ("2026-03-04T14:05-0530", at(2026, 3, 4, 19, 35)),
    ("2026-03-04T01:05+02", at(2026, 3, 3, 23, 5)),   # the offset moves it to the day before
    ("2026-12-31T23:30-01:00", at(2027, 1, 1, 0, 30)),
])
def test_dated_forms(typed, expected):
    # A typed date wins over the incident day and the event above.
    assert parse_typed_time(typed, day=date(2020, 1, 1), previous=ABOVE) == expected


# Relative steps and now -------------------------------------------------------------------

@pytest.mark.parametrize("typed, step", [
    ("+5m", timedelta(minutes=5)), ("+1h", timedelta(hours=1)),
    ("+1h30m", timedelta(hours=1, minutes=30)), ("+1h 30m", timedelta(hours=1, minutes=30)),
    ("+90m", timedelta(minutes=90)), ("+2d", timedelta(days=2)), ("+5min", timedelta(minutes=5)),
    ("+0m", timedelta(0)), ("-10m", timedelta(minutes=-10)), ("+1D2H3M", timedelta(days=1, hours=2, minutes=3)),
])
def test_relative_steps_count_from_the_event_above(typed, step):
    # The incident day does not matter for a relative step.
    assert parse_typed_time(typed, previous=ABOVE, day=DAY) == ABOVE + step


def test_relative_step_crosses_midnight():
    assert parse_typed_time("+15m", previous=ABOVE) == at(2026, 3, 6, 0, 5)


def test_relative_step_drops_seconds_of_the_event_above():
    above = datetime(2026, 3, 4, 14, 5, 40, tzinfo=UTC)
    assert parse_typed_time("+5m", previous=above) == at(2026, 3, 4, 14, 10)


def test_relative_step_without_event_above_is_refused():
    with pytest.raises(TimeParseError, match="event above"):
        parse_typed_time("+5m", day=DAY)


def test_now_uses_the_given_clock_truncated_to_the_minute():
    assert parse_typed_time("now", now=NOW) == at(2026, 3, 9, 15, 42)
    assert parse_typed_time(" NOW ", now=NOW) == at(2026, 3, 9, 15, 42)


def test_now_in_chinese_is_now_too():
    """A Chinese facilitator types 现在 (issue 16); the hints in Chinese say so."""
    assert parse_typed_time("现在", now=NOW) == at(2026, 3, 9, 15, 42)
    assert parse_typed_time(" 现在 ", now=NOW) == at(2026, 3, 9, 15, 42)


def test_now_without_a_clock_is_the_current_minute():
    before = datetime.now(UTC).replace(second=0, microsecond=0)
    moment = parse_typed_time("now")
    after = datetime.now(UTC)
    assert before <= moment <= after and moment.second == 0


# Local mode -------------------------------------------------------------------------------

def test_local_mode_converts_bare_times_to_utc():
    # Berlin is UTC+1 in March before the switch.
    assert parse_typed_time("14:05", day=DAY, local_tz="Europe/Berlin") == at(2026, 3, 4, 13, 5)
    assert parse_typed_time("2026-07-01 14:05", local_tz="Europe/Berlin") == at(2026, 7, 1, 12, 5)


def test_local_mode_takes_the_local_date_of_the_event_above():
    # 23:50 UTC on the 5th is 00:50 on the 6th in Berlin: 01:10 local is on the 6th.
    assert parse_typed_time("01:10", previous=ABOVE, local_tz="Europe/Berlin") == at(2026, 3, 6, 0, 10)


def test_explicit_zone_wins_over_local_mode():
    assert parse_typed_time("14:05Z", day=DAY, local_tz="Asia/Tokyo") == at(2026, 3, 4, 14, 5)
    assert parse_typed_time("2026-03-04T14:05+02:00", local_tz="Asia/Tokyo") == at(2026, 3, 4, 12, 5)


def test_local_time_skipped_by_the_clock_change_is_refused():
    # Europe/Berlin jumps from 02:00 to 03:00 on 2026-03-29.
    with pytest.raises(TimeParseError, match="does not exist in Europe/Berlin"):
        parse_typed_time("2026-03-29 02:30", local_tz="Europe/Berlin")


def test_local_time_repeated_by_the_clock_change_means_the_first():
    # Europe/Berlin goes from 03:00 back to 02:00 on 2026-10-25; 02:30 first happens at 00:30 UTC.
    assert parse_typed_time("2026-10-25 02:30", local_tz="Europe/Berlin") == at(2026, 10, 25, 0, 30)


def test_unknown_zone_is_refused_with_its_name():
    with pytest.raises(TimeParseError, match="Mars/Olympus"):
        parse_typed_time("14:05", day=DAY, local_tz="Mars/Olympus")


# Rejections -------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, says", [
    ("25:61", "hours go to 23 and minutes to 59"),
    ("24:00", "hours go to 23"),
    ("14:60", "minutes to 59"),
    ("2561", "hours go to 23"),
    ("14:05:61", "seconds go to 59"),
    ("yesterday-ish", "is not a time"),
    ("14", "is not a time"),
    ("14:5", "is not a time"),
    ("14h05", "is not a time"),
    ("2pm", "is not a time"),
    ("2026-03-04 14:05 CET", "is not a time"),
    ("+5", "is not a time"),
    ("+m", "is not a time"),
    ("+5m+5m", "is not a time"),
    ("+90s", "minute resolution"),
    ("2026-02-30 10:00", "2026-02-30 is not a day of the calendar"),
    ("2026-13-01T10:00Z", "is not a day of the calendar"),
    ("2026-03-04", "has no time of day"),
    ("2026-03-04T14:05+25:00", "offset out of range"),
])
def test_rejections_name_the_input_and_the_problem(typed, says):
    with pytest.raises(TimeParseError) as caught:
        parse_typed_time(typed, day=DAY, previous=ABOVE)
    message = str(caught.value)
    assert says in message
    assert f"“{typed}”" in message
    assert message.endswith(".") and "\n" not in message


@pytest.mark.parametrize("typed", ["", "   ", "\t"])
def test_empty_input_is_refused(typed):
    with pytest.raises(TimeParseError, match="Type a time"):
        parse_typed_time(typed, day=DAY)


def test_time_parse_error_is_a_value_error_keeping_the_text():
    with pytest.raises(ValueError) as caught:
        parse_typed_time(" 25:61 ")
    assert caught.value.text == "25:61"


def test_dates_outside_the_calendar_are_refused_not_crashing():
    # A time a document may not hold (postmortem.writable) is refused where it is typed.
    with pytest.raises(TimeParseError, match=r"\(1970-01-01 to 9000-12-31\)"):
        parse_typed_time("9999-12-31 23:00")
    with pytest.raises(TimeParseError, match="outside the dates"):
        parse_typed_time("+2d", previous=datetime(9000, 12, 31, 12, 0, tzinfo=timezone.utc))
    with pytest.raises(TimeParseError, match="outside the dates this tool accepts"):
        parse_typed_time("0001-01-01T00:30+01:00")
    with pytest.raises(TimeParseError, match="outside the dates this tool accepts"):
        parse_typed_time("+9999999d", previous=ABOVE)


# Formatting -------------------------------------------------------------------------------

def test_formatters_show_utc():
    moment = datetime(2026, 3, 4, 16, 5, 33, tzinfo=timezone(timedelta(hours=2)))
    assert format_time_hm(moment) == "14:05"
    assert format_date(moment) == "2026-03-04"
    assert format_datetime(moment) == "2026-03-04 14:05"


def test_format_date_crosses_midnight_in_utc_and_takes_plain_dates():
    assert format_date(datetime(2026, 3, 5, 0, 30, tzinfo=timezone(timedelta(hours=1)))) == "2026-03-04"
    assert format_date(date(2026, 4, 1)) == "2026-04-01"


def test_formatters_pad_small_years():
    assert format_datetime(datetime(999, 1, 2, 3, 4, tzinfo=UTC)) == "0999-01-02 03:04"


def test_local_column():
    assert format_local_hm(at(2026, 3, 4, 13, 5), "Europe/Berlin") == "14:05"


# Round trips (property-based) -------------------------------------------------------------

# The dates a document may hold (postmortem.writable): any other is refused where typed.
minutes = st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(9000, 12, 30),
                       timezones=st.just(UTC)).map(lambda m: m.replace(second=0, microsecond=0))


@given(minutes)
def test_any_formatted_minute_parses_back(moment):
    assert parse_typed_time(format_datetime(moment)) == moment


@given(minutes)
def test_bare_time_with_its_day_parses_back(moment):
    assert parse_typed_time(format_time_hm(moment), day=moment.date()) == moment


@given(minutes)
def test_bare_time_after_the_event_above_on_the_same_day_parses_back(moment):
    above = moment.replace(hour=0, minute=0)
    assert parse_typed_time(format_time_hm(moment), previous=above) == moment


def test_reading_zone_is_the_typed_zone_else_local_mode():
    from postmortem.times import reading_zone
    assert reading_zone("14:05+02:00", "Asia/Tokyo").utcoffset(None) == timedelta(hours=2)
    assert reading_zone("14:05Z", "Asia/Tokyo") == UTC
    assert str(reading_zone("14:05", "Asia/Tokyo")) == "Asia/Tokyo"
    assert reading_zone("14:05") == UTC
