"""Characters that change how text reads without being seen: bidi controls and zero-width
characters (issue 11 §5).

A right-to-left override can make ``exe.txt`` read as ``txt.exe``; a zero-width space can
split a name so that a search, a scrub or a reviewer misses it. They are valid text, so the
document keeps them (and the JSON export, which is the data itself, too), but:

- exported text (Markdown for both audiences, the calendar) drops them: ``strip_hidden``;
- the app shows each as a visible mark such as ``⟨RLO⟩``: ``mark_hidden``.

Both go through ``replace_hidden``, the one place that decides what is hidden. The zero-width
joiner is kept between two pictographic characters, where it joins an emoji sequence
(👩‍💻 is woman, ZWJ, laptop); anywhere else it is hidden like the others.
"""

from __future__ import annotations

import re
from typing import Callable

# Each hidden character and the short name its mark shows (Unicode's abbreviations).
HIDDEN_NAMES = {
    "\u202a": "LRE", "\u202b": "RLE", "\u202c": "PDF", "\u202d": "LRO", "\u202e": "RLO",
    "\u2066": "LRI", "\u2067": "RLI", "\u2068": "FSI", "\u2069": "PDI",
    "\u200e": "LRM", "\u200f": "RLM", "\u061c": "ALM",
    "\u200b": "ZWSP", "\u200c": "ZWNJ", "\u200d": "ZWJ", "\u2060": "WJ", "\ufeff": "ZWNBSP",
}
ZERO_WIDTH_JOINER = "\u200d"
_HIDDEN = re.compile("[" + "".join(HIDDEN_NAMES) + "]")
_VARIATION_SELECTOR_16 = "\ufe0f"  # "show as emoji", between an emoji and a joiner

# Unicode's Extended_Pictographic property by the blocks that hold it (the standard library
# has no such lookup): enough to tell an emoji sequence's joiner from any other.
_PICTOGRAPHIC_RANGES = ((0x1F000, 0x1FAFF), (0x1FC00, 0x1FFFD), (0x2600, 0x27BF),
                        (0x2300, 0x23FF), (0x2B00, 0x2BFF), (0x2190, 0x21FF), (0x25A0, 0x25FF),
                        (0x2934, 0x2935), (0x3030, 0x3030), (0x303D, 0x303D), (0x3297, 0x3299))
_PICTOGRAPHIC_SINGLES = frozenset("\u00a9\u00ae\u203c\u2049\u2122\u2139")


def is_pictographic(character: str) -> bool:
    """Whether ``character`` can be part of an emoji sequence joined by a ZWJ."""
    if character in _PICTOGRAPHIC_SINGLES:
        return True
    code = ord(character)
    return any(low <= code <= high for low, high in _PICTOGRAPHIC_RANGES)


def _joins_emoji(text: str, index: int) -> bool:
    """Whether the ZWJ at ``index`` stands between two pictographic characters."""
    before = text[index - 1] if index > 0 else ""
    if before == _VARIATION_SELECTOR_16 and index > 1:
        before = text[index - 2]
    after = text[index + 1] if index + 1 < len(text) else ""
    return bool(before) and bool(after) and is_pictographic(before) and is_pictographic(after)


def has_hidden(text: str) -> bool:
    """Whether ``text`` holds a hidden character (an emoji's joiner included)."""
    return _HIDDEN.search(text) is not None


def replace_hidden(text: str, replacement: Callable[[str], str]) -> str:
    """``text`` with each hidden character replaced by ``replacement(character)``; a joiner
    inside an emoji sequence is kept as it is."""
    if not has_hidden(text):
        return text

    def replace(match: re.Match[str]) -> str:
        character = match.group()
        if character == ZERO_WIDTH_JOINER and _joins_emoji(text, match.start()):
            return character
        return replacement(character)
    return _HIDDEN.sub(replace, text)


def strip_hidden(text: str) -> str:
    """``text`` without its hidden characters: what exports write."""
    return replace_hidden(text, lambda _: "")


def mark_hidden(text: str) -> str:
    """``text`` with each hidden character shown as a mark such as ``⟨RLO⟩``: what the app shows."""
    return replace_hidden(text, lambda character: f"⟨{HIDDEN_NAMES[character]}⟩")
