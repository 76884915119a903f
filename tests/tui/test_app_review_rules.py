"""Pilot: what F5 says about the rules of issue 12 (items 9 and 10) — blame findings named by
their place, hindsight as advice — and the written export agreeing with it."""

from __future__ import annotations

from datetime import date

from postmortem.demo import demo_document
from postmortem.model import Action
from storage.library import Library, load_document
from tui.screens.export import ExportScreen
from tui.screens.review import FinalReviewScreen, ReviewList
from tui.screens.workspace import WorkspaceScreen
from tui.stages.actions import clock as actions_clock
from tui.widgets.stage_strip import StageStrip

LATE = date(2026, 12, 2)   # the demo's follow-up reviews (April and May) are overdue
DEMO = "demo-checkout-latency"


def screen_text(widget) -> str:
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


def joined(widget) -> str:
    """The widget's text with wrapping undone (a reason may take two lines)."""
    return " ".join(screen_text(widget).split())


async def open_review(pilot) -> FinalReviewScreen:
    await pilot.pause()
    assert isinstance(pilot.app.screen, WorkspaceScreen)
    await pilot.press("f5")
    await pilot.pause()
    assert isinstance(pilot.app.screen, FinalReviewScreen)
    return pilot.app.screen


async def test_f5_and_the_written_export_agree_on_overdue_reviews(library_dir, make_app,
                                                                  monkeypatch):
    monkeypatch.setattr(actions_clock, "today", lambda: LATE)
    Library(library_dir).create(demo_document()).close()
    app = make_app(DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        shown = joined(screen.query_one(ReviewList))
        assert "✗ Follow-up review scheduled" in shown
        assert "The 30-day review was due on 2026-04-08 and is not marked done" in shown
        reasons = [r.text for r in screen.review.line("follow_up").reasons]
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("w")
        await pilot.pause()
    written = (library_dir / f"{DEMO}.md").read_text("utf-8")
    assert "Checked on 2026-12-02." in written
    assert "- [ ] Follow-up review scheduled" in written
    assert "- [x] Follow-up review scheduled" not in written
    assert all(f"  - {reason}" in written for reason in reasons) and len(reasons) == 2
    assert "- [ ] 2026-04-08 — 30-day review — overdue" in written


def blaming_demo():
    doc = demo_document()
    doc.actions.append(Action("a10", "Alex pushed a bad config (human error)", "prevent",
                              "Lee W.", date(2026, 4, 30), "OPS-1", "open", ["w1"]))
    doc.lessons.went_wrong += ["人为失误导致配置错误"]
    doc.lessons.lucky[0] = "We should have rolled back first"
    return doc


async def test_f5_names_the_place_of_each_finding_and_jumps_to_the_lesson(library_dir, make_app):
    doc = blaming_demo()
    Library(library_dir).create(doc).close()
    wrong = len(doc.lessons.went_wrong)
    app = make_app(DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        review_list = screen.query_one(ReviewList)
        shown = joined(review_list)
        assert "✗ Blameless tone; facts and timeline clear" in shown
        assert f"What went wrong, item {wrong}: " in shown and "人为失误" in shown
        assert "Action a10: “human error” stops the analysis at a person" in shown
        assert "Hindsight (advice: does not fail the review)" in shown
        assert "Where we got lucky, item 1: " in shown
        assert "What made this look reasonable at the time?" in shown
        index = next(i for i, option in enumerate(review_list.options)
                     if option.id in screen.targets
                     and screen.targets[option.id].location == f"lessons.went_wrong[{wrong - 1}]")
        review_list.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        assert app.screen.query_one(StageStrip).current == 4
        lessons = app.screen.query_one("#lessons-went_wrong")
        assert app.focused is lessons and lessons.highlighted == wrong - 1
    # Looking and jumping changed nothing in the file.
    stored = load_document(Library(library_dir).path_for(doc.id))
    assert stored.to_dict() == doc.to_dict()
