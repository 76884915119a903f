"""What must not reach customers, found however it is written (DESIGN §7; issue 11, item 8).

The customer-facing export passes every text it publishes through ``Redactor.scrub``, which
replaces with a neutral phrase from the catalogue:

- **people** — each person of the review (owner, facilitator, participants, action owners):
  the full name, with or without a title before it ("Dr. Sam Kim"), and each part of the name
  of three letters or more ("Sam", "Kim"), as whole words; and every ``@handle``
  (the broadcasts ``@here``, ``@channel``, ``@everyone``, ``@all`` name nobody and stay);
- **e-mail addresses**;
- **tickets** — each tracker reference and the incident reference, with or without the
  separators between their letters and digits (``INC-4821``, ``inc4821``, ``INC 4821``); the
  key in the last part of a URL tracker and any link to a tracker's host; a digits-only
  tracker (``58812``, ``#58812``) and the number of any reference after ``#`` (``#4821``);
  anything shaped like a ticket key (``ABC-123``, a version-like ``CVE-2024-3094`` aside);
- **chat channels** — ``#`` followed by a letter (``#inc-4821``, ``#support-escalations``);
- **links** holding any of the above (replaced whole).

Matching runs on a folded copy of the text in which letter case (``casefold``), compatibility
forms and accents (NFKD without combining marks) make no difference, and the characters that
nobody sees or that the writers drop (zero-width and bidi controls, control characters) are
left out: "PRIYA", "priya", a decomposed "Zoë" and "Pri<ZWSP>ya" fold as the names do. Each
folded character knows the character of the text it came from, so a match is replaced in
the text as it was written and everything else is published unchanged.

Being thorough has a price that the issue accepts: a name part that is also a word ("Will",
"May", a team called "Platform") is replaced wherever that word appears, and technical names
shaped like keys ("UTF-8", "SHA-256") count as tickets.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cached_property, lru_cache

from postmortem.i18n import t

# The last five are what the sensitive-data scanner masks (postmortem/scanner.py); e-mail
# addresses are counted once, whichever of the two replaced them.
KINDS = ("name", "handle", "email", "ticket", "channel", "link",
         "phone", "ip", "credentials", "secret", "card")

# Scripts written without spaces between words: a name in them is found inside longer runs
# of letters ("感谢李雷修复"), so their characters never make a word boundary. Hangul is among
# them because Korean attaches particles to names ("민준이"); folded, it is conjoining jamo.
_UNSPACED = (r"\u0e00-\u0eff\u1000-\u109f\u1100-\u11ff\u1780-\u17ff\u3040-\u30ff"
             r"\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff")
_WORD = rf"[^\W_{_UNSPACED}]"  # a letter or digit that makes "Sam" part of "Samsung"
_BEFORE, _AFTER = rf"(?<!{_WORD})", rf"(?!{_WORD})"
# Between the letters and digits of a name or a reference as written: "Sam Kim", "INC 4821".
_NAME_GAP = r"[\W_]{1,3}"
_REFERENCE_GAP = r"[\W_]{0,3}"
# A title before a name goes with it: "Dr. Sam" is "a team member", not "Dr. a team member".
_TITLES = ("dr", "mr", "mrs", "ms", "mx", "prof", "sir")
_TITLE = rf"(?:(?:{'|'.join(_TITLES)})\.?\s+)?"
_BROADCASTS = {"here", "channel", "everyone", "all"}

# Fixed shapes, written for folded text (lower case, no accents).
_URL = r"(?:(?:https?|ftp)://|www\.)[^\s<>\"`|\[\]]+"
_URL_TRAILING = ".,;:!?)'\"*_~"
_EMAIL = r"(?<![\w.%+-])[\w.%+-]+@\w[\w-]*(?:\.\w[\w-]*)+"
_HANDLE = r"(?<![\w.@])@\w(?:[\w.\-]*\w)?"
_CHANNEL = r"(?<![\w&])#[^\W\d_](?:[\w-]*[^\W_])?"
# "ABC-123"; not inside a longer hyphenated word ("checkout-cache-3") and not a dated or
# versioned identifier ("CVE-2024-3094").
_KEY = rf"(?<![^\W_]|-)[a-z][a-z0-9]{{1,9}}-[0-9]+(?!{_WORD}|-[0-9])"

_IGNORED_CATEGORIES = {"Mn", "Me", "Cf"}  # combining marks, zero-width and bidi controls


@lru_cache(maxsize=None)
def fold_char(char: str) -> str:
    """What ``char`` is when matching: case folded, decomposed, without marks; "" for a
    character nobody sees or that the writers drop (a control other than whitespace)."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", char).casefold())
    return "".join(c for c in decomposed
                   if unicodedata.category(c) not in _IGNORED_CATEGORIES
                   and (unicodedata.category(c) != "Cc" or c.isspace()))


class _FoldTable(dict):
    """``str.translate`` table that folds each character the first time it is met."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code))
        return folded


class _WidthTable(dict):
    """``str.translate`` table giving, as a character, how many characters each one folds to."""

    def __missing__(self, code: int) -> str:
        width = self[code] = chr(len(fold_char(chr(code))))
        return width


_FOLD_TABLE, _WIDTH_TABLE = _FoldTable(), _WidthTable()


def fold(text: str) -> str:
    return text.translate(_FOLD_TABLE)


def _tokens(text: str) -> list[str]:
    """The runs of letters and digits of ``text``, folded: "Priya N." → ["priya", "n"]."""
    return re.findall(r"[^\W_]+", fold(text))


class Removed:
    """How many things of each kind were replaced; values are never kept."""

    def __init__(self) -> None:
        self.counts = dict.fromkeys(KINDS, 0)

    def add(self, kind: str) -> None:
        self.counts[kind] += 1

    def total(self) -> int:
        return sum(self.counts.values())

    def sentence(self) -> str:
        """One sentence for the user: "Removed from the customer version: 3 names, …"."""
        items = [t(f"scrubbing.count.{kind}_{'one' if count == 1 else 'other'}", count=count)
                 for kind, count in self.counts.items() if count]
        if not items:
            return t("scrubbing.removed_nothing")
        return t("scrubbing.removed", items=t("export.list_separator").join(items))


class Redactor:
    """Finds and replaces, in text meant for customers, the people of ``people`` and the
    references of ``references`` (trackers, incident reference) with every shape above."""

    def __init__(self, people: list[str], references: list[str]) -> None:
        names: set[tuple[str, ...]] = set()
        for person in people:
            names |= _name_variants(_tokens(person))
        hosts: set[str] = set()
        written: set[tuple[str, ...]] = set()
        numbers: set[str] = set()   # found after "#"
        bare: set[str] = set()      # found alone too: a digits-only tracker
        for reference in references:
            host, tokens = _reference_parts(reference)
            if host:
                hosts.add(host)
            digits = [token for token in tokens if token.isdigit()]
            if tokens and len(tokens) == len(digits) == 1:
                if len(tokens[0]) >= 3:
                    bare.add(tokens[0])
            elif any(c.isdigit() for c in "".join(tokens)) and len("".join(tokens)) >= 3:
                # A reference has a number; words alone ("none", "TBD") are placeholders.
                written.add(tuple(tokens))
            numbers |= {number for number in digits if len(number) >= 2}
        self.hosts = hosts
        # Everything but a link starts where no word goes on (each alternative then checks
        # its own start): said once in front, most positions of a text are passed over
        # after one test instead of one per alternative.
        self.at_word_start = "|".join(f"(?P<{group}>{pattern})" for group, pattern in (
            ("email", _EMAIL),
            ("handle", _HANDLE),
            ("channel", _CHANNEL),
            ("ticket_number", _alternation(numbers, str, r"(?<![\w&])#0*(?:{})(?![0-9])")),
            ("ticket_written", _alternation(written, _REFERENCE_GAP.join, f"(?:{{}}){_AFTER}")),
            ("ticket_key", _KEY),
            ("ticket_bare", _alternation(bare, str, r"(?<![\w.,])(?:{})(?![^\W_]|[.,][0-9])")),
            ("name", _alternation(names, _NAME_GAP.join, f"{_TITLE}(?:{{}}){_AFTER}")),
        ) if pattern)
        self.pattern = re.compile(rf"(?P<link>{_URL})|{_BEFORE}(?:{self.at_word_start})")

    @cached_property
    def inside_link(self) -> re.Pattern[str]:
        """What a link is looked into with: the alternatives without the link, so that a link
        inside a link is not looked for again. Compiled when a text first holds a link: most
        exports hold none, and it costs as much to compile as ``pattern``."""
        return re.compile(rf"{_BEFORE}(?:{self.at_word_start})")

    def scrub(self, text: str, removed: Removed) -> str:
        """``text`` with everything found replaced; each replacement counted in ``removed``."""
        folded = fold(text)
        found = []
        for match in self.pattern.finditer(folded):
            kind = self._kind(match)
            if kind is None:
                continue
            start, end = match.span()
            if kind == "link":
                end = start + len(_trim_url(match.group()))
            if kind == "name" and found and found[-1][2] == "name" \
                    and not folded[found[-1][1]:start].strip(" \t"):
                found[-1] = (found[-1][0], end, "name")  # "Sam Natarajan": one person here
                continue
            found.append((start, end, kind))
        if not found:
            return text
        origin = _origins(text)
        out, last = [], 0
        for start, end, kind in found:
            first, after = origin[start], origin[end - 1] + 1
            while after < len(text) and not fold_char(text[after]):
                after += 1  # a combining mark or zero-width character of the last letter
            if kind == "name" and _ends_in_initial(folded, end):
                after = _past_initials_dot(text, after)
            out.append(text[last:first])
            out.append(_neutral(kind, sentence_start=_starts_sentence(text, first)))
            removed.add(kind)
            last = after
        out.append(text[last:])
        return "".join(out)

    def _kind(self, match: re.Match[str]) -> str | None:
        """The kind of what ``match`` found; None for what stays (a broadcast, a link
        holding nothing of the above)."""
        group = match.lastgroup or ""
        if group == "handle" and match.group()[1:] in _BROADCASTS:
            return None
        if group == "link":
            return self._link_kind(_trim_url(match.group()))
        return group.split("_")[0]

    def _link_kind(self, url: str) -> str | None:
        """A link is replaced whole when it points at a tracker or holds anything above."""
        if _host(url) in self.hosts or any(f"//{host}" in url for host in self.hosts):
            return "ticket"  # the tracker's own address, or one passed along inside the link
        inside = {self._kind(m) for m in self.inside_link.finditer(url)}
        inside.discard(None)
        if not inside:
            return None
        return "ticket" if "ticket" in inside else "link"


def _alternation(items: set, as_pattern, template: str) -> str:
    """``template`` around the alternation of ``items`` (longest first), or "" for none."""
    if not items:
        return ""
    patterns = [as_pattern(tuple(re.escape(part) for part in item) if isinstance(item, tuple)
                           else re.escape(item)) for item in items]
    return template.format("|".join(sorted(patterns, key=lambda p: (-len(p), p))))


def _name_variants(tokens: list[str]) -> set[tuple[str, ...]]:
    """The full name (without a leading title as well), the first name with the initial of
    the last ("Priya N." for Priya Natarajan) and each part of 3+ letters."""
    if not tokens or (len(tokens) == 1 and len(tokens[0]) < 2):
        return set()  # a one-letter "name" would take every "a" or "x" with it
    variants = {tuple(tokens)}
    name = tokens[1:] if len(tokens) > 1 and tokens[0] in _TITLES else tokens
    variants.add(tuple(name))
    if len(name) > 1:
        variants.add((name[0], name[-1][0]))
    # Every part of 3+ letters, a title too: "Sir" may as well be a name.
    variants |= {(token,) for token in tokens if sum(c.isalpha() for c in token) >= 3}
    return variants


def _reference_parts(reference: str) -> tuple[str, list[str]]:
    """(host, tokens) of a tracker: the host of a URL tracker ("" otherwise) and the letters
    and digits of the reference itself (for a URL, of its last path segment)."""
    folded = fold(reference.strip())
    url = re.match(_URL, folded)
    if url is None:
        return "", _tokens(folded)
    address = _trim_url(url.group())
    segments = [s for s in re.split(r"[/?#=&]", address[address.find(_host(address))
                                                           + len(_host(address)):]) if s]
    return _host(address), _tokens(segments[-1]) if segments else []


def _host(url: str) -> str:
    rest = url.split("://", 1)[-1]
    return re.split(r"[/?#:]", rest, maxsplit=1)[0].rsplit("@", 1)[-1]


def _trim_url(url: str) -> str:
    """Sentence punctuation after a URL is not part of it (as the Markdown escaping decides)."""
    while url and url[-1] in _URL_TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def _origins(text: str) -> Sequence[int]:
    """For each character of ``fold(text)``, the index in ``text`` of the one it came from."""
    widths = text.translate(_WIDTH_TABLE)
    if widths.count("\x01") == len(text):
        return range(len(text))  # each character folds to one: the usual case
    origin: list[int] = []
    for index, width in enumerate(widths):
        origin.extend([index] * ord(width))
    return origin


def _ends_in_initial(folded: str, end: int) -> bool:
    """Whether the name found up to ``end`` ends in an initial: "priya n"."""
    return end >= 2 and folded[end - 1].isalpha() and not folded[end - 2].isalnum()


_SENTENCE_GOES_ON = re.compile(r"\.[ \t]+([^\s])")


def _past_initials_dot(text: str, after: int) -> int:
    """Where the replacement of a name ending in an initial ends: after the initial's dot when
    the sentence goes on ("ask Priya N. and Sam"), before it when the dot may end a sentence
    ("Thanks, Priya N." or "… Priya N. Then …")."""
    goes_on = _SENTENCE_GOES_ON.match(text, after)
    return after + 1 if goes_on and not goes_on.group(1).isupper() else after


def _starts_sentence(text: str, position: int) -> bool:
    """Whether ``position`` starts a sentence: nothing but spaces before it on the line, or
    the end of a sentence."""
    index = position - 1
    while index >= 0 and text[index] in " \t":
        index -= 1
    return index < 0 or text[index] in ".!?。！？\n"


def _neutral(kind: str, sentence_start: bool) -> str:
    return t(f"scrubbing.neutral.{kind}{'_capital' if sentence_start else ''}")
