"""The zh-CN catalogue has every key of the English one, the same placeholders per key, and
is really translated: a Chinese value equal to its English sentence is a gap, unless it is a
name, a key or a format (the short allow-list below)."""

from __future__ import annotations

import re
import string
import tomllib
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "postmortem" / "locale"

# Values that read the same in both languages: product names, key names, formats, symbols.
# Matched after the placeholders are taken out, so "{value} — {notes}" is a format.
_SAME_IN_BOTH = re.compile(
    r"^(?:"
    r"[^A-Za-z]*"                           # no Latin letters at all: symbols, numbers, fields
    r"|[A-Z][A-Za-z0-9+-]*(?:[ +][A-Za-z0-9+-]+){0,2}"  # key names: "Ctrl+S", "Esc", "F2"
    r"|[A-Za-z0-9_.-]+"                     # one token: ids, file suffixes, formats
    r")$"
)


PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def same_in_both(text: str) -> bool:
    return bool(_SAME_IN_BOTH.match(PLACEHOLDER.sub("", text).strip()))


def _flatten(prefix: str, table: dict, out: dict[str, str]) -> None:
    for key, value in table.items():
        full = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            _flatten(full, value, out)
        else:
            out[full] = str(value)


def _file_keys(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    _flatten("", tomllib.loads(path.read_text(encoding="utf-8")), out)
    return out


def _plural_base(keys: dict[str, str]) -> dict[str, str]:
    """A plural table's forms reduced to ``other``: Chinese writes only that form, so the
    English ``one`` is not required of it."""
    return {key: value for key, value in keys.items() if not key.endswith(".one")}


def _placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


ENGLISH_FILES = sorted(p.name for p in (LOCALE / "en").glob("*.toml"))


def test_every_english_file_has_a_chinese_file_of_the_same_name():
    chinese = sorted(p.name for p in (LOCALE / "zh-CN").glob("*.toml"))
    assert chinese == ENGLISH_FILES


@pytest.mark.parametrize("name", ENGLISH_FILES)
def test_same_keys_in_each_file(name):
    english = _file_keys(LOCALE / "en" / name)
    chinese = _file_keys(LOCALE / "zh-CN" / name)
    missing = sorted(set(_plural_base(english)) - set(chinese))
    extra = sorted(set(chinese) - set(english))
    assert not missing, f"{name}: keys without a Chinese text: {missing}"
    assert not extra, f"{name}: keys English does not have: {extra}"


@pytest.mark.parametrize("name", ENGLISH_FILES)
def test_same_placeholders_per_key(name):
    english = _file_keys(LOCALE / "en" / name)
    chinese = _file_keys(LOCALE / "zh-CN" / name)
    wrong = {
        key: (sorted(_placeholders(english[key])), sorted(_placeholders(text)))
        for key, text in chinese.items()
        if key in english and _placeholders(english[key]) != _placeholders(text)
    }
    assert not wrong, f"{name}: placeholders differ (English, Chinese): {wrong}"


@pytest.mark.parametrize("name", ENGLISH_FILES)
def test_no_english_sentence_left_untranslated(name):
    english = _file_keys(LOCALE / "en" / name)
    chinese = _file_keys(LOCALE / "zh-CN" / name)
    untranslated = sorted(
        key for key, text in chinese.items()
        if text == english.get(key) and not same_in_both(text)
    )
    assert not untranslated, f"{name}: the same English text in zh-CN: {untranslated}"


def test_the_allow_list_does_not_let_a_sentence_through():
    assert not same_in_both("Name the owner of the final document.")
    assert not same_in_both("in {count} days")
    assert same_in_both("Ctrl+S")
    assert same_in_both("{count}")


def test_the_chinese_catalogue_is_what_t_reads():
    from postmortem import i18n

    i18n.set_language("zh-CN")
    try:
        assert i18n.t("stage.analysis") == "根因分析"
        # A plural table of one form: the same sentence for 1 and for many.
        assert i18n.t("relative.future.weeks", count=1) == "1 周后"
        assert i18n.t("relative.future.weeks", count=3) == "3 周后"
    finally:
        i18n.set_language(None)
    assert i18n.t("relative.future.weeks", count=1) == "in 1 week"


# The Latin words a Chinese text may hold: names (products, formats, commands, options, files,
# folders, variables), key names and what is typed as it is (units, role and audience values;
# times and due dates have Chinese words of their own: 现在, 今天, 周五). A single letter is a
# key ("按 a 添加") and always may.
LATIN_IN_CHINESE = {
    # products, formats, protocols, abbreviations read as they are in Chinese too
    "Markdown", "JSON", "SVG", "README", "UTF-", "ISO-", "IP", "JWT", "API", "Web", "PII",
    "FIFO", "SLA", "SLO", "SEV", "UTC", "TZ", "Asia", "Shanghai", "ID", "INC-", "OPS-",
    "English", "git", "https", "com", "example", "tracker", "eng-all", "support-leads",
    # commands, options, metavars, variables, files and folders
    "postmortem", "import", "export-library", "git-setup", "init", "config", "include-notes",
    "library", "all", "internal", "external", "customer", "recap", "presenter", "trash",
    "bak", "md", "en", "zh-CN", "help'", "POSTMORTEM_LANG", "POSTMORTEM_LIBRARY", "DIR",
    "FILE", "NAME", "PATH", "YYYY-MM-DD", "id",
    # keys
    "Enter", "Esc", "Ctrl", "Shift", "Tab", "TAB", "Space",
    # typed as they are: times, due dates, values of fields
    "none", "null", "true", "false",
}


def test_chinese_texts_hold_no_english_word_but_names_and_keys():
    """What a Chinese facilitator reads has no English word in it (issue 16) but the names,
    keys and typed words above: a new one is a text to translate, or a name to add here."""
    found: dict[str, list[str]] = {}
    for path in sorted((LOCALE / "zh-CN").glob("*.toml")):
        for key, text in _file_keys(path).items():
            for word in re.findall(r"[A-Za-z][A-Za-z'_-]*", PLACEHOLDER.sub("", text)):
                if len(word) > 1 and word not in LATIN_IN_CHINESE:
                    found.setdefault(word, []).append(f"{path.name}:{key}")
    assert found == {}
