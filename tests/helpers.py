"""Helpers the tests share: what was stored, what a widget shows, filling a field, and how many
examples a property test runs under the active Hypothesis profile."""

from __future__ import annotations

import json

from hypothesis import settings
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Input, TextArea


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


async def fill(pilot, text: str, field: Widget | str | None = None) -> None:
    """Put ``text`` into a field the way typing it would, as one edit instead of one key each.

    For setting up state where typing is not what is tested: a Pilot key press costs a whole
    refresh of the app, so a 40-character line costs 40 of them. The text goes where typed
    keys would go — over the selection, else at the cursor — through the field's public edit
    API, so the field's own rules (restrict, max length, read-only) and the app's Changed
    handlers run as they do for keys. ``field`` is a widget or a selector; by default the
    focused widget, which must be an Input or a TextArea.
    """
    if isinstance(field, str):
        field = pilot.app.screen.query_one(field)
    target = pilot.app.focused if field is None else field
    if not isinstance(target, (Input, TextArea)):
        raise AssertionError(f"fill() needs an Input or a TextArea, not {target!r}")
    if target.disabled or getattr(target, "read_only", False):
        raise AssertionError(f"{target!r} takes no typing (disabled or read-only)")
    target.replace(text, *sorted(target.selection))
    await pilot.pause()



def examples(full: int) -> int:
    """How many examples a property test with its own count runs: ``full`` under the full
    profile (``make test-full``), scaled down like every other count under the fast one
    (``make test``; the profiles are in conftest.py).

    An explicit ``max_examples`` overrides any profile, so a test that sets its own count
    passes it through here to scale with the profile like every other property test.
    """
    scale = settings.default.max_examples / settings.get_profile("full").max_examples
    return max(10, round(full * scale))


def settled(*keys: str, before=None, workers: bool = True):
    """The ``run_before`` of every snapshot test: optionally ``before(pilot)``, then the keys,
    then wait until the picture can no longer depend on timing — workers done, pending edits
    saved (the header says "saved", never "editing…"), no cursor blinking.

    ``workers=False`` for a dialog a worker waits on (that worker finishes only when the dialog
    is answered): a bounded number of refreshes instead of waiting for the workers, nothing
    flushed."""
    async def run_before(pilot) -> None:
        await pilot.pause()
        if before is not None:
            await before(pilot)
            await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        if workers:
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            pilot.app.flush_all()
        else:
            for _ in range(3):
                await pilot.pause()
        await pilot.pause()
        for widget in pilot.app.screen.query("Input, TextArea"):
            widget.cursor_blink = False
        await pilot.pause()
    return run_before
