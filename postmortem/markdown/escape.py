"""Escaping user text so that it can never change the structure of a Markdown document.

Everything a user typed goes through one of these before it reaches the output:

- ``escape_inline``  — one line of inline text (list items, headings, labels); line breaks
  become spaces.
- ``escape_cell``    — a table cell: like ``escape_inline``, and a line break becomes ``<br>``
  (our own markup: the only way to break a line inside a GFM table cell; a ``<`` typed by the
  user is always written as ``&lt;``, so ``<br>`` in the output can only come from us).
- ``escape_heading`` — heading text: every ``#`` escaped, trailing sentence punctuation dropped
  (markdownlint MD026).
- ``escape_paragraph`` — free text (summaries): paragraphs separated by blank lines are kept,
  each line is escaped so that it cannot start a block (``#``, ``>``, ``-``, ``+``, ``*``,
  ``1.``, ``===``, fences, indented code, raw HTML).
- ``fenced`` — a fenced code block whose fence is longer than any backtick run inside it.

The rules, shared by all of them:

- characters with inline meaning (``\\ ` * _ [ ] | ~ $``) are backslash-escaped; ``<`` and ``>``
  become ``&lt;`` / ``&gt;`` so raw HTML (``<script>``) is text, never markup, on every
  renderer; an ``&`` that would start a character reference becomes ``&amp;``;
- bare ``http(s)://`` URLs and e-mail addresses become autolinks (``<https://…>``) so that
  markdownlint's no-bare-urls rule holds and the address is not mangled by escapes; a bare
  ``www.host`` keeps its text with an escaped dot (GFM would otherwise link it);
- tabs become spaces, other control characters are dropped, trailing spaces are removed
  (a Markdown hard break and markdownlint MD009/MD010 otherwise);
- bidi controls and zero-width characters are dropped (``hidden_text.strip_hidden``): the
  text reads as what it contains (a joiner inside an emoji stays).
"""

from __future__ import annotations

import re

from postmortem.hidden_text import strip_hidden
from postmortem.patterns import folded, lazy_compile

# Inline punctuation that CommonMark/GFM gives a meaning to anywhere in a line ("$" opens
# math on GitHub and in markdownlint's parser), and the angle brackets of raw HTML; the
# backslash comes first so that the backslashes added after it are not escaped again.
_INLINE_REPLACEMENTS = (*((ch, "\\" + ch) for ch in "\\`*_[]|~$"), ("<", "&lt;"), (">", "&gt;"))
# Autolinks: a URL runs to the next space, angle or square bracket, quote or pipe; sentence
# punctuation at its end is not part of it (as GitHub's own linkifier decides).
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"  # a host name label, as CommonMark says
_URL = lazy_compile(r"(?:https?|ftp)://[^\s<>\"`|\[\]]+"
                    rf"|[A-Za-z0-9._%+-]+@{_LABEL}(?:\.{_LABEL})+(?![A-Za-z0-9-])")
# GFM also links "www.example.com" without a scheme; an escaped dot keeps it plain text.
_WWW = lazy_compile(r"(www)\.", re.IGNORECASE)  # run only where folded text has "www."
_URL_TRAILING = ".,;:!?)'\"*_~"
# Block starts that survive inline escaping (``*``, `` ` ``, ``~``, ``|``, ``_`` are already
# escaped everywhere; ``<`` and ``>`` are entities).
_BLOCK_MARKS = "#-+="
_HEADING_TRAILING = ".,;:!。，；：！"
# Unicode category Cc is exactly these 65 code points (tab among them).
_CONTROL = lazy_compile(r"[\x00-\x1f\x7f-\x9f]")
_SPACES = lazy_compile(r" {2,}")
# What str.isprintable refuses among ASCII characters: the C0 controls and DEL.
_ASCII_UNPRINTABLE = bytes(range(0x20)) + b"\x7f"


def _one_clean_line(text: str) -> bool:
    """Whether ``text`` is one line that only needs its characters escaped: nothing for
    ``_plain_lines`` or ``_squeeze`` to change (no control character, line separator or
    other unprintable character, no outer whitespace, no run of spaces) and no URL or
    e-mail address. Most user text is; string methods decide it far faster than a regex."""
    return (text.isprintable() and "  " not in text and "://" not in text and "@" not in text
            and text.strip() == text)


def _printable(text: str) -> bool:
    """``text.isprintable()``; ASCII text is checked as bytes, which is several times faster
    on a long column than the character database lookups of ``isprintable``."""
    if text.isascii():
        data = text.encode("ascii")
        return len(data.translate(None, _ASCII_UNPRINTABLE)) == len(data)
    return text.isprintable()


def _without_controls(line: str) -> str:
    # A printable line has no control character (category Cc) nor hidden one (Cf): most
    # lines need no search.
    return line if line.isprintable() else strip_hidden(_CONTROL.sub("", line))


def _plain_lines(text: str) -> list[str]:
    """Lines of ``text`` without control characters, tabs or outer whitespace."""
    return [_without_controls(line.replace("\t", " ")).strip() for line in text.splitlines()]


def _starts_reference(text: str) -> bool:
    """Whether ``text`` starts as what follows the "&" of a character reference a renderer
    would decode: ``#?[0-9A-Za-z]+;``."""
    name = text[1:] if text[:1] == "#" else text
    length = 0
    while length < len(name) and name[length].isascii() and name[length].isalnum():
        length += 1
    return length > 0 and name[length:length + 1] == ";"


def _escape_ampersands(text: str) -> str:
    """``&`` as ``&amp;`` where it would start a character reference (``&copy;``, ``&#60;``)."""
    parts = text.split("&")  # no reference runs past the next "&"
    out = [parts[0]]
    for part in parts[1:]:
        out.append("&amp;" if _starts_reference(part) else "&")
        out.append(part)
    return "".join(out)


def _escape_words(text: str) -> str:
    if "&" in text:
        text = _escape_ampersands(text)
    for special, replacement in _INLINE_REPLACEMENTS:
        if special in text:
            text = text.replace(special, replacement)
    if "." in text and "www." in folded(text):
        return _WWW.sub(r"\1\\.", text)
    return text


def _trim_url(url: str) -> str:
    """Drop sentence punctuation after a URL; a ")" stays when it closes a "(" of the URL."""
    while url and url[-1] in _URL_TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def _escape_span(text: str) -> str:
    """Inline-escape one line, turning URLs and e-mail addresses into autolinks."""
    if "://" not in text and "@" not in text:
        return _escape_words(text)  # no URL or address can match
    out, last = [], 0
    for match in _URL.finditer(text):
        url = _trim_url(match.group(0))
        if "://" in url and url.index("://") + 3 == len(url):
            continue  # a scheme with nothing after it is no link
        start, end = match.start(), match.start() + len(url)
        out.append(_escape_words(text[last:start]))
        out.append(f"<{url}>")
        last = end
    out.append(_escape_words(text[last:]))
    return "".join(out)


_LINE_START_MARKS = "#-+=0123456789"


def _escape_line_start(line: str) -> str:
    """Escape a marker that would make an (already inline-escaped) line start a block."""
    if not line or line[0] not in _LINE_START_MARKS:
        return line
    if line[0] in _BLOCK_MARKS:
        return "\\" + line
    # An ordered list marker, "^(\d{1,9})([.)])(?=\s|$)" (\d: a decimal digit of any
    # script, \s: what str.isspace says), gets a backslash before its "." or ")".
    digits = 1
    while digits < len(line) and digits <= 9 and line[digits].isdecimal():
        digits += 1
    if (digits <= 9 and line[digits:digits + 1] in (".", ")")
            and (digits + 1 == len(line) or line[digits + 1].isspace())):
        return f"{line[:digits]}\\{line[digits:]}"
    return line


def escape_inline(text: str) -> str:
    """One line of inline Markdown showing ``text`` literally; line breaks become spaces.

    Safe at the start of a list item or paragraph as well (block markers are escaped).
    """
    if _one_clean_line(text):
        return _escape_line_start(_escape_words(text))
    return _escape_line_start(_escape_span(_squeeze(" ".join(_plain_lines(text)))))


def _squeeze(text: str) -> str:
    # Runs of spaces mean nothing in Markdown; keep one so the source reads like the output.
    return _SPACES.sub(" ", text).strip() if "  " in text else text.strip()


def escape_cell(text: str) -> str:
    """A GFM table cell showing ``text``: ``|`` escaped, line breaks as ``<br>``."""
    if _one_clean_line(text):
        return _escape_words(text)
    lines = [_escape_span(_squeeze(line)) for line in _plain_lines(text)]
    return "<br>".join(line for line in lines if line)


def escape_cells(texts: list[str]) -> list[str]:
    """``escape_cell`` of each text (a table column, such as a timeline's thousands of events).

    When every text is one clean line, they are escaped together as the lines of one string:
    no escape reaches across a line break or makes one, and a few passes over the whole
    column cost far less than a few calls per cell.
    """
    # Each text printable, so without line breaks; no "  ", URL or address in any; and no
    # outer whitespace (" " is the only printable whitespace): what _one_clean_line asks.
    # Joined by spaces, a text's outer space makes a "  " with its neighbour's separator,
    # so one search finds doubled and outer spaces alike (empty texts are left out of it).
    spaced = " ".join(filter(None, texts))
    if (spaced and _printable(spaced) and "@" not in spaced
            and ("://" not in spaced if ":" in spaced else True)
            and "  " not in spaced and spaced[0] != " " and spaced[-1] != " "):
        return _escape_words("\n".join(texts)).split("\n")
    return [escape_cell(text) for text in texts]


def escape_heading(text: str) -> str:
    """Heading text: inline-escaped, every ``#`` escaped, no trailing sentence punctuation."""
    plain = _squeeze(" ".join(_plain_lines(text))).rstrip(_HEADING_TRAILING + " ")
    return _escape_span(plain).replace("#", "\\#")


def escape_paragraph(text: str) -> str:
    """Free text as Markdown paragraphs: blank lines separate paragraphs, lines are kept.

    Each line is escaped so it cannot start a block or turn the previous line into a
    setext heading. Returns "" for blank text.
    """
    paragraphs: list[list[str]] = [[]]
    for line in _plain_lines(text):
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        paragraphs[-1].append(_escape_line_start(_escape_span(_squeeze(line))))
    return "\n\n".join("\n".join(p) for p in paragraphs if p)


def _plain_code_line(line: str) -> str:
    return _without_controls(line.replace("\t", " ")).rstrip()


def longest_backtick_run(text: str) -> int:
    if "`" not in text:
        return 0
    return max(len(run) for run in re.findall(r"`+", text))


def fenced(lines: list[str], info: str = "text") -> list[str]:
    """A fenced code block around ``lines``; the fence outlasts any backtick run inside."""
    body = [_plain_code_line(line) for line in lines]
    fence = "`" * max(3, longest_backtick_run("\n".join(body)) + 1)
    return [f"{fence}{info}", *body, fence]
