"""Pasting many events at once from chat or logs: the pure parser (issue 3 item 5)."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from postmortem.pasting import PastedLine, parse_pasted, parsed_events

UTC = timezone.utc
DAY = date(2026, 3, 4)


def at(hh_mm: str, day: int = 4, month: int = 3) -> datetime:
    hour, minute = map(int, hh_mm.split(":"))
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def one(line: str, **kw) -> PastedLine:
    kw.setdefault("day", DAY)
    kw.setdefault("previous", None)
    [parsed] = parse_pasted(line, **kw)
    return parsed


@pytest.mark.parametrize("line, when, text", [
    ("14:02 Alert fired", at("14:02"), "Alert fired"),
    ("2026-03-04 14:05 UTC rollback started", at("14:05"), "rollback started"),
    ("[14:07] Sam: traffic recovering", at("14:07"), "Sam: traffic recovering"),
    ("14:07:33 text", at("14:07"), "text"),
    ("14:07:33.120 text", at("14:07"), "text"),
    ("14:08\tTabbed entry", at("14:08"), "Tabbed entry"),
    ("2026-03-04 14:08\tTabbed with date", at("14:08"), "Tabbed with date"),
    ("2026-03-04T14:05:12Z INFO api: 5xx rate 12%", at("14:05"), "INFO api: 5xx rate 12%"),
    ("2026-03-04T16:05:12+02:00 WARN pool exhausted", at("14:05"), "WARN pool exhausted"),
    ("2026-03-04 14:05:12,345 ERROR checkout timeout", at("14:05"), "ERROR checkout timeout"),
    ("[2026-03-04 14:05:12 UTC] deploy finished", at("14:05"), "deploy finished"),
    ("(14:10) paged the on-call", at("14:10"), "paged the on-call"),
    ("14:11 - Rollback done", at("14:11"), "Rollback done"),
    ("14:11 – Rollback done", at("14:11"), "Rollback done"),
    ("14:11 | Rollback done", at("14:11"), "Rollback done"),
    ("14:11: Rollback done", at("14:11"), "Rollback done"),
    ("  9:05   indented   ", at("09:05"), "indented"),
    ("14:12 Zoe joined the bridge", at("14:12"), "Zoe joined the bridge"),  # not a Z zone
    ("14:13 -5% traffic after the shift", at("14:13"), "-5% traffic after the shift"),
    ("14:14Z cache warmed", at("14:14"), "cache warmed"),
])
def test_recognised_forms(line, when, text):
    parsed = one(line)
    assert (parsed.at, parsed.text, parsed.error) == (when, text, None)
    assert parsed.raw == line and parsed.ok


@pytest.mark.parametrize("line", [
    "no time here", "Alert fired at 14:02", "1405 four digits are not taken as a time",
    "14:05abc", "2026-03-04 all day", "[14:07 unclosed bracket",
])
def test_lines_without_a_leading_time_are_errors(line):
    parsed = one(line)
    assert parsed.at is None and not parsed.ok
    assert parsed.error == "This line does not start with a time, such as 14:02 Alert fired."


def test_bad_time_reports_the_time_parser_message():
    parsed = one("25:61 something")
    assert parsed.at is None and parsed.text == "something"
    assert parsed.error == "“25:61” is not a time: hours go to 23 and minutes to 59."


def test_impossible_date_is_reported():
    assert "2026-02-30 is not a day of the calendar" in one("2026-02-30 10:00 x").error


def test_time_without_text_is_an_error_but_shows_the_time():
    parsed = one("14:09")
    assert parsed.at == at("14:09")
    assert parsed.error == "This line has a time but nothing after it to record."


def test_blank_lines_are_skipped_and_line_numbers_match_the_paste():
    block = "\n14:02 Alert fired\n   \n\t\nnoise\r\n14:05 Rollback\n"
    lines = parse_pasted(block, day=DAY, previous=None)
    assert [(line.line_no, line.ok) for line in lines] == [(2, True), (5, False), (6, True)]
    assert parsed_events(lines) == [(at("14:02"), "Alert fired"), (at("14:05"), "Rollback")]


def test_empty_paste_is_empty():
    assert parse_pasted("", day=DAY, previous=None) == []
    assert parse_pasted("\n \n", day=DAY, previous=None) == []


# Which day a dateless line is on ----------------------------------------------------------

def test_first_line_is_on_the_incident_day_then_follows_the_line_before():
    block = "2026-03-06 10:00 next morning\n10:30 still the 6th\n"
    lines = parse_pasted(block, day=DAY, previous=None)
    assert [line.at for line in lines] == [at("10:00", 6), at("10:30", 6)]


def test_without_incident_day_the_first_line_follows_the_event_above():
    lines = parse_pasted("09:00 morning check", day=None, previous=at("08:30", 7))
    assert lines[0].at == at("09:00", 7)


def test_without_day_or_event_above_it_is_today():
    now = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
    lines = parse_pasted("09:00 morning", day=None, previous=None, now=now)
    assert lines[0].at == at("09:00", 1, 5)


def test_chat_crossing_midnight_rolls_to_the_next_day():
    block = "23:50 Alert fired\n23:58 Rollback started\n00:03 Traffic recovering\n00:20 Resolved"
    lines = parse_pasted(block, day=DAY, previous=None)
    assert [line.at for line in lines] == [at("23:50"), at("23:58"), at("00:03", 5), at("00:20", 5)]


def test_roll_over_also_counts_from_the_event_above():
    lines = parse_pasted("00:05 Paged", day=None, previous=at("23:40", 4))
    assert lines[0].at == at("00:05", 5)


def test_slightly_out_of_order_lines_stay_on_the_same_day():
    block = "14:10 Rollback\n14:02 (earlier) alert had fired\n02:11 twelve hours earlier minus a minute\n"
    lines = parse_pasted(block, day=DAY, previous=None)
    assert [line.at for line in lines] == [at("14:10"), at("14:02"), at("02:11")]


def test_exactly_twelve_hours_earlier_stays_more_rolls():
    same = parse_pasted("14:10 a\n02:10 b", day=DAY, previous=None)
    rolled = parse_pasted("14:10 a\n02:09 b", day=DAY, previous=None)
    assert same[1].at == at("02:10")
    assert rolled[1].at == at("02:09", 5)


def test_failed_lines_do_not_move_the_day():
    block = "23:50 Alert\n25:99 garbage\n00:10 Recovered"
    lines = parse_pasted(block, day=DAY, previous=None)
    assert lines[2].at == at("00:10", 5)


def test_incident_day_applies_until_a_line_parses():
    block = "bad line\n14:00 first good line"
    lines = parse_pasted(block, day=DAY, previous=at("09:00", 9))
    assert lines[1].at == at("14:00")


def test_local_mode_converts_and_rolls_over_in_local_time():
    # Berlin is UTC+1 in March: 23:50 local is 22:50 UTC; 00:10 local the next day is 23:10 UTC.
    block = "23:50 Alert\n00:10 Rollback\n2026-03-05T00:30Z dated line in UTC"
    lines = parse_pasted(block, day=DAY, previous=None, local_tz="Europe/Berlin")
    assert [line.at for line in lines] == [at("22:50"), at("23:10"), at("00:30", 5)]
