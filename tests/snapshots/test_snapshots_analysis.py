"""Layout snapshots of stage 3 on the demo postmortem (one line each; the clock is off)."""

from __future__ import annotations

import pytest

from postmortem.demo import demo_document
from storage.library import Library
from helpers import settled

SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def demo(library_dir):
    Library(library_dir).create(demo_document()).close()
    return "demo-checkout-latency"


@pytest.mark.parametrize("size", SIZES)
def test_whys_tree_layout(snap_compare, demo, make_app, size):
    assert snap_compare(make_app(demo), terminal_size=size, run_before=settled("escape", "3"))


@pytest.mark.parametrize("size", SIZES)
def test_fishbone_layout(snap_compare, demo, make_app, size):
    assert snap_compare(make_app(demo), terminal_size=size, run_before=settled("escape", "3", "t"))


def test_fishbone_diagram_alone_layout(snap_compare, demo, make_app):
    assert snap_compare(make_app(demo), terminal_size=(80, 24),
                        run_before=settled("escape", "3", "t", "g"))
