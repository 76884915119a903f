"""The entry line's parser of stage 2: a time (or an offset from the event above) then text."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from postmortem.times import TimeParseError
from postmortem.timeline_input import EntryError, parse_entry

UTC = timezone.utc


def at(hour: int, minute: int, day: int = 9) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


def test_entry_splits_time_and_text():
    above = at(14, 0)
    assert parse_entry("14:05 paged on-call", previous=above, day=None) == (at(14, 5), "paged on-call")
    assert parse_entry("+5m rollback  started", previous=above, day=None) == (at(14, 5),
                                                                              "rollback  started")
    assert parse_entry("+1h 30m later", previous=above, day=None) == (at(15, 30), "later")
    assert parse_entry("2026-03-04 14:05 UTC db failover", previous=above, day=None) == (
        at(14, 5, day=4), "db failover")
    assert parse_entry("2026-03-04T14:05+02:00 x", previous=None, day=None) == (at(12, 5, day=4), "x")
    assert parse_entry("now standup", previous=None, day=None, now=at(9, 30)) == (at(9, 30), "standup")
    assert parse_entry("现在 站会", previous=None, day=None, now=at(9, 30)) == (at(9, 30), "站会")
    # 现在 is now, not a time of day that rolls past midnight after a later event above.
    assert parse_entry("现在 站会", previous=at(20, 0), day=None, now=at(9, 30)) == (
        at(9, 30), "站会")
    assert parse_entry("09:15 call", previous=None, day=date(2026, 3, 9)) == (at(9, 15), "call")


def test_entry_rolls_past_midnight_like_pasted_chat():
    assert parse_entry("00:03 after midnight", previous=at(23, 58, day=4), day=None) == (
        at(0, 3, day=5), "after midnight")
    assert parse_entry("14:05 same day", previous=at(23, 58, day=4), day=None) == (
        at(14, 5, day=4), "same day")
    # An explicit day (editing an event keeps its own day) is never moved.
    assert parse_entry("00:03 x", previous=at(23, 58, day=4), day=date(2026, 3, 4)) == (
        at(0, 3, day=4), "x")


@pytest.mark.parametrize("line, sentence", [
    ("25:61 paged", "“25:61” is not a time: hours go to 23 and minutes to 59."),
    ("2026-03-04 25:61 x", "“2026-03-04 25:61” is not a time"),
    ("yesterday-ish paged", "“yesterday-ish” is not a time"),
    ("+5m rollback", "counts from the event above, and there is none"),
])
def test_entry_refuses_bad_times_with_the_parsers_sentence(line, sentence):
    with pytest.raises(TimeParseError, match=sentence):
        parse_entry(line, previous=None, day=None)


@pytest.mark.parametrize("line", ["", "   ", "14:05", "14:05   "])
def test_entry_needs_a_text(line):
    with pytest.raises(EntryError):
        parse_entry(line, previous=at(14, 0), day=None)
