"""Text wrapped the way Chinese is set: a line may end between two Chinese characters, not
only at a space.

Rich and Textual wrap at spaces only, so a Chinese sentence is one long "word" to them: a line
holding "设为 800" and then a sentence too long for the rest of it ends after "800" half empty,
and the sentence starts the next line. Here a line breaks at a space or beside any double-width
character, except before closing punctuation (，。）…, never at a line's start) and after
opening punctuation (（“…, never at a line's end). English text breaks where Rich breaks it.

Not the full Unicode line-breaking algorithm (UAX #14): its Python implementation on PyPI,
uniseg 0.10, breaks these texts the same way but took 80 µs a character and 40 ms to import
(measured), and the action board wraps every item of every column at each redraw.
"""

from __future__ import annotations

import re

from rich.cells import cell_len, split_graphemes
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

# Never at the start of a line (they close what comes before them) / never at its end.
CLOSING = frozenset("，。、；：？！）」』”’》〉】〕］｝…—%,.;:?!)]}")
OPENING = frozenset("（「『“‘《〈【〔［｛([{")

# Pieces end at white space, except a no-break space, which holds "按 p" together.
_PIECE = re.compile(r"(?:\S|\u00a0)+[^\S\u00a0]*|[^\S\u00a0]+")


def _units(text: str) -> list[str]:
    """``text`` cut where a line may break; each unit keeps the spaces that follow it."""
    units: list[str] = []
    for piece in _PIECE.findall(text):
        current = ""
        for char in piece:
            wide = cell_len(char) == 2
            previous_wide = bool(current) and cell_len(current[-1]) == 2
            if current and not char.isspace() and (wide or previous_wide) \
                    and char not in CLOSING and current[-1] not in OPENING:
                units.append(current)
                current = ""
            current += char
        if current:
            units.append(current)
    # Closing punctuation after a space (rare) still stays with what it closes.
    merged: list[str] = []
    for unit in units:
        if merged and unit[0] in CLOSING and not merged[-1][-1].isspace():
            merged[-1] += unit
        else:
            merged.append(unit)
    return merged


def line_starts(text: str, width: int) -> list[int]:
    """Offsets in ``text`` (one paragraph, no newline) where its lines after the first start,
    for lines of at most ``width`` cells. A unit wider than a line is cut by grapheme."""
    starts: list[int] = []
    used = 0
    offset = 0
    for unit in _units(text):
        body = cell_len(unit.rstrip())
        if used and used + body > width:
            starts.append(offset)
            used = 0
        if body > width:
            spans, _ = split_graphemes(unit)
            for start, _end, size in spans:
                if used and used + size > width and not unit[start].isspace():
                    starts.append(offset + start)
                    used = 0
                used += size
        else:
            used += cell_len(unit)
        offset += len(unit)
    return starts


class CellWrapped:
    """A Rich renderable: ``text`` (a ``Text`` or ``str``) wrapped by ``line_starts``, styles
    kept. Usable in a Static and in a Rich table cell."""

    def __init__(self, text: Text | str) -> None:
        self.text = text if isinstance(text, Text) else Text(text)

    def lines(self, width: int) -> list[Text]:
        lines: list[Text] = []
        for paragraph in self.text.split("\n", allow_blank=True):
            for line in paragraph.divide(line_starts(paragraph.plain, max(1, width))):
                line.rstrip()
                lines.append(line)
        return lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines(options.max_width):
            line.no_wrap, line.end = True, "\n"
            yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        plain = self.text.plain
        longest_unit = max((cell_len(unit.rstrip()) for unit in _units(plain)), default=0)
        longest_line = max((cell_len(line) for line in plain.split("\n")), default=0)
        return Measurement(min(longest_unit, options.max_width),
                           min(longest_line, options.max_width))


class CellWrappedContent(Visual):
    """Textual ``Content`` wrapped by ``line_starts``: its styles and theme variables kept
    ($foreground-muted and the like, which a Rich ``Text`` cannot hold). For option lists and
    other places that take a Textual visual. ``tail`` (a short note such as where an item is
    fixed) is never cut: it ends the last line if it fits there, else starts a line."""

    def __init__(self, content: Content, tail: Content | None = None) -> None:
        self.content, self.tail = content, tail

    @staticmethod
    def _wrap(content: Content, width: int) -> list[Content]:
        lines: list[Content] = []
        for paragraph in content.split("\n", allow_blank=True):
            lines += [line.rstrip()
                      for line in paragraph.divide(line_starts(paragraph.plain, width))]
        return lines

    def lines(self, width: int) -> Content:
        width = max(1, width)
        lines = self._wrap(self.content, width)
        if self.tail is not None:
            if lines and lines[-1].cell_length + self.tail.cell_length <= width:
                lines[-1] += self.tail
            else:
                plain = self.tail.plain
                lines += self._wrap(self.tail[len(plain) - len(plain.lstrip()):], width)
        return Content("\n").join(lines)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        whole = self.content if self.tail is None else self.content + self.tail
        return whole.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.lines(width).get_height(rules, width)

    def render_strips(self, width: int, height: int | None, style: Style,
                      options: RenderOptions) -> list[Strip]:
        return self.lines(width).render_strips(width, height, style, options)
