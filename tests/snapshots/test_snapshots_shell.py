"""Layout snapshots of the library and stage 1 (one line each; the clock is off)."""

from __future__ import annotations

import pytest
from helpers import settled

from postmortem.demo import demo_document
from postmortem.factory import new_postmortem
from storage.library import Library


@pytest.fixture
def library_dir(monkeypatch, tmp_path):
    """The library under a fake home, so the path on screen is the same on every run."""
    monkeypatch.setenv("HOME", str(tmp_path))
    folder = tmp_path / "postmortems"
    folder.mkdir()
    return folder


@pytest.fixture
def seeded(library_dir):
    library = Library(library_dir)
    library.create(demo_document()).close()
    library.create(new_postmortem("dns-near-miss", "DNS resolver near miss", "near-miss")).close()
    library.create(new_postmortem("queue-backlog", "Queue backlog 队列积压 🔥 | pipes", "SEV3")).close()
    return library_dir


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_library_layout(snap_compare, seeded, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=settled())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_stage_one_layout(snap_compare, seeded, make_app, size):
    assert snap_compare(make_app("demo-checkout-latency"), terminal_size=size, run_before=settled())
