"""Stage 2's timeline edits, each one undoable step of the postmortem's history."""

from __future__ import annotations

from datetime import datetime, timezone

from postmortem.history import DocumentHistory
from postmortem.model import Event, Postmortem
from postmortem import timeline_edits as edits

UTC = timezone.utc


def at(hour: int, minute: int, day: int = 9) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


def doc_with(*events: Event) -> Postmortem:
    return Postmortem(id="x", timeline=list(events))


def test_every_edit_undoes_exactly():
    """Each timeline edit is one step of the postmortem's history; undoing them all gives the
    document back exactly, and redoing them all gives the edited one."""
    doc = doc_with(Event("e1", at(14, 0), "deploy", "start"), Event("e2", at(14, 10), "alert"))
    original = doc.to_dict()
    history = DocumentHistory(doc)
    added, _ = edits.add_events(doc, [(at(14, 5), "paged"), (at(13, 0), "earlier")])
    history.record()
    assert [e.text for e in doc.timeline] == ["earlier", "deploy", "paged", "alert"]
    assert [e.id for e in added] == ["e3", "e4"]
    edits.toggle_milestone(doc, "e2", "start")                       # moves start to e2
    history.record()
    assert [e.milestone for e in doc.timeline] == [None, None, None, "start"]
    edits.change_event(doc, "e1", at=at(14, 30), text=" deploy 2 ")
    history.record()
    assert doc.timeline[-1].text == "deploy 2"                      # re-sorted, trimmed
    edits.delete_event(doc, "e3")
    history.record()
    edits.change_event(doc, "e2", internal=True, source="PD")
    history.record()
    assert edits.change_event(doc, "e2", internal=True) is None     # nothing changed
    assert not history.record()                                     # so no step either
    edited = doc.to_dict()
    steps = 0
    while history.undo() is not None:
        steps += 1
    assert steps == 5
    assert doc.to_dict() == original
    while history.redo() is not None:
        pass
    assert doc.to_dict() == edited


def test_setting_the_same_milestone_again_clears_it():
    doc = doc_with(Event("e1", at(14, 0), "deploy", "start"))
    history = DocumentHistory(doc)
    edits.toggle_milestone(doc, "e1", "start")
    assert doc.timeline[0].milestone is None
    assert history.undo().location == "e1"
    assert doc.timeline[0].milestone == "start"


def test_undo_is_in_order_so_a_restored_event_never_clashes_with_a_newer_one():
    doc = doc_with(Event("e1", at(14, 0), "deploy"))
    history = DocumentHistory(doc)
    edits.delete_event(doc, "e1")
    history.record()
    edits.add_events(doc, [(at(15, 0), "another event")])
    history.record()
    history.undo()                                    # the newer add goes first
    assert [e.text for e in doc.timeline] == []
    history.undo()
    assert [(e.id, e.text) for e in doc.timeline] == [("e1", "deploy")]
