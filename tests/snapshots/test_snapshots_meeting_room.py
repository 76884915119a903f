"""Layout snapshots of the meeting room (issue 14, parts 2 and 3) on the demo postmortem:
stage 2 with the questions card (F3) and the parking lot (F11) open, and the preamble read
aloud (Ctrl+R). Fixed today, clock off, no blink."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from postmortem import parking
from postmortem.demo import demo_document
from storage.library import Library
from tui.stages.actions import clock as actions_clock
from helpers import settled

SIZES = [(80, 24), (120, 40)]
TODAY = date(2026, 3, 25)
RAISED = datetime(2026, 3, 9, 15, 12, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(actions_clock, "today", lambda: TODAY)


@pytest.fixture
def parked(library_dir):
    doc = demo_document()
    first = parking.park(doc, "Ask the storage vendor about snapshot limits", 2, RAISED)
    parking.park(doc, "Rename the cache dashboards", 3, RAISED)
    parking.keep_as_idea(doc, first.id)
    Library(library_dir).create(doc).close()
    return doc.id


@pytest.mark.parametrize("size", SIZES)
def test_questions_and_parking_lot_layout(snap_compare, parked, make_app, size):
    assert snap_compare(make_app(parked), terminal_size=size,
                        run_before=settled("escape", "2", "f3", "f11"))


def test_preamble_layout(snap_compare, parked, make_app):
    assert snap_compare(make_app(parked), terminal_size=(80, 24), run_before=settled("ctrl+r"))
