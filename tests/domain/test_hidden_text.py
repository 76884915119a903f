"""Bidi controls and zero-width characters (issue 11 §5): dropped from exported text (both
Markdown audiences, the calendar), kept in the JSON (the data itself), shown as marks in
the app; a zero-width joiner inside an emoji sequence is kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from postmortem.calendar import to_ics
from postmortem.hidden_text import HIDDEN_NAMES, mark_hidden, strip_hidden
from postmortem.markdown import render_markdown
from postmortem.model import Event, Postmortem

EXAMPLE = json.loads((Path(__file__).parents[1] / "fixtures" / "design_example.json").read_text("utf-8"))
EMOJI = "👩\u200d💻"           # woman, ZWJ, laptop: one emoji
FLAG = "🏳\ufe0f\u200d🌈"      # white flag, VS16, ZWJ, rainbow
TRICK = "invoice\u202egpj.exe"  # reads as "invoiceexe.jpg"
SPLIT = "Pri\u200bya"


def test_strip_drops_every_hidden_character_but_a_joiner_inside_an_emoji():
    for character in HIDDEN_NAMES:
        assert strip_hidden(f"a{character}b") == "ab"
    assert strip_hidden(f"{EMOJI} and {FLAG}") == f"{EMOJI} and {FLAG}"
    assert strip_hidden(f"x\u200d{EMOJI[0]}") == f"x{EMOJI[0]}"    # a joiner after a letter
    assert strip_hidden(f"\u200d{EMOJI[2]}") == EMOJI[2]             # at the start
    assert strip_hidden(TRICK) == "invoicegpj.exe" and strip_hidden(SPLIT) == "Priya"
    assert strip_hidden("plain text") == "plain text"


def test_mark_shows_each_hidden_character_by_name():
    assert mark_hidden(TRICK) == "invoice⟨RLO⟩gpj.exe"
    assert mark_hidden(SPLIT) == "Pri⟨ZWSP⟩ya"
    assert mark_hidden("\ufeffa\u2066b\u061c") == "⟨ZWNBSP⟩a⟨LRI⟩b⟨ALM⟩"
    assert mark_hidden(f"{EMOJI} a\u200db") == f"{EMOJI} a⟨ZWJ⟩b"
    assert all(mark_hidden(ch).isprintable() for ch in HIDDEN_NAMES)


def hostile_document() -> Postmortem:
    doc = Postmortem.from_dict(json.loads(json.dumps(EXAMPLE)))
    doc.title = f"Checkout {TRICK} {EMOJI}"
    doc.tags = [SPLIT]
    doc.communication.internal_summary = f"Internal {TRICK}\n\nSecond {SPLIT} {FLAG}"
    doc.communication.customer_summary = f"Customers {TRICK} {EMOJI}"
    doc.timeline.append(Event(id="e9", at=doc.timeline[0].at, text=f"Public {TRICK}"))
    doc.analysis.problem = f"Problem {SPLIT}"
    doc.analysis.whys[0].text = f"Why {TRICK}"
    doc.analysis.fishbone[0].causes[0].text = f"Cause {TRICK}"
    doc.analysis.fishbone[0].category = f"Pro\u200bcess"
    doc.actions[0].title = f"Alert {TRICK} metric"
    doc.actions[0].owner = SPLIT
    doc.lessons.went_well = [f"Went {TRICK}"]
    return doc


def assert_no_hidden(text: str) -> None:
    without_emoji = text.replace(EMOJI, "").replace(FLAG, "")
    found = sorted({HIDDEN_NAMES[ch] for ch in without_emoji if ch in HIDDEN_NAMES})
    assert found == [], found


@pytest.mark.parametrize("audience", ["internal", "external"])
def test_markdown_drops_hidden_characters_and_keeps_emoji(audience):
    text = render_markdown(hostile_document(), audience)
    assert_no_hidden(text)
    assert "invoicegpj.exe" in text
    assert EMOJI in text


def test_the_internal_markdown_keeps_every_emoji_and_joins_split_words():
    text = render_markdown(hostile_document(), "internal")
    assert FLAG in text and "Priya" in text and "Process" in text


def test_the_calendar_drops_hidden_characters():
    text = to_ics(hostile_document()).decode("utf-8")
    assert_no_hidden(text)
    assert "invoicegpj.exe" in text and EMOJI in text


def test_the_json_keeps_the_text_as_it_is():
    data = hostile_document().to_dict()
    assert data["title"] == f"Checkout {TRICK} {EMOJI}" and data["tags"] == [SPLIT]
    assert Postmortem.from_dict(data).to_dict() == data
