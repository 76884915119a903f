"""The document model: exact round-trips and validation that names the field path."""

import copy
import json
from pathlib import Path

import pytest

from postmortem.fields import ValidationError
from postmortem.ids import is_valid_id, slugify
from postmortem.model import Postmortem

EXAMPLE = json.loads((Path(__file__).parents[1] / "fixtures" / "design_example.json").read_text("utf-8"))


def test_design_example_round_trips_exactly():
    assert Postmortem.from_dict(copy.deepcopy(EXAMPLE)).to_dict() == EXAMPLE


def test_empty_document_round_trips():
    doc = Postmortem(id="x1")
    assert Postmortem.from_dict(doc.to_dict()).to_dict() == doc.to_dict()
    assert "dismissed_findings" not in doc.to_dict()


def _broken(mutate):
    data = copy.deepcopy(EXAMPLE)
    mutate(data)
    with pytest.raises(ValidationError) as caught:
        Postmortem.from_dict(data)
    return str(caught.value)


@pytest.mark.parametrize("mutate, expected", [
    (lambda d: d["timeline"][0].__setitem__("at", "25:61"), 'timeline[0].at: "25:61" is not a time'),
    (lambda d: d["timeline"][0].__setitem__("at", "2026-03-04T25:61:00Z"), "timeline[0].at:"),
    (lambda d: d.__setitem__("severity", "SEV9"), 'severity: "SEV9" is not one of'),
    (lambda d: d.__setitem__("status", "done"), 'status: "done" is not one of'),
    (lambda d: d.__setitem__("id", "../x"), 'id: "../x" is not a valid id'),
    (lambda d: d.__setitem__("schema", "postmortem/v9"), "schema:"),
    (lambda d: d.pop("schema"), "schema: null is missing"),
    (lambda d: d["scope"]["triggers"].append("boredom"), 'scope.triggers[2]: "boredom" is not one of'),
    (lambda d: d["scope"]["sensitivity"].__setitem__("pii", "yes"), 'scope.sensitivity.pii: "yes" is not true or false'),
    (lambda d: d["scope"].__setitem__("depth", "deep"), "scope.depth:"),
    (lambda d: d["timeline"][0].__setitem__("milestone", "begun"), "timeline[0].milestone:"),
    (lambda d: d["impact"].__setitem__("data_integrity", "fine"), "impact.data_integrity:"),
    (lambda d: d["analysis"]["whys"][1].__setitem__("role", "culprit"), "analysis.whys[1].role:"),
    (lambda d: d["analysis"]["whys"][1].__setitem__("parent", "w9"), 'analysis.whys[1].parent: "w9" names no why-node'),
    (lambda d: d["analysis"]["whys"][0].__setitem__("parent", "w2"), "analysis.whys[0].parent: \"w2\" makes the five-whys tree loop"),
    (lambda d: d["analysis"]["fishbone"][0]["causes"][0].__setitem__("id", "w1"), "is used twice"),
    (lambda d: d["actions"][0].__setitem__("type", "pray"), "actions[0].type:"),
    (lambda d: d["actions"][0].__setitem__("status", "closed"), "actions[0].status:"),
    (lambda d: d["actions"][0].__setitem__("due", "2026-02-30"), 'actions[0].due: "2026-02-30" is not a date'),
    (lambda d: d["actions"][0].__setitem__("causes", ["zz"]), 'actions[0].causes[0]: "zz" names no why-node'),
    (lambda d: d["communication"].__setitem__("legal_review", "maybe"), "communication.legal_review:"),
    (lambda d: d["communication"]["follow_ups"][0].__setitem__("due", None), "communication.follow_ups[0].due:"),
    (lambda d: d.__setitem__("tags", "cache"), 'tags: "cache" is not a list'),
    (lambda d: d.__setitem__("sevrity", "SEV2"), 'sevrity: "SEV2" is not a field'),
    (lambda d: d.__setitem__("timeline", [1]), "timeline[0]: 1 is not a JSON object"),
])
def test_validation_names_the_path_and_value(mutate, expected):
    assert expected in _broken(mutate)


def test_a_document_that_is_not_an_object_is_refused():
    with pytest.raises(ValidationError, match="not a JSON object"):
        Postmortem.from_dict(["not", "a", "doc"])


@pytest.mark.parametrize("candidate", ["../x", "", "A", "-x", "x" * 65, "a/b", "a.json", "é", None])
def test_bad_ids_are_refused(candidate):
    assert not is_valid_id(candidate)


@pytest.mark.parametrize("candidate", ["a", "2026-03-04-checkout", "x" * 64])
def test_good_ids_are_accepted(candidate):
    assert is_valid_id(candidate)


def test_slugify_makes_valid_unique_ids():
    from datetime import date
    assert slugify("Checkout latency!", date(2026, 3, 4)) == "2026-03-04-checkout-latency"
    assert slugify("支付故障 🔥", taken={"postmortem"}) == "postmortem-2"
    assert is_valid_id(slugify("x" * 500))


def test_next_id_is_unique_across_the_document():
    doc = Postmortem.from_dict(copy.deepcopy(EXAMPLE))
    assert doc.next_id("w") == "w3"
    assert doc.next_id("c") == "c2"
    assert doc.next_id("e") == "e2"


def test_a_stored_time_is_read_as_utc():
    from datetime import timezone

    from postmortem.fields import parse_stored_time
    for text in ("2026-03-04T14:02Z", "2026-03-04T14:02:09Z"):
        assert parse_stored_time(text).tzinfo is timezone.utc
    for text in ("2026-03-04T14:02+00:00", "2026-03-04 14:02Z", "２０２６-03-04T14:02Z", "2026-02-30T10:00Z"):
        assert parse_stored_time(text) is None
