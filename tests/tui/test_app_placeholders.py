"""Every hint in an empty field is read whole, at 80×24 and at 120×40 (issue 12's look at every
screen: "e.g. a participan", "2026-04-01, or from today:" and half a problem-statement example
were what a new facilitator saw in the empty fields of a new postmortem)."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.widgets import Input


def cut_hints(app, where: str) -> list[str]:
    """Empty fields on screen whose placeholder is wider than the field."""
    return [f"{where} #{field.id}: {field.placeholder!r} in {field.content_region.width} cells"
            for field in app.screen.query(Input)
            if field.display and field.is_on_screen and not field.value and field.placeholder
            and cell_len(field.placeholder) >= field.content_region.width]   # the cursor too


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_no_empty_field_cuts_its_hint(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        cut: list[str] = []
        await pilot.press("n")
        await pilot.pause()
        cut += cut_hints(app, "new postmortem")
        await pilot.press(*"Edge errors", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        steps = [("stage 1", ()), ("stage 2", ("alt+2", "a")), ("impact", ("escape", "v")),
                 ("stage 3", ("alt+3", "a")), ("stage 4", ("escape", "alt+4", "a")),
                 ("stage 5", ("escape", "alt+5", "a")), ("stage 6", ("escape", "alt+6", "f"))]
        for where, keys in steps:
            await pilot.press(*keys)
            await app.workers.wait_for_complete()
            await pilot.pause()
            cut += cut_hints(app, where)
        assert cut == []
