"""postmortem.records: what the domain's record classes keep from ``@dataclass``."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from datetime import datetime, timezone

import pytest

from postmortem.checklist import Reason
from postmortem.findings import Finding
from postmortem.model import Event, Postmortem, Scope

AT = datetime(2026, 3, 4, 12, 0, tzinfo=timezone.utc)


def test_equality_and_repr_are_those_of_a_dataclass():
    event = Event("e1", AT, "Deploy", source="log")
    assert event == Event("e1", AT, "Deploy", None, "log", False)
    assert event != Event("e1", AT, "Deploy")
    assert event != ("e1", AT, "Deploy", None, "log", False)
    assert repr(event) == ("Event(id='e1', at=datetime.datetime(2026, 3, 4, 12, 0, "
                           "tzinfo=datetime.timezone.utc), text='Deploy', milestone=None, "
                           "source='log', internal=False)")


def test_mutable_records_are_unhashable_and_get_fresh_defaults():
    with pytest.raises(TypeError):
        hash(Event("e1", AT))
    first, second = Scope(), Scope()
    first.participants.append("Priya N.")
    assert second.participants == []
    assert Postmortem("a").scope is not Postmortem("b").scope


def test_frozen_records_refuse_changes_and_hash_by_value():
    reason = Reason("No root cause.", 3, None)
    with pytest.raises(AttributeError, match="cannot assign to field 'stage'"):
        reason.stage = 2
    with pytest.raises(AttributeError, match="cannot delete field 'text'"):
        del reason.text
    assert hash(reason) == hash(Reason("No root cause.", 3, None))
    assert len({Finding("blame", "w1", "x", "r", "s"), Finding("blame", "w1", "x", "r", "s")}) == 1


def test_dataclasses_functions_still_work():
    event = Event("e1", AT, "Deploy", milestone="start")
    changed = dataclasses.replace(event, text="Rollback")
    assert changed == Event("e1", AT, "Rollback", milestone="start") and event.text == "Deploy"
    assert dataclasses.replace(event) == event and dataclasses.replace(event) is not event
    assert dataclasses.is_dataclass(event)
    assert [f.name for f in dataclasses.fields(Event)] == list(Event._fields)
    assert dataclasses.replace(Reason("r", 1, None), stage=2) == Reason("r", 2, None)


def test_copies_and_pickles():
    doc = Postmortem("a", title="T", timeline=[Event("e1", AT)])
    assert copy.deepcopy(doc) == doc and copy.deepcopy(doc).timeline[0] is not doc.timeline[0]
    assert pickle.loads(pickle.dumps(doc)) == doc
    reason = Reason("r", 1, None)
    assert copy.copy(reason) == reason and pickle.loads(pickle.dumps(reason)) == reason
