"""The one catalogue lookup for user-visible strings.

Messages live in TOML files under ``locale/<lang>/``; every file in the folder is merged,
so each feature keeps its own file. ``t("key", name=...)`` formats with ``str.format``.
A missing key returns the key itself, so a gap shows up on screen instead of crashing.
"""

from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from importlib import resources

DEFAULT_LANGUAGE = "en"


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


def t(key: str, **values: object) -> str:
    """The message for ``key`` in the current language, formatted with ``values``."""
    template = catalogue(current_language()).get(key)
    if template is None:
        template = catalogue(DEFAULT_LANGUAGE).get(key, key)
    return template.format(**values) if values else template
