"""The fishbone (Ishikawa) view of stage 3: category and cause operations, and the diagram.

``render_fishbone(doc, width)`` draws the diagram as plain lines of text, reused by the TUI and
inside a code block of the Markdown export. Layout:

- the problem statement sits in a box at the right (the fish's head), joined by the spine;
- categories alternate above and below the spine (1st above, 2nd below, …), each a diagonal
  bone (``╲`` above, ``╱`` below) with its name at the far end and its causes as short ribs
  (``╲─◆ cause``) along it; the legend line says what the markers mean;
- when the categories do not fit side by side (at least ``MIN_COLUMN`` cells per bone), the
  bones wrap into several bands stacked vertically, whose spines join a trunk (``┐ ┤ ┴``)
  that leads into the head, so there is still one fish;
- a bone shows at most ``MAX_CAUSES_SHOWN`` ribs (the rest as "+N more"); the full list is in
  the cause table of the export and in the editor.

Every line fits ``width`` terminal cells (grapheme- and wide-character-aware through
``rich.cells``); long text is cut with "…" rather than pushing the drawing out of shape.
Lines carry no trailing spaces and the output depends only on the document and the width.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from math import ceil

from rich.cells import cell_len, split_graphemes

from postmortem.hidden_text import strip_hidden
from postmortem.i18n import t
from postmortem.model import Cause, FishboneCategory, Postmortem
from postmortem.whys import (DetachedReferences, check_restorable, cycle_role,  # noqa: F401
                             detach_references, reattach_references, set_role)

# Catalogue keys of the default categories: the names are document data once added, but the
# defaults come from the catalogue so a translation can offer its own.
DEFAULT_CATEGORY_KEYS = (
    "fishbone.category.process", "fishbone.category.tooling", "fishbone.category.technology",
    "fishbone.category.environment", "fishbone.category.monitoring", "fishbone.category.people",
)


def default_categories() -> tuple[str, ...]:
    """The default category names in the current language."""
    return tuple(t(key) for key in DEFAULT_CATEGORY_KEYS)


def __getattr__(name: str) -> object:
    # DEFAULT_CATEGORIES is looked up when used, so it follows the current language.
    if name == "DEFAULT_CATEGORIES":
        return default_categories()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class FishboneError(ValueError):
    """A fishbone edit that cannot be done; str() is one sentence for the user."""


class InvalidCategoryName(FishboneError):
    pass


class UnknownCategory(FishboneError):
    def __init__(self, index: int) -> None:
        super().__init__(t("fishbone.error.unknown_category", number=index + 1))


class UnknownCause(FishboneError):
    def __init__(self, cause_id: str) -> None:
        super().__init__(t("fishbone.error.unknown_cause", id=cause_id))


# Categories ------------------------------------------------------------------------------


def _category(doc: Postmortem, index: int) -> FishboneCategory:
    if not 0 <= index < len(doc.analysis.fishbone):
        raise UnknownCategory(index)
    return doc.analysis.fishbone[index]


def _checked_name(doc: Postmortem, name: str, except_index: int | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise InvalidCategoryName(t("fishbone.error.empty_name"))
    for i, category in enumerate(doc.analysis.fishbone):
        if i != except_index and category.category.casefold() == name.casefold():
            raise InvalidCategoryName(t("fishbone.error.duplicate_name", name=name))
    return name


def add_category(doc: Postmortem, name: str) -> FishboneCategory:
    """A new, empty category at the end; refuses an empty name or one already used."""
    category = FishboneCategory(category=_checked_name(doc, name))
    doc.analysis.fishbone.append(category)
    return category


def add_default_categories(doc: Postmortem) -> list[FishboneCategory]:
    """Add each default category that is not there yet (for a fresh fishbone)."""
    present = {c.category.casefold() for c in doc.analysis.fishbone}
    return [add_category(doc, name) for name in default_categories() if name.casefold() not in present]


def rename_category(doc: Postmortem, index: int, name: str) -> None:
    category = _category(doc, index)
    category.category = _checked_name(doc, name, except_index=index)


@dataclass(slots=True)
class RemovedCategory:
    """What ``remove_category`` removed: enough for ``restore`` to put it back exactly."""

    index: int
    category: FishboneCategory
    references: DetachedReferences


def remove_category(doc: Postmortem, index: int) -> RemovedCategory:
    """Remove a category with its causes, and the actions' references to those causes."""
    category = _category(doc, index)
    del doc.analysis.fishbone[index]
    detached = detach_references(doc, {c.id for c in category.causes})
    return RemovedCategory(index, category, detached)


# Causes ----------------------------------------------------------------------------------


def find_cause(doc: Postmortem, cause_id: str) -> tuple[int, int]:
    """(category index, cause index) of a cause; raises ``UnknownCause``."""
    for ci, category in enumerate(doc.analysis.fishbone):
        for i, cause in enumerate(category.causes):
            if cause.id == cause_id:
                return ci, i
    raise UnknownCause(cause_id)


def add_cause(doc: Postmortem, category_index: int, text: str = "", role: str | None = None) -> Cause:
    """A new cause at the end of a category, with a fresh id (``c<n>``)."""
    category = _category(doc, category_index)
    cause = Cause(id=doc.next_id("c"), text=text)
    set_role(cause, role)
    category.causes.append(cause)
    return cause


def move_cause(doc: Postmortem, cause_id: str, step: int) -> bool:
    """Move a cause up (-1) or down (+1) within its category; False at either end."""
    ci, i = find_cause(doc, cause_id)
    causes = doc.analysis.fishbone[ci].causes
    j = i + step
    if not 0 <= j < len(causes):
        return False
    causes[i], causes[j] = causes[j], causes[i]
    return True


def move_cause_to_category(doc: Postmortem, cause_id: str, category_index: int) -> bool:
    """Move a cause to the end of another category; False when it is already there."""
    target = _category(doc, category_index)
    ci, i = find_cause(doc, cause_id)
    if ci == category_index:
        return False
    target.causes.append(doc.analysis.fishbone[ci].causes.pop(i))
    return True


@dataclass(slots=True)
class RemovedCause:
    """What ``remove_cause`` removed: enough for ``restore`` to put it back exactly."""

    category_index: int
    index: int
    cause: Cause
    references: DetachedReferences


def remove_cause(doc: Postmortem, cause_id: str) -> RemovedCause:
    """Remove one cause and the actions' references to it."""
    ci, i = find_cause(doc, cause_id)
    cause = doc.analysis.fishbone[ci].causes.pop(i)
    return RemovedCause(ci, i, cause, detach_references(doc, {cause_id}))


def restore(doc: Postmortem, removed: RemovedCategory | RemovedCause) -> None:
    """Undo ``remove_category`` or ``remove_cause`` (the most recent removal first)."""
    restored = removed.category.causes if isinstance(removed, RemovedCategory) else [removed.cause]
    check_restorable(doc, [c.id for c in restored])
    fishbone = doc.analysis.fishbone
    if isinstance(removed, RemovedCategory):
        fishbone.insert(min(removed.index, len(fishbone)), removed.category)
    else:
        causes = _category(doc, removed.category_index).causes
        causes.insert(min(removed.index, len(causes)), removed.cause)
    reattach_references(doc, removed.references)


# Text measuring --------------------------------------------------------------------------

# The diagram never shows more than a few hundred cells of one text; anything past this many
# characters can only be cut off, and cleaning or wrapping it would cost time on every key.
_LONGEST_SHOWN = 2000


def clean(text: str) -> str:
    """One line of printable text: line breaks and tabs become spaces, controls go, and so
    do bidi controls and zero-width characters (``hidden_text.strip_hidden``), which would
    reorder a terminal line or hide in it (the app marks them first where it shows text)."""
    kept = "".join(ch for ch in text[:_LONGEST_SHOWN]
                   if unicodedata.category(ch) != "Cc" or ch.isspace())
    return " ".join(strip_hidden(kept).split())


def _graphemes(text: str) -> list[tuple[str, int]]:
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
    for grapheme, size in _graphemes(text):
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
        for grapheme, size in _graphemes(word):
            if cell_len(current) + size > width:
                lines.append(current)
                current = ""
            current += grapheme
    lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines - 1] + [truncate(" ".join(lines[max_lines - 1:]), width)]
    return lines


class _Canvas:
    """A sparse grid of cells; a wide character takes its cell and a placeholder ("")."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.rows: dict[int, list[str]] = {}

    def _row(self, y: int) -> list[str]:
        return self.rows.setdefault(y, [" "] * self.width)

    def _clear(self, cells: list[str], x: int) -> None:
        # Never leave half of a wide character behind.
        if cells[x] == "" and x > 0:
            cells[x - 1] = " "
        if x + 1 < self.width and cells[x + 1] == "":
            cells[x + 1] = " "
        cells[x] = " "

    def put(self, y: int, x: int, text: str, limit: int | None = None) -> None:
        """Write ``text`` from cell ``x``; nothing is drawn at or past ``limit``."""
        limit = self.width if limit is None else min(limit, self.width)
        cells = self._row(y)
        for grapheme, size in _graphemes(text):
            if size == 0:
                continue
            if x < 0 or x + size > limit:
                break
            for k in range(size):
                self._clear(cells, x + k)
            cells[x] = grapheme
            for k in range(1, size):
                cells[x + k] = ""
            x += size

    def lines(self) -> list[str]:
        if not self.rows:
            return []
        top, bottom = min(self.rows), max(self.rows)
        return ["".join(self.rows.get(y, [])).rstrip() for y in range(top, bottom + 1)]


# The diagram -----------------------------------------------------------------------------

MARKERS = {"root-cause": "◆", "contributing": "◇", None: "•"}
MIN_COLUMN = 18        # cells per bone before the bones wrap into another band
MAX_CAUSES_SHOWN = 6   # ribs per bone; beyond, the last rib says "+N more"
HEAD_MIN, HEAD_MAX = 14, 44
HEAD_MAX_LINES = 4


def _head_width(problem: str, width: int) -> int:
    widest = min(HEAD_MAX, max(HEAD_MIN, width // 4))
    if width < 2 * HEAD_MIN + 6:  # very narrow: keep some spine
        widest = max(5, width // 2)
    return min(widest, max(min(HEAD_MIN, widest), cell_len(problem) + 4))


def _ribs(category: FishboneCategory) -> list[str]:
    """The rib texts of one bone: marker and text per cause, at most MAX_CAUSES_SHOWN."""
    ribs = [f"{MARKERS.get(c.role, MARKERS[None])} {clean(c.text) or t('fishbone.untitled_cause')}"
            for c in category.causes]
    if len(ribs) > MAX_CAUSES_SHOWN:
        hidden = len(ribs) - (MAX_CAUSES_SHOWN - 1)
        ribs = ribs[:MAX_CAUSES_SHOWN - 1] + [t("fishbone.more_causes", count=hidden)]
    return ribs


def _bone_height(categories: list[FishboneCategory]) -> int:
    if not categories:
        return 0
    # As many ribs as _ribs draws (the last of MAX_CAUSES_SHOWN says "+N more"), not drawn.
    return max(2, max(min(len(c.causes), MAX_CAUSES_SHOWN) for c in categories) + 1)


def _draw_upper(canvas: _Canvas, spine: int, x0: int, colw: int, height: int,
                category: FishboneCategory) -> None:
    limit = x0 + colw - 1  # one blank cell between bones
    top = spine - height
    canvas.put(top - 1, x0, truncate(clean(category.category), colw - 1), limit)
    ribs = _ribs(category)
    for r in range(height):
        canvas.put(top + r, x0 + r, "╲", limit)
        if r < len(ribs):
            _draw_rib(canvas, top + r, x0 + r + 1, ribs[r], limit)


def _draw_rib(canvas: _Canvas, y: int, x: int, rib: str, limit: int) -> None:
    room = limit - (x + 1)
    if room >= 2:  # a marker and at least "…"; otherwise the bone stays bare
        canvas.put(y, x, "─" + truncate(rib, room), limit)


def _draw_lower(canvas: _Canvas, spine: int, x0: int, colw: int, height: int,
                category: FishboneCategory) -> None:
    limit = x0 + colw - 1
    ribs = _ribs(category)
    first_rib = height - len(ribs)  # ribs sit at the far end, next to the name, as above
    for r in range(height):
        x = x0 + height - 1 - r
        canvas.put(spine + 1 + r, x, "╱", limit)
        if r >= first_rib:
            _draw_rib(canvas, spine + 1 + r, x + 1, ribs[r - first_rib], limit)
    canvas.put(spine + height + 1, x0, truncate(clean(category.category), colw - 1), limit)


def _draw_head(canvas: _Canvas, spine: int, box_x: int, head_w: int, problem: str) -> int:
    """Draw the problem box joined to the spine row; returns its bottom row."""
    inner = head_w - 4
    text = wrap(problem, inner, HEAD_MAX_LINES)
    top = spine - 1 - (len(text) - 1) // 2
    canvas.put(top, box_x, "┌" + "─" * (head_w - 2) + "┐")
    for i, line in enumerate(text):
        y = top + 1 + i
        left = "┤" if y == spine else "│"
        padding = " " * (inner - cell_len(line))
        canvas.put(y, box_x, f"{left} {line}{padding} │")
    bottom = top + len(text) + 1
    canvas.put(bottom, box_x, "└" + "─" * (head_w - 2) + "┘")
    return bottom


def _legend(width: int) -> list[str]:
    """What the markers mean, the items kept whole and wrapped onto more lines when narrow."""
    items = [t(f"fishbone.legend.{key}", marker=MARKERS[role])
             for key, role in (("root", "root-cause"), ("contributing", "contributing"), ("unmarked", None))]
    lines: list[str] = []
    for item in items:
        if lines and cell_len(lines[-1] + "   " + item) <= width:
            lines[-1] += "   " + item
        else:
            lines.append(truncate(item, width))
    return lines


def render_fishbone(doc: Postmortem, width: int) -> list[str]:
    """The fishbone diagram of ``doc`` as lines of at most ``width`` cells (see module doc)."""
    width = max(1, width)
    canvas = _Canvas(width)
    problem = clean(doc.analysis.problem) or t("fishbone.no_problem")
    categories = doc.analysis.fishbone
    head_w = _head_width(problem, width)
    box_x = width - head_w
    trunk_x = box_x - 2
    area = max(1, box_x - 3)  # the bones' columns; room for the trunk when the bones wrap

    pairs = ceil(len(categories) / 2)
    per_band = max(1, min(area // MIN_COLUMN, pairs))
    colw = max(1, area // per_band)
    bands = [categories[i:i + 2 * per_band] for i in range(0, len(categories), 2 * per_band)] or [[]]

    y = 0
    spines: list[int] = []
    for band in bands:
        upper, lower = band[0::2], band[1::2]
        up_h, low_h = _bone_height(upper), _bone_height(lower)
        spine = y + (1 + up_h if upper else 0)
        spines.append(spine)
        for column, category in enumerate(upper):
            _draw_upper(canvas, spine, column * colw, colw, up_h, category)
        for column, category in enumerate(lower):
            _draw_lower(canvas, spine, column * colw, colw, low_h, category)
        y = spine + 1 + (low_h + 1 if lower else 0) + 1  # a blank line between bands

    last = spines[-1]
    if len(spines) == 1:
        canvas.put(last, 0, "─" * box_x)
    else:
        for number, spine in enumerate(spines):
            if spine == last:
                canvas.put(spine, 0, "─" * trunk_x + "┴" + "─" * (box_x - trunk_x - 1))
            else:
                canvas.put(spine, 0, "─" * trunk_x + ("┐" if number == 0 else "┤"))
        for row in range(spines[0] + 1, last):
            if row not in spines:
                canvas.put(row, trunk_x, "│")
    bottom = _draw_head(canvas, last, box_x, head_w, problem)

    below = max(bottom, max(canvas.rows)) + 2
    if not categories:
        canvas.put(below, 0, truncate(t("fishbone.no_categories"), width))
    else:
        for offset, line in enumerate(_legend(width)):
            canvas.put(below + offset, 0, line)
    return canvas.lines()
