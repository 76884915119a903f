"""The Latin word character and boundary of the rule checks (``postmortem.mentions``,
``postmortem.wording``): exactly the ASCII letters, digits and "_" and the accented Latin
letters U+00C0–U+024F, in any case flag, over every code point."""

from __future__ import annotations

import re
import string

import pytest

from postmortem.mentions import AFTER, BEFORE, LATIN_WORD_CHAR
from postmortem.wording import LATIN_BOUNDARY, latin_words

LATIN = set(string.ascii_letters + string.digits + "_") | {chr(c) for c in range(0xC0, 0x250)}
EVERY_CHARACTER = "".join(map(chr, range(0x110000)))


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_a_latin_word_character_is_exactly_the_listed_ones(flags):
    found = re.findall(LATIN_WORD_CHAR, EVERY_CHARACTER, flags)
    assert set(found) == LATIN and len(found) == len(LATIN)
    # "K" (Kelvin sign) folds to "k" and "ſ" (long s, in the range) to "s": case does not widen it.
    assert re.fullmatch(LATIN_WORD_CHAR, "\u212a", flags) is None


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_the_boundary_stands_where_one_side_only_is_a_latin_word_character(flags):
    text = "当p99超过300ms时 Zoë's_x-İK中ſ\u0250a"
    expected = [i for i in range(len(text) + 1)
                if (i > 0 and text[i - 1] in LATIN) != (i < len(text) and text[i] in LATIN)]
    assert [m.start() for m in re.finditer(LATIN_BOUNDARY, text, flags)] == expected
    assert re.findall(latin_words(r"\bp99\b|\bms\b"), text, flags) == ["p99"]


def test_before_and_after_a_name():
    name = re.compile(rf"{BEFORE}Max{AFTER}")
    assert [m.start() for m in name.finditer("Max, Maximum, Max2, éMax, 中Max中, _Max")] == [0, 27]
