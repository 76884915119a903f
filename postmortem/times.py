"""Typing and showing times (DESIGN §5): a pure parser for what the facilitator types.

Rules decided here:

- Every result is an aware UTC datetime at minute resolution; typed seconds are dropped
  (truncated, not rounded), so ``14:07:59`` is 14:07.
- Accepted forms (case-insensitive, surrounding spaces ignored):
  ``14:05``, ``9:05``, ``1405`` (four digits, a time of day — never a year), with optional
  seconds ``14:05:33``; ``2026-03-04 14:05`` and ``2026-03-04T14:05`` with optional seconds
  and fraction; any of these followed by a zone: ``Z``, ``UTC``, ``GMT`` or an offset
  ``+02:00`` / ``+0200`` / ``+02`` (converted to UTC); ``+5m``, ``+1h``, ``+1h30m``, ``+2d``,
  ``-10m`` (days, hours, minutes, in that order, relative to ``previous``); ``now`` (in
  Chinese ``现在``).
- A time without a date falls on ``day`` when given, else on the date of ``previous`` (the
  event above), else on today's date taken from ``now``. That date is read in the zone the
  time is read in: a bare ``14:05`` in local mode takes the *local* date of ``previous``.
- ``local_tz`` (an IANA name) makes times typed without a zone local: they are converted
  to UTC. An explicit ``Z``/``UTC``/offset always wins over local mode. A local time that
  does not exist (the hour skipped when clocks go forward) is refused; a time that occurs
  twice (clocks going back) means the first of the two.
- Refused, each with one sentence naming the input: empty text, a date alone, ``24:00``
  and other out-of-range parts, impossible dates (``2026-02-30``), relative steps with no
  event above, seconds as a relative unit (``+90s``: the timeline is at minute resolution),
  and anything else.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone, tzinfo

from postmortem.i18n import t
from postmortem.writable import EARLIEST, LATEST, time_in_range

UTC = timezone.utc

_ZONE = r"(?P<zone>z|utc|gmt|[+-]\d{2}(?::?\d{2})?)"
_CLOCK = (r"(?:(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d+)?)?"
          r"|(?P<hhmm>\d{4}))")
_ABSOLUTE = re.compile(
    rf"(?:(?P<date>\d{{4}}-\d{{2}}-\d{{2}})(?:t|\s+))?{_CLOCK}\s*{_ZONE}?", re.IGNORECASE)
_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")
_RELATIVE = re.compile(
    r"(?P<sign>[+-])\s*(?=\d)(?:(?P<days>\d+)\s*d\s*)?(?:(?P<hours>\d+)\s*h\s*)?"
    r"(?:(?P<minutes>\d+)\s*m(?:in)?\s*)?", re.IGNORECASE)
_SECONDS_STEP = re.compile(r"[+-]\s*\d+\s*s(?:ec)?", re.IGNORECASE)


class TimeParseError(ValueError):
    """Typed text that is not a time; ``str()`` is one sentence for the user."""

    def __init__(self, text: str, problem: str, **values: object) -> None:
        self.text = text
        super().__init__(t(f"times.error.{problem}", text=text, **values))


def utc_minute(moment: datetime) -> datetime:
    """``moment`` in UTC with seconds and microseconds dropped."""
    return moment.astimezone(UTC).replace(second=0, microsecond=0)


def resolve_zone(local_tz: str | None) -> tzinfo:
    """The zone bare times are read in: UTC, or the IANA zone named by ``local_tz``."""
    if not local_tz:
        return UTC
    # Imported here: only local mode needs the zone database, and showing times (exports,
    # the CLI) should not pay for importing it.
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
    try:
        return ZoneInfo(local_tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise TimeParseError(local_tz, "unknown_zone") from None


def parse_typed_time(text: str, *, previous: datetime | None = None, day: date | None = None,
               now: datetime | None = None, local_tz: str | None = None) -> datetime:
    """The moment ``text`` names, as an aware UTC datetime at minute resolution.

    Raises ``TimeParseError`` (a ``ValueError``) whose message names the input and the problem;
    a time outside the dates a document may hold (``writable``) is refused too.
    """
    moment = _parse(text, previous=previous, day=day, now=now, local_tz=local_tz)
    return check_in_range(text.strip(), moment)


def check_in_range(typed: str, moment: datetime) -> datetime:
    """``moment`` when a document may hold it; a ``TimeParseError`` naming ``typed`` otherwise."""
    if not time_in_range(moment):
        raise TimeParseError(typed, "too_far", earliest=EARLIEST.isoformat(),
                             latest=LATEST.isoformat())
    return moment


NOW_WORDS = ("now", "现在")


def is_now(typed: str) -> bool:
    """``now`` as typed, in English or Chinese."""
    return typed.strip().casefold() in NOW_WORDS


def _parse(text: str, *, previous: datetime | None, day: date | None, now: datetime | None,
           local_tz: str | None) -> datetime:
    typed = text.strip()
    if not typed:
        raise TimeParseError(typed, "empty")
    if is_now(typed):
        return utc_minute(now if now is not None else datetime.now(UTC))
    if typed[0] in "+-":
        return _parse_relative(typed, previous)
    match = _ABSOLUTE.fullmatch(typed)
    if match is None:
        if _DATE_ONLY.fullmatch(typed):
            raise TimeParseError(typed, "date_only")
        raise TimeParseError(typed, "unknown")
    return _absolute(typed, match, previous=previous, day=day, now=now, local_tz=local_tz)


def reading_zone(text: str, local_tz: str | None = None) -> tzinfo:
    """The zone ``parse_typed_time`` reads an absolute time in: its own ``Z``/offset, else
    local mode's."""
    match = _ABSOLUTE.fullmatch(text.strip())
    if match is not None and match.group("zone"):
        return _explicit_zone(text.strip(), match.group("zone"))
    return resolve_zone(local_tz)


def _parse_relative(typed: str, previous: datetime | None) -> datetime:
    match = _RELATIVE.fullmatch(typed)
    if match is None or not any(match.group(u) for u in ("days", "hours", "minutes")):
        problem = "seconds_step" if _SECONDS_STEP.fullmatch(typed) else "unknown"
        raise TimeParseError(typed, problem)
    if previous is None:
        raise TimeParseError(typed, "no_previous")
    try:
        step = timedelta(days=int(match.group("days") or 0), hours=int(match.group("hours") or 0),
                         minutes=int(match.group("minutes") or 0))
        moment = previous + step if match.group("sign") == "+" else previous - step
    except OverflowError:
        raise TimeParseError(typed, "too_far", earliest=EARLIEST.isoformat(),
                             latest=LATEST.isoformat()) from None
    return utc_minute(moment)


def _absolute(typed: str, match: re.Match[str], *, previous: datetime | None, day: date | None,
              now: datetime | None, local_tz: str | None) -> datetime:
    if match.group("hhmm"):
        hour, minute = int(match.group("hhmm")[:2]), int(match.group("hhmm")[2:])
    else:
        hour, minute = int(match.group("hour")), int(match.group("minute"))
    if hour > 23 or minute > 59:
        raise TimeParseError(typed, "out_of_range")
    if match.group("second") and int(match.group("second")) > 59:
        raise TimeParseError(typed, "seconds_out_of_range")

    explicit = match.group("zone")
    zone = _explicit_zone(typed, explicit) if explicit else resolve_zone(local_tz)
    if match.group("date"):
        try:
            on = date.fromisoformat(match.group("date"))
        except ValueError:
            raise TimeParseError(typed, "bad_date", date=match.group("date")) from None
    elif day is not None:
        on = day
    else:
        reference = previous if previous is not None else (now or datetime.now(UTC))
        on = reference.astimezone(zone).date()

    local = datetime(on.year, on.month, on.day, hour, minute, tzinfo=zone)
    if not isinstance(zone, timezone) and _skipped(local):  # a ZoneInfo: it may skip an hour
        raise TimeParseError(typed, "nonexistent_local", zone=str(zone))
    try:
        return utc_minute(local)
    except OverflowError:
        raise TimeParseError(typed, "too_far", earliest=EARLIEST.isoformat(),
                             latest=LATEST.isoformat()) from None


def _explicit_zone(typed: str, zone: str) -> tzinfo:
    if zone.casefold() in ("z", "utc", "gmt"):
        return UTC
    sign = 1 if zone[0] == "+" else -1
    digits = zone[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        raise TimeParseError(typed, "bad_offset")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _skipped(local: datetime) -> bool:
    """Whether a wall-clock time falls in the gap when clocks move forward."""
    round_trip = local.astimezone(UTC).astimezone(local.tzinfo)
    return round_trip.replace(tzinfo=None) != local.replace(tzinfo=None)


# Showing times (always UTC) -----------------------------------------------------------------
# %-formatting rather than strftime, which does not pad years below 1000 on every platform.


def in_utc(moment: datetime) -> datetime:
    """``moment`` in UTC."""
    return moment.astimezone(UTC)


def format_time_hm(moment: datetime) -> str:
    """``14:05`` — the UTC time of day."""
    moment = in_utc(moment)
    return "%02d:%02d" % (moment.hour, moment.minute)


def format_date(moment: date | datetime) -> str:
    """``2026-03-04`` — a date as is, or the UTC date of an aware datetime."""
    if isinstance(moment, datetime):
        moment = in_utc(moment).date()
    return "%04d-%02d-%02d" % (moment.year, moment.month, moment.day)


def format_datetime(moment: datetime) -> str:
    """``2026-03-04 14:05`` — the UTC date and time; parses back with ``parse_typed_time``."""
    return f"{format_date(moment)} {format_time_hm(moment)}"


# Dates for reading, in the language spoken (the catalogue's ``format.*``): English keeps the
# ISO form above, Chinese writes 2026年3月4日 周三. Fields that are typed back keep the ISO form.


def _utc_date(moment: date | datetime) -> date:
    return in_utc(moment).date() if isinstance(moment, datetime) else moment


def _date_values(day: date) -> dict[str, object]:
    return dict(year=day.year, month=day.month, day=day.day,
                weekday=t(f"format.weekday.{day.weekday()}"),
                month_name=t(f"format.month.{day.month}"))


def show_date(moment: date | datetime) -> str:
    """A date to read: ``2026-03-04``; in Chinese ``2026年3月4日 周三``."""
    return t("format.date", **_date_values(_utc_date(moment)))


def show_short_date(moment: date | datetime) -> str:
    """A date in a table's narrow column: ``2026-03-04``; in Chinese ``2026年3月4日`` (no
    weekday: a column cut through it would lose the day, not the weekday)."""
    return t("format.short_date", **_date_values(_utc_date(moment)))


def show_long_date(moment: date | datetime) -> str:
    """A date with its weekday, to check a typed date against: ``Wed 04 Mar 2026``; in
    Chinese ``2026年3月4日 周三``."""
    return t("format.long_date", **_date_values(_utc_date(moment)))


def show_day_heading(moment: date | datetime) -> str:
    """The heading of a day: ``Wed 2026-03-04``; in Chinese ``2026年3月4日 周三``."""
    return t("format.day_heading", **_date_values(_utc_date(moment)))


def show_datetime(moment: datetime) -> str:
    """A UTC date and time to read: ``2026-03-04 14:05``; ``2026年3月4日 周三 14:05``."""
    return t("format.datetime", date=show_date(moment), time=format_time_hm(moment))


def format_local_hm(moment: datetime, local_tz: str) -> str:
    """The time of day in the zone named ``local_tz`` (for the optional local column)."""
    local = moment.astimezone(resolve_zone(local_tz))
    return f"{local.hour:02d}:{local.minute:02d}"
