"""The one undo history of a postmortem (postmortem.history): snapshots, typing steps, where a
step changed the document, and that snapshots never move with the document."""

from __future__ import annotations

from datetime import datetime, timezone

from postmortem.demo import demo_document
from postmortem.history import DocumentHistory, changed_where, clone
from postmortem.model import DismissedFinding, Event


def test_a_snapshot_is_a_deep_copy_that_shares_only_what_did_not_change():
    doc = demo_document()
    first = clone(doc)
    assert first == doc and first.timeline[0] is not doc.timeline[0]
    doc.timeline[3].text = "changed"
    second = clone(doc, first)
    assert second.timeline[3].text == "changed" and first.timeline[3].text != "changed"
    assert second.timeline[4] is first.timeline[4]         # equal: shared with the older one
    doc.timeline[4].text = "changed too"                    # the document moves on…
    assert second.timeline[4].text != "changed too"         # …its snapshots do not


def test_typing_in_one_visit_to_a_field_is_one_step_and_taking_it_back_leaves_none():
    doc = demo_document()
    title = doc.title
    history = DocumentHistory(doc)
    for typed in ("x", "xy", "xyz"):
        doc.title = title + typed
        history.record(burst=("title", 1))
    assert len(history.undo_steps) == 1
    doc.title = title                                       # the field's own undo, to the start
    history.record(burst=("title", 1))
    assert not history.can_undo and history.undo_steps == []   # asking settles the burst
    doc.title = title + "!"
    history.record(burst=("title", 2))                      # a new visit: a new step
    doc.tags = ["x"]
    history.record()                                        # any other edit: a step of its own
    assert len(history.undo_steps) == 2


def test_a_burst_takes_no_snapshot_per_key_but_undo_still_sees_every_key(monkeypatch):
    import postmortem.history as history_module
    doc = demo_document()
    title = doc.title
    history = DocumentHistory(doc)
    doc.title = title + "x"
    history.record(burst=("title", 1))                      # the first key: a step
    copies = []
    real_clone = history_module.clone
    monkeypatch.setattr(history_module, "clone", lambda *a: copies.append(a) or real_clone(*a))
    for typed in ("xy", "xyz", "xyzw"):
        doc.title = title + typed
        history.record(burst=("title", 1))
    assert copies == []                                     # no copy of the document per key
    history.undo()
    assert doc.title == title                               # the whole visit undone at once
    history.redo()
    assert doc.title == title + "xyzw"                      # …and the last key is in the step


def test_undo_and_redo_say_where_the_change_was():
    doc = demo_document()
    history = DocumentHistory(doc)
    doc.timeline.append(Event(doc.next_id("e"), datetime(2026, 3, 4, 21, tzinfo=timezone.utc), "late"))
    history.record()
    doc.actions[2].status = "done"
    history.record()
    doc.lessons.lucky.pop()
    history.record()
    doc.communication.internal_summary = "Sum."
    history.record()
    doc.analysis.whys[1].text = "changed"
    history.record()
    wheres = [history.undo() for _ in range(5)]
    assert [(w.stage, w.location) for w in wheres] == [
        (3, doc.analysis.whys[1].id), (6, "communication.internal_summary"),
        (4, "lessons.lucky"), (5, doc.actions[2].id), (2, "e27")]
    assert doc == demo_document()
    assert history.undo() is None
    assert history.redo().stage == 2 and doc.timeline[-1].text == "late"


def test_an_edit_after_undo_drops_the_redo_steps():
    doc = demo_document()
    history = DocumentHistory(doc)
    doc.title = "one"
    history.record()
    history.undo()
    doc.title = "two"
    assert history.redo() is None                # the unrecorded edit is recorded first
    assert doc.title == "two"
    history.undo()
    assert doc.title == demo_document().title


def test_a_change_only_to_dismissed_findings_has_no_stage_of_its_own():
    doc = demo_document()
    before = clone(doc)
    doc.dismissed_findings.append(DismissedFinding("blame:w1:someone", "a quote"))
    where = changed_where(before, doc)
    assert where is not None and where.stage is None and where.section == "dismissed_findings"
