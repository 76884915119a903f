"""Sharing-safe mode on every screen (issue 15, item 2): what the room sees, the badge, the
confirmation to turn it off, and edits that keep the real text in the file."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from helpers import fill, stored

from postmortem.demo import demo_document
from postmortem.model import DismissedFinding
from storage.library import Library
from tui.screens.dialogs import ConfirmScreen

DOC_ID = "leaky"
# What must never be on a shared screen, and where the document holds it.
LEAKS = ("ana@example.com", "415 555 0100", "203.0.113.7", "AKIAIOSFODNN7EXAMPLE", "hunter2",
         "4111 1111 1111 1111", "INTERNAL-ONLY", "INTERNAL-ACTION", "EVIDENCE-NOTE",
         "DISMISS-REASON", "PRIVATE-NOTE")


def leaky_document():
    doc = demo_document(date(2026, 3, 1))
    doc.id = DOC_ID
    doc.title += " — reported by ana@example.com"
    first = doc.timeline[0]
    first.internal = False
    first.text = "Paged the DBA on +1 415 555 0100 about 203.0.113.7"
    doc.timeline[1].internal = True
    doc.timeline[1].text = "INTERNAL-ONLY: key AKIAIOSFODNN7EXAMPLE in the log"
    doc.analysis.whys[0].text += " (db 203.0.113.7)"
    doc.analysis.whys[0].evidence = "EVIDENCE-NOTE from the graph"
    doc.lessons.went_well.insert(0, "DSN postgres://app:hunter2@db.internal/orders was rotated")
    doc.actions[0].internal = True
    doc.actions[0].title = "INTERNAL-ACTION rotate AKIAIOSFODNN7EXAMPLE"
    doc.actions[1].title += " (ask ana@example.com)"
    doc.communication.customer_summary += " Refunded card 4111 1111 1111 1111."
    doc.dismissed_findings.append(DismissedFinding(key="blame:w1:x", reason="DISMISS-REASON"))
    doc.facilitator_notes = "PRIVATE-NOTE: ask Sam later"
    return doc


@pytest.fixture
def leaky(library_dir):
    Library(library_dir).create(leaky_document()).close()
    return library_dir


def screen_text(app) -> str:
    """Every character the terminal shows now (the SVG screenshot without its markup)."""
    svg = app.export_screenshot()
    body = svg[svg.index("<g class"):] if "<g class" in svg else svg
    return html.unescape(re.sub(r"<[^>]+>", "", body)).replace("\xa0", " ")


def assert_safe(text: str, where: str) -> None:
    for leak in LEAKS:
        assert leak not in text, f"{leak!r} on {where}"


def make(library_dir, sharing: bool):
    from tui.app import create_app
    return create_app(library_dir, DOC_ID, clock=False, sharing=sharing)


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def visit_every_screen(pilot) -> dict[str, str]:
    """The text of the six stages, F5, F6 (both audiences), help, a dialog and F2."""
    app, texts = pilot.app, {}
    workspace = app.screen
    for stage in range(1, 7):
        await workspace.action_stage(stage)
        await settle(pilot)
        texts[f"stage {stage}"] = screen_text(app)
    await workspace.action_stage(2)
    await settle(pilot)
    await pilot.press("e")          # the edit dialog of the selected event
    await settle(pilot)
    texts["event dialog"] = screen_text(app)
    await pilot.press("escape")
    await settle(pilot)
    await pilot.press("f5")
    await settle(pilot)
    texts["F5 review"] = screen_text(app)
    await pilot.press("escape")
    await pilot.press("f6")
    await settle(pilot)
    texts["F6 internal preview"] = screen_text(app)
    await pilot.press("t")
    await settle(pilot)
    texts["F6 customer preview"] = screen_text(app)
    await pilot.press("escape")
    await pilot.press("f1")
    await settle(pilot)
    texts["help"] = screen_text(app)
    await pilot.press("escape")
    await settle(pilot)
    workspace.action_conditions()
    await settle(pilot)
    texts["F2 conditions"] = screen_text(app)
    await pilot.press("escape")
    return texts


async def test_every_screen_in_sharing_mode_masks_hides_and_shows_the_badge(leaky):
    app = make(leaky, sharing=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        texts = await visit_every_screen(pilot)
    for where, text in texts.items():
        assert_safe(text, where)
        assert "SHARING" in text, where
    # Masked, not just missing: the room sees that something is there.
    assert "[e-mail]" in texts["stage 1"]
    assert "[phone]" in texts["stage 2"] and "[IP]" in texts["stage 2"]
    assert "[IP]" in texts["stage 3"]
    assert "Evidence notes are hidden in sharing-safe mode." in texts["stage 3"]
    assert "[credentials]" in texts["stage 4"]
    assert "[card]" in texts["stage 6"]
    assert "[phone]" in texts["event dialog"]
    assert "[e-mail]" in texts["F6 internal preview"]


async def test_without_sharing_mode_the_same_screens_show_everything(leaky):
    """The check above can fail: these screens do show the values outside sharing mode."""
    app = make(leaky, sharing=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        texts = await visit_every_screen(pilot)
    assert "ana@example.com" in texts["stage 1"]
    assert "415 555 0100" in texts["stage 2"] and "INTERNAL-ONLY" in texts["stage 2"]
    assert "EVIDENCE-NOTE" in texts["stage 3"]
    assert "hunter2" in texts["stage 4"]
    assert "INTERNAL-ACTION" in texts["stage 5"]
    assert "4111 1111 1111 1111" in texts["stage 6"]
    assert not any("SHARING" in text for text in texts.values())


async def test_f12_turns_on_at_once_and_off_only_after_a_confirmation(leaky):
    app = make(leaky, sharing=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.screen.action_stage(2)
        await settle(pilot)
        assert "415 555 0100" in screen_text(app)
        await pilot.press("f12")
        await settle(pilot)
        assert app.sharing is True
        text = screen_text(app)
        assert "SHARING" in text and "415 555 0100" not in text and "[phone]" in text
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")               # cancelled: still safe
        await settle(pilot)
        assert app.sharing is True and "415 555 0100" not in screen_text(app)
        await pilot.press("f12")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert app.sharing is False
        text = screen_text(app)
        assert "SHARING" not in text and "415 555 0100" in text


async def test_editing_in_sharing_mode_saves_the_real_text(leaky):
    app = make(leaky, sharing=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.screen.action_stage(1)
        await settle(pilot)
        title = app.screen.query_one("#title")
        assert title.value.endswith("reported by [e-mail]")
        # A field without findings takes the edit.
        tags = app.screen.query_one("#tags")
        tags.focus()
        await pilot.pause()
        await fill(pilot, ", eu")
        await settle(pilot)
        # A field holding a masked value is read-only: the edit is refused and undone.
        title.focus()
        await pilot.pause()
        await fill(pilot, " today")
        await settle(pilot)
        assert title.value.endswith("reported by [e-mail]")
        assert "ana@example.com" not in screen_text(app)
        assert app.flush_all()
    saved = stored(leaky, DOC_ID)
    assert saved["tags"][-1] == "eu"
    assert saved["title"].endswith("reported by ana@example.com")
    # Nothing hidden was lost by editing the shared copy.
    assert saved["facilitator_notes"] == "PRIVATE-NOTE: ask Sam later"
    assert saved["analysis"]["whys"][0]["evidence"] == "EVIDENCE-NOTE from the graph"
    assert any(e["text"].startswith("INTERNAL-ONLY") for e in saved["timeline"])
    assert saved["actions"][0]["title"].startswith("INTERNAL-ACTION")
    assert saved["dismissed_findings"][-1]["reason"] == "DISMISS-REASON"
    assert "[e-mail]" not in repr(saved)


async def test_private_notes_pane_saves_and_stays_hidden_while_sharing(leaky):
    app = make(leaky, sharing=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert "PRIVATE-NOTE" in screen_text(app)
        notes = app.screen.query_one("#private-notes-text")
        assert app.focused is notes
        notes.move_cursor(notes.document.end)
        await fill(pilot, " and Bo")
        await pilot.press("f12")
        await settle(pilot)
        assert "PRIVATE-NOTE" not in screen_text(app)
        await pilot.press("ctrl+n")          # refused while sharing
        await pilot.pause()
        assert "PRIVATE-NOTE" not in screen_text(app)
        assert app.flush_all()
    assert stored(leaky, DOC_ID)["facilitator_notes"] == "PRIVATE-NOTE: ask Sam later and Bo"


async def test_library_masks_titles_and_shows_the_banner_in_sharing_mode(library_dir):
    from postmortem.factory import new_postmortem
    from tui.app import create_app
    Library(library_dir).create(new_postmortem("short", "Outage reported by ana@example.com",
                                               "SEV2")).close()
    app = create_app(library_dir, None, clock=False, sharing=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "SHARING" in text
        assert_safe(text, "library")
        table = app.screen.query_one("#library-table")
        assert str(table.get_row_at(0)[0]).endswith("reported by [e-mail]")
        await pilot.press("f12")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert "SHARING" not in screen_text(app)
        assert str(table.get_row_at(0)[0]).endswith("reported by ana@example.com")


async def test_f12_over_the_export_preview_opens_it_again_masked(leaky):
    from tui.screens.export import ExportScreen
    app = make(leaky, sharing=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        assert "ana@example.com" in screen_text(app)
        await pilot.press("f12")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        text = screen_text(app)
        assert "SHARING" in text and "[e-mail]" in text
        assert_safe(text, "F6 after F12")


async def test_messages_are_masked_in_sharing_mode(leaky):
    app = make(leaky, sharing=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.notify("Deleted: mail ana@example.com")
        await pilot.pause()
        text = screen_text(app)
        assert "Deleted: mail [e-mail]" in text and "ana@example.com" not in text


async def test_f6_customer_preview_reports_masked_counts_by_kind(leaky):
    from helpers import shown
    app = make(leaky, sharing=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f6", "t")
        await settle(pilot)
        report = shown(app.screen.query_one("#export-removed"))
        assert "2 e-mail addresses" in report and "1 phone number" in report
        assert "1 IP address" in report and "1 payment card number" in report
        assert "ana@example.com" not in report
        assert_safe(shown(app.screen.query_one("#export-preview")), "customer preview")


async def test_export_written_from_the_masked_preview_holds_the_real_text(leaky):
    app = make(leaky, sharing=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        assert "ana@example.com" not in screen_text(app)
        await pilot.press("w")
        await settle(pilot)
    written = (leaky / f"{DOC_ID}.md").read_text(encoding="utf-8")
    assert "ana@example.com" in written and "INTERNAL-ONLY" in written
    assert "[e-mail]" not in written


async def test_undo_brings_back_the_notes_pane_text(leaky):
    app = make(leaky, sharing=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        notes = app.screen.query_one("#private-notes-text")
        notes.move_cursor(notes.document.end)
        await fill(pilot, " and Bo")
        app.screen.action_focus_strip()
        await pilot.pause()
        await app.screen.action_undo()
        await settle(pilot)
        assert notes.text == "PRIVATE-NOTE: ask Sam later"
        assert app.flush_all()
    assert stored(leaky, DOC_ID)["facilitator_notes"] == "PRIVATE-NOTE: ask Sam later"


async def test_marking_an_event_internal_in_sharing_mode_takes_it_off_the_screen(leaky):
    app = make(leaky, sharing=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.screen.action_stage(2)
        await settle(pilot)
        assert "Paged the DBA on [phone]" in screen_text(app)
        await pilot.press("i")        # the selected (first) event becomes internal-only
        await settle(pilot)
        assert "Paged the DBA" not in screen_text(app)
        assert app.flush_all()
    first = stored(leaky, DOC_ID)["timeline"][0]
    assert first["internal"] is True and first["text"].startswith("Paged the DBA on +1 415")


def meeting_document():
    """The leaky postmortem with a parked topic and a merge conflict that hold secrets too."""
    from datetime import datetime, timezone

    from postmortem import parking
    from postmortem.model import Conflict
    doc = leaky_document()
    parking.park(doc, "Ask ana@example.com about 203.0.113.7", 2,
                 datetime(2026, 3, 1, 15, 0, tzinfo=timezone.utc))
    doc.conflicts.append(Conflict("impact.users_affected", "AKIAIOSFODNN7EXAMPLE leaked",
                                  "call 415 555 0100", ""))
    return doc


async def meeting_screens(pilot) -> dict[str, str]:
    """The workspace with the conflict banner and the parking lot (F11), and the wrap-up."""
    texts = {}
    await pilot.press("f11")
    await settle(pilot)
    texts["parking lot and conflicts"] = screen_text(pilot.app)
    await pilot.press("ctrl+g")
    await settle(pilot)
    texts["wrap-up"] = screen_text(pilot.app)
    await pilot.press("escape")
    await settle(pilot)
    return texts


@pytest.mark.parametrize("sharing", [True, False])
async def test_the_meeting_screens_mask_in_sharing_mode(library_dir, sharing):
    Library(library_dir).create(meeting_document()).close()
    app = make(library_dir, sharing=sharing)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        texts = await meeting_screens(pilot)
    if sharing:
        for where, text in texts.items():
            assert_safe(text, where)
        assert "[e-mail]" in texts["parking lot and conflicts"]
        assert "[secret]" in texts["parking lot and conflicts"]
        assert "[e-mail]" in texts["wrap-up"]
    else:   # the control: the same screens show the values outside sharing mode
        assert "ana@example.com" in texts["parking lot and conflicts"]
        assert "AKIAIOSFODNN7EXAMPLE" in texts["parking lot and conflicts"]
        assert "INTERNAL-ACTION" in texts["wrap-up"]
