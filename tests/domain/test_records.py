"""The domain's records are dataclasses: fresh defaults, frozen results, and a document
refuses exactly the keys that are not fields of the record it is read into."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from datetime import datetime, timezone

import pytest

from postmortem.checklist import Reason
from postmortem.fields import ValidationError
from postmortem.findings import Finding
from postmortem.model import Event, Postmortem, Scope

AT = datetime(2026, 3, 4, 12, 0, tzinfo=timezone.utc)


def test_mutable_records_are_unhashable_and_get_fresh_defaults():
    with pytest.raises(TypeError):
        hash(Event("e1", AT))
    first, second = Scope(), Scope()
    first.participants.append("Priya N.")
    assert second.participants == []
    assert Postmortem("a").scope is not Postmortem("b").scope


def test_frozen_records_refuse_changes_and_hash_by_value():
    reason = Reason("No root cause.", 3, None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        reason.stage = 2
    assert hash(reason) == hash(Reason("No root cause.", 3, None))
    assert len({Finding("blame", "w1", "x", "r", "s"), Finding("blame", "w1", "x", "r", "s")}) == 1


def test_records_have_slots():
    with pytest.raises(AttributeError):
        Event("e1", AT).colour = "red"  # a typo of a field name is an error, not a new attribute


def test_copies_and_pickles():
    doc = Postmortem("a", title="T", timeline=[Event("e1", AT)])
    assert copy.deepcopy(doc) == doc and copy.deepcopy(doc).timeline[0] is not doc.timeline[0]
    assert pickle.loads(pickle.dumps(doc)) == doc
    reason = Reason("r", 1, None)
    assert copy.copy(reason) == reason and pickle.loads(pickle.dumps(reason)) == reason


def every_record_path(record: object, path: str = "") -> list[tuple[str, object]]:
    """(path, record) of the document and every record inside it."""
    found = [(path, record)]
    for field in dataclasses.fields(record):
        value = getattr(record, field.name)
        child = f"{path}.{field.name}" if path else field.name
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            if dataclasses.is_dataclass(item):
                found += every_record_path(item, f"{child}[{i}]" if isinstance(value, list) else child)
    return found


def test_each_record_writes_its_fields_and_refuses_any_other_key():
    from postmortem.demo import demo_document
    data = demo_document().to_dict()
    for path, record in every_record_path(Postmortem.from_dict(data)):
        fields = {f.name for f in dataclasses.fields(record)}
        written = set(record.to_dict()) - {"schema"}
        assert written <= fields, path
        changed = copy.deepcopy(data)
        target = changed
        for step in filter(None, path.replace("[", ".[").split(".")):
            # A record omitted while empty (the demo's meeting) is written in first.
            target = target[int(step[1:-1])] if step.startswith("[") \
                else target.setdefault(step, record.to_dict())
        target["not_a_field"] = 1
        with pytest.raises(ValidationError) as refused:
            Postmortem.from_dict(changed)
        assert refused.value.path == (f"{path}.not_a_field" if path else "not_a_field")
