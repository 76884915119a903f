"""Follow-up reviews and the stage 6 exit (DESIGN §2.6)."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from postmortem.followup import (NoMeetingDate, communication_exit_reasons, default_follow_ups,
                                 required_follow_ups)
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
