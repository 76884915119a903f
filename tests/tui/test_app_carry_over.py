"""Pilot: open actions carried over from related postmortems (F10) — listed only for related
postmortems, settled three ways and written into the other postmortem (reopened), kept in
this one while the other is open elsewhere, and written once it is free."""

from __future__ import annotations

from datetime import date

import pytest

from postmortem.factory import new_postmortem
from postmortem.model import Action
from storage.library import Library
from storage.reading import load_document
from tui.screens.carry_over import CarriedList, CarryOverScreen
from tui.stages.actions import clock as actions_clock
from tui.widgets.status_line import StatusLine
from helpers import shown, stored

TODAY = date(2026, 3, 25)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(actions_clock, "today", lambda: TODAY)


@pytest.fixture
def library(library_dir) -> Library:
    library = Library(library_dir)
    this = new_postmortem("checkout-cache", "Checkout cache misses", "SEV2")
    this.tags = ["cache", "checkout"]
    earlier = new_postmortem("earlier-cache", "Earlier cache outage", "SEV3")
    earlier.tags = ["cache"]
    earlier.actions = [
        Action("a1", "Alert when hit ratio < 80% for 5 min", owner="Lee W.", due=date(2026, 3, 1)),
        Action("a2", "Automate the warm-up", owner="Aiko M.", due=date(2026, 4, 10)),
        Action("a3", "Page the cache team on replacements", owner="Dana O.", due=date(2026, 4, 20)),
        Action("a4", "Already finished", status="done"),
    ]
    unrelated = new_postmortem("dns-outage", "DNS outage", "SEV2")
    unrelated.tags = ["dns"]
    unrelated.actions = [Action("d1", "Rotate resolver certificates", due=date(2026, 1, 1))]
    # A fourth postmortem keeps "cache" rare enough to relate the two (2 of 4 carry it).
    other = new_postmortem("disk-full", "Disk full on the build hosts", "SEV3")
    other.tags = ["disk"]
    for doc in (this, earlier, unrelated, other):
        library.create(doc).close()
    return library


async def open_carry_over(pilot) -> CarryOverScreen:
    await pilot.press("f10")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, CarryOverScreen)
    return screen


async def settled(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_related_open_actions_are_settled_and_written_into_the_other_postmortem(
        library, library_dir, make_app):
    app = make_app("checkout-cache")
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        # Said once on opening, in the status line (a routine notice, never a dialog).
        assert "3 open actions of related postmortems to settle: F10" in shown(
            app.screen.query_one(StatusLine))
        screen = await open_carry_over(pilot)
        table = shown(screen.query_one(CarriedList))
        assert "Alert when hit" in table and "Automate the warm" in table and "Page the cache" in table
        assert "Rotate resolver" not in table and "Already finished" not in table  # unrelated; done
        assert "3 open actions in postmortems sharing a tag" in shown(screen.query_one("#carry-summary"))
        assert "a1 Alert when hit ratio < 80% for 5 min from “Earlier cache outage”: shares the tags cache; ⚠ overdue" == shown(screen.query_one("#carry-why"))
        await pilot.press("d")                                   # a1 (overdue, listed first): done
        await settled(pilot)
        assert "Written to “Earlier cache outage”: done." in shown(screen.query_one("#carry-status"))
        await pilot.press("down", "o")                           # a2: still open, new date
        await pilot.pause()
        assert screen.query_one("#carry-answer").has_focus
        await pilot.press(*"someday", "enter")
        await pilot.pause()
        assert "someday" in shown(screen.query_one("#carry-error"))  # one sentence, still asking
        screen.query_one("#carry-answer").value = "+2w"
        await pilot.press("enter")
        await settled(pilot)
        await pilot.press("down", "w", "enter")                  # a3: won't do needs a reason
        await pilot.pause()
        assert "Say why" in shown(screen.query_one("#carry-error"))
        await pilot.press(*"Covered by a2", "enter")
        await settled(pilot)
        table = shown(screen.query_one(CarriedList))
        assert "✓ done" in table and "✓ won't do" in table
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CarryOverScreen)
        await pilot.press("ctrl+q")
    other = load_document(library_dir / "earlier-cache.json")
    assert [(a.id, a.status, a.due, a.wont_do_reason) for a in other.actions] == [
        ("a1", "done", date(2026, 3, 1), ""),
        ("a2", "open", date(2026, 4, 8), ""),
        ("a3", "wont-do", date(2026, 4, 20), "Covered by a2"),
        ("a4", "done", None, ""),
    ]
    assert "carry_over" not in stored(library_dir, "checkout-cache")
    assert load_document(library_dir / "dns-outage.json").actions[0].status == "open"


async def test_a_postmortem_open_elsewhere_keeps_the_answer_until_it_is_free(
        library, library_dir, make_app):
    before = (library_dir / "earlier-cache.json").read_bytes()
    held = library.open("earlier-cache")          # open in another window: its lock is held
    app = make_app("checkout-cache")
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        screen = await open_carry_over(pilot)
        await pilot.press("d")
        await settled(pilot)
        status = shown(screen.query_one("#carry-status"))
        assert status == ("“Earlier cache outage” is open in another window, so the answer is kept "
                          "in this postmortem and written there as soon as that window closes.")
        assert "kept: done" in shown(screen.query_one(CarriedList))
        assert (library_dir / "earlier-cache.json").read_bytes() == before
        workspace = app.screen_stack[-2]
        workspace.flush()
        assert stored(library_dir, "checkout-cache")["carry_over"] == [
            {"postmortem": "earlier-cache", "action": "a1", "outcome": "done"}]
        workspace.retry_carry_over()              # still held: kept, nothing written
        await settled(pilot)
        assert (library_dir / "earlier-cache.json").read_bytes() == before
        assert len(workspace.document.carry_over) == 1
        held.close()                              # the other window closes
        workspace.retry_carry_over()              # what the workspace's timer does
        await settled(pilot)
        assert workspace.document.carry_over == []
        assert "Written to “Earlier cache outage”: done." in shown(workspace.query_one(StatusLine))
        await pilot.press("ctrl+q")
    assert load_document(library_dir / "earlier-cache.json").actions[0].status == "done"
    assert "carry_over" not in stored(library_dir, "checkout-cache")


async def test_starting_the_meeting_says_again_what_is_carried_over(library, make_app):
    app = make_app("checkout-cache")
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("f8")                                  # start the meeting clock
        await settled(pilot)
        assert "3 open actions of related postmortems to settle: F10" in shown(
            app.screen.query_one(StatusLine))
        assert app.screen.document.meeting.started_at is not None
