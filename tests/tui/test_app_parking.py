"""Pilot: the parking lot (issue 14, part 2). Topics parked from three stages, one from
inside a text field (its text and the focus kept); Esc and an empty topic park nothing; the
F11 panel; on stage 5 the topics settled three ways (an action with its title filled in and
the topic linked, an idea, dropped with a required reason); deleting the action unsettles
its topic. Each time the file is read again from disk."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from textual.widgets import Input

from postmortem import parking
from postmortem.demo import demo_document
from postmortem.i18n import t
from postmortem.model import Postmortem
from storage.library import Library
from tui.screens import meeting_room
from tui.screens.parking import OneLineScreen, SettleParkedScreen
from tui.screens.workspace import WorkspaceScreen
from tui.widgets.meeting_side import ParkingPanel
from helpers import fill, shown, stored

NOW = datetime(2026, 3, 9, 15, 12, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(meeting_room, "now", lambda: NOW)


def seed(library_dir, topics: tuple[tuple[str, int], ...] = ()) -> str:
    doc = demo_document()
    for text, stage in topics:
        parking.park(doc, text, stage, NOW)
    Library(library_dir).create(doc).close()
    return doc.id


async def saved(pilot, library_dir, doc_id: str) -> Postmortem:
    """The document read again from the file, after the pending edits are written."""
    await pilot.pause()
    assert pilot.app.flush_all()
    return Postmortem.from_dict(stored(library_dir, doc_id))


async def park(pilot, text: str) -> None:
    await pilot.press("ctrl+o")
    await pilot.pause()
    assert isinstance(pilot.app.screen, OneLineScreen)
    await fill(pilot, text)
    await pilot.press("enter")
    await pilot.pause()


async def test_parking_from_three_stages_one_while_typing_in_a_field(library_dir, make_app):
    doc_id = seed(library_dir)
    app = make_app(doc_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # Stage 1, in the middle of typing the title.
        title = app.screen.query_one("#title", Input)
        title.focus()
        await pilot.pause()
        title.value = ""
        await pilot.press(*"Cache warm")
        await park(pilot, "Ask the storage vendor about snapshot limits")
        assert isinstance(app.screen, WorkspaceScreen)
        assert app.focused is title
        assert title.value == "Cache warm" and title.cursor_position == len("Cache warm")
        await pilot.press(*"-up")                 # typing goes on where it stopped
        assert title.value == "Cache warm-up"

        # Stage 2 from its table, stage 3 from its tree.
        for stage, text in ((2, "Rename the cache dashboards"), (3, "Who approves node swaps?")):
            await pilot.press("escape", str(stage))
            await pilot.pause()
            focused = app.focused
            await park(pilot, text)
            assert app.focused is focused

        # Esc cancels, an empty topic is refused in one sentence: nothing parked.
        await pilot.press("ctrl+o", "escape")
        await pilot.pause()
        await pilot.press("ctrl+o", "enter")
        await pilot.pause()
        assert isinstance(app.screen, OneLineScreen)
        assert t("parking.empty_topic") in shown(app.screen.query_one("#one-line-error"))
        await pilot.press("escape")

        # F11: the panel lists them, stage and outcome.
        await pilot.press("f11")
        await pilot.pause()
        panel = " ".join(shown(part) for part in app.screen.query_one(ParkingPanel).children)
        assert "Parking lot (3)" in panel
        assert "Ask the storage vendor about snapshot limits" in panel
        assert "stage 2 · to settle" in panel and "3 to settle on stage 5" in panel

        # One undo takes the last topic back, as any other edit.
        await pilot.press("escape", "ctrl+z")
        await pilot.pause()
        panel = " ".join(shown(part) for part in app.screen.query_one(ParkingPanel).children)
        assert "Parking lot (2)" in panel and "Who approves" not in panel
        await pilot.press("ctrl+y")
        await pilot.pause()

        read = await saved(pilot, library_dir, doc_id)
    assert read.title == "Cache warm-up"
    assert [(p.id, p.text, p.stage, p.raised_at, p.outcome) for p in read.parking_lot] == [
        ("p1", "Ask the storage vendor about snapshot limits", 1, NOW, None),
        ("p2", "Rename the cache dashboards", 2, NOW, None),
        ("p3", "Who approves node swaps?", 3, NOW, None)]


async def test_parking_is_in_the_palette_and_refused_in_a_read_only_window(library_dir, make_app):
    doc_id = seed(library_dir)
    app = make_app(doc_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"Park a topic")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OneLineScreen)
        await pilot.press("escape")
        await pilot.pause()
        app.screen.read_only = True
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        assert t("room.parking.read_only") in [n.message for n in app._notifications]


async def test_settled_three_ways_on_stage_five_then_reopened(library_dir, make_app):
    doc_id = seed(library_dir, (("Ask the storage vendor about snapshot limits", 2),
                                ("Rename the cache dashboards", 3),
                                ("Tune eviction on the old cluster", 4)))
    actions_before = len(demo_document().actions)
    app = make_app(doc_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("escape", "5")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, SettleParkedScreen)
        # The cursor is on the first topic still to settle: k keeps p1 as an idea.
        await pilot.press("k")
        await pilot.pause()
        listing = shown(app.screen.query_one("#settle-list"))
        assert listing.index("p2") < listing.index("p3") < listing.index("p1 · stage 2")
        assert "p1 · stage 2 · Ask the storage vendor about snapshot limits — idea" in listing
        # x drops p2: a reason is required.
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, OneLineScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert t("parking.reason_required") in shown(app.screen.query_one("#one-line-error"))
        await fill(pilot, "The dashboards are being replaced anyway")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SettleParkedScreen)
        prompts = [str(option.prompt) for option in app.screen.query_one("#settle-list").options]
        assert prompts[2] == "p2 · stage 3 · Rename the cache dashboards — dropped: The dashboards are being replaced anyway"
        # a makes p3 an action item: the dialog closes on its title, filled in.
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        assert app.focused.id == "action-title"
        assert app.focused.value == "Tune eviction on the old cluster"

        read = await saved(pilot, library_dir, doc_id)
        made = read.actions[-1]
        assert len(read.actions) == actions_before + 1
        assert made.title == "Tune eviction on the old cluster"
        assert [(p.outcome, p.reason, p.action) for p in read.parking_lot] == [
            ("idea", "", None), ("dropped", "The dashboards are being replaced anyway", None),
            ("action", "", made.id)]

        # Deleting that action item puts its topic back to settle; the file stays readable.
        await pilot.press("escape")
        await pilot.pause()
        app.screen.query_one("#action-board").focus()
        await pilot.press("d")
        await pilot.pause()
        read = await saved(pilot, library_dir, doc_id)
        assert made.id not in [a.id for a in read.actions]
        assert read.parking_lot[2].outcome is None and read.parking_lot[2].action is None
