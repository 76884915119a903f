"""Reading untrusted JSON into typed values, with errors that name the field path.

Every error reads like ``timeline[3].at: "25:61" is not a time`` (DESIGN §4).
"""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date, datetime, timezone
from functools import cache
from typing import Any, Iterable

from postmortem.i18n import t
from postmortem.writable import day_in_range, range_problem, text_problem, time_in_range

UTC_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class ValidationError(ValueError):
    """A value in a document that the format does not allow."""

    def __init__(self, path: str, value: Any, problem: str) -> None:
        self.path, self.value, self.problem = path, value, problem
        super().__init__(f"{path}: {show_value(value)} {problem}")


def show_value(value: Any) -> str:
    """The value as JSON, cut to 60 characters; printable even when the value is not (JSON
    escapes control characters, a lone surrogate is written as its escape)."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    shown = printable(text[:60])
    return shown if len(text) <= 60 and len(shown) <= 60 else shown[:57] + "…"


def printable(text: str) -> str:
    """``text`` that a terminal shows as it is and UTF-8 can encode: each unprintable
    character (a control, a lone surrogate, a bidi control) as its ``\\uXXXX`` escape, so
    that an error message can name what it refuses. The zero-width joiner is kept: it
    joins emoji (``hidden_text.mark_hidden`` marks it anywhere else)."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == "\u200d" else _escape(ch) for ch in text)


def _escape(character: str) -> str:
    code = ord(character)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


@cache
def field_names(record_type: type) -> frozenset[str]:
    """The keys a record's object may hold: the fields of its dataclass."""
    return frozenset(field.name for field in dataclasses.fields(record_type))


def parse_stored_time(value: Any) -> datetime | None:
    """``value`` as an aware UTC time if it is one in the format's notation, else None."""
    if not isinstance(value, str) or not UTC_TIME.fullmatch(value):
        return None
    try:
        return datetime.fromisoformat(value)  # Python 3.11 reads "Z" itself, as timezone.utc
    except ValueError:
        return None


def format_time(moment: datetime) -> str:
    """UTC ISO-8601 with ``Z``; seconds only when they are not zero."""
    moment = moment.astimezone(timezone.utc)
    pattern = "%Y-%m-%dT%H:%M:%SZ" if moment.second else "%Y-%m-%dT%H:%M:00Z"
    return moment.strftime(pattern)


class Reader:
    """A view of one JSON object at a path; each getter checks one field."""

    def __init__(self, data: Any, path: str = "") -> None:
        if not isinstance(data, dict):
            raise ValidationError(path or "(document)", data, t("validation.not_object"))
        self.data, self.path = data, path

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def refuse_unknown(self, known: Iterable[str]) -> None:
        for key in self.data:
            if key not in known:
                raise ValidationError(self.at(printable(key)), self.data[key],
                                      t("validation.unknown_field"))

    def writable(self, path: str, value: str) -> str:
        """``value`` when every writer can write it; a ``ValidationError`` naming ``path``."""
        problem = text_problem(value)
        if problem is not None:
            raise ValidationError(path, value, problem)
        return value

    def raw(self, key: str, default: Any = None, required: bool = False) -> Any:
        if key not in self.data:
            if required:
                raise ValidationError(self.at(key), None, t("validation.missing"))
            return default
        return self.data[key]

    def text(self, key: str, default: str = "", required: bool = False) -> str:
        value = self.raw(key, default, required)
        if not isinstance(value, str):
            raise ValidationError(self.at(key), value, t("validation.not_text"))
        return self.writable(self.at(key), value)

    def flag(self, key: str, default: bool | None = False, nullable: bool = False) -> bool | None:
        value = self.data.get(key, default)
        if value is None and nullable:
            return None
        if not isinstance(value, bool):
            raise ValidationError(self.at(key), value, t("validation.not_bool"))
        return value

    def choice(self, key: str, allowed: tuple[str, ...], default: str | None = None,
               nullable: bool = False) -> str | None:
        value = self.data.get(key, default)
        if value is None and nullable:
            return None
        if value not in allowed:
            raise ValidationError(self.at(key), value, t("validation.not_one_of", allowed=", ".join(allowed)))
        return value

    def texts(self, key: str) -> list[str]:
        value = self.raw(key, [])
        if not isinstance(value, list):
            raise ValidationError(self.at(key), value, t("validation.not_list"))
        for i, item in enumerate(value):
            if not isinstance(item, str):
                raise ValidationError(f"{self.at(key)}[{i}]", item, t("validation.not_text"))
            self.writable(f"{self.at(key)}[{i}]", item)
        return list(value)

    def choices(self, key: str, allowed: tuple[str, ...]) -> list[str]:
        values = self.texts(key)
        for i, item in enumerate(values):
            if item not in allowed:
                raise ValidationError(f"{self.at(key)}[{i}]", item,
                                      t("validation.not_one_of", allowed=", ".join(allowed)))
        return values

    def objects(self, key: str) -> list["Reader"]:
        value = self.raw(key, [])
        if not isinstance(value, list):
            raise ValidationError(self.at(key), value, t("validation.not_list"))
        path = self.at(key)
        return [Reader(item, f"{path}[{i}]") for i, item in enumerate(value)]

    def child(self, key: str) -> "Reader":
        return Reader(self.raw(key, {}), self.at(key))

    def time(self, key: str, nullable: bool = False) -> datetime | None:
        """A UTC time in the accepted range; when ``nullable``, null or "" (a hand-written
        draft's way of leaving it out) is unset."""
        value = self.raw(key, None, required=not nullable)
        if nullable and (value is None or value == ""):
            return None
        moment = parse_stored_time(value)
        if moment is None:
            problem = "validation.not_time_or_null" if nullable else "validation.not_time"
            raise ValidationError(self.at(key), value, t(problem))
        if not time_in_range(moment):
            raise ValidationError(self.at(key), value, range_problem())
        return moment

    def day(self, key: str, nullable: bool = True) -> date | None:
        """A date in the accepted range; when ``nullable``, null or "" is unset."""
        value = self.raw(key, None, required=not nullable)
        if nullable and (value is None or value == ""):
            return None
        problem = t("validation.not_date_or_null" if nullable else "validation.not_date")
        if not isinstance(value, str) or not _DATE.fullmatch(value):
            raise ValidationError(self.at(key), value, problem)
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise ValidationError(self.at(key), value, problem) from None
        if not day_in_range(day):
            raise ValidationError(self.at(key), value, range_problem())
        return day

    def item_id(self, key: str = "id") -> str:
        value = self.text(key, required=True)
        # Printable: an id is shown and written as is (Markdown, calendar UIDs, finding keys).
        if not value.strip() or len(value) > 64 or not value.isprintable():
            raise ValidationError(self.at(key), value, t("validation.bad_item_id"))
        return value
