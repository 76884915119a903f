"""The cheap first checks of the rules never skip text their full patterns would match.

Vagueness families, blame phrases and the quantity check first look for a word (or a digit,
or a Chinese character) that every match contains, and compile and run the full pattern only
when it is there. Hypothesis writes text that each full pattern matches; the first check must
let all of it through.
"""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from helpers import examples

from postmortem import blame, checklist, vagueness
from postmortem.patterns import lazy_compile


def matching_text(pattern: str, flags: int = 0) -> st.SearchStrategy[str]:
    return st.from_regex(re.compile(pattern, flags))


@pytest.mark.parametrize("family", vagueness._FAMILIES, ids=lambda f: f.name)
@settings(max_examples=examples(150), deadline=None)
@given(data=st.data())
def test_a_family_word_is_in_every_match(family, data):
    text = data.draw(matching_text(family.pattern.pattern, re.IGNORECASE))
    assert family.words.search(text), text
    spans = [m.span() for m in re.finditer(family.pattern.pattern, text, re.IGNORECASE)]
    assert [m.span() for m in family.matches(text)] == spans


@pytest.mark.parametrize("phrase", blame._EN_PHRASES, ids=lambda p: p.pattern)
@settings(max_examples=examples(100), deadline=None)
@given(data=st.data())
def test_an_english_blame_word_is_in_every_phrase_match(phrase, data):
    assert blame._EN_PHRASE_WORDS.search(data.draw(matching_text(phrase.pattern, re.IGNORECASE)))


@settings(max_examples=examples(200), deadline=None)
@given(data=st.data())
def test_forg_is_in_every_english_forgot(data):
    people = ("Priya N.", "Max", "Tomás R.")
    assert blame._FORG.search(data.draw(matching_text(blame._english_forgot(people).pattern)))


@pytest.mark.parametrize("phrase", blame._ZH_PHRASES, ids=lambda p: p.pattern)
def test_chinese_phrases_need_text_that_is_not_ascii(phrase):
    assert not phrase.pattern.isascii() and all(
        not ch.isascii() or ch in "()?:|" for ch in phrase.pattern)


def test_the_chinese_forgot_ends_in_a_chinese_character():
    assert blame._chinese_forgot(("Max",)).pattern.endswith("(?:忘记|忘了|忘)")


def test_isdecimal_is_what_backslash_d_matches():
    digit = re.compile(r"\d")
    assert all(bool(digit.match(chr(cp))) == chr(cp).isdecimal() for cp in range(sys.maxunicode + 1))


@settings(max_examples=examples(300))
@given(st.text(max_size=40))
def test_quantity_check_is_the_single_pattern_it_replaced(text):
    single = re.compile(r"\d|" + checklist._QUANTITY_WORDS.pattern, re.IGNORECASE)
    assert checklist.is_quantified(text) == (single.search(text) is not None)


@settings(max_examples=examples(300))
@given(st.one_of(st.text(max_size=40), matching_text(vagueness._METRIC_WORDS, re.IGNORECASE)))
def test_signal_parts_searched_one_by_one_are_their_alternation(text):
    together = re.compile("|".join(f"(?:{p})" for p in (
        vagueness._NUMBER_WITH_UNIT, vagueness._COMPARISON, vagueness._METRIC_WORDS,
        vagueness._METRIC_NAME)), re.IGNORECASE)
    assert vagueness.names_a_signal(text) == (together.search(text) is not None)


def test_a_lazy_pattern_compiles_on_first_use_and_behaves_as_compiled():
    lazy = lazy_compile(r"(www)\.", re.IGNORECASE)
    assert "search" not in vars(lazy)
    assert lazy.sub(r"\1\\.", "see WWW.example") == "see WWW\\.example"
    assert "search" in vars(lazy) and lazy.flags == re.compile("x", re.IGNORECASE).flags
    assert lazy.pattern == r"(www)\."


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(st.sampled_from(["Priya", "Priya N.", "Sam K.", "sam", "@max", "@here", "a@b.c",
                                 "INC-4821", "CHG-77", "JIRA-12", " ", ". ", "checkout", "—", "12%",
                                 "Tomás", "Tomás R.", "\n"]), max_size=8).map("".join))
def test_the_scrubbers_first_search_skips_only_text_it_would_leave_alone(text):
    from postmortem.demo import demo_document
    from postmortem.markdown.external import Scrubber
    doc = demo_document()
    doc.incident_ref, doc.actions[0].tracker = "INC-4821", "CHG-77"
    quick, full = Scrubber(doc), Scrubber(doc)
    full.anything = re.compile("")  # always searches on
    assert quick(text) == full(text)
