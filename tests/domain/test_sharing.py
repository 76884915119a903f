"""Sharing-safe mode's copy of a postmortem and how edits made on it reach the real one
(issue 15, item 2)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from postmortem.model import Action, DismissedFinding, Event, Postmortem, WhyNode
from postmortem.sharing import HiddenTextEdit, merge_shared_edits, shared_view

AT = datetime(2026, 3, 14, 10, 30, tzinfo=timezone.utc)
KEY = "AKIAIOSFODNN7EXAMPLE"


def real_doc() -> Postmortem:
    doc = Postmortem(id="pm-1", title="Checkout outage", facilitator_notes="ask Sam privately")
    doc.timeline = [Event(id="e1", at=AT, text="Alert fired"),
                    Event(id="e2", at=AT + timedelta(minutes=1), text=f"Key {KEY} in log",
                          internal=True),
                    Event(id="e3", at=AT + timedelta(minutes=2), text="Mail ana@example.com")]
    doc.actions = [Action(id="a1", title="Rotate keys", internal=True),
                   Action(id="a2", title="Add alert")]
    doc.analysis.whys = [WhyNode(id="w1", text="Cache cold", evidence="graph in 10.0.0.5")]
    doc.dismissed_findings = [DismissedFinding(key="blame:w1:x", reason="quote of Sam")]
    doc.lessons.went_well = ["Rollback fast", "Paged +1 415 555 0100 quickly"]
    return doc


def test_shared_view_masks_and_hides():
    shown = shared_view(real_doc())
    text = repr(shown.to_dict())
    for hidden in (KEY, "ana@example.com", "10.0.0.5", "quote of Sam", "ask Sam", "Rotate keys",
                   "415 555"):
        assert hidden not in text
    assert [e.id for e in shown.timeline] == ["e1", "e3"]
    assert shown.timeline[1].text == "Mail [e-mail]"
    assert [a.id for a in shown.actions] == ["a2"]
    assert shown.lessons.went_well[1] == "Paged [phone] quickly"


def test_edit_of_a_plain_text_reaches_the_real_document_and_keeps_hidden_things():
    real = real_doc()
    shown = shared_view(real)
    shown.timeline[0].text = "Alert fired at last"
    shown.title = "Checkout outage (EU)"
    merge_shared_edits(real, shown)
    assert real.title == "Checkout outage (EU)"
    assert [e.text for e in real.timeline] == ["Alert fired at last", f"Key {KEY} in log",
                                               "Mail ana@example.com"]
    assert [a.title for a in real.actions] == ["Rotate keys", "Add alert"]
    assert real.analysis.whys[0].evidence == "graph in 10.0.0.5"
    assert real.dismissed_findings[0].reason == "quote of Sam"
    assert real.facilitator_notes == "ask Sam privately"
    assert real.lessons.went_well[1] == "Paged +1 415 555 0100 quickly"


def test_edit_of_a_masked_text_is_refused_and_changes_nothing():
    real = real_doc()
    before = real.to_dict()
    shown = shared_view(real)
    shown.timeline[1].text = "Mail [e-mail] twice"
    with pytest.raises(HiddenTextEdit) as refused:
        merge_shared_edits(real, shown)
    assert refused.value.path == "timeline[1].text"
    assert real.to_dict() == before


def test_typing_into_a_hidden_evidence_note_is_refused():
    real = real_doc()
    shown = shared_view(real)
    shown.analysis.whys[0].evidence = "new evidence"
    with pytest.raises(HiddenTextEdit):
        merge_shared_edits(real, shown)
    assert real.analysis.whys[0].evidence == "graph in 10.0.0.5"


def test_adding_removing_and_moving_items_keep_the_real_values():
    real = real_doc()
    shown = shared_view(real)
    shown.timeline.insert(1, Event(id="e9", at=AT + timedelta(seconds=30), text="New"))
    del shown.actions[0]
    shown.lessons.went_well.reverse()
    shown.lessons.went_wrong.append("No alert on 203.0.113.9")
    merge_shared_edits(real, shown)
    assert [e.id for e in real.timeline] == ["e1", "e9", "e2", "e3"]
    assert [a.id for a in real.actions] == ["a1"]   # the hidden one stays
    assert real.lessons.went_well == ["Paged +1 415 555 0100 quickly", "Rollback fast"]
    assert real.lessons.went_wrong == ["No alert on 203.0.113.9"]  # typed text is real text


def test_a_new_item_copied_from_masked_text_is_refused():
    real = real_doc()
    shown = shared_view(real)
    shown.lessons.went_wrong.append("Paged [phone] quickly")
    with pytest.raises(HiddenTextEdit):
        merge_shared_edits(real, shown)
    assert real.lessons.went_wrong == []


def test_a_finding_typed_on_the_shared_screen_stays_editable_until_the_next_resync():
    from postmortem.sharing import SharedCopy
    real = real_doc()
    copy = SharedCopy(real)
    copy.shown.title = "Outage, write to bob@example.com"
    copy.merge()
    copy.shown.title = "Outage, write to bob@example.com today"
    copy.merge()
    assert real.title == "Outage, write to bob@example.com today"
    copy.resync()
    assert copy.shown.title == "Outage, write to [e-mail] today"
    copy.shown.title = "Outage, write to [e-mail] tomorrow"
    with pytest.raises(HiddenTextEdit):
        copy.merge()
    assert real.title == "Outage, write to bob@example.com today"


def test_the_copy_says_when_a_carried_text_waits_to_be_masked():
    """``unmasked`` tells the screen to resync: set by a carried text the scanner finds
    something in, not by one it finds nothing in, cleared by ``resync``."""
    from postmortem.sharing import SharedCopy
    copy = SharedCopy(real_doc())
    copy.shown.title = "Outage at checkout"
    copy.merge()
    assert copy.unmasked is False
    copy.shown.lessons.went_well.append("Mailed ana@example.com")
    copy.merge()
    assert copy.unmasked is True
    copy.shown.title = "Outage at checkout, day two"   # a later clean edit keeps it set
    copy.merge()
    assert copy.unmasked is True
    copy.resync()
    assert copy.unmasked is False and copy.shown.lessons.went_well[-1] == "Mailed [e-mail]"


def test_an_item_added_on_the_shared_screen_never_takes_a_hidden_id():
    from postmortem.sharing import SharedCopy
    real = real_doc()
    copy = SharedCopy(real)
    new_id = copy.shown.next_id("a")
    assert new_id not in {"a1", "a2"}   # a1 is internal-only, hidden from the copy
    copy.shown.actions.append(Action(id=new_id, title="Rotate the DB password"))
    copy.merge()
    assert [a.id for a in real.actions] == ["a1", "a2", new_id]
    copy.resync()   # after an undo: still knows the hidden ids
    assert copy.shown.next_id("e") not in {e.id for e in real.timeline}


def test_an_item_marked_internal_on_the_shared_screen_leaves_it_at_once():
    from postmortem.sharing import SharedCopy
    real = real_doc()
    copy = SharedCopy(real)
    copy.shown.timeline[0].internal = True
    assert copy.merge() is True
    assert real.timeline[0].internal is True
    assert [e.id for e in copy.shown.timeline] == ["e3"]
