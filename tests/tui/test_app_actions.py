"""Pilot: stage 5 — add three actions by keyboard, watch a vagueness finding come and go as
the title is typed, link causes, dismiss a finding, toggle the views; reopen the file."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input

from postmortem.demo import demo_document
from postmortem.duedates import DueDateError, parse_due
from postmortem.i18n import t
from postmortem.model import Action
from postmortem.vagueness import phrase_findings
from storage.library import Library
from tui.stages.actions import clock as actions_clock
from tui.stages.actions.stage import ActionsStage
from tui.screens.dismiss import DismissFindingScreen
from tui.stages.actions.dialogs import CausePickerScreen
from tui.stages.actions.form import ActionFindings
from helpers import fill, shown, stored

TODAY = date(2026, 3, 25)   # a Wednesday


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(actions_clock, "today", lambda: TODAY)


def seed(library_dir) -> str:
    """The demo postmortem (participants, whys, fishbone) with no action items yet."""
    doc = demo_document()
    doc.actions, doc.dismissed_findings = [], []
    Library(library_dir).create(doc).close()
    return doc.id


async def open_stage_five(pilot) -> ActionsStage:
    await pilot.press("escape", "5")
    await pilot.pause()
    return pilot.app.screen.query_one(ActionsStage)


async def add_action(pilot, title: str, owner: str, due: str, tracker: str) -> None:
    """Add an item through the form: each field filled, then enter to the next."""
    await pilot.press("a")
    for value in (title, owner, due, tracker):
        await fill(pilot, value)
        await pilot.press("enter")
    await pilot.pause()


async def test_three_actions_by_keyboard_findings_causes_then_reopen(library_dir, make_app):
    doc_id = seed(library_dir)
    app = make_app(doc_id)
    async with app.run_test(size=(120, 40)) as pilot:
        stage = await open_stage_five(pilot)
        status = app.screen.query_one("#exit-status")
        assert t("vague.exit.no_actions") in shown(status)
        assert stage.query_one("#actions-empty").display

        # A vague title: the finding appears while typing, with its reason and a rewrite…
        await pilot.press("a", *"Add monitoring")
        await pilot.pause()
        assert app.focused.id == "action-title"
        findings = stage.query_one(ActionFindings)
        expected = phrase_findings(Action(id="a1", title="Add monitoring"))[0]
        assert [f.matched for f, _ in findings.entries][0] == "Add monitoring"
        assert expected.reason in shown(findings)
        assert expected.suggestion in shown(findings)
        assert "⚠" in shown(stage.board)
        # …and disappears once the title names what is measured.
        await fill(pilot, " for checkout p99 latency > 2 s")
        assert all(f.rule == "vague" and f.matched != "Add monitoring" for f, _ in findings.entries)
        assert expected.reason not in shown(findings)

        # Enter moves on: owner (completed from the participants), due date, tracker.
        await pilot.press("enter", *"le", "enter", *"+2w", "enter", *"OPS-1", "enter")
        await pilot.pause()
        assert app.focused is stage.board
        first = stage.document.actions[0]
        assert (first.id, first.owner, first.due, first.tracker) == ("a1", "Lee W.", date(2026, 4, 8), "OPS-1")
        assert findings.entries == []

        await add_action(pilot, "Page when checkout error rate > 2% for 5 min", "Aiko", "fri", "OBS-9")
        await pilot.press("t")                       # prevent → detect
        await add_action(pilot, "Be more careful with cache nodes", "Sam", "2026-03-01", "X-1")

        doc = stage.document
        assert [a.id for a in doc.actions] == ["a1", "a2", "a3"]
        assert doc.actions[1].type == "detect" and doc.actions[1].due == date(2026, 3, 27)
        assert doc.actions[2].owner == "Sam K."
        board = shown(stage.board)
        assert "Page when checkout error rate > 2% for 5 min" in board
        assert t("actions_ui.overdue", due="2026-03-01") in board           # a3 is overdue
        assert t("vague.exit.flagged", ids="a3") in shown(status)

        # Dismiss a3's wording finding with a reason (kept in the document).
        await pilot.press("f", "x")
        await pilot.pause()
        assert isinstance(app.screen, DismissFindingScreen)
        await fill(pilot, "Team norm, tracked in the runbook review")
        await pilot.press("enter")
        await pilot.pause()
        assert [d.key.split(":")[:2] for d in doc.dismissed_findings] == [["vague", "a3"]]
        assert doc.dismissed_findings[0].reason == "Team norm, tracked in the runbook review"
        assert "✓" in shown(status)

        # Link a1 to the first why-node and the first fishbone cause.
        await pilot.press("ctrl+b", "home")
        assert stage.selected_id == "a1"
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CausePickerScreen)
        picker = app.screen
        first_cause_index = [c.id for c in picker.choices].index("c1")
        await pilot.press("space", *["down"] * first_cause_index, "space", "enter")
        await pilot.pause()
        assert doc.actions[0].causes == ["w1", "c1"]
        assert t("actions_ui.causes_short", ids="w1 c1") in shown(stage.board)

        # A due date that does not parse stays on screen with one sentence; the stored day
        # stays what the field last said that parsed.
        await pilot.press("e", "enter", "enter", "end", "x")
        await pilot.pause()
        assert app.focused.id == "action-due"
        assert app.focused.value == "2026-04-08x"
        with pytest.raises(DueDateError) as problem:
            parse_due("2026-04-08x", TODAY)
        assert str(problem.value) in shown(stage.query_one("#action-due-message"))
        assert doc.actions[0].due == date(2026, 4, 8)
        await pilot.press("home", "ctrl+k", *"2026-04-10", "enter")
        assert doc.actions[0].due == date(2026, 4, 10)
        assert not stage.query_one("#action-due-message").display
        assert app.screen.flush()

    data = stored(library_dir, doc_id)
    assert data["actions"] == [
        {"id": "a1", "title": "Add monitoring for checkout p99 latency > 2 s", "type": "prevent",
         "owner": "Lee W.", "due": "2026-04-10", "tracker": "OPS-1", "status": "open",
         "causes": ["w1", "c1"]},
        {"id": "a2", "title": "Page when checkout error rate > 2% for 5 min", "type": "detect",
         "owner": "Aiko M.", "due": "2026-03-27", "tracker": "OBS-9", "status": "open",
         "causes": []},
        {"id": "a3", "title": "Be more careful with cache nodes", "type": "prevent",
         "owner": "Sam K.", "due": "2026-03-01", "tracker": "X-1", "status": "open", "causes": []},
    ]
    assert data["dismissed_findings"][0]["key"].startswith("vague:a3:")

    reopened = make_app(doc_id)
    async with reopened.run_test(size=(120, 40)) as pilot:
        stage = await open_stage_five(pilot)
        board = shown(stage.board)
        for title in ("Add monitoring for checkout p99 latency > 2 s",
                      "Page when checkout error rate > 2% for 5 min",
                      "Be more careful with cache nodes"):
            assert title in board
        assert stage.query_one("#action-title", Input).value == "Add monitoring for checkout p99 latency > 2 s"
        assert stage.query_one("#action-due", Input).value == "2026-04-10"
        assert "✓" in shown(reopened.screen.query_one("#exit-status"))
        # The dismissed finding is listed as dismissed, with its reason.
        await pilot.press("end")
        assert stage.selected_id == "a3"
        assert "Team norm, tracked in the runbook review" in shown(stage.query_one(ActionFindings))


async def test_grouping_and_table_views_and_delete_with_undo(library_dir, make_app):
    Library(library_dir).create(demo_document()).close()
    app = make_app("demo-checkout-latency")
    async with app.run_test(size=(120, 40)) as pilot:
        stage = await open_stage_five(pilot)
        assert stage.selected_id == "a3"         # first on the board: a1 is in progress
        board = shown(stage.board)
        assert t("actions_ui.group_heading", group=t("actions_ui.status.open"), count=7) in board
        assert t("actions_ui.overdue", due="2026-03-24") in board          # a3, open, due yesterday
        assert t("actions_ui.overdue", due="2026-03-20") not in board      # a2 is done
        await pilot.press("g")
        board = shown(stage.board)
        assert t("actions_ui.group_heading", group=t("actions_ui.type.detect"), count=2) in board
        await pilot.press("v")
        await pilot.pause()
        assert stage.table.display and not stage.board.display
        assert stage.table.row_count == 9
        assert app.focused is stage.table
        assert stage.selected_id == "a3"         # the board opened on its first item, kept
        await pilot.press("d")
        assert [a.id for a in stage.document.actions] == ["a1", "a2", "a4", "a5", "a6", "a7", "a8", "a9"]
        assert stage.table.row_count == 8
        await pilot.press("u")
        assert [a.id for a in stage.document.actions][:4] == ["a1", "a2", "a3", "a4"]
        assert stage.document.actions[2].causes == ["w12", "c10"]
        await pilot.press("s")                                               # open → in progress
        assert stage.document.actions[2].status == "in-progress"
        await pilot.press("g")            # from the table: the board again, grouped by status
        await pilot.pause()
        assert stage.board.display and not stage.table.display and app.focused is stage.board
        in_progress = sum(a.status == "in-progress" for a in stage.document.actions)
        assert t("actions_ui.group_heading", group=t("actions_ui.status.in-progress"),
                 count=in_progress) in shown(stage.board)


async def test_undo_goes_back_in_order_so_a_reused_id_never_clashes(library_dir, make_app):
    doc_id = seed(library_dir)
    app = make_app(doc_id)
    async with app.run_test(size=(120, 40)) as pilot:
        stage = await open_stage_five(pilot)
        await add_action(pilot, "First", "Lee", "+1w", "A-1")
        await pilot.press("d")
        await add_action(pilot, "Second", "Lee", "+1w", "A-2")
        assert [(a.id, a.title) for a in stage.document.actions] == [("a1", "Second")]
        for _ in range(6):        # the second item's fields, then the item itself
            if not stage.document.actions:
                break
            await pilot.press("u")
            await pilot.pause()
        assert stage.document.actions == []
        await pilot.press("u")    # then the delete: the first one is back with its own id
        await pilot.pause()
        assert [(a.id, a.title, a.tracker) for a in stage.document.actions] == [("a1", "First", "A-1")]
        assert app.screen.flush()
    assert [a["title"] for a in stored(library_dir, doc_id)["actions"]] == ["First"]


async def test_read_only_window_refuses_edits(library_dir, make_app):
    Library(library_dir).create(demo_document()).close()
    first = make_app("demo-checkout-latency")
    async with first.run_test(size=(120, 40)):
        second = make_app("demo-checkout-latency")
        async with second.run_test(size=(120, 40)) as pilot:
            stage = await open_stage_five(pilot)
            before = [a.to_dict() for a in stage.document.actions]
            await pilot.press("a", "d", "s", "c")
            await pilot.pause()
            assert [a.to_dict() for a in stage.document.actions] == before
            assert stage.query_one("#action-title", Input).disabled


async def test_final_review_jump_focuses_the_field_to_fix(library_dir, make_app):
    doc = demo_document()
    doc.actions[2].owner = ""                                   # a3 loses its owner
    Library(library_dir).create(doc).close()
    app = make_app(doc.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.screen.action_stage(5, "a3")
        await pilot.pause()
        stage = app.screen.query_one(ActionsStage)
        assert stage.selected_id == "a3"
        assert app.focused.id == "action-owner"
        await pilot.press(*"Aiko", "enter")
        assert stage.document.actions[2].owner == "Aiko M."
