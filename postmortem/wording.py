"""Whole-word matching of Latin phrases in text that may be written in Chinese.

Python's ``\\b`` counts a Chinese character as a word character, so in "当p99超过300ms时告警"
neither "p99" nor "ms" is a whole word to it, and "human error" right after "原因:" is one
only by luck of the colon. The rule checks keep whole words for Latin phrases ("improve" is
not flagged inside "improvised") but take any character outside the Latin alphabet and the
digits as a boundary. Chinese phrases are matched as they are, without boundaries: Chinese
has no spaces, and each Chinese pattern says itself where it must not match (``注意`` is an
exhortation, ``注意到`` is not — see ``postmortem.vagueness``).
"""

from __future__ import annotations

from postmortem.mentions import LATIN_WORD_CHAR

# A boundary between a Latin word (letters, digits, underscore) and anything else: a Latin
# word character on one side of it only.
LATIN_BOUNDARY = (rf"(?:(?<!{LATIN_WORD_CHAR})(?={LATIN_WORD_CHAR})"
                  rf"|(?<={LATIN_WORD_CHAR})(?!{LATIN_WORD_CHAR}))")


def latin_words(pattern: str) -> str:
    """``pattern`` with each ``\\b`` made a Latin word boundary (see the module doc)."""
    return pattern.replace(r"\b", LATIN_BOUNDARY)
