"""Reading a timeline in one loop (``Event.read_all_valid``) gives what ``Event.read_valid``
gives item by item, and ``fields.parse_time`` reads "Z" as it did through "+00:00"."""

from __future__ import annotations

import re
from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from helpers import examples

from postmortem.fields import parse_time
from postmortem.model import Event

TIMES = st.one_of(
    st.from_regex(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z", fullmatch=True),
    st.from_regex(r"[0-9]{4}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-6][0-9](:[0-6][0-9])?Z", fullmatch=True),
    st.sampled_from(["2026-03-04T14:02Z", "2026-03-04T14:02:09Z", "2026-02-30T10:00Z",
                     "2026-03-04T24:00Z", "2026-03-04T25:61Z", "2026-03-04 14:02Z",
                     "2026-03-04T14:02+00:00", "2026-03-04T14:02", "２０２６-03-04T14:02Z",
                     "2026-W10-3T14:02Z", "2026-03-04T14:02:09.5Z", "", "14:02"]),
    st.none(), st.integers(), st.text(max_size=20))
ORDINARY = {"id": "e1", "at": "2026-03-04T14:02Z", "text": "Deploy", "milestone": "start",
            "source": "log", "internal": True}
ODD = {"id": st.one_of(st.sampled_from(["", " ", "x" * 64, "x" * 65]), st.none(), st.integers()),
       "at": TIMES,
       "text": st.one_of(st.text(max_size=5), st.none(), st.integers()),
       "milestone": st.one_of(st.sampled_from(["resolved", "Start", ""]), st.none(), st.booleans()),
       "source": st.one_of(st.text(max_size=5), st.none(), st.booleans()),
       "internal": st.one_of(st.booleans(), st.none(), st.integers(0, 1))}


@st.composite
def items(draw) -> object:
    item = {}
    for key, ordinary in ORDINARY.items():
        kept = draw(st.sampled_from(["ordinary", "ordinary", "odd", "absent"]))
        if kept != "absent":
            item[key] = ordinary if kept == "ordinary" else draw(ODD[key])
    if draw(st.integers(0, 9)) == 0:
        item["extra"] = 1
    return item


@settings(max_examples=examples(500))
@given(st.lists(st.one_of(items(), st.none(), st.integers(), st.lists(st.integers(), max_size=1)),
                max_size=6))
def test_one_loop_reads_each_item_as_read_valid_does(timeline):
    batch = Event.read_all_valid(timeline)
    assert batch == [Event.read_valid(item) for item in timeline]
    for quick, single in zip(batch, map(Event.read_valid, timeline)):
        if quick is not None:
            assert quick.at.tzinfo is single.at.tzinfo


def parse_time_through_offset(value: object) -> datetime | None:
    """``parse_time`` as it was: "Z" written as "+00:00" before ``fromisoformat``."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z", value):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


@settings(max_examples=examples(500))
@given(TIMES)
def test_z_reads_as_the_utc_offset_did(value):
    expected, read = parse_time_through_offset(value), parse_time(value)
    assert read == expected
    if read is not None:
        assert read.tzinfo is expected.tzinfo


# Times with a character or two changed: digits of other scripts, signs, separators, week
# and basic forms, fractions; what fromisoformat might read though UTC_TIME does not match.
SUBSTITUTES = list("0123456789-+:.,TZWz tT") + ["٣", "０", "𝟘", "¹", "Ⅳ", "\u00b2", "\x00", "é"]


@st.composite
def near_times(draw) -> str:
    moment = draw(st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)))
    text = moment.isoformat(timespec=draw(st.sampled_from(["minutes", "seconds"]))) + "Z"
    for _ in range(draw(st.integers(1, 2))):
        position = draw(st.integers(0, len(text) - 1))
        text = text[:position] + draw(st.sampled_from(SUBSTITUTES)) + text[position + 1:]
    return text


@settings(max_examples=examples(2000))
@given(st.one_of(near_times(), TIMES))
def test_the_loop_reads_a_time_exactly_where_parse_time_does(value):
    """The loop checks a time's shape by its separators; it must accept and refuse exactly
    what ``parse_time`` (the UTC_TIME pattern, then fromisoformat) does."""
    (event,) = Event.read_all_valid([{**ORDINARY, "at": value}])
    expected = parse_time(value)
    assert (event.at if event is not None else None) == expected
