"""The export's quick ways agree with the general ones: a column escaped at once
(``escape_cells``) equals each cell escaped on its own, the time column equals
``times.format_datetime`` / ``format_time_hm`` row by row, and string methods decide what the
patterns they replace decided (line starts, ids, ampersands, "www.", controls, backticks)."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta, timezone

from hypothesis import example, given
from hypothesis import strategies as st

from postmortem import fishbone, times
from postmortem.ids import is_valid_id
from postmortem.markdown import escape
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


@example(["a ", "b"])  # an outer space of one cell in an otherwise clean column
@example(["a", "", " b"])
@example(["a  b", "c"])
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


# String methods in place of patterns compiled in every process -----------------------------

LINE_STARTS = st.lists(st.sampled_from(
    list("0123456789#-+=.) \t\u3000x") + ["١", "٢.", "12345678", "123456789", "1234567890", "\n"]),
    max_size=8).map("".join)


def escape_line_start_by_pattern(line: str) -> str:
    if line[:1] not in "#-+=0123456789":
        return line
    line = re.sub(r"^(#|-|\+|=)", r"\\\1", line)
    return re.sub(r"^(\d{1,9})([.)])(?=\s|$)", r"\1\\\2", line)


@given(st.one_of(LINE_STARTS, st.text(max_size=12)))
def test_line_start_markers_are_escaped_as_the_patterns_did(line):
    assert escape._escape_line_start(line) == escape_line_start_by_pattern(line)


@given(st.one_of(st.from_regex(r"[a-z0-9][a-z0-9-]{0,63}", fullmatch=True),
                 st.text(st.sampled_from(list("az09-A_.é٣\n")), max_size=70),
                 st.sampled_from(["", "-", "a" * 64, "a" * 65, "a\n", "ａ"]), st.none(), st.integers()))
def test_ids_are_valid_as_the_pattern_said(candidate):
    by_pattern = isinstance(candidate, str) and re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", candidate)
    assert is_valid_id(candidate) == bool(by_pattern)


@given(st.text(st.sampled_from(list("a`\t\x00\x85\x9f\u200b\u2028 ")), max_size=12))
def test_code_lines_and_fences_as_the_patterns_made_them(line):
    # Hidden characters (the zero-width space here) are dropped as well (issue 11 §5).
    by_pattern = re.sub(r"[\x00-\x1f\x7f-\x9f]", "", line.replace("\t", " ")).replace("\u200b", "")
    assert escape._plain_code_line(line) == by_pattern.rstrip()
    assert escape.longest_backtick_run(line) == max((len(r) for r in re.findall(r"`+", line)), default=0)


AMPERSANDS = st.lists(st.sampled_from(["&", "#", "a", "Z", "9", ";", "&amp;", "&#60;", "&#x3c;",
                                       "é", "٣", " ", "&&", "_"]), max_size=10).map("".join)


@given(st.one_of(AMPERSANDS, st.text(max_size=12)))
def test_ampersands_and_www_are_escaped_as_the_patterns_did(text):
    by_pattern = re.sub(r"&(?=#?[0-9A-Za-z]+;)", "&amp;", text)
    assert escape._escape_ampersands(text) == by_pattern
    words = escape._escape_words(text)
    for special, replacement in escape._INLINE_REPLACEMENTS:
        by_pattern = by_pattern.replace(special, replacement)
    assert words == re.sub(r"(www)\.", r"\1\\.", by_pattern, flags=re.IGNORECASE)


@given(st.lists(st.sampled_from(["w", "W", "ww", "www", ".", "x", "İ", "ı", " "]), max_size=8).map("".join))
def test_www_is_found_in_any_case(text):
    assert escape._escape_words(text) == re.sub(r"(www)\.", r"\1\\.", text, flags=re.IGNORECASE)


@given(st.text(st.sampled_from(list("ab \t\n\x00\x85\u202e\u2066\u200e\u00a0\u3000中")), max_size=12))
def test_fishbone_text_is_cleaned_as_before(text):
    kept = "".join(ch for ch in text if unicodedata.category(ch) != "Cc" or ch.isspace())
    kept = "".join(ch for ch in kept if ch not in "\u202e\u2066\u200e")  # the bidi controls
    assert fishbone.clean(text) == " ".join(kept.split())


@given(st.text(st.characters(max_codepoint=0x7f)) | st.text())
def test_printable_by_bytes_agrees_with_isprintable(text):
    assert escape._printable(text) == text.isprintable()
