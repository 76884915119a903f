"""Pilot: stage 6 — summaries, shared-with, legal review, follow-up reviews; reopen the file."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from textual.widgets import Checkbox, Input, RadioSet, TextArea

from postmortem.factory import new_postmortem
from postmortem.followup import NoMeetingDate
from postmortem.i18n import t
from storage.library import Library
from tui.stages.actions import clock as actions_clock
from tui.stages.communication.stage import CommunicationStage, FollowUpRow
from helpers import fill, shown, stored

TODAY = date(2026, 3, 25)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(actions_clock, "today", lambda: TODAY)


def seed(library_dir, doc_id="c1", *, meeting=True, depth="full", security=False,
         customer_facing=False) -> str:
    doc = new_postmortem(doc_id, "Queue backlog", "SEV2")
    doc.scope.depth = depth
    doc.scope.sensitivity.security = security
    doc.scope.customer_facing = customer_facing
    if meeting:
        doc.meeting_at = datetime(2026, 3, 9, 15, 0, tzinfo=timezone.utc)
    Library(library_dir).create(doc).close()
    return doc_id


async def open_stage_six(pilot) -> CommunicationStage:
    await pilot.press("escape", "6")
    await pilot.pause()
    return pilot.app.screen.query_one(CommunicationStage)


async def test_fill_communication_and_follow_ups_then_reopen(library_dir, make_app):
    doc_id = seed(library_dir, security=True)
    app = make_app(doc_id)
    async with app.run_test(size=(120, 40)) as pilot:
        stage = await open_stage_six(pilot)
        status = app.screen.query_one("#exit-status")
        assert t("followup.exit.no_internal_summary") in shown(status)
        # Stage 1 wants no customer summary: a note says so instead of the editor.
        assert not stage.query_one("#customer_summary").display
        assert t("comms_ui.customer_not_needed") in shown(stage.query_one("#customer-note"))
        # Security details: legal review is marked required.
        assert stage.query_one("#legal-label").has_class("-required")
        assert t("comms_ui.legal_security") in shown(stage.query_one("#legal-hint"))

        assert app.focused.id == "stage-strip"   # a form opens on the strip, not in a field
        await pilot.press("tab")
        assert app.focused.id == "internal_summary"
        await fill(pilot, "Checkout slowed for 47 minutes after a cache node swap.")
        await pilot.press("tab")
        await fill(pilot, "eng-all, support-leads")                         # shared with
        await pilot.press("tab", "right", "enter")                          # legal: pending
        await pilot.pause()
        doc = stage.document
        assert doc.communication.internal_summary == "Checkout slowed for 47 minutes after a cache node swap."
        assert doc.communication.shared_with == ["eng-all", "support-leads"]
        assert doc.communication.legal_review == "pending"
        assert t("followup.exit.too_few_follow_ups", required=2, count=0) in shown(status)

        # f (outside a text field) creates the 30- and 60-day reviews from the meeting date.
        await pilot.press("f")
        await pilot.pause()
        assert [(r.due, r.label) for r in doc.communication.follow_ups] == [
            (date(2026, 4, 8), "30-day review"), (date(2026, 5, 8), "60-day review")]
        rows = list(stage.query(FollowUpRow))
        assert [row.query_one(".follow-up-due", Input).value for row in rows] == ["2026-04-08", "2026-05-08"]
        assert app.focused is rows[0].query_one(".follow-up-due")
        assert "✓" in shown(status)

        # Edit the first review: a relative due date, then a label; mark the second done.
        await pilot.press("home", "ctrl+k", *"+3w")
        await pilot.pause()
        assert doc.communication.follow_ups[0].due == date(2026, 4, 15)
        await pilot.press("tab", "ctrl+e", *" with support")
        await pilot.press("tab", "tab", "tab", "tab", "tab", "space")        # second row: done
        await pilot.pause()
        assert doc.communication.follow_ups[0].label == "30-day review with support"
        assert doc.communication.follow_ups[1].done is True
        # Leaving the field wrote the day it means.
        assert rows[0].query_one(".follow-up-due", Input).value == "2026-04-15"

        # A bad date keeps its text, says why, and changes nothing.
        rows[1].query_one(".follow-up-due").focus()
        await pilot.press("end", *"zz")
        await pilot.pause()
        assert doc.communication.follow_ups[1].due == date(2026, 5, 8)
        assert "2026-05-08zz" in shown(rows[1].query_one(".follow-up-message"))

        # n adds a review 30 days after the last one; its Remove button takes it away again.
        rows[1].query_one(".follow-up-done").focus()
        await pilot.press("n")
        await pilot.pause()
        assert [r.due for r in doc.communication.follow_ups] == [
            date(2026, 4, 15), date(2026, 5, 8), date(2026, 6, 7)]
        assert [r.id for r in doc.communication.follow_ups] == ["f1", "f2", "f3"]
        rows = list(stage.query(FollowUpRow))
        assert len(rows) == 3
        rows[2].query_one(".follow-up-remove").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert len(doc.communication.follow_ups) == 2
        assert len(stage.query(FollowUpRow)) == 2
        assert app.screen.flush()

    data = stored(library_dir, doc_id)["communication"]
    assert data == {
        "internal_summary": "Checkout slowed for 47 minutes after a cache node swap.",
        "customer_summary": "",
        "shared_with": ["eng-all", "support-leads"],
        "legal_review": "pending",
        # Made in the app, each review has an id (a merge matches them by it).
        "follow_ups": [{"due": "2026-04-15", "label": "30-day review with support", "done": False,
                        "id": "f1"},
                       {"due": "2026-05-08", "label": "60-day review", "done": True, "id": "f2"}],
    }

    reopened = make_app(doc_id)
    async with reopened.run_test(size=(120, 40)) as pilot:
        stage = await open_stage_six(pilot)
        assert stage.query_one("#internal_summary", TextArea).text.startswith("Checkout slowed")
        assert stage.query_one("#shared_with", Input).value == "eng-all, support-leads"
        assert stage.query_one("#legal_review", RadioSet).pressed_button.id == "legal-pending"
        rows = list(stage.query(FollowUpRow))
        assert [row.query_one(".follow-up-label", Input).value for row in rows] == [
            "30-day review with support", "60-day review"]
        assert [row.query_one(".follow-up-done", Checkbox).value for row in rows] == [False, True]


async def test_without_a_meeting_date_it_says_to_set_it_in_stage_one(library_dir, make_app):
    doc_id = seed(library_dir, meeting=False)
    app = make_app(doc_id)
    async with app.run_test(size=(80, 24)) as pilot:
        stage = await open_stage_six(pilot)
        note = stage.query_one("#no-meeting")
        assert note.display and not note.has_class("-empty")
        assert str(NoMeetingDate()) in shown(note)
        stage.query_one("#follow-up-defaults").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert stage.document.communication.follow_ups == []


async def test_lightweight_depth_gets_one_review(library_dir, make_app):
    doc_id = seed(library_dir, depth="lightweight")
    app = make_app(doc_id)
    async with app.run_test(size=(120, 40)) as pilot:
        stage = await open_stage_six(pilot)
        stage.query_one("#follow-up-defaults").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert [r.due for r in stage.document.communication.follow_ups] == [date(2026, 4, 8)]
        await pilot.press("f")     # pressing again adds nothing new
        assert len(stage.document.communication.follow_ups) == 1


async def test_customer_summary_shown_when_stage_one_wants_it(library_dir, make_app):
    doc_id = seed(library_dir, customer_facing=True, security=True)
    app = make_app(doc_id)
    async with app.run_test(size=(120, 40)) as pilot:
        stage = await open_stage_six(pilot)
        assert stage.query_one("#customer_summary").display
        assert not stage.query_one("#customer-note").display
        assert t("comms_ui.legal_blocks") in shown(stage.query_one("#legal-hint"))
        stage.query_one("#customer_summary").focus()
        summary = stage.query_one("#customer_summary")
        await fill(pilot, "Some customers could not check out.", summary)
        assert stage.document.communication.customer_summary == "Some customers could not check out."
        status = shown(app.screen.query_one("#exit-status"))
        assert t("followup.exit.no_customer_summary") not in status
        # Unticking it in stage 1 hides the editor again.
        await pilot.press("escape", "1")
        app.screen.query_one("#customer_facing").focus()
        await pilot.press("space")
        await pilot.press("escape", "6")
        await pilot.pause()
        assert not stage.query_one("#customer_summary").display


async def test_read_only_window_disables_editing(library_dir, make_app):
    doc_id = seed(library_dir)
    first = make_app(doc_id)
    async with first.run_test(size=(120, 40)):
        second = make_app(doc_id)
        async with second.run_test(size=(120, 40)) as pilot:
            stage = await open_stage_six(pilot)
            assert stage.query_one("#internal_summary").disabled
            assert stage.query_one("#follow-up-defaults").disabled
            await stage.action_default_reviews()
            assert stage.document.communication.follow_ups == []


async def test_final_review_jump_to_follow_ups(library_dir, make_app):
    doc_id = seed(library_dir)
    app = make_app(doc_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.screen.action_stage(6, "communication.follow_ups")
        await pilot.pause()
        assert app.focused.id == "follow-up-defaults"
        await pilot.press("enter")
        await pilot.pause()
        assert len(app.screen.document.communication.follow_ups) == 2
        await app.screen.action_stage(6, "communication.follow_ups")
        await pilot.pause()
        assert app.focused.has_class("follow-up-due")
