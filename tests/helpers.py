"""Helpers the Pilot tests share: what was stored, and what a widget shows."""

from __future__ import annotations

import json

from textual.geometry import Region
from textual.widget import Widget


def stored(library_dir, doc_id: str) -> dict:
    """The document as it is on disk (the TinyDB file holds it under postmortem/1)."""
    return json.loads((library_dir / f"{doc_id}.json").read_text("utf-8"))["postmortem"]["1"]


def shown(widget: Widget) -> str:
    """The text a widget shows, lines joined, spaces collapsed (wrapping does not matter)."""
    lines = widget.render_lines(Region(0, 0, *widget.outer_size))
    return " ".join(" ".join(strip.text for strip in lines).split())


async def focus_title(pilot) -> None:
    """Put the focus in stage 1's title, where tests about saving type: a postmortem opens on
    the stage strip, so that no key types into a field by surprise (issue 12)."""
    pilot.app.screen.query_one("#title").focus()
    await pilot.pause()
