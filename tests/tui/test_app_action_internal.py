"""Pilot: stage 5's internal-only flag (key i, as events have in stage 2), the blame check on
an action's title in its form, and the customer preview's warnings (issue 12, item 11)."""

from __future__ import annotations

from datetime import date

import pytest

from postmortem.demo import demo_document
from postmortem.model import Action
from storage.library import Library
from tui.screens.export import ExportScreen
from tui.stages.actions import clock as actions_clock
from tui.stages.actions.stage import ActionsStage
from tui.stages.actions.form import ActionFindings

from helpers import fill, shown, stored

TODAY = date(2026, 3, 25)
DEMO = "demo-checkout-latency"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(actions_clock, "today", lambda: TODAY)


async def open_stage_five(pilot) -> ActionsStage:
    await pilot.pause()
    await pilot.press("escape", "5")
    await pilot.pause()
    return pilot.app.screen.query_one(ActionsStage)


async def select(pilot, stage: ActionsStage, action_id: str) -> None:
    stage.refresh_views(action_id)
    stage.board.focus()
    await pilot.pause()
    assert stage.selected_id == action_id


async def customer_preview(pilot) -> ExportScreen:
    await pilot.press("f6")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ExportScreen)
    await pilot.press("t")
    await pilot.pause()
    return screen


@pytest.mark.parametrize("view", ["board", "table"])
async def test_i_marks_an_item_internal_only_and_the_customer_version_leaves_it_out(
        library_dir, make_app, view):
    doc = demo_document()
    title = doc.actions[2].title
    Library(library_dir).create(doc).close()
    app = make_app(DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        stage = await open_stage_five(pilot)
        if view == "table":
            await pilot.press("v")
            await pilot.pause()
        await select(pilot, stage, "a3")
        if view == "table":
            stage.table.focus()
            await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert stage.document.actions[2].internal
        assert "internal only" in shown(stage.current_view())
        assert stage.form.border_title == "Item a3 · internal only"
        screen = await customer_preview(pilot)
        assert title not in screen.shown_markdown().source
        await pilot.press("escape")
        await pilot.pause()
    assert stored(library_dir, DEMO)["actions"][2]["internal"] is True
    assert "internal" not in stored(library_dir, DEMO)["actions"][1]

    # Reopened: still internal; i again makes it public, and the flag leaves the file.
    app = make_app(DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        stage = await open_stage_five(pilot)
        await select(pilot, stage, "a3")
        assert "internal only" in shown(stage.board)
        await pilot.press("i")
        await pilot.pause()
        assert not stage.document.actions[2].internal
        assert stage.form.border_title == "Item a3"
    assert "internal" not in stored(library_dir, DEMO)["actions"][2]


async def test_a_blaming_title_is_flagged_in_the_form_dismissable_and_warned_in_the_preview(
        library_dir, make_app):
    doc = demo_document()
    doc.actions.append(Action("a10", "Alex pushed a bad config (human error)", "prevent",
                              "Lee W.", date(2026, 4, 30), "OPS-1", "open", ["w1"]))
    doc.communication.customer_summary += " It was human error."
    Library(library_dir).create(doc).close()
    app = make_app(DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        stage = await open_stage_five(pilot)
        await select(pilot, stage, "a10")
        findings = stage.query_one(ActionFindings)
        assert [(f.rule, f.matched) for f, _ in findings.entries] == [("blame", "human error")]
        assert "stops the analysis at a person" in shown(findings)
        assert "⚠ 1" in shown(stage.board)

        screen = await customer_preview(pilot)
        assert screen.query_one("#export-warnings").display
        warnings = shown(screen.query_one("#export-warnings-text"))
        assert "Item a10" not in warnings    # items are "Action a10" in every warning
        assert "Action a10 is left out of the customer version" in warnings
        assert "Customer-facing summary carries an open blame finding" in warnings
        assert "bad config" not in screen.shown_markdown().source
        await pilot.press("w")
        await pilot.pause()
        assert (library_dir / f"{DEMO}.customer.md").exists()   # a warning never blocks
        await pilot.press("t")   # the internal version: no customer warnings shown
        await pilot.pause()
        assert not screen.query_one("#export-warnings").display
        await pilot.press("escape")
        await pilot.pause()

        # Dismissed with a reason in the form, the item is published again.
        await select(pilot, stage, "a10")
        stage.action_focus_findings()
        await pilot.press("x")
        await pilot.pause()
        await fill(pilot, "quoting the vendor's report")
        await pilot.press("enter")
        await pilot.pause()
        assert stage.document.dismissed_findings[-1].key == "blame:actions[a10].title:human error"
        screen = await customer_preview(pilot)
        assert "bad config" in screen.shown_markdown().source
        assert "Action a10" not in shown(screen.query_one("#export-warnings-text"))
        await pilot.press("escape")
        await pilot.pause()
    assert stored(library_dir, DEMO)["dismissed_findings"] == [
        {"key": "blame:actions[a10].title:human error", "reason": "quoting the vendor's report"}]
