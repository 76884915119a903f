"""``lazy_compile``: a regular expression compiled the first time it is used.

Compiling is most of the import time of the rule modules (vagueness, blame, escaping,
times): ``re`` compiles in Python, up to 2 ms for a pattern of many phrases, in every
process. A command that exports or checks one document uses a few of those patterns and
should not pay for the others.
"""

from __future__ import annotations

import re
from typing import Any

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """Stands for ``re.compile(pattern, flags)`` and compiles it on first use; from then on
    its methods are those of the compiled pattern (no extra call in between)."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern, self._flags = pattern, flags

    def __getattr__(self, name: str) -> Any:
        # Only reached for names not set yet: the first use of a method.
        if name.startswith("__"):
            raise AttributeError(name)  # copy and pickle probing; nothing to compile for
        compiled = re.compile(self.pattern, self._flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_compile({self.pattern!r}, {self._flags!r})"


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A stand-in for ``re.compile(pattern, flags)`` that compiles on first use."""
    return LazyPattern(pattern, flags)  # type: ignore[return-value]


# The characters besides "I", "K" and "S" that a pattern with re.IGNORECASE matches to an
# ASCII letter: "İ" and "ı" to "i", "ſ" to "s" ("K", the Kelvin sign, lowers to "k" anyway).
# Mapped first because "İ".lower() is two characters, "i̇".
_FOLDS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


def folded(text: str) -> str:
    """``text`` lowered so that ``word in folded(text)`` holds, for a word of lowercase ASCII
    letters or characters without case, exactly where ``re.search(word, text, re.IGNORECASE)``
    finds it (tests/test_rule_prefilters.py checks every character)."""
    return text.lower() if text.isascii() else text.translate(_FOLDS).lower()


class AnyWord:
    """Stands for ``re.compile("|".join(words), re.IGNORECASE)`` when the words are plain
    (lowercase ASCII letters, or characters without case such as Chinese): ``search`` says
    whether one is in the text, with string methods instead of a pattern compiled in every
    process (a first check runs on every text, so it would always be compiled)."""

    def __init__(self, words: list[str] | tuple[str, ...]) -> None:
        self.words = tuple(words)
        self.pattern = "|".join(self.words)

    def search(self, text: str) -> bool | None:
        """True when a word is in ``text``, else None (as a pattern's search gives no match)."""
        lowered = folded(text)
        return True if any(word in lowered for word in self.words) else None

    def __repr__(self) -> str:
        return f"AnyWord({self.words!r})"
