"""Reading the one-line event entry ("14:05 paged on-call") and finding the local time zone.

Pure functions (no Textual). The time forms are those of ``postmortem.times.parse_typed_time``; this
module only splits the line into a time and a text and picks the day a bare time falls on.

Rules decided here:

- The time is the longest run of up to three leading words that parses as a time
  (``2026-03-04 14:05 UTC`` is three words); the rest of the line is the text.
- A bare time of day lands on the day of the event above; when that makes it more than 12 hours
  earlier than the event above, it is on the next day (typing ``00:03`` after ``23:58``), as
  when pasting chat lines.
- No time at the start keeps the parser's sentence for the first word; a time with nothing
  after it is refused as well: an event needs a text.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from postmortem.i18n import t
from postmortem.pasting import ROLL_OVER_AFTER
from postmortem.times import TimeParseError, check_in_range, is_now, parse_typed_time

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class EntryError(ValueError):
    """The entry line cannot become an event; ``str()`` is one sentence for the user."""


def parse_entry(line: str, *, previous: datetime | None, day: date | None,
                now: datetime | None = None, local_tz: str | None = None) -> tuple[datetime, str]:
    """(time, text) of an entry line; ``EntryError`` or ``TimeParseError`` when it is not one."""
    words = line.split()
    if not words:
        raise EntryError(t("timeline_ui.entry.empty"))
    errors: dict[int, TimeParseError] = {}
    for count in (3, 2, 1):
        if count > len(words):
            continue
        stamp = " ".join(words[:count])
        try:
            moment = parse_typed_time(stamp, previous=previous, day=day, now=now, local_tz=local_tz)
        except TimeParseError as error:
            errors[count] = error
            continue
        if previous is not None and day is None and _is_clock_only(stamp) \
                and moment < previous - ROLL_OVER_AFTER:
            moment = check_in_range(stamp, moment + timedelta(days=1))
        text = _rest_of(line, count)
        if not text:
            raise EntryError(t("timeline_ui.entry.no_text", time=stamp))
        return moment, text
    # A date then a bad time ("2026-03-04 25:61") is about the time, not the missing one.
    raise errors[2] if _DATE.fullmatch(words[0]) and 2 in errors else errors[1]


def _is_clock_only(stamp: str) -> bool:
    """A time of day without a date (``14:05``, ``1405``): not ``now`` nor ``+5m``."""
    return not _DATE.search(stamp) and stamp[0] not in "+-" and not is_now(stamp)


def _rest_of(line: str, words: int) -> str:
    """``line`` without its first ``words`` words, spacing inside the text kept."""
    rest = line.strip()
    for _ in range(words):
        rest = rest.split(None, 1)[1] if len(rest.split(None, 1)) > 1 else ""
    return rest.strip()


def local_zone_name() -> str | None:
    """The IANA name of the local time zone: ``TZ``, else the system's; None when unknown."""
    candidates = []
    tz = os.environ.get("TZ", "").strip().lstrip(":")
    if tz:
        candidates.append(tz)
    try:
        target = str(Path("/etc/localtime").resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    try:
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    except OSError:
        pass
    for name in candidates:
        if name and _is_zone(name):
            return name
    return None


def _is_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
