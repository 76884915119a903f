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


async def test_a_field_holding_a_finding_stays_editable_while_typed_then_is_masked(leaky):
    """Masking the title under the cursor would refuse the next key: it is masked once the
    field is left."""
    app = make(leaky, sharing=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.screen.action_stage(1)
        await settle(pilot)
        ref = app.screen.query_one("#incident_ref")
        ref.focus()
        await pilot.pause()
        await fill(pilot, " bo@example.com")
        await settle(pilot)
        await fill(pilot, " paged")              # not refused: the field is still being typed
        await settle(pilot)
        assert ref.value.endswith("bo@example.com paged")
        await pilot.press("tab")
        await settle(pilot)
        assert ref.value.endswith("[e-mail] paged")
        assert "bo@example.com" not in screen_text(app)
        assert app.flush_all()
    assert stored(leaky, DOC_ID)["incident_ref"].endswith(" bo@example.com paged")


async def test_a_why_and_an_action_added_in_sharing_mode_are_masked(leaky):
    app = make(leaky, sharing=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.screen.action_stage(3)
        await settle(pilot)
        app.screen.query_one("#stage-3").focus_first()
        await pilot.press("a")
        await pilot.pause()
        await fill(pilot, "The DSN postgres://app:hunter2@db/orders leaked")
        await pilot.press("enter")
        await settle(pilot)
        analysis = screen_text(app)
        await app.screen.action_stage(5)
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        await fill(pilot, "Mail ana@example.com the new key")
        await pilot.press("enter")
        await settle(pilot)
        actions = screen_text(app)
        assert app.flush_all()
    assert "hunter2" not in analysis and "[credentials]" in analysis
    assert "ana@example.com" not in actions and "Mail [e-mail] the new key" in actions
    saved = stored(leaky, DOC_ID)
    assert any("postgres://app:hunter2@db/orders" in why["text"]
               for why in saved["analysis"]["whys"])
    assert any(action["title"] == "Mail ana@example.com the new key"
               for action in saved["actions"])


async def test_the_notes_pane_follows_sharing_mode_both_ways(leaky):
    """Ctrl+N while sharing opens the pane on a sentence, not the notes; turning sharing off
    (confirmed) shows the notes in it, turning it on again hides them."""
    hidden = "Private notes stay hidden in sharing-safe mode."
    app = make(leaky, sharing=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        text = screen_text(app)
        assert "PRIVATE-NOTE" not in text and hidden in text
        await pilot.press("f12")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert app.sharing is False
        assert "PRIVATE-NOTE: ask Sam later" in screen_text(app)
        notes = app.screen.query_one("#private-notes-text")
        notes.focus()
        await pilot.pause()
        notes.move_cursor(notes.document.end)
        await fill(pilot, " and Bo")
        await pilot.press("f12")
        await settle(pilot)
        text = screen_text(app)
        assert "PRIVATE-NOTE" not in text
        assert app.focused is not notes        # no key typed next lands in hidden notes
        assert app.flush_all()
    assert stored(leaky, DOC_ID)["facilitator_notes"] == "PRIVATE-NOTE: ask Sam later and Bo"
