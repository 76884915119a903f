"""The quick reading of timeline events (``Event.read_valid``) agrees with ``Event.read``:
it gives the same event, or None where ``read`` would refuse the item or read it itself."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from helpers import examples

from postmortem.fields import Reader, ValidationError
from postmortem.i18n import t
from postmortem.model import Event, Postmortem

TIMES = st.one_of(
    st.from_regex(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z", fullmatch=True),
    st.sampled_from(["2026-03-04T14:02Z", "2026-03-04T14:02:09Z", "2026-02-30T10:00Z",
                     "2026-03-04T25:61Z", "2026-03-04 14:02Z", "2026-03-04T14:02+00:00",
                     "2026-03-04T14:02", "２０２６-03-04T14:02Z", "", "14:02"]),
    st.none(), st.integers(), st.text(max_size=20))
IDS = st.one_of(st.sampled_from(["e1", "e2", " ", "", "x" * 64, "x" * 65]), st.text(max_size=70),
                st.none(), st.integers())
TEXTS = st.one_of(st.text(max_size=30), st.none(), st.booleans(), st.integers(), st.lists(st.text(), max_size=2))
MILESTONES = st.one_of(st.sampled_from(["start", "detected", "mitigated", "resolved", "Start", ""]),
                       st.none(), st.booleans(), st.integers(), st.lists(st.text(), max_size=1))
FLAGS = st.one_of(st.booleans(), st.none(), st.integers(0, 1), st.text(max_size=3))
KEYS = ("id", "at", "text", "milestone", "source", "internal")

ODD_VALUES = {"id": IDS, "at": TIMES, "text": TEXTS, "milestone": MILESTONES, "source": TEXTS,
              "internal": FLAGS}
ORDINARY = {"id": "e1", "at": "2026-03-04T14:02Z", "text": "Deploy", "milestone": "start",
            "source": "log", "internal": True}


@st.composite
def items(draw) -> dict:
    """An ordinary event with some fields left out, some given odd values, maybe one extra."""
    item = {}
    for key in KEYS:
        kept = draw(st.sampled_from(["ordinary", "ordinary", "odd", "absent"]))
        if kept != "absent":
            item[key] = ORDINARY[key] if kept == "ordinary" else draw(ODD_VALUES[key])
    if draw(st.integers(0, 9)) == 0:
        item["extra"] = 1
    return item


anything = st.one_of(items(), st.none(), st.lists(st.integers(), max_size=2), st.text(max_size=5))


def general_read(item: object) -> Event | ValidationError:
    try:
        return Event.read(Reader(item, "timeline[0]"))
    except ValidationError as error:
        return error


@settings(max_examples=examples(600))
@given(anything)
def test_quick_read_gives_the_event_read_gives_or_none(item):
    quick, general = Event.read_valid(item), general_read(item)
    if quick is not None:
        assert isinstance(general, Event) and quick == general
        assert quick.at.tzinfo == general.at.tzinfo and quick.at.utcoffset() == general.at.utcoffset()


def test_quick_read_accepts_an_ordinary_event():
    assert Event.read_valid(dict(ORDINARY)) == general_read(dict(ORDINARY))
    assert Event.read_valid({"id": "e2", "at": "2026-03-04T14:02:09Z"}) is not None


def reading_before_the_quick_path(timeline: list) -> list[Event] | str:
    """How a timeline was read before ``Event.read_valid``: every item through a Reader."""
    try:
        return [Event.read(e) for e in Reader({"timeline": timeline}).objects("timeline")]
    except ValidationError as error:
        return str(error)


@settings(max_examples=examples(400))
@given(st.lists(anything, max_size=4))
def test_a_timeline_reads_or_fails_as_it_did_before(timeline):
    data = {"schema": "postmortem/v1", "id": "doc", "timeline": timeline}
    expected = reading_before_the_quick_path(timeline)
    try:
        doc = Postmortem.from_dict(data)
    except ValidationError as error:
        if isinstance(expected, str):
            assert str(error) == expected
        else:  # every item reads: only a repeated id can be wrong
            assert error.problem == t("validation.duplicate_id")
    else:
        assert doc.timeline == expected
