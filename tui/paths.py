"""Paths as a person reads them on screen: ``~/…`` under the home folder (shorter at 80
columns, and the same words on every machine of the team)."""

from __future__ import annotations

from pathlib import Path


def display_path(path: Path | str) -> str:
    """``~`` for the home folder, ``~/…`` under it, any other path as it is. What is shown is
    still a path the app reads back: typed paths have ``~`` expanded."""
    path = Path(path)
    try:
        relative = path.relative_to(Path.home())
    except ValueError:
        return str(path)
    return "~" if str(relative) == "." else f"~/{relative}"
