"""The sample postmortem behind ``postmortem demo``: realistic, fictional, every stage filled.

The document lives in ``demo.json`` next to this module, in the interchange format of
DESIGN §4, so it is also an example of that format. It is written as seen on ``WRITTEN_FOR``:
the incident a week before, the meeting two days before, the action items and follow-up
reviews ahead. ``demo_document(today)`` moves every date by whole days so that it is seen
the same way on ``today`` — a newcomer opening the demo on any day sees a healthy postmortem
that passes ``postmortem check`` (no overdue item or review). The free texts name no date.
It must pass every stage exit and the final review (tests/domain/test_demo.py keeps it that way).

``demo.zh-CN.json`` is the same postmortem written in Chinese (its ``language`` says so): the
same structure, ids and times, so it moves and passes the same way.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from importlib import resources
from typing import Any

from postmortem.fields import format_time
from postmortem.model import Postmortem

WRITTEN_FOR = date(2026, 3, 11)   # demo.json's incident: 4 March; its meeting: 9 March


# The demo's file for each language it is written in; any other language gets English.
DEMO_FILES = {"en": "demo.json", "zh-CN": "demo.zh-CN.json"}


def demo_dict(today: date | None = None, language: str = "en") -> dict[str, Any]:
    """A fresh copy of the demo document as JSON data, in ``language``, dated for ``today``
    (default: as written, for ``WRITTEN_FOR``)."""
    name = DEMO_FILES.get(language, DEMO_FILES["en"])
    text = resources.files("postmortem").joinpath(name).read_text(encoding="utf-8")
    data = json.loads(text)
    if today is not None and today != WRITTEN_FOR:
        _move_dates(data, today - WRITTEN_FOR)
    return data


def demo_document(today: date | None = None, language: str = "en") -> Postmortem:
    """A fresh, validated copy of the demo postmortem in ``language``, dated for ``today``."""
    return Postmortem.from_dict(demo_dict(today, language))


def _move_dates(data: dict[str, Any], shift: timedelta) -> None:
    """Every time and date of the document, ``shift`` later (in the format's notation)."""
    def moved_time(value: str) -> str:
        return format_time(datetime.fromisoformat(value) + shift)

    def moved_day(value: str | None) -> str | None:
        return None if value is None else (date.fromisoformat(value) + shift).isoformat()

    if data.get("meeting_at"):
        data["meeting_at"] = moved_time(data["meeting_at"])
    for event in data["timeline"]:
        event["at"] = moved_time(event["at"])
    for action in data["actions"]:
        action["due"] = moved_day(action["due"])
    for review in data["communication"]["follow_ups"]:
        review["due"] = moved_day(review["due"])
