"""Sharing-safe mode after an edit (issue 15): what was just added or typed is masked on the
screen once the edit is committed, while the file keeps the real text; and the private
notes pane follows the mode both ways."""

from __future__ import annotations

from helpers import fill, stored
from test_app_sharing import DOC_ID, leaky, make, screen_text, settle  # noqa: F401

TYPED = "14:05 ana@example.com reported 10.0.0.5"


async def test_an_event_added_on_the_entry_line_is_masked_at_once(leaky):
    app = make(leaky, sharing=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.screen.action_stage(2)
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        await fill(pilot, TYPED)
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
        assert "ana@example.com" not in text and "10.0.0.5" not in text
        assert "[e-mail] reported [IP]" in text
        assert app.flush_all()
    texts = [event["text"] for event in stored(leaky, DOC_ID)["timeline"]]
    assert "ana@example.com reported 10.0.0.5" in texts


async def test_a_lesson_typed_in_sharing_mode_is_masked_once_saved(leaky):
    app = make(leaky, sharing=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.screen.action_stage(4)
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        await fill(pilot, "Ask ana@example.com for the runbook")
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
        assert "ana@example.com" not in text and "Ask [e-mail] for the runbook" in text
        assert app.flush_all()
    assert "Ask ana@example.com for the runbook" in stored(leaky, DOC_ID)["lessons"]["went_well"]
