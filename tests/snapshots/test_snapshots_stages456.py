"""Layout snapshots of stages 4–6 on the demo postmortem (fixed today, clock off, no blink)."""

from __future__ import annotations

from datetime import date

import pytest

from postmortem.demo import demo_document
from storage.library import Library
from tui.stages.actions import clock as actions_clock
from helpers import settled

SIZES = [(80, 24), (120, 40)]
TODAY = date(2026, 3, 25)   # a3 (open, due 2026-03-24) is overdue; a2 is done


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(actions_clock, "today", lambda: TODAY)


@pytest.fixture
def demo(library_dir):
    Library(library_dir).create(demo_document()).close()
    return "demo-checkout-latency"


@pytest.fixture
def sparse(library_dir):
    """Security details, no customer summary wanted, no meeting date, nothing written yet."""
    doc = demo_document()
    doc.id = "sparse"
    doc.meeting_at = None
    doc.scope.customer_facing = False
    doc.scope.sensitivity.security = True
    doc.communication.internal_summary = doc.communication.customer_summary = ""
    doc.communication.follow_ups = []
    Library(library_dir).create(doc).close()
    return "sparse"


@pytest.mark.parametrize("size", SIZES)
def test_lessons_layout(snap_compare, demo, make_app, size):
    assert snap_compare(make_app(demo), terminal_size=size, run_before=settled("escape", "4"))


@pytest.mark.parametrize("size", SIZES)
def test_action_board_layout(snap_compare, demo, make_app, size):
    assert snap_compare(make_app(demo), terminal_size=size, run_before=settled("escape", "5"))


def test_action_table_layout(snap_compare, demo, make_app):
    assert snap_compare(make_app(demo), terminal_size=(120, 40),
                        run_before=settled("escape", "5", "v"))


def test_new_action_with_findings(snap_compare, demo, make_app):
    assert snap_compare(make_app(demo), terminal_size=(80, 24),
                        run_before=settled("escape", "5", "a", *"Add monitoring"))


def test_cause_picker(snap_compare, demo, make_app):
    assert snap_compare(make_app(demo), terminal_size=(80, 24),
                        run_before=settled("escape", "5", "c"))


@pytest.mark.parametrize("size", SIZES)
def test_communication_layout(snap_compare, demo, make_app, size):
    assert snap_compare(make_app(demo), terminal_size=size, run_before=settled("escape", "6"))


def test_communication_security_without_meeting(snap_compare, sparse, make_app):
    assert snap_compare(make_app(sparse), terminal_size=(80, 24), run_before=settled("escape", "6"))
