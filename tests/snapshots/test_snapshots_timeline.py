"""Layout snapshots of stage 2, timeline & impact (one line each; the clock is off)."""

from __future__ import annotations

import pytest

from postmortem.demo import demo_document
from storage.library import Library
from helpers import settled


@pytest.fixture
def demo(library_dir):
    Library(library_dir).create(demo_document()).close()
    return "demo-checkout-latency"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_stage_two_layout(snap_compare, demo, make_app, size):
    assert snap_compare(make_app(demo), terminal_size=size,
                        run_before=settled("escape", "2", "down", "down"))


def test_stage_two_impact_view_at_80_columns(snap_compare, demo, make_app):
    assert snap_compare(make_app(demo), terminal_size=(80, 24),
                        run_before=settled("escape", "2", "v"))


def test_stage_two_entry_with_a_bad_time(snap_compare, demo, make_app):
    assert snap_compare(make_app(demo), terminal_size=(80, 24),
                        run_before=settled("escape", "2", "a", *"25:61 rollback", "enter"))
