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
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources

DEFAULT_LANGUAGE = "en"

# The plural form a count takes, per language; a language not listed uses ``other`` only.
PLURAL_RULES = {
    "en": lambda n: "one" if n == 1 else "other",
}  # Chinese has no plural: zh-CN writes ``other`` only


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


SUPPORTED_LANGUAGES = ("en", "zh-CN")

# The language chosen on the command line (``--lang``) or in the app, which wins over the
# environment; the one the user saved in their preferences, which the environment overrides.
_chosen: str | None = None
_saved: str | None = None


def supported_language(name: str) -> str | None:
    """The supported language a language or locale name means, or None.

    "zh-CN", "zh_CN.UTF-8", "zh_SG", "zh-Hans" and plain "zh" are Simplified Chinese;
    "zh_TW", "zh_HK" and "zh-Hant" are not (the app has no Traditional Chinese), nor is any
    language the app does not speak. "en", "en_GB.UTF-8", "C" and "POSIX" are English."""
    code = name.split(".")[0].split("@")[0].replace("_", "-").strip()
    if not code:
        return None
    parts = code.lower().split("-")
    if parts[0] in ("en", "c", "posix"):
        return "en"
    if parts[0] == "zh" and (len(parts) == 1 or parts[1] in ("cn", "sg", "hans")):
        return "zh-CN"
    return None


def language_from_environment(environ: Mapping[str, str], saved: str | None = None) -> str:
    """``POSTMORTEM_LANG`` when it names a supported language; else ``saved`` (the user's
    choice in the app, remembered); else the system locale for messages (the first set of
    LC_ALL, LC_MESSAGES, LANG, as POSIX orders them); else English. A locale the app does
    not speak ("fr_FR.UTF-8") means English, like no locale."""
    chosen = supported_language(environ.get("POSTMORTEM_LANG", ""))
    if chosen is not None:
        return chosen
    if saved in SUPPORTED_LANGUAGES:
        return saved
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if environ.get(variable):
            return supported_language(environ[variable]) or DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def set_language(language: str | None) -> None:
    """Speak ``language`` from now on (``--lang``); None goes back to the environment's
    choice. The caches are cleared, so the next ``t`` reads the new language."""
    global _chosen
    if language is not None and language not in SUPPORTED_LANGUAGES:
        raise ValueError(f"unsupported language: {language!r}")
    _chosen = language
    current_language.cache_clear()
    catalogue.cache_clear()


def set_saved_language(language: str | None) -> None:
    """The language the user chose in the app last time (their preferences), which comes
    after ``--lang`` and ``POSTMORTEM_LANG`` and before the system locale; an unknown name
    is ignored (a preferences file edited by hand is no reason to refuse to start)."""
    global _saved
    _saved = language if language in SUPPORTED_LANGUAGES else None
    current_language.cache_clear()


@contextmanager
def language(name: str | None) -> Iterator[None]:
    """Speak ``name`` inside the block (a document's exports in the document's language),
    then the language of before; None or an unknown name changes nothing. Rendering is
    single-threaded, and the exports that run in a worker do so while the screen waits."""
    global _chosen
    if name not in SUPPORTED_LANGUAGES or name == current_language():
        yield
        return
    before = _chosen
    _chosen = name
    current_language.cache_clear()
    try:
        yield
    finally:
        _chosen = before
        current_language.cache_clear()


@lru_cache(maxsize=1)
def current_language() -> str:
    """``--lang``, else ``language_from_environment``, decided once: a run speaks one
    language, and reading the environment on each of the hundreds of ``t`` calls of an
    export or a screen was most of their cost. ``set_language`` decides again."""
    return _chosen or language_from_environment(os.environ, _saved)


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
