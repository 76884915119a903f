"""Building blocks shared by the internal and the customer-facing Markdown.

A document is a list of blocks (lists of lines); ``join_blocks`` puts exactly one blank line
between blocks and one newline at the end, which is what markdownlint asks for (blank lines
around headings, lists, tables and code blocks; a single trailing newline). Only text that the
export writes itself is passed unescaped; anything a user typed goes through ``escape``.
"""

from __future__ import annotations

from postmortem import times
from postmortem.i18n import t
from postmortem.markdown.escape import escape_cell, escape_heading, escape_paragraph
from postmortem.model import Event

Block = list[str]


class Document:
    """Blocks in order; headings, tables, lists and paragraphs each make one block."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []

    def heading(self, level: int, text: str) -> None:
        """A heading of our own wording (already safe) — user text goes through ``user_heading``."""
        self.blocks.append([f"{'#' * level} {text}"])

    def user_heading(self, level: int, text: str, fallback: str) -> None:
        self.heading(level, escape_heading(text) or fallback)

    def paragraph(self, markdown: str) -> None:
        if markdown:
            self.blocks.append(markdown.split("\n"))

    def text_or_none(self, text: str) -> None:
        """The user's free text as paragraphs, or "None recorded."."""
        self.paragraph(escape_paragraph(text) or t("export.none"))

    def bullets(self, items: list[str]) -> None:
        """A bullet list of already-escaped items; "None recorded." when there are none."""
        if items:
            self.blocks.append([f"- {item}" for item in items])
        else:
            self.paragraph(t("export.none"))

    def lines(self, lines: list[str]) -> None:
        """A block written as is (a nested list, a code block)."""
        if lines:
            self.blocks.append(list(lines))

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        """A GFM table; ``header`` is our wording, cells are already escaped."""
        self.blocks.append([table_row(header), table_rule(len(header)),
                            *(table_row(cells) for cells in _checked(header, rows))])

    def render(self) -> str:
        return join_blocks(self.blocks)


def table_row(cells: list[str]) -> str:
    return "|" + "|".join(spaced(cell) for cell in cells) + "|"


def spaced(cell: str) -> str:
    """A cell between its pipes: " text ", or " " when empty — markdownlint's MD060 (compact
    style) refuses the two spaces of "|  |"."""
    return f" {cell} " if cell else " "


def table_rule(columns: int) -> str:
    return "| " + " | ".join(["---"] * columns) + " |"


def _checked(header: list[str], rows: list[list[str]]) -> list[list[str]]:
    for cells in rows:
        if len(cells) != len(header):
            raise AssertionError("a table row must have as many cells as the header")
    return rows


def join_blocks(blocks: list[Block]) -> str:
    text = "\n\n".join("\n".join(line.rstrip() for line in block) for block in blocks if block)
    return text.rstrip("\n") + "\n"


def cell(text: str) -> str:
    """A table cell for user text; empty text shows as "—" so no cell looks broken."""
    return escape_cell(text) or t("export.empty_value")


def label(group: str, value: str | None) -> str:
    """The display label of an enumeration value (``export.<group>.<value>``); "—" for none."""
    if value is None:
        return t("export.empty_value")
    return t(f"export.{group}.{value}")


def yes_no(value: bool | None) -> str:
    if value is None:
        return t("export.not_recorded")
    return t("export.yes") if value else t("export.no")


def joined(values: list[str]) -> str:
    """A cell listing several user values (tags, participants)."""
    return t("export.list_separator").join(escape_cell(v) for v in values if v.strip()) \
        or t("export.empty_value")


def timeline_times(events: list[Event]) -> list[str]:
    """The time column: date and time on the first row and whenever the date changes."""
    shown, previous_day = [], None
    for event in events:
        day = times.in_utc(event.at).date()
        shown.append(times.show_datetime(event.at) if day != previous_day
                     else times.format_time_hm(event.at))
        previous_day = day
    return shown
