"""The fast serializer writes exactly the bytes Python's json writes (the file format must not change)."""

from __future__ import annotations

import enum
import json
import uuid
from datetime import datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from helpers import examples

from postmortem.demo import demo_document
from storage.atomic import dumps_document, plain_json_bytes


def stdlib(data) -> str:
    """What dumps_document wrote before orjson: the reference for every byte."""
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


TRICKY_CHARACTERS = ("\x00\x01\x08\t\n\x0b\x0c\r\x1f \"\\/\x7f\x80\x85\xa0"
                     "\u2028\u2029\ufeff\uffff😀é根因\U0010ffff")
# Any code point except lone surrogates (those cannot be written as UTF-8 at all).
texts = st.text(st.one_of(st.characters(blacklist_categories=("Cs",)), st.sampled_from(TRICKY_CHARACTERS)))
plain_scalars = st.one_of(
    st.none(), st.booleans(), texts,
    st.integers(min_value=-2**63, max_value=2**64 - 1),
    st.sampled_from([0, -1, 2**53 + 1, -2**63, 2**64 - 1]),
)
plain_json = st.recursive(
    plain_scalars,
    lambda children: st.one_of(st.lists(children, max_size=5), st.dictionaries(texts, children, max_size=5)),
    max_leaves=40)


def test_a_real_postmortem_takes_the_fast_path():
    data = {"postmortem": {"1": demo_document().to_dict()}}
    assert plain_json_bytes(data) == stdlib(data).encode("utf-8")


@settings(max_examples=examples(400), deadline=None)
@given(plain_json)
def test_plain_json_takes_the_fast_path_with_identical_bytes(data):
    fast = plain_json_bytes(data)
    assert fast is not None and json.loads(fast) == data
    assert fast == stdlib(data).encode("utf-8")
    assert dumps_document(data) == stdlib(data)


any_scalars = st.one_of(
    plain_scalars, st.integers(), st.sampled_from([2**64, -2**63 - 1, 10**40, -10**40]),
    st.floats(), st.sampled_from([1e-05, 1e16, 1.0, -0.0, 0.1, float("nan"), float("inf"), float("-inf")]),
    st.text(st.characters(blacklist_categories=())),  # lone surrogates too
)
any_json = st.recursive(
    any_scalars,
    lambda children: st.one_of(st.lists(children, max_size=5), st.dictionaries(texts, children, max_size=5),
                               st.lists(children, max_size=3).map(tuple)),
    max_leaves=40)


def writes_bytes(data) -> bytes:
    """What DurableStorage writes."""
    fast = plain_json_bytes(data)
    return fast if fast is not None else dumps_document(data).encode("utf-8")


def outcome(write, data):
    try:
        return write(data)
    except Exception as error:  # noqa: BLE001 - the same failure is part of the same behaviour
        return type(error)


@settings(max_examples=examples(400), deadline=None)
@given(any_json)
def test_any_json_like_value_is_written_or_refused_as_before(data):
    assert outcome(dumps_document, data) == outcome(stdlib, data)
    assert outcome(writes_bytes, data) == outcome(lambda d: stdlib(d).encode("utf-8"), data)


class Colour(enum.Enum):
    RED = "red"


class Level(enum.IntEnum):
    HIGH = 3


class Text(str):
    pass


class Record(dict):
    pass


@pytest.mark.parametrize("value", [
    datetime(2026, 3, 4, 14, 5, tzinfo=timezone.utc), uuid.UUID(int=5), Colour.RED,  # orjson writes these
    Level.HIGH, Text("subclass"), Record(b=1, a=[2]), {1: "int key"}, {"a": {2: "b"}}, ("a", (1, None)),
    {"x": [1.5, 1e-07, 2**70]}, "\ud800 lone surrogate",
])
def test_values_orjson_treats_differently_are_written_or_refused_as_before(value):
    data = {"postmortem": {"1": {"value": value}}}
    assert outcome(dumps_document, data) == outcome(stdlib, data)
    assert outcome(writes_bytes, data) == outcome(lambda d: stdlib(d).encode("utf-8"), data)


def test_circular_and_very_deep_values_are_refused_or_written_as_before():
    circular: list = []
    circular.append(circular)
    assert outcome(dumps_document, circular) == outcome(stdlib, circular) == ValueError
    deep: list = []
    for _ in range(400):  # deeper than orjson goes
        deep = [deep]
    assert dumps_document(deep) == stdlib(deep)
