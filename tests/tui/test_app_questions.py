"""Pilot: questions for the room (issue 14, part 3). F3 shows the card of the stage shown,
with its exit condition, and follows the stage; on stage 2 it follows the selected event by
its kind (detection, mitigation, start, resolution, a plain event). It never takes the
focus. Ctrl+R shows the blameless preamble full screen; Esc goes back to the same field."""

from __future__ import annotations

from textual.widgets import Input

from postmortem.demo import demo_document
from postmortem.i18n import t
from postmortem.questions import CARDS, card_for
from storage.library import Library
from tui.screens.help import HelpScreen
from tui.screens.preamble import PreambleScreen
from tui.screens.workspace import WorkspaceScreen
from tui.stages.timeline.table import TimelineTable
from tui.widgets.meeting_side import QuestionsCard
from helpers import shown

# The demo's milestone events.
MILESTONE_EVENTS = {"start": "e3", "detected": "e8", "mitigated": "e19", "resolved": "e23"}


def seed(library_dir) -> str:
    doc = demo_document()
    Library(library_dir).create(doc).close()
    return doc.id


def card_text(app) -> str:
    return " ".join(shown(part) for part in app.screen.query_one(QuestionsCard).children)


def test_every_card_has_three_to_six_questions_and_an_exit_condition():
    for card in CARDS:
        assert 3 <= CARDS[card] <= 6, card
    for stage in range(1, 7):
        card = card_for(stage)
        assert 3 <= len(card.questions) <= 6 and card.exit_condition
        assert len(set(card.questions)) == len(card.questions)
    detection = card_for(2, "detected", event_selected=True)
    assert any("noticed" in q for q in detection.questions)
    assert any("alert" in q and "sooner" in q for q in detection.questions)
    assert any("tried first" in q for q in card_for(2, "mitigated", event_selected=True).questions)
    # No event selected on stage 2 (an empty timeline): the stage's own card.
    assert card_for(2).questions == card_for(2, None, event_selected=True).questions


async def test_the_card_follows_the_stage_and_keeps_out_of_the_focus(library_dir, make_app):
    app = make_app(seed(library_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        card = app.screen.query_one(QuestionsCard)
        assert not card.display
        for stage in (1, 3, 4, 5, 6):
            await pilot.press("escape", str(stage))
            await pilot.pause()
            focused = app.focused
            if not card.display:
                await pilot.press("f3")
                await pilot.pause()
            expected = card_for(stage)
            text = card_text(app)
            assert expected.heading in text
            assert expected.questions[0] in text
            assert expected.exit_condition in text
            assert app.focused is focused
        await pilot.press("f3")
        await pilot.pause()
        assert not card.display


async def test_on_stage_two_the_card_follows_the_selected_event_kind(library_dir, make_app):
    app = make_app(seed(library_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("escape", "2", "f3")
        await pilot.pause()
        table = app.screen.query_one(TimelineTable)
        for kind, event_id in (*MILESTONE_EVENTS.items(), ("event", "e4")):
            table.select_event(event_id)
            await pilot.pause()
            text = card_text(app)
            expected = card_for(2, None if kind == "event" else kind, event_selected=True)
            assert t(f"room.card.kind.{kind}") in text
            assert all(question in text for question in expected.questions), kind
        table.select_event("e8")
        await pilot.pause()
        assert "How was this noticed" in card_text(app)
        assert "Could an alert have caught it sooner?" in card_text(app)
        table.select_event("e19")
        await pilot.pause()
        assert "What was tried first" in card_text(app)
        assert "How was this noticed" not in card_text(app)
        assert app.focused is table


async def test_preamble_full_screen_and_back_to_the_same_field(library_dir, make_app):
    app = make_app(seed(library_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        title = app.screen.query_one("#title", Input)
        title.focus()
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, PreambleScreen)
        read = shown(app.screen.query_one("#preamble-read"))
        for sentence in t("scope.preamble").splitlines():
            assert " ".join(sentence.split()) in read
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        assert app.focused is title


async def test_the_keys_are_in_help(library_dir, make_app):
    app = make_app(seed(library_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(shown(part) for part in app.screen.query("Static"))
        for command in ("workspace.park", "workspace.parking-lot", "workspace.questions",
                        "workspace.preamble", "actions.settle-parked"):
            assert t(f"command.{command}.help") in text, command
