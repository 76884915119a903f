"""Pictures at 80×24 of the presenter theme (issue 14, part 7) and of the meeting strip of a
running meeting; the theme's behaviour is tested in tests/tui/test_app_presenter.py."""

from __future__ import annotations

import pytest

from postmortem.demo import demo_document
from storage.library import Library
from tests.helpers import settled
from tui.app import create_app
from tui.clock import FixedClock

DEMO_ID = "demo-checkout-latency"


@pytest.fixture
def demo_library(library_dir):
    Library(library_dir).create(demo_document()).close()
    return library_dir


def test_presenter_theme_layout(snap_compare, demo_library):
    app = create_app(demo_library, DEMO_ID, clock=False, theme="presenter")
    assert snap_compare(app, terminal_size=(80, 24), run_before=settled())


def test_meeting_strip_layout(snap_compare, demo_library):
    """Stage 2 of a running meeting, 2 minutes over its timebox: the header's clock, the
    strip's figure in its colour, the one warning."""
    fake_clock = FixedClock()
    app = create_app(demo_library, DEMO_ID, clock=fake_clock)

    async def run_meeting(pilot):
        await pilot.press("f8", "f9")
        fake_clock.advance(minutes=17)
        pilot.app.screen.meeting_tick()
    assert snap_compare(app, terminal_size=(80, 24), run_before=settled(before=run_meeting))
