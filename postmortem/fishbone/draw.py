"""Drawing the fishbone (Ishikawa) diagram of stage 3.

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

from math import ceil

from postmortem.fishbone.measure import cell_len, clean, graphemes, truncate, wrap
from postmortem.i18n import t
from postmortem.model import FishboneCategory, Postmortem


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
        for grapheme, size in graphemes(text):
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
