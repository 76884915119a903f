"""Postmortem ids: slugs that can never name a path outside the library."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


def is_valid_id(candidate: object) -> bool:
    """Whether ``candidate`` is a postmortem id: ``[a-z0-9][a-z0-9-]{0,63}``."""
    return isinstance(candidate, str) and _ID.fullmatch(candidate) is not None


def slugify(title: str, on: date | None = None, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A valid, unused id from a title, prefixed with the date (``2026-03-04-checkout-latency``).

    Non-ASCII titles (Chinese, emoji) that leave nothing after folding fall back to
    ``postmortem``; a numeric suffix keeps the id unique among ``taken``.
    """
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    words = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "postmortem"
    prefix = f"{on.isoformat()}-" if on else ""
    base = (prefix + words)[:60].rstrip("-")
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    return candidate
