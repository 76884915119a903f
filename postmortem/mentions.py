"""Where a text names a person of the review or an @handle (DESIGN §6), for the blame check.

The rules are those the blame check's module doc states: the full name or the first name
alone, as a whole word and case-sensitively (names in Chinese anywhere); an @handle, but not
an e-mail address or the broadcasts @here, @channel, @everyone, @all. The customer-facing
export removes far more, however it is written: see ``postmortem.redaction``.
"""

from __future__ import annotations

import re
from functools import lru_cache

# A character that makes a name part of a longer word ("Max" in "Maximum", "Max2"): an ASCII
# letter, digit or "_" (``\w`` under the ASCII flag) or a Latin letter with an accent
# (U+00C0–U+024F), whatever the case flag of the pattern it is in. Listed as "A-Za-z0-9_"
# with the accented range, the same class compiles to a 64K-entry table: the rule checks
# hold dozens of them, and compiling those was a third of an export's start-up.
LATIN_WORD_CHAR = r"(?a-i:[\w\u00C0-\u024F])"
BEFORE = rf"(?<!{LATIN_WORD_CHAR})"
AFTER = rf"(?!{LATIN_WORD_CHAR})"
HANDLE = r"@[A-Za-z0-9_][A-Za-z0-9_.\-]*"

_HANDLE = re.compile(rf"(?<![\w.@]){HANDLE}")
_BROADCASTS = {"here", "channel", "everyone", "all"}


def name_variants(person: str) -> list[str]:
    """How a person may be written: the full name and, for "Priya N.", "Priya"."""
    full = " ".join(person.split())
    variants = [full] if full else []
    first = full.split(" ")[0] if " " in full else ""
    if len(first) >= 2 and not first.endswith(".") and first not in variants:
        variants.append(first)
    return variants


def names_alternation(people: tuple[str, ...]) -> str:
    """The ways ``people`` may be written, as a regex alternation ("" for nobody)."""
    variants = {v for person in people for v in name_variants(person)}
    # Longest first, so "Priya N." wins over "Priya" at the same place.
    return "|".join(re.escape(v) for v in sorted(variants, key=lambda v: (-len(v), v)))


@lru_cache(maxsize=64)
def _name_pattern(people: tuple[str, ...]) -> re.Pattern[str] | None:
    """The names of ``people`` as whole words; None when nobody has a name to look for."""
    names = names_alternation(people)
    return re.compile(rf"{BEFORE}(?:{names}){AFTER}") if names else None


def names_in(text: str, people: tuple[str, ...]) -> list[re.Match[str]]:
    """Each mention of a name of ``people`` in ``text``."""
    pattern = _name_pattern(people)
    return list(pattern.finditer(text)) if pattern is not None else []


def handles(text: str) -> list[re.Match[str]]:
    return [m for m in _HANDLE.finditer(text)
            if m.group().rstrip(".-")[1:].casefold() not in _BROADCASTS]


def handle_text(match: re.Match[str]) -> str:
    return match.group().rstrip(".-")  # "@max." at the end of a sentence is "@max"


def person_mentions(text: str, people: list[str]) -> list[tuple[int, str]]:
    """(position, text) of each name of ``people`` and each @handle in ``text``."""
    found = [(m.start(), m.group()) for m in names_in(text, tuple(people))]
    found += [(m.start(), handle_text(m)) for m in handles(text)]
    return sorted(found)
