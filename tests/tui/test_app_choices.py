"""Pilot: chosen and not chosen read apart without colour (issue 12 item 5).

Boxes draw ``[x]``/``[ ]`` and radio options ``●``/``○``, the chosen label bold; a set without
focus highlights no option; every focusable widget shows a focus mark (a bar at its left edge)
that is a glyph, not a colour, so it survives ``NO_COLOR=1`` and a washed-out projector.
"""

from __future__ import annotations

import ast
from pathlib import Path

from rich.segment import Segment
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import RadioButton, RadioSet

from postmortem.factory import new_postmortem
from storage.library import Library
from helpers import shown, stored

ROOT = Path(__file__).resolve().parents[2]


def parts(widget: Widget) -> list[Widget]:
    """A radio set draws nothing itself: its buttons do."""
    return list(widget.query(RadioButton)) if isinstance(widget, RadioSet) else [widget]


def segments(widget: Widget) -> list[Segment]:
    return [segment for part in parts(widget)
            for strip in part.render_lines(Region(0, 0, *part.outer_size)) for segment in strip]


def text(widget: Widget) -> str:
    return " ".join(shown(part) for part in parts(widget))


def bold_text(widget: Widget) -> str:
    return " ".join("".join(s.text for s in segments(widget)
                            if s.style is not None and s.style.bold).split())


def left_edge(widget: Widget) -> str:
    lines = widget.render_lines(Region(0, 0, *widget.outer_size))
    return lines[0].text[:1] if lines else ""


def seed(library_dir) -> None:
    doc = new_postmortem("choices", "Queue backlog", "SEV2")
    doc.scope.sensitivity.security = True     # one box ticked, "Contains PII" not
    doc.scope.triggers = ["sev-incident"]
    Library(library_dir).create(doc).close()


async def test_boxes_and_options_read_without_colour_and_are_stored(library_dir, make_app):
    seed(library_dir)
    app = make_app("choices")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        pii, security = screen.query_one("#pii"), screen.query_one("#security")
        assert shown(pii) == "[ ] Contains PII"
        assert shown(security) == "[x] Contains security details"
        assert bold_text(security) == "[x] Contains security details" and bold_text(pii) == ""
        triggers = screen.query_one("#triggers")
        assert "[x] SEV incident" in shown(triggers)
        assert "[ ] Data-loss scare" in shown(triggers)
        assert "SEV incident" in bold_text(triggers) and "Data-loss" not in bold_text(triggers)
        depth = screen.query_one("#depth", RadioSet)
        assert text(depth) == "● Full ○ Lightweight"
        assert bold_text(depth) == "● Full"

        pii.focus()
        await pilot.press("space")
        await pilot.pause()
        assert shown(pii) == "▌[x] Contains PII" and "Contains PII" in bold_text(pii)
        depth.focus()
        await pilot.press("right", "enter")
        await pilot.pause()
        assert text(depth) == "○ Full ● Lightweight"
        await pilot.press("ctrl+q")
    data = stored(library_dir, "choices")
    assert data["scope"]["sensitivity"] == {"pii": True, "security": True}
    assert data["scope"]["depth"] == "lightweight"


async def test_an_unanswered_set_without_focus_highlights_nothing(library_dir, make_app):
    """"Data integrity: None" looked picked while nothing was chosen."""
    seed(library_dir)
    app = make_app("choices")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.screen.action_stage(2)
        await pilot.press("v")  # the impact form
        await pilot.pause()
        integrity = app.screen.query_one("#impact-data_integrity", RadioSet)
        assert not integrity.has_focus
        assert text(integrity) == "○ None ○ At risk ○ Lost"
        assert bold_text(integrity) == ""
        backgrounds = {s.style.bgcolor for s in segments(integrity)
                       if s.style is not None and s.text.strip()}
        assert len(backgrounds) == 1, backgrounds  # no option stands out
    assert stored(library_dir, "choices")["impact"]["data_integrity"] is None


async def test_every_focusable_widget_shows_a_focus_mark(library_dir, make_app):
    seed(library_dir)
    app = make_app("choices")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        checked = []
        for stage in range(1, 7):
            await app.screen.action_stage(stage)
            await pilot.pause()
            view = app.screen.query_one(f"#stage-{stage}")
            # Each widget in turn takes the focus from the one before, which must lose its
            # mark; the last gives it back to the strip.
            widgets = [w for w in view.query("*") if w.focusable and w.region.area]
            for before, widget in zip([None, *widgets], [*widgets, None]):
                (widget or app.screen.query_one("#stage-strip")).focus()
                await pilot.pause()
                if widget is not None:
                    assert left_edge(widget) == "▌", (stage, widget)
                    checked.append(type(widget).__name__)
                if before is not None:
                    assert left_edge(before) != "▌", (stage, before)
        assert {"TextField", "TickBox", "RadioSet", "TickList", "Select", "Button",
                "TextBox", "TimelineTable"} <= set(checked)


def test_no_screen_builds_a_toggle_that_draws_the_same_mark_either_way():
    """Textual's Checkbox, RadioButton and SelectionList draw "X"/"●" whether or not chosen;
    the app builds TickBox, ChoiceButton and TickList instead."""
    plain = {"Checkbox", "RadioButton", "SelectionList"}
    offenders = []
    for path in (ROOT / "tui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func.value if isinstance(node.func, ast.Subscript) else node.func
                if isinstance(func, ast.Name) and func.id in plain:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            if isinstance(node, ast.ClassDef):
                bases = {b.value.id if isinstance(b, ast.Subscript) else getattr(b, "id", "")
                         for b in node.bases}
                if bases & plain and path.name != "choices.py":
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
