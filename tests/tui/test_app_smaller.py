"""Pilot and unit tests: the smaller things a new user tripped on (issue 12 item 12) — a why is
an answer to a question shown above it, a chat speaker goes to Source, plural forms, due
dates counted from today, the id's date, and the final review's deviations."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from textual import events

from postmortem import i18n
from postmortem.factory import new_postmortem, new_postmortem_id
from postmortem.i18n import t
from postmortem.model import Event
from postmortem.pasting import chat_speaker
from storage.library import Library
from tui.screens.review import FinalReviewScreen
from tui.screens.workspace import WorkspaceScreen
from tui.stages.timeline.dialogs import PasteDialog
from helpers import fill, shown, stored


def seed(library_dir, doc_id="small", **fields) -> None:
    doc = new_postmortem(doc_id, "Checkout latency", "SEV2")
    for name, value in fields.items():
        setattr(doc, name, value)
    Library(library_dir).create(doc).close()


# Stage 3: a node is an answer ---------------------------------------------------------------

async def test_a_why_is_an_answer_to_the_question_shown_above_the_editor(library_dir, make_app):
    seed(library_dir)
    app = make_app("small")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.document.analysis.problem = "Checkout p99 above 8 s"
        await screen.action_stage(3)
        await pilot.pause()
        hint = shown(screen.query_one("#whys-empty"))
        assert "answer" in hint and "Because…" in hint
        screen.query_one("#whys-tree").focus()
        await pilot.press("a")
        await pilot.pause()
        question = screen.query_one("#whys-question")
        editor = screen.query_one("#whys-editor")
        assert question.display and editor.has_focus
        assert shown(question) == "Answering: why did the problem happen? ← “Checkout p99 above 8 s”"
        assert question.region.y < editor.region.y          # above the line being typed
        assert editor.placeholder.startswith("Because…")
        await fill(pilot, "The cache was cold")
        await pilot.press("enter")
        await pilot.pause()
        assert not question.display
        await pilot.press("a")
        await pilot.pause()
        assert shown(question) == "Answering: why? ← “The cache was cold”"
        await fill(pilot, "Warm-up was skipped")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+q")
    whys = stored(library_dir, "small")["analysis"]["whys"]
    assert [(w["text"], w["parent"]) for w in whys] == [
        ("The cache was cold", None), ("Warm-up was skipped", whys[0]["id"])]


# The paste dialog: a chat speaker goes to Source ------------------------------------------------

def test_chat_speaker_finds_names_not_alerts():
    assert chat_speaker("Priya Shah: engineering identified the bad config") == \
        ("Priya Shah", "engineering identified the bad config")
    assert chat_speaker("李雷：回滚完成") == ("李雷", "回滚完成")
    assert chat_speaker("@sam: rolled back") == ("@sam", "rolled back")
    assert chat_speaker("Alert CheckoutLatencyP50High: firing") is None
    assert chat_speaker("Status page: investigating") is None
    assert chat_speaker("Rollback complete") is None


async def test_paste_offers_to_move_the_chat_speaker_to_source(library_dir, make_app):
    seed(library_dir, meeting_at=datetime(2026, 3, 9, 15, 0, tzinfo=timezone.utc))
    app = make_app("small")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.screen.action_stage(2)
        await pilot.pause()
        app.screen.query_one("#timeline-table").focus()
        await pilot.press("p")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PasteDialog)
        app.post_message(events.Paste("[10:27] Priya Shah: engineering identified the config"))
        await pilot.pause()
        offer = dialog.query_one("#paste-speakers")
        assert offer.display and offer.value
        assert "chat: Priya Shah" in shown(offer)
        assert "Add 1 event" in str(dialog.query_one("#paste-add").label)     # not "1 events"
        row = " ".join(str(cell) for cell in dialog.query_one("#paste-preview").get_row_at(0))
        assert "engineering identified the config" in row and "chat: Priya Shah" in row
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        assert app.screen.query_one("#status-line").text == "Added 1 event."
        await pilot.press("ctrl+q")
    event = stored(library_dir, "small")["timeline"][0]
    assert (event["text"], event["source"]) == ("engineering identified the config",
                                                 "chat: Priya Shah")


# Plural forms ---------------------------------------------------------------------------------

def test_plural_forms_are_chosen_by_count():
    assert t("timeline_ui.added_many", count=1) == "Added 1 event."
    assert t("timeline_ui.added_many", count=3) == "Added 3 events."
    assert t("timeline_ui.added_many", count=0) == "Added 0 events."
    assert i18n.plural_form("en", 1) == "one" and i18n.plural_form("en", 2) == "other"
    assert i18n.plural_form("zh-CN", 1) == "other"   # a language without "one"
    messages = i18n.catalogue()
    assert not [key for key, text in messages.items() if "(s)" in text]


# Due dates count from today --------------------------------------------------------------------

async def test_the_due_date_hint_says_from_today(library_dir, make_app):
    seed(library_dir, meeting_at=datetime(2026, 3, 9, 15, 0, tzinfo=timezone.utc))
    app = make_app("small")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.screen.action_stage(5)
        await pilot.pause()
        stage = app.screen.query_one("#stage-5")
        stage.query_one("#action-board").focus()
        await pilot.press("a")
        await fill(pilot, "Alert on queue depth > 1000 for 5 min")     # not what is tested
        await pilot.press("enter", "enter", *"+2w")
        await pilot.pause()
        message = shown(stage.query_one("#action-due-message"))
        assert "counted from today" in message
        assert "due date" in stage.query_one("#action-due").placeholder or \
            "from today" in stage.query_one("#action-due").placeholder
        await pilot.press("ctrl+q")
    due = stored(library_dir, "small")["actions"][0]["due"]
    assert due == (date.today() + timedelta(weeks=2)).isoformat()


# A new postmortem's id takes the incident's or the meeting's date ---------------------------------

def test_the_id_takes_the_incident_date_then_the_meeting_date():
    meeting = datetime(2026, 3, 9, 15, 0, tzinfo=timezone.utc)
    assert new_postmortem_id("Checkout latency", incident_day=date(2026, 3, 4),
                             meeting_at=meeting) == "2026-03-04-checkout-latency"
    assert new_postmortem_id("Checkout latency", meeting_at=meeting) == \
        "2026-03-09-checkout-latency"
    today = datetime.now(timezone.utc).date().isoformat()
    assert new_postmortem_id("Checkout latency") == f"{today}-checkout-latency"


async def test_new_from_the_library_uses_the_incident_date(library_dir, make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await fill(pilot, "CDN outage")
        await pilot.press("tab", "tab")
        await fill(pilot, "2026-02-27")
        await pilot.press("tab")
        await fill(pilot, "2026-03-02 16:00")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        assert app.screen.document.id == "2026-02-27-cdn-outage"
    data = stored(library_dir, "2026-02-27-cdn-outage")
    assert data["title"] == "CDN outage" and data["meeting_at"] == "2026-03-02T16:00:00Z"


# F5: deviations ----------------------------------------------------------------------------

async def test_the_final_review_says_nothing_about_deviations_when_there_are_none(library_dir,
                                                                                 make_app):
    seed(library_dir)
    app = make_app("small")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, FinalReviewScreen)
        options = app.screen.query_one("#review-list").options
        prompts = " ".join(str(option.prompt) for option in options)
        assert "Deviations" not in prompts and "No deviations" not in prompts
        assert not [option.id for option in options if "deviation" in (option.id or "")]
    assert stored(library_dir, "small")["title"] == "Checkout latency"
