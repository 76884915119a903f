"""Reading many timeline events at once from text pasted out of chat or logs (issue 3 item 5).

The pure part of the paste dialog: every non-blank line becomes a ``PastedLine`` that either
has a time and a text or says what is wrong, so the dialog can preview before adding anything.

Rules decided here:

- A line starts with a timestamp, optionally in square brackets or parentheses:
  ``14:02``, ``14:07:33``, ``2026-03-04 14:05``, ``2026-03-04T14:05:12Z``,
  ``2026-03-04 14:05 UTC``, ``[14:07]``, ``(2026-03-04 14:05:12,345)``. A zone (``Z``, ``UTC``,
  ``GMT``, an attached ``+02:00``) is honoured as in ``parse_typed_time``. Seconds are dropped.
  Four-digit ``1405`` is *not* taken as a time here: in pasted text a leading number is
  more often a count or an id.
- Between the time and the text: spaces, a tab, or a separator such as ``-``, ``–``, ``|``,
  ``:`` followed by a space. The text is the rest of the line as written (a chat
  speaker's name stays: ``Sam: traffic recovering``); ``chat_speaker`` finds that name so the
  dialog can offer to move it to the event's source (``chat: Sam``).
- Blank lines are skipped; ``line_no`` counts every line of the block from 1, blank or not,
  so it matches what the user sees in the paste.
- A line without a date takes the date of the line parsed before it (for the first line:
  ``day`` when given, else the date of ``previous``, else today). When that makes it earlier
  than the line before by *more than 12 hours*, it is on the next day: a chat crossing
  midnight (23:58, then 00:03) reads as it happened. Up to 12 hours earlier is kept as
  typed: pasted lines are sometimes a little out of order.
- A line with no time at its start, or with a time and nothing after it, is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from postmortem.i18n import t
from postmortem.times import TimeParseError, parse_typed_time, reading_zone

ROLL_OVER_AFTER = timedelta(hours=12)

_LINE = re.compile(
    r"\s*(?:(?P<open>[\[(])\s*)?"
    r"(?P<stamp>(?P<date>\d{4}-\d{2}-\d{2}(?:[Tt]|\s+))?"
    r"\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?"
    r"(?:\s?(?:[Zz]|UTC|utc|GMT|gmt)(?![A-Za-z0-9])|[+-]\d{2}:?\d{2}(?!\d))?)"
    r"(?(open)\s*[\])])"
    r"(?P<rest>(?:[\s\-–—|:>,].*)?)")
_SEPARATOR = re.compile(r"\s*(?:[-–—|:>,]+(?=\s)|)\s*")


@dataclass(frozen=True)
class PastedLine:
    line_no: int            # 1-based, counting blank lines too
    raw: str                # the line as pasted
    at: datetime | None     # aware UTC at minute resolution; None when no time could be read
    text: str               # the event text (the line after its timestamp)
    error: str | None       # one sentence when the line cannot become an event

    @property
    def ok(self) -> bool:
        return self.error is None


def parse_pasted(block: str, *, day: date | None, previous: datetime | None,
                 local_tz: str | None = None, now: datetime | None = None) -> list[PastedLine]:
    """Every non-blank line of ``block``, parsed or with the reason it was not."""
    lines: list[PastedLine] = []
    reference = previous        # the moment the next dateless line counts its day from
    first_day = day             # the incident's day, used until one line has parsed
    for line_no, raw in enumerate(block.splitlines(), start=1):
        if not raw.strip():
            continue
        match = _LINE.fullmatch(raw)
        if match is None:
            lines.append(PastedLine(line_no, raw, None, raw.strip(), t("pasting.error.no_time")))
            continue
        text = _SEPARATOR.sub("", match.group("rest"), count=1).strip()
        try:
            moment = _moment(match, first_day, reference, local_tz, now)
        except TimeParseError as problem:
            lines.append(PastedLine(line_no, raw, None, text, str(problem)))
            continue
        if not text:
            lines.append(PastedLine(line_no, raw, moment, text, t("pasting.error.no_text")))
            continue
        lines.append(PastedLine(line_no, raw, moment, text, None))
        reference, first_day = moment, None
    return lines


def _moment(match: re.Match[str], first_day: date | None, reference: datetime | None,
            local_tz: str | None, now: datetime | None) -> datetime:
    stamp = match.group("stamp")
    if match.group("date") or first_day is not None or reference is None:
        return parse_typed_time(stamp, day=first_day, now=now, local_tz=local_tz)
    on = reference.astimezone(reading_zone(stamp, local_tz)).date()
    moment = parse_typed_time(stamp, day=on, local_tz=local_tz)
    if moment < reference - ROLL_OVER_AFTER:
        moment = parse_typed_time(stamp, day=on + timedelta(days=1), local_tz=local_tz)
    return moment


def parsed_events(lines: list[PastedLine]) -> list[tuple[datetime, str]]:
    """(time, text) of the lines that parsed, in paste order: what the dialog adds."""
    return [(line.at, line.text) for line in lines if line.ok and line.at is not None]


# A chat speaker before the message: one to three capitalised words ("Priya Shah", "Sam K."),
# an @handle, or two to four CJK characters, then a colon (ASCII or full-width). Words with
# digits are left alone: "Alert CheckoutLatencyP50High: firing" is not a person talking.
_NAME_WORD = r"[^\W\d_][\w'’.-]*"
_SPEAKER = re.compile(
    r"(?P<name>@[\w.-]+|[\u3400-\u9fff]{2,4}"
    rf"|(?=[^\W\d_])(?:{_NAME_WORD})(?:\s(?:{_NAME_WORD})){{0,2}})"
    r"\s?(?::\s+|：\s*)(?P<rest>\S.*)", re.DOTALL)


def chat_speaker(text: str) -> tuple[str, str] | None:
    """``("Priya Shah", "engineering identified…")`` for ``"Priya Shah: engineering
    identified…"``; None when the text does not start with a speaker's name."""
    match = _SPEAKER.match(text)
    if match is None:
        return None
    name = match.group("name")
    words = name.split()
    if not name.startswith("@") and not "\u3400" <= name[0] <= "\u9fff" \
            and not all(word[0].isupper() and not any(c.isdigit() for c in word) for word in words):
        return None
    return name, match.group("rest").strip()


def speaker_source(name: str) -> str:
    """The source an event gets when its speaker is moved out of the text."""
    return t("pasting.chat_source", name=name)
