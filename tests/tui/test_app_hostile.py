"""Pilot: hostile text and dates in the app (issue 11 §5) — a library with an unreadable
file, stage 6 reviews near the end of the accepted dates, hidden characters shown as marks."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest
from textual import events
from textual.widgets import DataTable

from postmortem.factory import new_postmortem
from postmortem.model import Event, FollowUp, WhyNode
from storage.library import Library
from storage.reading import load_document
from tui.screens.library import LibraryScreen
from tui.stages.actions import clock as actions_clock
from tui.stages.communication.stage import CommunicationStage
from tui.stages.timeline.table import TimelineTable
from helpers import shown, stored

RANGE = "(1970-01-01 to 9000-12-31)"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(actions_clock, "today", lambda: date(2026, 3, 25))


async def toasts(pilot) -> str:
    """The notifications on screen (the toast rack shows them on a later turn)."""
    await pilot.pause()
    await pilot.pause()
    text = " ".join(shown(toast) for toast in pilot.app.screen.query("Toast"))
    return " ".join(text.replace("▌", " ").split())  # without the toast's border, unwrapped


async def test_the_library_lists_an_unreadable_file_with_its_reason(library_dir, make_app):
    Library(library_dir).create(new_postmortem("good", "Checkout latency", "SEV2")).close()
    bad = new_postmortem("hostile", "placeholder", "SEV3").to_dict()
    raw = json.dumps({"postmortem": {"1": bad}}).replace('"placeholder"', '"Checkout \\ud800"')
    (library_dir / "hostile.json").write_text(raw, "utf-8")
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        assert isinstance(app.screen, LibraryScreen)
        table = app.screen.query_one(DataTable)
        rows = {table.coordinate_to_cell_key((i, 0)).row_key.value: str(table.get_row_at(i)[0])
                for i in range(table.row_count)}
        assert rows["good"] == "Checkout latency"
        assert rows["hostile"].startswith("⚠ hostile.json does not parse as a postmortem: title:")
        # Highlighted, the line under the table gives the whole reason.
        table.move_cursor(row=list(rows).index("hostile"))
        await pilot.pause()
        status = shown(app.screen.query_one("#library-empty"))
        assert "contains an unpaired surrogate (U+D800)" in status
        table.move_cursor(row=list(rows).index("good"))
        await pilot.pause()
        assert "2 of 2 postmortems" in shown(app.screen.query_one("#library-empty"))
    assert (library_dir / "hostile.json").read_text("utf-8") == raw  # never written over


def seed_far(library_dir, *, follow_up: date | None = None) -> str:
    doc = new_postmortem("far", "Far future", "SEV2")
    doc.meeting_at = datetime(9000, 12, 31, 15, 0, tzinfo=timezone.utc)
    if follow_up is not None:
        doc.communication.follow_ups.append(FollowUp(due=follow_up, label="Review"))
    Library(library_dir).create(doc).close()
    return doc.id


async def open_stage_six(pilot) -> CommunicationStage:
    await pilot.press("escape", "6")
    await pilot.pause()
    return pilot.app.screen.query_one(CommunicationStage)


async def test_default_reviews_past_the_last_accepted_date_are_refused(library_dir, make_app):
    doc_id = seed_far(library_dir)
    app = make_app(doc_id)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        stage = await open_stage_six(pilot)
        stage.query_one("#follow-up-defaults").focus()
        await pilot.press("f")
        await pilot.pause()
        assert stage.document.communication.follow_ups == []
        assert f"is outside the dates this tool accepts {RANGE}" in await toasts(pilot)
        await pilot.press("ctrl+s")
        await pilot.app.workers.wait_for_complete()
    assert stored(library_dir, doc_id)["communication"]["follow_ups"] == []


async def test_adding_a_review_past_the_last_accepted_date_is_refused(library_dir, make_app):
    doc_id = seed_far(library_dir, follow_up=date(9000, 12, 20))
    app = make_app(doc_id)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        stage = await open_stage_six(pilot)
        stage.query_one("#follow-up-defaults").focus()
        await pilot.press("n")
        await pilot.pause()
        assert [r.due for r in stage.document.communication.follow_ups] == [date(9000, 12, 20)]
        assert "9001-01-19 is outside the dates this tool accepts" in await toasts(pilot)
    assert [r["due"] for r in stored(library_dir, doc_id)["communication"]["follow_ups"]] == [
        "9000-12-20"]


async def test_hidden_characters_are_shown_as_marks(library_dir, make_app):
    doc = new_postmortem("marks", "Invoice \u202egpj.exe", "SEV2")
    doc.timeline.append(Event(id="e1", at=datetime(2026, 3, 4, 14, 0, tzinfo=timezone.utc),
                              text="Pri\u200bya restarted 👩\u200d💻"))
    doc.analysis.whys.append(WhyNode(id="w1", text="Because \u2066isolated\u2069"))
    Library(library_dir).create(doc).close()
    app = make_app("marks")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Invoice ⟨RLO⟩gpj.exe" in shown(app.screen.query_one("DocumentHeader"))
        await pilot.press("escape", "2")
        await pilot.pause()
        table = app.screen.query_one(TimelineTable)
        assert "Pri⟨ZWSP⟩ya restarted 👩\u200d💻" in shown(table)
        await pilot.press("escape", "3")
        await pilot.pause()
        assert "Because ⟨LRI⟩isolated⟨PDI⟩" in shown(app.screen.query_one("WhysTree"))
    # The text itself is kept as it was typed.
    assert stored(library_dir, "marks")["title"] == "Invoice \u202egpj.exe"


async def test_pasted_control_characters_never_reach_the_document(library_dir, make_app):
    Library(library_dir).create(new_postmortem("paste", "Queue", "SEV2")).close()
    app = make_app("paste")
    async with app.run_test(size=(120, 40)) as pilot:
        title = app.screen.query_one("#title")
        title.focus()
        await pilot.press("end")
        # As the terminal driver delivers it: to the app, which hands it to the focused widget.
        app.post_message(events.Paste(" backlog\x1b[2J\x07 \ud800eu-west"))
        await pilot.pause()
        assert title.value == "Queue backlog[2J eu-west"
        await pilot.press("escape", "6")
        await pilot.pause()
        summary = app.screen.query_one("#internal_summary")
        summary.focus()
        app.post_message(events.Paste("Line one\x00\nLine\x1b two"))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
    saved = stored(library_dir, "paste")
    assert saved["title"] == "Queue backlog[2J eu-west"
    assert saved["communication"]["internal_summary"] == "Line one\nLine two"
    assert load_document(library_dir / "paste.json").title == saved["title"]  # it reads back
