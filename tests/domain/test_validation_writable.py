"""Validation refuses what the writers cannot write (issue 11 §5, §6): unpaired surrogates,
control characters, dates whose derived dates overflow; and reads a hand-written draft's
empty date as unset, saying what is accepted otherwise."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from postmortem.fields import ValidationError
from postmortem.model import Postmortem

EXAMPLE = json.loads((Path(__file__).parents[1] / "fixtures" / "design_example.json").read_text("utf-8"))


def refusal(mutate) -> str:
    data = copy.deepcopy(EXAMPLE)
    mutate(data)
    with pytest.raises(ValidationError) as caught:
        Postmortem.from_dict(data)
    message = str(caught.value)
    message.encode("utf-8")  # the message itself can be printed: no lone surrogate in it
    assert message.isprintable(), message
    return message


def accepted(mutate) -> Postmortem:
    data = copy.deepcopy(EXAMPLE)
    mutate(data)
    return Postmortem.from_dict(data)


SURROGATE, BELL, ESCAPE = "\ud800", "\x07", "\x1b"


@pytest.mark.parametrize("mutate, path", [
    (lambda d: d.__setitem__("title", f"Checkout {SURROGATE}"), "title"),
    (lambda d: d["tags"].append(SURROGATE), "tags[2]"),
    (lambda d: d["scope"].__setitem__("owner", SURROGATE), "scope.owner"),
    (lambda d: d["scope"]["participants"].append(f"Kim{SURROGATE}"), "scope.participants[3]"),
    (lambda d: d["timeline"][0].__setitem__("text", f"x{SURROGATE}"), "timeline[0].text"),
    (lambda d: d["timeline"][0].__setitem__("source", "\udfff"), "timeline[0].source"),
    (lambda d: d["analysis"]["whys"][0].__setitem__("text", SURROGATE), "analysis.whys[0].text"),
    (lambda d: d["actions"][0].__setitem__("tracker", SURROGATE), "actions[0].tracker"),
    (lambda d: d["communication"].__setitem__("customer_summary", f"a\n{SURROGATE}"),
     "communication.customer_summary"),
    (lambda d: d["lessons"]["lucky"].append(SURROGATE), "lessons.lucky[1]"),
])
def test_an_unpaired_surrogate_is_refused_with_its_path(mutate, path):
    message = refusal(mutate)
    assert message.startswith(f"{path}: ")
    assert "contains an unpaired surrogate" in message


def test_a_surrogate_in_an_id_or_a_key_is_refused_and_the_message_can_be_printed():
    assert "timeline[0].id" in refusal(lambda d: d["timeline"][0].__setitem__("id", SURROGATE))
    message = refusal(lambda d: d.__setitem__(f"x{SURROGATE}", 1))
    assert "is not a field" in message and "\\ud800" in message
    message = refusal(lambda d: d.__setitem__("severity", SURROGATE))
    assert message.startswith('severity: "\\ud800" is not one of')


@pytest.mark.parametrize("character", [BELL, ESCAPE, "\x00", "\r", "\x7f", "\x85", "\x9b"])
def test_a_control_character_is_refused_with_its_code_point(character):
    message = refusal(lambda d: d.__setitem__("title", f"Checkout{character}latency"))
    assert message.startswith("title: ")
    assert f"contains a control character (U+{ord(character):04X})" in message


def test_a_control_character_in_a_timeline_event_is_refused():
    # The timeline has its own quick reading: it must refuse what the general one does.
    message = refusal(lambda d: d["timeline"][0].__setitem__("text", f"Deploy{ESCAPE}[2J"))
    assert message.startswith("timeline[0].text: ") and "U+001B" in message


def test_tab_and_newline_are_allowed_in_every_text():
    doc = accepted(lambda d: (d.__setitem__("title", "Two\tcolumns"),
                              d["communication"].__setitem__("internal_summary", "One.\n\nTwo."),
                              d["timeline"][0].__setitem__("text", "line one\nline two")))
    assert doc.title == "Two\tcolumns" and doc.timeline[0].text == "line one\nline two"


def test_bidi_and_zero_width_characters_are_valid_text():
    # They are dropped from exports and marked on screen, not refused: they are real text.
    doc = accepted(lambda d: d.__setitem__("title", "abc\u202edef\u200b 👩\u200d💻"))
    assert doc.title == "abc\u202edef\u200b 👩\u200d💻"


@pytest.mark.parametrize("mutate, path", [
    (lambda d: d["actions"][0].__setitem__("due", "9999-12-31"), "actions[0].due"),
    (lambda d: d["communication"]["follow_ups"][0].__setitem__("due", "9999-12-31"),
     "communication.follow_ups[0].due"),
    (lambda d: d.__setitem__("meeting_at", "9999-12-31T23:00:00Z"), "meeting_at"),
    (lambda d: d["timeline"][0].__setitem__("at", "9999-12-31T23:59:00Z"), "timeline[0].at"),
    (lambda d: d["timeline"][0].__setitem__("at", "0999-01-01T00:00:00Z"), "timeline[0].at"),
    (lambda d: d["actions"][0].__setitem__("due", "0001-01-01"), "actions[0].due"),
])
def test_dates_far_out_are_refused_and_the_message_says_the_range(mutate, path):
    message = refusal(mutate)
    assert message.startswith(f"{path}: ")
    assert "is outside the dates this tool accepts (1970-01-01 to 9000-12-31)" in message


def test_the_ends_of_the_range_are_accepted():
    doc = accepted(lambda d: (d["actions"][0].__setitem__("due", "9000-12-31"),
                              d.__setitem__("meeting_at", "9000-12-31T23:59:00Z"),
                              d["timeline"][0].__setitem__("at", "1970-01-01T00:00:00Z")))
    assert doc.actions[0].due.year == 9000 and doc.meeting_at.year == 9000


def test_an_empty_nullable_date_or_time_reads_as_unset():
    doc = accepted(lambda d: (d["actions"][0].__setitem__("due", ""),
                              d.__setitem__("meeting_at", "")))
    assert doc.actions[0].due is None and doc.meeting_at is None
    assert doc.to_dict()["actions"][0]["due"] is None and doc.to_dict()["meeting_at"] is None


def test_a_refusal_says_what_is_accepted():
    assert 'actions[0].due: "tomorrow" is not a date (YYYY-MM-DD or null)' in refusal(
        lambda d: d["actions"][0].__setitem__("due", "tomorrow"))
    # A follow-up review needs its date: null is not offered, nor is "".
    assert 'communication.follow_ups[0].due: "" is not a date (YYYY-MM-DD)' in refusal(
        lambda d: d["communication"]["follow_ups"][0].__setitem__("due", ""))
    assert "is not a time (UTC ISO-8601 like 2026-03-04T13:58:00Z, or null)" in refusal(
        lambda d: d.__setitem__("meeting_at", "next monday"))
    assert 'timeline[0].at: "" is not a time (UTC ISO-8601 like 2026-03-04T13:58:00Z)' in refusal(
        lambda d: d["timeline"][0].__setitem__("at", ""))


def test_an_item_id_must_be_printable():
    assert "analysis.whys[0].id" in refusal(lambda d: (
        d["analysis"]["whys"][0].__setitem__("id", "w\u202e1"),
        d["analysis"]["whys"][1].__setitem__("parent", "w\u202e1")))
