"""Follow-up reviews and the stage 6 exit (DESIGN §2.6)."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from postmortem.fields import ValidationError
from postmortem.followup import (NoMeetingDate, communication_exit_reasons, default_follow_ups,
                                 give_follow_ups_ids, required_follow_ups)
from postmortem.model import Communication, FollowUp, Postmortem, Scope, Sensitivity

MEETING = datetime(2026, 3, 9, 15, 0, tzinfo=timezone.utc)


def doc(depth: str | None = "full", **changes) -> Postmortem:
    pm = Postmortem(id="pm", title="Checkout latency", meeting_at=MEETING, scope=Scope(depth=depth))
    for name, value in changes.items():
        setattr(pm, name, value)
    return pm


def test_full_depth_defaults_are_30_and_60_days_after_the_meeting():
    reviews = default_follow_ups(doc("full"))
    assert [(r.due, r.label, r.done) for r in reviews] == [
        (date(2026, 4, 8), "30-day review", False),
        (date(2026, 5, 8), "60-day review", False),
    ]


def test_lightweight_depth_gets_only_the_30_day_review():
    assert [r.due for r in default_follow_ups(doc("lightweight"))] == [date(2026, 4, 8)]


def test_depth_not_chosen_yet_counts_as_full():
    assert len(default_follow_ups(doc(None))) == 2
    assert required_follow_ups(doc(None)) == 2


def test_the_utc_date_of_the_meeting_is_the_base():
    late = doc(meeting_at=datetime(2026, 3, 9, 23, 30, tzinfo=timezone.utc))
    assert default_follow_ups(late)[0].due == date(2026, 4, 8)


def test_defaults_do_not_change_the_document():
    pm = doc()
    default_follow_ups(pm)
    assert pm.communication.follow_ups == []


def test_no_meeting_date_is_a_clear_error():
    with pytest.raises(NoMeetingDate) as raised:
        default_follow_ups(doc(meeting_at=None))
    assert isinstance(raised.value, ValueError)
    assert "meeting date" in str(raised.value) and "stage 1" in str(raised.value)


# The exit ------------------------------------------------------------------------------


def complete(depth: str = "full", **scope_changes) -> Postmortem:
    pm = doc(depth)
    for name, value in scope_changes.items():
        setattr(pm.scope, name, value)
    pm.communication = Communication(internal_summary="Checkout slowed for 47 minutes.",
                                     follow_ups=default_follow_ups(pm))
    return pm


def test_exit_holds_for_a_complete_internal_only_review():
    assert communication_exit_reasons(complete()) == []


def test_internal_summary_required():
    pm = complete()
    pm.communication.internal_summary = "  "
    assert communication_exit_reasons(pm) == ["Write the internal summary."]


def test_customer_summary_required_only_when_stage_1_asks_for_it():
    pm = complete(customer_facing=True)
    assert ["customer-facing" in r for r in communication_exit_reasons(pm)] == [True]
    pm.communication.customer_summary = "Some checkouts were slow on March 4."
    assert communication_exit_reasons(pm) == []


def test_full_depth_wants_two_reviews_lightweight_one():
    full = complete("full")
    full.communication.follow_ups.pop()
    reasons = communication_exit_reasons(full)
    assert len(reasons) == 1 and "2 follow-up reviews" in reasons[0] and "1 scheduled" in reasons[0]

    light = complete("lightweight")
    assert communication_exit_reasons(light) == []
    light.communication.follow_ups.clear()
    assert communication_exit_reasons(light) == ["Schedule a follow-up review."]


def test_a_done_review_still_counts_as_scheduled():
    pm = complete("lightweight")
    pm.communication.follow_ups = [FollowUp(due=date(2026, 4, 8), label="30-day review", done=True)]
    assert communication_exit_reasons(pm) == []


@pytest.mark.parametrize("security, customer_facing, legal, blocked", [
    (True, True, "pending", True),
    (True, True, "not-needed", True),
    (True, True, "approved", False),
    (True, False, "pending", False),     # internal-only: nothing is published
    (False, True, "pending", False),     # not a security incident
])
def test_legal_review_required_for_security_incident_with_customer_version(
        security, customer_facing, legal, blocked):
    pm = complete(customer_facing=customer_facing, sensitivity=Sensitivity(security=security))
    pm.communication.customer_summary = "Some checkouts were slow."
    pm.communication.legal_review = legal
    reasons = communication_exit_reasons(pm)
    assert any("legal review" in r for r in reasons) is blocked
    if blocked:
        assert legal.replace("-", " ") in reasons[-1]


# Ids: follow-ups merge by id when both sides carry them (postmortem/merge.py) --------------


def test_default_reviews_get_fresh_ids_unique_in_the_document():
    pm = doc("full")
    pm.communication.follow_ups = [FollowUp(date(2026, 4, 1), "kept", id="f1")]
    assert [r.id for r in default_follow_ups(pm)] == ["f2", "f3"]
    assert pm.next_id("f") == "f2"   # follow-up ids count among the document's ids


def test_an_id_is_written_only_when_a_follow_up_has_one():
    data = doc().to_dict()
    data["communication"]["follow_ups"] = [{"due": "2026-04-08", "label": "old", "done": False},
                                           {"due": "2026-05-08", "label": "new", "done": True,
                                            "id": "f1"}]
    pm = Postmortem.from_dict(data)
    assert [r.id for r in pm.communication.follow_ups] == ["", "f1"]
    assert pm.to_dict() == data   # an existing file without ids round-trips as it was


@pytest.mark.parametrize("bad", ["", "   ", 7, "x" * 65])
def test_a_bad_follow_up_id_names_its_field(bad):
    data = doc().to_dict()
    data["communication"]["follow_ups"] = [{"due": "2026-04-08", "id": bad}]
    with pytest.raises(ValidationError) as raised:
        Postmortem.from_dict(data)
    assert raised.value.path == "communication.follow_ups[0].id"


def test_two_follow_ups_with_one_id_are_refused():
    data = doc().to_dict()
    data["communication"]["follow_ups"] = [{"due": "2026-04-08", "id": "f1"},
                                           {"due": "2026-05-08", "id": "f1"}]
    with pytest.raises(ValidationError) as raised:
        Postmortem.from_dict(data)
    assert raised.value.path == "communication.follow_ups[1].id"


def test_missing_ids_are_given_on_import_and_kept_ones_stay():
    pm = doc()
    pm.communication.follow_ups = [FollowUp(date(2026, 4, 8)), FollowUp(date(2026, 5, 8), id="f1"),
                                   FollowUp(date(2026, 6, 8))]
    give_follow_ups_ids(pm)
    assert [r.id for r in pm.communication.follow_ups] == ["f2", "f1", "f3"]
