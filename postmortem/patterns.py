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
