"""Text in terminal cells, for the plain-text tables of the command line (``stats``,
``actions``) and the texts a one-line message quotes: a Chinese character takes two cells, so
``len``, ``ljust``, ``:>5`` and ``text[:40]`` would misalign the columns and cut where a
reader does not expect it (40 Chinese characters are 80 cells)."""

from __future__ import annotations

from rich.cells import cell_len


def pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` cells (on the left when ``right``); longer
    text is left whole."""
    padding = " " * max(0, width - cell_len(text))
    return padding + text if right else text + padding


def cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells: whole, or its first characters and "…"."""
    if cell_len(text) <= width:
        return text
    kept, used = [], 0
    for character in text:
        size = cell_len(character)
        if used + size > width - 1:
            break
        kept.append(character)
        used += size
    return "".join(kept) + "…"


# A text quoted in a one-line message ("Deleted 14:05 “…”. Press u to undo.") keeps at most
# this many cells: with its sentence around it, the message fits the status line at 80 columns
# in either language, the key that undoes it included.
QUOTED_CELLS = 40


def quoted(text: str, width: int = QUOTED_CELLS) -> str:
    """``text`` as a one-line message quotes it: at most ``width`` cells, "…" where cut."""
    return cut(text, width)
