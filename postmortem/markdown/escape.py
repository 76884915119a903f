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

# Inline punctuation that CommonMark/GFM gives a meaning to anywhere in a line ("$" opens
# math on GitHub and in markdownlint's parser).
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]|~$])")
# "&" followed by something a renderer would decode as a character reference.
_ENTITY_START = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Autolinks: a URL runs to the next space, angle or square bracket, quote or pipe; sentence
# punctuation at its end is not part of it (as GitHub's own linkifier decides).
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"  # a host name label, as CommonMark says
_URL = re.compile(r"(?:https?|ftp)://[^\s<>\"`|\[\]]+"
                  rf"|[A-Za-z0-9._%+-]+@{_LABEL}(?:\.{_LABEL})+(?![A-Za-z0-9-])")
# GFM also links "www.example.com" without a scheme; an escaped dot keeps it plain text.
_WWW = re.compile(r"(www)\.", re.IGNORECASE)
_URL_TRAILING = ".,;:!?)'\"*_~"
# Block starts that survive inline escaping (``*``, `` ` ``, ``~``, ``|``, ``_`` are already
# escaped everywhere; ``<`` and ``>`` are entities), and ordered list markers.
_BLOCK_START = re.compile(r"^(#|-|\+|=)")
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_HEADING_TRAILING = ".,;:!。，；：！"
# Unicode category Cc is exactly these 65 code points (tab among them).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SPACES = re.compile(r" {2,}")
_BACKTICKS = re.compile(r"`+")


def _without_controls(line: str) -> str:
    return strip_hidden(_CONTROL.sub("", line))


def _plain_lines(text: str) -> list[str]:
    """Lines of ``text`` without control characters, tabs or outer whitespace."""
    return [_without_controls(line.replace("\t", " ")).strip() for line in text.splitlines()]


def _escape_words(text: str) -> str:
    text = _ENTITY_START.sub("&amp;", text)
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _WWW.sub(r"\1\\.", text)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _trim_url(url: str) -> str:
    """Drop sentence punctuation after a URL; a ")" stays when it closes a "(" of the URL."""
    while url and url[-1] in _URL_TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def _escape_span(text: str) -> str:
    """Inline-escape one line, turning URLs and e-mail addresses into autolinks."""
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


def _escape_line_start(line: str) -> str:
    """Escape a marker that would make an (already inline-escaped) line start a block."""
    line = _BLOCK_START.sub(r"\\\1", line)
    return _ORDERED_START.sub(r"\1\\\2", line)


def _squeeze(text: str) -> str:
    # Runs of spaces mean nothing in Markdown; keep one so the source reads like the output.
    return _SPACES.sub(" ", text).strip()


def escape_inline(text: str) -> str:
    """One line of inline Markdown showing ``text`` literally; line breaks become spaces.

    Safe at the start of a list item or paragraph as well (block markers are escaped).
    """
    return _escape_line_start(_escape_span(_squeeze(" ".join(_plain_lines(text)))))


def escape_cell(text: str) -> str:
    """A GFM table cell showing ``text``: ``|`` escaped, line breaks as ``<br>``."""
    lines = [_escape_span(_squeeze(line)) for line in _plain_lines(text)]
    return "<br>".join(line for line in lines if line)


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
    return max((len(run) for run in _BACKTICKS.findall(text)), default=0)


def fenced(lines: list[str], info: str = "text") -> list[str]:
    """A fenced code block around ``lines``; the fence outlasts any backtick run inside."""
    body = [_plain_code_line(line) for line in lines]
    fence = "`" * max(3, longest_backtick_run("\n".join(body)) + 1)
    return [f"{fence}{info}", *body, fence]
