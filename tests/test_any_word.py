"""The rules' checks without compiled patterns say what the patterns say: ``AnyWord`` (the
first check of vagueness and blame) what ``re.search("|".join(words), text, re.IGNORECASE)``
says, the plain comparisons ("<", "≥", "超过") what the comparison pattern says, and a
name is looked for with the pattern only in text that holds it."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st
from helpers import examples

from postmortem import blame, mentions, vagueness
from postmortem.patterns import AnyWord, folded

EVERY_CHARACTER = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)


def test_a_character_folds_to_an_ascii_letter_exactly_when_the_pattern_matches_it():
    folds = folded(EVERY_CHARACTER)  # one character each (the next test)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        matched = set(re.findall(letter, EVERY_CHARACTER, re.IGNORECASE))
        assert matched == {EVERY_CHARACTER[i] for i in
                           (m.start() for m in re.finditer(letter, folds))}


def test_folding_keeps_every_character_in_its_place():
    assert len(folded(EVERY_CHARACTER)) == len(EVERY_CHARACTER)


def test_the_words_of_the_rules_are_plain():
    filters = [blame._EN_PHRASE_WORDS, blame._FORG, *(family.words for family in vagueness._FAMILIES)]
    for word in (word for f in filters for word in f.words):
        assert word == re.escape(word) and (word.isascii() and word.islower() or word == folded(word)
                                            and not word.isascii())


PIECES = st.sampled_from(["forg", "FORG", "ForgOT", "ſorg", "fault", "blam", "İmprov", "ımprov",
                          "improv", "bet", "ter", "monitor", "alerts", "加强沟通", "加强", "沟通",
                          "testing", "TEST", "teſt", "aware", "remind", "Kelvin", "care", " ",
                          "é", "ß", "ﬀ", "\u0307"])


@settings(max_examples=examples(400))
@given(st.lists(PIECES, max_size=6).map("".join), st.sampled_from(
    [blame._EN_PHRASE_WORDS, blame._FORG, *(family.words for family in vagueness._FAMILIES)]))
def test_any_word_finds_what_the_pattern_finds(text, words):
    expected = re.search(words.pattern, text, re.IGNORECASE) is not None
    assert (words.search(text) is not None) == expected
    assert AnyWord(words.words).search(text) == (True if expected else None)


def test_each_plain_comparison_is_a_match_of_the_comparison_pattern():
    for literal in vagueness._COMPARISON_LITERALS:
        assert re.fullmatch(vagueness._COMPARISON, literal, re.IGNORECASE), literal


@given(st.lists(st.sampled_from([*vagueness._COMPARISON_LITERALS, "a", " ", "5", "ms", "p99", "x"]),
                max_size=5).map("".join))
def test_names_a_signal_says_what_the_patterns_say(text):
    expected = any(re.search(p, text, re.IGNORECASE) for p in (
        vagueness._NUMBER_WITH_UNIT, vagueness._COMPARISON, vagueness._METRIC_WORDS,
        vagueness._METRIC_NAME))
    assert vagueness.names_a_signal(text) == expected


@given(st.lists(st.sampled_from(["Priya", "Priya N.", "N.", "Max", "Maximum", "max", "李明",
                                 "Tomás", "Tomás R.", " ", "_", "é", "2"]), max_size=6).map("".join),
       st.sampled_from([("Priya N.", "Max"), ("李明", "Tomás R."), (), ("  ",)]))
def test_names_are_found_where_the_name_pattern_finds_them(text, people):
    found = [m.span() for m in mentions.names_in(text, people)]
    assert found == [m.span() for m in mentions._name_pattern(people).finditer(text)] if any(
        mentions.name_variants(p) for p in people) else found == []
