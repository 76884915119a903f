"""The one catalogue lookup for user-visible strings.

Messages live in TOML files under ``locale/<lang>/``; every file in the folder is merged,
so each feature keeps its own file. ``t("key", name=...)`` formats with ``str.format``.
A missing key returns the key itself, so a gap shows up on screen instead of crashing.

A message that depends on a number has plural forms instead of one string:
``added = { one = "Added 1 event.", other = "Added {count} events." }``; ``t("…added",
count=n)`` picks the form by the language's rule (English: ``one`` for 1, else ``other``;
a language without a ``one`` form simply writes ``other``).
"""

from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from importlib import resources

DEFAULT_LANGUAGE = "en"

# The plural form a count takes, per language; a language not listed uses ``other`` only.
PLURAL_RULES = {
    "en": lambda n: "one" if n == 1 else "other",
}


def _flatten(prefix: str, table: dict, out: dict[str, str]) -> None:
    for key, value in table.items():
        full = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            _flatten(full, value, out)
        else:
            out[full] = str(value)


@lru_cache(maxsize=4)
def catalogue(language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """All messages of one language, merged from every TOML file of its folder."""
    messages: dict[str, str] = {}
    folder = resources.files("postmortem").joinpath("locale", language)
    if not folder.is_dir():
        folder = resources.files("postmortem").joinpath("locale", DEFAULT_LANGUAGE)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            _flatten("", tomllib.loads(entry.read_text(encoding="utf-8")), messages)
    return messages


@lru_cache(maxsize=1)
def current_language() -> str:
    """``POSTMORTEM_LANG``, read once: a run speaks one language, and reading the environment
    on each of the hundreds of ``t`` calls of an export or a screen was most of their cost."""
    return os.environ.get("POSTMORTEM_LANG", DEFAULT_LANGUAGE)


def plural_form(language: str, count: object) -> str:
    rule = PLURAL_RULES.get(language.split("-")[0])
    return rule(count) if rule is not None and isinstance(count, int) else "other"


def _template(language: str, key: str, values: dict[str, object]) -> str | None:
    messages = catalogue(language)
    template = messages.get(key)
    if template is None and "count" in values:
        form = plural_form(language, values["count"])
        template = messages.get(f"{key}.{form}", messages.get(f"{key}.other"))
    return template


def t(key: str, **values: object) -> str:
    """The message for ``key`` in the current language, formatted with ``values``; a message
    with plural forms takes the one for ``count``."""
    language = current_language()
    template = _template(language, key, values)
    if template is None:
        template = _template(DEFAULT_LANGUAGE, key, values) or key
    return template.format(**values) if values else template
