"""Pilot: an overdue follow-up review says how long ago it was due; typing a new day updates it."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from textual.widgets import Input

from postmortem.factory import new_postmortem
from postmortem.model import FollowUp
from storage.library import Library
from tui.stages.actions import clock as actions_clock
from tui.stages.communication.stage import CommunicationStage, FollowUpRow
from helpers import shown, stored

TODAY = date(2026, 3, 25)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(actions_clock, "today", lambda: TODAY)


async def test_an_overdue_review_says_how_long_ago_it_was_due(library_dir, make_app):
    doc = new_postmortem("c1", "Queue backlog", "SEV2")
    doc.meeting_at = datetime(2026, 2, 9, 15, 0, tzinfo=timezone.utc)
    doc.communication.follow_ups = [FollowUp(date(2026, 3, 20), "30-day review")]
    Library(library_dir).create(doc).close()
    app = make_app("c1")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("escape", "6")
        await pilot.pause()
        stage = app.screen.query_one(CommunicationStage)
        row = stage.query_one(FollowUpRow)
        message = row.query_one(".follow-up-message")
        assert "was due 2026-03-20 (5 days ago) and is not marked done" in shown(message)
        due = row.query_one(".follow-up-due", Input)
        due.focus()
        await pilot.press("home", "ctrl+k", *"2026-02-28")
        await pilot.press("tab")             # leaving the field shows the review as it stands
        await pilot.pause()
        assert "was due 2026-02-28 (3 weeks ago)" in shown(message)
        assert app.screen.flush()
    assert stored(library_dir, "c1")["communication"]["follow_ups"][0]["due"] == "2026-02-28"

    reopened = make_app("c1")
    async with reopened.run_test(size=(120, 40)) as pilot:
        await pilot.press("escape", "6")
        await pilot.pause()
        message = reopened.screen.query_one(CommunicationStage).query_one(".follow-up-message")
        assert "was due 2026-02-28 (3 weeks ago) and is not marked done" in shown(message)
