"""Sharing-safe mode with its SHARING badge (issue 15; one line each; the clock is off)."""

from __future__ import annotations

from datetime import date

import pytest
from helpers import settled

from storage.library import Library
from tests.tui.test_app_sharing import DOC_ID, leaky_document
from tui.stages.actions import clock as actions_clock


@pytest.fixture
def leaky(library_dir, monkeypatch):
    # The day is fixed: the review and stages 5-6 count overdue items from it.
    monkeypatch.setattr(actions_clock, "today", lambda: date(2026, 3, 10))
    Library(library_dir).create(leaky_document()).close()
    return library_dir


def sharing_app(library_dir):
    from tui.app import create_app
    return create_app(library_dir, DOC_ID, clock=False, sharing=True)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_stage_two_in_sharing_mode(snap_compare, leaky, size):
    assert snap_compare(sharing_app(leaky), terminal_size=size, run_before=settled("escape", "2"))


def test_final_review_in_sharing_mode_at_80_columns(snap_compare, leaky):
    assert snap_compare(sharing_app(leaky), terminal_size=(80, 24),
                        run_before=settled("escape", "f5"))
