"""Pilot: the final review (F5) — ✓/✗ lines with every reason, the deviations, and Enter or a
click on a reason going to the stage and item to fix."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input

from postmortem.checklist import evaluate
from postmortem.demo import demo_document
from postmortem.factory import new_postmortem
from storage.library import Library
from tui.screens.review import FinalReviewScreen, ReviewList
from tui.screens.workspace import WorkspaceScreen
from tui.widgets.stage_strip import StageStrip

TODAY = date(2026, 3, 10)  # the demo's meeting was on 9 March; its follow-ups are ahead


def broken_demo():
    """The demo with a few things taken out: fails the impact, actions and follow-up lines."""
    doc = demo_document()
    doc.id, doc.title = "broken", "Checkout latency (broken copy)"
    doc.impact.users_affected = "some shoppers"      # no quantity
    doc.actions[0].owner = ""                       # a1 is open: nobody owns it
    doc.meeting_at = None
    doc.communication.follow_ups = []               # nothing scheduled, and no meeting date
    return doc


def screen_text(widget) -> str:
    """What the widget shows on screen right now, line by line."""
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


def line_of(widget, text: str) -> int:
    lines = screen_text(widget).splitlines()
    return next(y for y, line in enumerate(lines) if text in line)


async def open_review(pilot):
    await pilot.pause()
    assert isinstance(pilot.app.screen, WorkspaceScreen)
    await pilot.press("f5")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, FinalReviewScreen)
    return screen


async def test_lines_and_every_reason_on_screen(library_dir, make_app):
    doc = broken_demo()
    Library(library_dir).create(doc).close()
    app = make_app("broken")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        text = screen_text(screen.query_one(ReviewList))
        assert "✓ Blameless tone; facts and timeline clear" in text
        assert "✗ Impact quantified where possible" in text
        assert "✓ Root cause and contributing factors distinguished" in text
        assert "✗ Action items owned, dated, and tracked" in text
        assert "✗ Follow-up review scheduled" in text
        assert "Quantify the users affected" in text
        assert "Nobody owns this item" in text
        assert "Set the meeting date (stage 1)" in text
        assert "stage 5: Action items" in text
        # Every reason of the domain evaluation is an option of the list, in order.
        review = evaluate(doc, library=[], today=date.today())
        reasons = [r for line in review.lines for r in line.reasons]
        assert [(t.stage, t.location) for t in screen.targets.values()] == \
            [(r.stage, r.location) for r in reasons]
        assert "3 of 5 checklist items need work." in str(screen.query_one("#review-summary").render())
        assert "Deviations" not in text   # none: no heading, nothing to explain


async def test_enter_on_a_reason_jumps_to_that_field(library_dir, make_app):
    Library(library_dir).create(broken_demo()).close()
    app = make_app("broken")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        review_list = screen.query_one(ReviewList)
        assert app.focused is review_list
        # The footer names the keys, from the command registry.
        shown = {key: b.binding.description for key, b in screen.active_bindings.items()
                 if b.binding.show}
        assert shown["enter"] == "Go to fix" and shown["escape"] == "Back"
        # The highlight starts on the first reason and moves over reasons only (lines are
        # headings): down to "Set the meeting date", the reason of stage 1.
        start = review_list.highlighted
        assert not review_list.get_option_at_index(start).disabled
        for _ in range(10):
            target = screen.targets[review_list.get_option_at_index(review_list.highlighted).id]
            if target.location == "meeting_at":
                break
            await pilot.press("down")
        else:
            raise AssertionError("no reason points at the meeting date")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        assert app.screen.query_one(StageStrip).current == 1
        assert app.focused is app.screen.query_one("#meeting_at", Input)


async def test_enter_on_an_action_reason_goes_to_stage_five(library_dir, make_app):
    Library(library_dir).create(broken_demo()).close()
    app = make_app("broken")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        review_list = screen.query_one(ReviewList)
        index = next(i for i, option in enumerate(review_list.options)
                     if option.id in screen.targets and screen.targets[option.id].location == "a1")
        review_list.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        assert app.screen.query_one(StageStrip).current == 5
        assert app.screen.query_one("#stages").current == "stage-5"


async def test_click_on_a_reason_jumps(library_dir, make_app):
    Library(library_dir).create(broken_demo()).close()
    app = make_app("broken")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        review_list = screen.query_one(ReviewList)
        y = line_of(review_list, "Quantify the users affected")
        await pilot.click(ReviewList, offset=(12, y))
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        assert app.screen.query_one(StageStrip).current == 2


async def test_click_on_a_line_heading_stays(library_dir, make_app):
    Library(library_dir).create(broken_demo()).close()
    app = make_app("broken")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        review_list = screen.query_one(ReviewList)
        await pilot.click(ReviewList, offset=(6, line_of(review_list, "Impact quantified")))
        await pilot.pause()
        assert app.screen is screen


async def test_escape_closes_without_moving(library_dir, make_app):
    Library(library_dir).create(broken_demo()).close()
    app = make_app("broken")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("escape", "6")  # focus starts in the title field: leave it first
        await pilot.pause()
        assert app.screen.query_one(StageStrip).current == 6
        await open_review(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        assert app.screen.query_one(StageStrip).current == 6


async def test_deviations_security_blocks_and_repeat_names_the_other(library_dir, make_app):
    doc = broken_demo()
    doc.scope.sensitivity.security = True
    doc.communication.legal_review = "pending"
    library = Library(library_dir)
    library.create(doc).close()
    earlier = new_postmortem("earlier-cache", "Earlier cache outage", "SEV3")
    earlier.tags = ["Cache"]   # shares a tag, not the root cause text
    library.create(earlier).close()
    for n in range(2):   # the tag is on 2 of 4 postmortems: rare enough to count alone
        library.create(new_postmortem(f"unrelated-{n}", f"Unrelated {n}", "SEV4")).close()
    app = make_app("broken")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        review_list = screen.query_one(ReviewList)
        text = screen_text(review_list)
        assert "Deviations" in text
        assert "blocks: Security incident" in text
        assert "legal review is pending" in text
        assert "advice: Repeats a failure recorded in “Earlier cache outage” (earlier-cache)" in text
        assert "architecture or SLO review" in text
        assert "Where this incident departs from the usual review" in text   # what they are
        # Enter on the repeated failure goes to the tags of stage 1.
        repeat = next(i for i, option in enumerate(review_list.options)
                      if option.id in screen.targets and screen.targets[option.id].location == "tags")
        review_list.highlighted = repeat
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(StageStrip).current == 1
        assert app.focused is app.screen.query_one("#tags", Input)


async def test_passing_document_has_nothing_to_fix(library_dir, make_app):
    Library(library_dir).create(demo_document()).close()
    app = make_app("demo-checkout-latency")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = FinalReviewScreen(app.screen.document, [], today=TODAY)
        app.push_screen(screen)
        await pilot.pause()
        assert "All 5 checklist items pass." in str(screen.query_one("#review-summary").render())
        assert screen.query_one(ReviewList).highlighted is None
        assert screen.query_one("#review-hint").display
        assert screen.targets == {}
        await pilot.press("enter")       # nothing to go to: the review stays
        await pilot.pause()
        assert app.screen is screen


async def test_today_decides_overdue_follow_ups(library_dir, make_app):
    Library(library_dir).create(demo_document()).close()
    app = make_app("demo-checkout-latency")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = FinalReviewScreen(app.screen.document, [], today=date(2026, 6, 1))
        app.push_screen(screen)
        await pilot.pause()
        text = screen_text(screen.query_one(ReviewList))
        assert "✗ Follow-up review scheduled" in text
        assert "was due on 2026-04-08 and is not marked done" in text


async def test_user_text_is_shown_as_typed_not_as_markup(library_dir, make_app):
    doc = broken_demo()
    doc.title = "Cache [b]warm-up[/b] $error"
    doc.actions[0].title = "Warm the cache [red]before[/red] traffic, alert on hit ratio < 90%"
    Library(library_dir).create(doc).close()
    app = make_app("broken")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        assert "[red]before[/red]" in screen_text(screen.query_one(ReviewList))
        assert "Cache [b]warm-up[/b] $error" in str(screen.query_one("#review-title").render())
