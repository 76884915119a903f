"""The wrap-up's recap (postmortem.recap, issue 14 part 6): its sections from the document and
the final review, and the Markdown of ``<id>.recap.md`` — and, through the app, Ctrl+G shows
it and w writes the file beside the postmortem."""

from __future__ import annotations

import os
from datetime import date, datetime, timezone

from postmortem import meeting as clock
from postmortem.checklist import evaluate
from postmortem.demo import demo_document
from postmortem.factory import new_postmortem
from postmortem.model import Action
from postmortem.recap import (SECTION_BUILDERS, RecapSection, line, recap_markdown,
                              recap_sections)
from storage.library import Library
from tests.helpers import shown
from tui.screens.workspace import WorkspaceScreen
from tui.screens.wrapup import WrapUpScreen

TODAY = date(2026, 3, 10)


def unfinished_demo():
    doc = demo_document()
    doc.id = "recap-demo"
    doc.actions[0].owner = ""                      # a1: nobody owns it
    doc.impact.users_affected = "some shoppers"    # not quantified
    return doc


def recap_of(doc) -> str:
    return recap_markdown(doc, recap_sections(doc, evaluate(doc, today=TODAY)), TODAY)


def test_the_recap_reads_actions_follow_ups_and_what_is_still_open():
    text = recap_of(unfinished_demo())
    lines = text.splitlines()
    assert lines[0] == "# Recap: Checkout latency and failures after a cache node replacement"
    sections = [line for line in lines if line.startswith("## ")]
    assert sections == ["## New actions", "## Parking lot", "## Follow-up reviews",
                        "## Still ✗ in the final review"]
    assert "- Alert when checkout\\_cache\\_hit\\_ratio on any shard &lt; 80% for 3 min (a3) — " \
           "owner: Aiko M., due 2026-03-24" in lines
    assert any(line.startswith("- Run the cache warm-up job") and "owner: nobody yet" in line
               and line.endswith("in progress") for line in lines)
    assert "- 30-day review: 2026-04-08" in lines and "- 60-day review: 2026-05-08" in lines
    still = lines[lines.index("## Still ✗ in the final review"):]
    assert "- ✗ Impact quantified where possible" in still
    assert "- ✗ Action items owned, dated, and tracked" in still
    assert any(line.startswith("  - a1 ") and "Nobody owns this item" in line for line in still)
    assert "Blameless" not in "\n".join(still)      # lines that hold are not read out


def test_an_empty_postmortem_says_so_in_each_section():
    doc = new_postmortem("empty-recap", "")
    text = recap_of(doc)
    assert text.startswith("# Recap: empty-recap\n")
    assert "No action items yet." in text and "No follow-up review is scheduled." in text
    assert "Nothing was parked." in text
    assert "- ✗ " in text


def test_a_finished_review_has_nothing_still_open():
    doc = demo_document()
    text = recap_of(doc)
    assert "Nothing: every line of the final review holds." in text


def test_user_text_cannot_make_markdown_of_its_own():
    doc = new_postmortem("hostile-recap", "# not a heading *bold*")
    doc.actions.append(Action("a1", title="- [x] done?", owner="@here <b>", due=TODAY))
    text = recap_of(doc)
    assert text.startswith("# Recap: \\# not a heading \\*bold\\*\n")
    assert "- \\- \\[x\\] done? (a1) — owner: @here &lt;b&gt;, due 2026-03-10" in text


def test_a_timed_meeting_is_named_with_its_times():
    doc = unfinished_demo()
    start = datetime(2026, 3, 9, 15, 0, tzinfo=timezone.utc)
    clock.start(doc.meeting, start)
    clock.end(doc.meeting, start.replace(hour=16, minute=4))
    assert "Meeting on 2026-03-09, 15:00–16:04 UTC; 1:04 on the clock." in recap_of(doc)


def test_the_parking_lot_outcomes_are_read_out_each_as_settled():
    from postmortem import parking
    doc = unfinished_demo()
    raised = datetime(2026, 3, 9, 15, 12, tzinfo=timezone.utc)
    made = parking.park(doc, "Ask the storage vendor about snapshot limits", 2, raised)
    idea = parking.park(doc, "A chaos day for the cache tier", 3, raised)
    gone = parking.park(doc, "Tune the old cluster", 3, raised)
    parking.park(doc, "Who owns the runbook wiki?", 4, raised)
    action = parking.make_action(doc, made.id)
    parking.keep_as_idea(doc, idea.id)
    parking.drop(doc, gone.id, "It is retired next month")
    lines = recap_of(doc).splitlines()
    part = lines[lines.index("## Parking lot"):lines.index("## Follow-up reviews")]
    assert f"- Ask the storage vendor about snapshot limits → action item {action.id}" in part
    assert "- A chaos day for the cache tier → kept as an idea" in part
    assert "- Tune the old cluster → dropped: It is retired next month" in part
    assert "- Who owns the runbook wiki? → not settled yet" in part


def test_another_feature_adds_a_section_by_adding_its_builder(monkeypatch):
    def parked(doc, review):
        return RecapSection("parking_lot", "Parking lot", (line("recap.reason", reason="x"),),
                            "Nothing parked.")
    monkeypatch.setattr("postmortem.recap.SECTION_BUILDERS", [*SECTION_BUILDERS[:1], parked,
                                                               *SECTION_BUILDERS[1:]])
    sections = [line for line in recap_of(unfinished_demo()).splitlines() if line.startswith("## ")]
    assert sections[1] == "## Parking lot" and sections.count("## Parking lot") == 2


async def test_ctrl_g_shows_the_wrap_up_and_w_writes_the_recap_file(library_dir, make_app,
                                                                      monkeypatch):
    monkeypatch.setattr("tui.stages.actions.clock.today", lambda: TODAY)
    Library(library_dir).create(unfinished_demo()).close()
    app = make_app("recap-demo")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#title").focus()
        await pilot.press("ctrl+g")                      # works while typing in a field
        await pilot.pause()
        assert isinstance(app.screen, WrapUpScreen)
        assert "owner: nobody yet" in shown(app.screen.query_one("#wrapup-actions"))
        assert "30-day review: 2026-04-08" in shown(app.screen.query_one("#wrapup-follow_ups"))
        assert "✗ Impact quantified" in shown(app.screen.query_one("#wrapup-still_open"))
        await pilot.press("w")
        await pilot.pause()
        recap = library_dir / "recap-demo.recap.md"
        assert "Recap written to" in shown(app.screen.query_one("#status-line"))
        assert recap.read_text("utf-8") == recap_of(unfinished_demo())
        assert oct(os.stat(recap).st_mode & 0o777) == "0o600"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
    # The recap is no postmortem: the library still lists one.
    assert [entry.id for entry in Library(library_dir).entries()] == ["recap-demo"]


async def test_a_recap_that_cannot_be_written_says_why_in_one_sentence(library_dir, make_app):
    Library(library_dir).create(unfinished_demo()).close()
    (library_dir / "recap-demo.recap.md").symlink_to(library_dir / "elsewhere.md")
    app = make_app("recap-demo")
    errors = []
    show = app.notify

    def notify(message, *, severity="information", **kwargs):
        if severity == "error":
            errors.append(message)
        show(message, severity=severity, **kwargs)
    app.notify = notify
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+g", "w")
        await pilot.pause()
        assert isinstance(app.screen, WrapUpScreen)
    assert len(errors) == 1 and errors[0].startswith("The recap was not written: ")
    assert "Traceback" not in errors[0] and "\n" not in errors[0]
    assert not (library_dir / "elsewhere.md").exists()
