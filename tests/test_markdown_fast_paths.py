"""The export's quick ways for long timelines agree with the general ones: a column escaped
at once (``escape_cells``) equals each cell escaped on its own, and the time column equals
``times.format_datetime`` / ``format_time_hm`` row by row."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from postmortem import times
from postmortem.markdown.common import timeline_times
from postmortem.markdown.escape import escape_cell, escape_cells
from postmortem.model import Event

# Mostly clean one-line text (the quick path), with now and then what sends a column to the
# general path: line breaks, controls, outer or doubled spaces, URLs, addresses, "www.".
CELL_ALPHABET = st.sampled_from(
    list("abcXYZ019 .,:;!?#>-+*_=`~|\\[]()<>&/\"'%$") + ["中", "🔥", "&amp;", "&#60;", "www.",
                                                       "WWW.x", "://", "@", "  ", "\n", "\t",
                                                       "\x07", "\u2028", "\xa0", "http://a.b"])
cells = st.lists(CELL_ALPHABET, max_size=12).map("".join)
clean_cells = st.text(st.sampled_from(list("ab019 .:;#>-+*_=`~|\\[]()<>&/\"'%$中")), max_size=20)


@given(st.lists(st.one_of(cells, clean_cells), max_size=8))
def test_a_column_escaped_at_once_equals_each_cell_escaped(texts):
    assert escape_cells(texts) == [escape_cell(text) for text in texts]


@given(st.lists(clean_cells.map(str.strip), min_size=1, max_size=8))
def test_clean_columns_take_the_quick_path_and_agree(texts):
    assert escape_cells(texts) == [escape_cell(text) for text in texts]


OFFSETS = st.sampled_from([timezone.utc, timezone(timedelta(hours=2)),
                           timezone(timedelta(hours=-9, minutes=-30))])


@given(st.lists(st.tuples(st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
                          OFFSETS), max_size=6))
def test_the_time_column_shows_the_date_when_it_changes(moments):
    events = [Event(f"e{i}", at.replace(tzinfo=zone)) for i, (at, zone) in enumerate(moments)]
    expected, previous = [], None
    for event in events:
        day = times.in_utc(event.at).date()
        expected.append(times.format_datetime(event.at) if day != previous
                        else times.format_time_hm(event.at))
        previous = day
    assert timeline_times(events) == expected
    assert all(times.format_time_hm(e.at) == "%02d:%02d" % (times.in_utc(e.at).hour,
                                                             times.in_utc(e.at).minute)
               for e in events)
