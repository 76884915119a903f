"""Layout snapshots of stage 2, timeline & impact (one line each; the clock is off)."""

from __future__ import annotations

import pytest

from postmortem.demo import demo_document
from storage.library import Library


@pytest.fixture
def demo(library_dir):
    Library(library_dir).create(demo_document()).close()
    return "demo-checkout-latency"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_stage_two_layout(snap_compare, demo, make_app, size):
    assert snap_compare(make_app(demo), terminal_size=size, press=["escape", "2", "down", "down"])


def test_stage_two_impact_view_at_80_columns(snap_compare, demo, make_app):
    assert snap_compare(make_app(demo), terminal_size=(80, 24), press=["escape", "2", "v"])


async def steady_cursor(pilot) -> None:
    """A blinking cursor is drawn or not depending on timing: keep it on."""
    await pilot.pause()
    await pilot.app.screen.action_stage(2)  # stage views are built when first shown
    pilot.app.screen.query_one("#timeline-entry").cursor_blink = False


def test_stage_two_entry_with_a_bad_time(snap_compare, demo, make_app):
    assert snap_compare(make_app(demo), terminal_size=(80, 24), run_before=steady_cursor,
                        press=["escape", "2", "a", *"25:61 rollback", "enter"])
