"""Measuring the fishbone's text in terminal cells: one clean line, cut or wrapped to a width.

Widths are grapheme- and wide-character-aware through ``rich.cells`` (CJK takes two cells,
an emoji sequence is one grapheme); long text is cut with "…".
"""

from __future__ import annotations

import unicodedata

from rich.cells import cell_len, split_graphemes

from postmortem.hidden_text import strip_hidden

# The diagram never shows more than a few hundred cells of one text; anything past this many
# characters can only be cut off, and cleaning or wrapping it would cost time on every key.
_LONGEST_SHOWN = 2000

# What ``clean`` drops: the control characters (Unicode category Cc, all below U+0100) that
# are not white space; a table for ``str.translate``, which drops them in one pass.
_CONTROLS = {code: None for code in range(0x100)
             if unicodedata.category(chr(code)) == "Cc" and not chr(code).isspace()}


def clean(text: str) -> str:
    """One line of printable text: line breaks and tabs become spaces, controls go, and so
    do bidi controls and zero-width characters (``hidden_text.strip_hidden``), which would
    reorder a terminal line or hide in it (the app marks them first where it shows text)."""
    kept = text[:_LONGEST_SHOWN].translate(_CONTROLS)
    return " ".join(strip_hidden(kept).split())


def graphemes(text: str) -> list[tuple[str, int]]:
    """Each grapheme of ``text`` with its width in cells."""
    spans, _ = split_graphemes(text)
    return [(text[start:end], width) for start, end, width in spans]


def truncate(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` cells, ending in "…" when something was cut."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    out, used = [], 0
    for grapheme, size in graphemes(text):
        if used + size > width - 1:
            break
        out.append(grapheme)
        used += size
    return "".join(out).rstrip() + "…"


def wrap(text: str, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap by cells; words longer than a line (CJK runs, URLs) are split."""
    if width <= 0:
        return [""]
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if cell_len(candidate) <= width:
            current = candidate
            continue
        if cell_len(word) <= width or not current or cell_len(current) + 2 > width:
            # Start the word on a new line (a long word fills the previous line's rest only
            # when it cannot fit on a line of its own anyway, as with CJK runs).
            if current:
                lines.append(current)
            current = ""
        else:
            current += " "
        for grapheme, size in graphemes(word):
            if cell_len(current) + size > width:
                lines.append(current)
                current = ""
            current += grapheme
    lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines - 1] + [truncate(" ".join(lines[max_lines - 1:]), width)]
    return lines
