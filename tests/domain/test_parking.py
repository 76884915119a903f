"""The parking lot in the document: parking, settling three ways, ids, references, and a
file without parked topics written back byte for byte."""

from __future__ import annotations

import copy
from datetime import datetime, timezone

import pytest

from postmortem import parking
from postmortem.demo import demo_document
from postmortem.fields import ValidationError
from postmortem.model import Postmortem
from storage.atomic import document_bytes

RAISED = datetime(2026, 3, 9, 15, 12, tzinfo=timezone.utc)


def parked_demo() -> tuple[Postmortem, list[str]]:
    doc = demo_document()
    ids = [parking.park(doc, text, stage, RAISED).id for text, stage in
           (("Ask the storage vendor about snapshot limits", 2),
            ("Rename the cache dashboards", 3), ("Tune eviction on the old cluster", 4))]
    return doc, ids


def test_park_keeps_stage_time_and_one_line_text_and_ids_are_unique_in_the_document():
    doc, ids = parked_demo()
    assert ids == ["p1", "p2", "p3"]
    topic = parking.park(doc, "  Two\nlines  pasted ", 6, RAISED)
    assert (topic.id, topic.text, topic.stage, topic.raised_at, topic.outcome) == \
        ("p4", "Two lines pasted", 6, RAISED, None)
    # next_id knows the parked topics, whatever the prefix asked.
    doc.timeline[0].id = "p5"
    assert doc.next_id("p") == "p6"


@pytest.mark.parametrize("text", ["", "   \n "])
def test_an_empty_topic_is_refused_with_a_sentence(text):
    doc = demo_document()
    with pytest.raises(parking.ParkingError, match="Type the topic"):
        parking.park(doc, text, 1, RAISED)
    assert doc.parking_lot == []


def test_settled_three_ways_and_read_back():
    doc, (first, second, third) = parked_demo()
    before = len(doc.actions)
    action = parking.make_action(doc, first)
    assert action.title == "Ask the storage vendor about snapshot limits"
    assert doc.actions[-1] is action and len(doc.actions) == before + 1
    assert parking.make_action(doc, first) is action      # settling again: no duplicate
    parking.keep_as_idea(doc, second)
    with pytest.raises(parking.ParkingError, match="reason is required"):
        parking.drop(doc, third, "  ")
    assert parking.topic(doc, third).outcome is None
    parking.drop(doc, third, "The old cluster is retired next month")

    read = Postmortem.from_dict(doc.to_dict())
    assert [(p.outcome, p.action, p.reason) for p in read.parking_lot] == [
        ("action", action.id, ""), ("idea", None, ""),
        ("dropped", None, "The old cluster is retired next month")]
    assert parking.unsettled(read) == []


def test_deleting_the_action_unsettles_its_topic_so_the_file_stays_readable():
    doc, (first, *_) = parked_demo()
    action = parking.make_action(doc, first)
    doc.actions.remove(action)
    with pytest.raises(ValidationError, match=r'parking_lot\[0\]\.action: "a\d+" names no action'):
        Postmortem.from_dict(doc.to_dict())
    assert [p.id for p in parking.forget_action(doc, action.id)] == [first]
    assert parking.topic(doc, first).outcome is None
    Postmortem.from_dict(doc.to_dict())


@pytest.mark.parametrize("field, value, message", [
    ("stage", 7, 'parking_lot[0].stage: 7 is not a stage'),
    ("stage", True, 'parking_lot[0].stage: true is not a stage'),
    ("stage", "2", 'parking_lot[0].stage: "2" is not a stage'),
    ("outcome", "later", 'parking_lot[0].outcome: "later" is not one of: action, idea, dropped'),
    ("raised_at", "15:12", 'parking_lot[0].raised_at: "15:12" is not a time'),
    ("id", "p2", 'parking_lot[1].id: "p2" is used twice'),
    ("action", "a1", 'parking_lot[0].action: "a1" names an action item, but the topic\'s outcome is not action'),
    ("action", "a99", 'parking_lot[0].action: "a99" names no action item'),
])
def test_bad_parked_topics_are_refused_naming_the_field(field, value, message):
    doc, _ = parked_demo()
    data = doc.to_dict()
    data["parking_lot"][0][field] = value
    with pytest.raises(ValidationError) as raised:
        Postmortem.from_dict(data)
    assert str(raised.value).startswith(message)


def test_a_document_without_parked_topics_writes_no_parking_lot_and_keeps_its_bytes():
    data = demo_document().to_dict()
    assert "parking_lot" not in data
    assert document_bytes(Postmortem.from_dict(copy.deepcopy(data)).to_dict()) == document_bytes(data)
