"""What every writer of a document can write (issue 11 §5): validation refuses the rest.

The writers are the library file and the JSON export (UTF-8), the Markdown exports, the
calendar, ``list`` and ``check`` on a terminal, and the app's screens and saves. Two kinds
of value passed validation and then crashed them:

- **Text** with an unpaired surrogate (``"\\ud800"`` in the JSON) cannot be encoded as UTF-8
  at all. Text with a control character other than tab and newline (an escape, a bell, a
  carriage return, NUL, the C1 controls) garbles a terminal and the line structure of the
  calendar. One rule for every string of the document, single-line or not: tab and newline
  are the only control characters allowed. (Exports still turn a newline into a space
  where one line is wanted, as they always did.)
- **Dates and times** far out in the calendar: a follow-up 60 days after a meeting on
  9999-12-31, or the calendar's end of an all-day event, does not exist. Every date and time
  of a document lies between ``EARLIEST`` and ``LATEST``, which leaves years of room for
  anything derived from them; what the app makes from a date (a follow-up, a due date,
  a time typed as ``+5m``) is held to the same range (``check_day``), so a document the app
  saves always reads back.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from postmortem.i18n import t

EARLIEST = date(1970, 1, 1)
LATEST = date(9000, 12, 31)

# Control characters (Unicode category Cc) but tab and newline, and the surrogate code points.
_UNWRITABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def code_point(character: str) -> str:
    return f"U+{ord(character):04X}"


def text_problem(text: str) -> str | None:
    """Why a writer cannot write ``text`` (one phrase after the value), or None when it can."""
    found = _UNWRITABLE.search(text)
    if found is None:
        return None
    character = found.group()
    if "\ud800" <= character <= "\udfff":
        return t("validation.surrogate", code=code_point(character))
    return t("validation.control", code=code_point(character))


def day_in_range(day: date) -> bool:
    return EARLIEST <= day <= LATEST


def time_in_range(moment: datetime) -> bool:
    """Whether an aware UTC time falls on a day of the range."""
    return EARLIEST.year <= moment.year <= LATEST.year  # the range is whole years


def range_problem() -> str:
    """The phrase that follows a value outside the range."""
    return t("validation.out_of_range", earliest=EARLIEST.isoformat(), latest=LATEST.isoformat())


class OutOfRange(ValueError):
    """A date the app would make lies outside ``EARLIEST``..``LATEST``; ``str()`` is one
    sentence for the user."""

    def __init__(self, day: date) -> None:
        self.day = day
        super().__init__(t("validation.day_out_of_range", day=day.isoformat(),
                           earliest=EARLIEST.isoformat(), latest=LATEST.isoformat()))


def check_day(day: date) -> date:
    """``day`` if it is in the range; raises ``OutOfRange`` otherwise."""
    if not day_in_range(day):
        raise OutOfRange(day)
    return day


def writable_text(text: str) -> str:
    """``text`` without what ``text_problem`` refuses: for text typed or pasted into the app,
    so that no edit can make a document that does not save or read back (a pasted escape
    sequence, a NUL)."""
    return _UNWRITABLE.sub("", text)
