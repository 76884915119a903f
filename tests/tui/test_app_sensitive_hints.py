"""Hints from the scanner (issue 15, item 3): stage 1 beside the sensitivity boxes, and the
final review's list of sensitive data in what customers will read."""

from __future__ import annotations

import pytest
from helpers import fill, shown

from postmortem.demo import demo_document
from postmortem.model import Postmortem
from storage.library import Library
from tui.widgets.sensitive_hint import SensitiveDataHint, hint_text

KEY = "AKIAIOSFODNN7EXAMPLE"


def test_hint_counts_kinds_and_asks_for_the_boxes_not_yet_ticked():
    doc = Postmortem(id="pm-1", title="Mail ana@example.com and bo@example.com, key " + KEY)
    assert hint_text(doc) == ("Found 2 e-mail addresses, 1 access key — mark 'Contains PII' "
                              "or 'Contains security details'?")
    doc.scope.sensitivity.pii = True
    assert hint_text(doc) == "Found 2 e-mail addresses, 1 access key — mark 'Contains security details'?"
    doc.scope.sensitivity.security = True
    assert hint_text(doc) == "Found 2 e-mail addresses, 1 access key."
    assert hint_text(Postmortem(id="pm-2", title="Cache outage v1.2.3.4")) == ""


@pytest.fixture
def clean_demo(library_dir):
    doc = demo_document()
    Library(library_dir).create(doc).close()
    return doc.id


async def test_stage_one_hint_follows_typing_after_the_pause(make_app, clean_demo, monkeypatch):
    monkeypatch.setattr(SensitiveDataHint, "DELAY", 0)
    app = make_app(clean_demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.screen.action_stage(1)
        await pilot.pause()
        hint = app.screen.query_one(SensitiveDataHint)
        assert not hint.display   # nothing found in the demo
        app.screen.query_one("#title").focus()
        await pilot.pause()
        await fill(pilot, " (reported by ana@example.com)")
        await pilot.pause()
        assert hint.display
        assert shown(hint) == "Found 1 e-mail address — mark 'Contains PII'?"
        assert "ana@example.com" not in shown(hint)


async def test_final_review_lists_sensitive_data_in_customer_text_without_values(
        make_app, library_dir):
    doc = demo_document()
    doc.communication.customer_summary += f" Rotated key {KEY}."
    internal = next(e for e in doc.timeline if e.internal)
    internal.text += " mail ana@example.com"   # internal-only: never published, not listed
    Library(library_dir).create(doc).close()
    app = make_app(doc.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        listed = shown(app.screen.query_one("#review-list"))
        assert "Sensitive data in what customers will read" in listed
        assert "communication.customer_summary: secret" in listed
        assert KEY not in listed and "e-mail" not in listed
