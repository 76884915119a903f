"""Milestones, derived metrics, durations and the stage 2 exit (DESIGN §2.2, §5; issue 3 items 3–4)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from postmortem.metrics import (Metrics, MilestoneProblem, compute_metrics, format_duration,
                                incident_duration, milestone_events, milestone_problems, milestone_times,
                                sorted_events, timeline_exit_reasons)
from postmortem.model import Event, Impact, Postmortem
from postmortem.stages import stage_status

UTC = timezone.utc


def at(hh_mm: str, day: int = 4) -> datetime:
    hour, minute = map(int, hh_mm.split(":"))
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


def doc_with(*events: tuple, impact: Impact | None = None) -> Postmortem:
    """Events as (id, "hh:mm", milestone) or (id, "hh:mm", milestone, day)."""
    timeline = [Event(id=e[0], at=at(e[1], *e[3:]), text=f"event {e[0]}", milestone=e[2])
                for e in events]
    return Postmortem(id="t", timeline=timeline, impact=impact or Impact())


FILLED_IMPACT = Impact(users_affected="12% of checkouts failed", customer_visible=True,
                       data_integrity="none", sla_breach=False, comms_aligned=True)


# Milestone times and metrics -------------------------------------------------------------

def test_earliest_event_carrying_each_milestone_counts():
    doc = doc_with(("e1", "14:30", "detected"), ("e2", "14:00", "start"),
                   ("e3", "14:10", "detected"), ("e4", "15:00", None))
    assert milestone_times(doc) == {"start": at("14:00"), "detected": at("14:10")}


def test_same_minute_the_first_listed_counts():
    doc = doc_with(("e2", "14:10", "mitigated"), ("e1", "14:10", "mitigated"),
                   ("e0", "14:00", "start"))
    assert milestone_events(doc)["mitigated"].id == "e2"
    doc.timeline.reverse()
    assert milestone_events(doc)["mitigated"].id == "e1"


def test_metrics_from_start():
    doc = doc_with(("e1", "13:58", "start"), ("e2", "14:05", "detected"),
                   ("e3", "14:45", "mitigated"), ("e4", "15:05", "resolved"))
    assert compute_metrics(doc) == Metrics(time_to_detect=timedelta(minutes=7),
                                           time_to_mitigate=timedelta(minutes=47),
                                           time_to_resolve=timedelta(hours=1, minutes=7))
    assert incident_duration(doc) == timedelta(hours=1, minutes=7)


def test_missing_milestones_are_none_never_zero():
    doc = doc_with(("e1", "13:58", "start"), ("e4", "15:05", "resolved"))
    found = compute_metrics(doc)
    assert found.time_to_detect is None and found.time_to_mitigate is None
    assert found.time_to_resolve == timedelta(hours=1, minutes=7)


def test_without_start_nothing_is_derived():
    doc = doc_with(("e2", "14:05", "detected"), ("e4", "15:05", "resolved"))
    assert compute_metrics(doc) == Metrics(None, None, None)
    assert incident_duration(doc) is None
    assert compute_metrics(Postmortem(id="empty")) == Metrics(None, None, None)


def test_zero_interval_is_zero_not_missing():
    doc = doc_with(("e1", "14:00", "start"), ("e2", "14:00", "detected"))
    assert compute_metrics(doc).time_to_detect == timedelta(0)
    assert format_duration(compute_metrics(doc).time_to_detect) == "0m"


def test_multi_day_span():
    doc = doc_with(("e1", "22:30", "start", 4), ("e2", "23:55", "detected", 4),
                   ("e3", "01:10", "mitigated", 5), ("e4", "00:35", "resolved", 6))
    found = compute_metrics(doc)
    assert found.time_to_mitigate == timedelta(hours=2, minutes=40)
    assert found.time_to_resolve == timedelta(days=1, hours=2, minutes=5)
    assert format_duration(found.time_to_resolve) == "1d 2h 05m"
    assert milestone_problems(doc) == []


# Durations -------------------------------------------------------------------------------

@pytest.mark.parametrize("delta, shown", [
    (None, "—"),
    (timedelta(0), "0m"),
    (timedelta(seconds=59), "0m"),
    (timedelta(minutes=7), "7m"),
    (timedelta(minutes=59, seconds=59), "59m"),
    (timedelta(hours=1), "1h 00m"),
    (timedelta(hours=1, minutes=7), "1h 07m"),
    (timedelta(hours=23, minutes=59), "23h 59m"),
    (timedelta(days=1), "1d 0h 00m"),
    (timedelta(days=1, hours=2, minutes=5), "1d 2h 05m"),
    (timedelta(days=12, hours=13, minutes=45), "12d 13h 45m"),
    (timedelta(minutes=-7), "−7m"),
    (timedelta(hours=-1, minutes=-7), "−1h 07m"),
    (timedelta(seconds=-30), "0m"),
])
def test_format_duration(delta, shown):
    assert format_duration(delta) == shown


# Milestone order -------------------------------------------------------------------------

def test_in_order_has_no_problems():
    doc = doc_with(("e1", "13:58", "start"), ("e2", "14:05", "detected"),
                   ("e3", "14:45", "mitigated"), ("e4", "15:05", "resolved"))
    assert milestone_problems(doc) == []


def test_problem_is_on_the_later_in_order_milestone_with_a_clear_message():
    doc = doc_with(("e1", "14:00", "start"), ("e2", "14:10", "detected"),
                   ("e3", "14:02", "mitigated"), ("e4", "14:30", "resolved"))
    assert milestone_problems(doc) == [
        MilestoneProblem("e3", "Mitigated at 14:02 is before detected at 14:10.")]


def test_problem_names_the_nearest_milestone_present():
    # No detected event: mitigated is compared with start.
    doc = doc_with(("e1", "14:00", "start"), ("e3", "13:50", "mitigated"))
    assert milestone_problems(doc) == [
        MilestoneProblem("e3", "Mitigated at 13:50 is before start at 14:00.")]


def test_each_misplaced_milestone_gets_its_own_problem():
    doc = doc_with(("e1", "14:20", "start"), ("e2", "14:10", "detected"),
                   ("e3", "14:15", "mitigated"), ("e4", "14:30", "resolved"))
    assert milestone_problems(doc) == [
        MilestoneProblem("e2", "Detected at 14:10 is before start at 14:20."),
        MilestoneProblem("e3", "Mitigated at 14:15 is before start at 14:20."),
    ]


def test_problem_across_days_shows_dates():
    doc = doc_with(("e1", "00:10", "start", 5), ("e4", "23:50", "resolved", 4))
    assert milestone_problems(doc) == [MilestoneProblem(
        "e4", "Resolved at 2026-03-04 23:50 is before start at 2026-03-05 00:10.")]


def test_negative_metric_is_kept_and_shown_with_a_minus():
    doc = doc_with(("e1", "14:00", "start"), ("e2", "13:53", "detected"))
    assert compute_metrics(doc).time_to_detect == timedelta(minutes=-7)
    assert format_duration(compute_metrics(doc).time_to_detect) == "−7m"


# Sorting ---------------------------------------------------------------------------------

def test_sorted_events_is_stable():
    doc = doc_with(("b", "14:05", None), ("a", "14:00", None), ("c", "14:05", None),
                   ("d", "13:00", None, 5))
    assert [e.id for e in sorted_events(doc.timeline)] == ["a", "b", "c", "d"]
    assert [e.id for e in doc.timeline] == ["b", "a", "c", "d"]   # input untouched


# Stage 2 exit ----------------------------------------------------------------------------

def test_complete_timeline_and_impact_pass():
    doc = doc_with(("e1", "13:58", "start"), ("e4", "15:05", "resolved"), impact=FILLED_IMPACT)
    assert timeline_exit_reasons(doc) == []
    assert stage_status(doc, 2).ok


def test_empty_document_lists_every_reason():
    reasons = timeline_exit_reasons(Postmortem(id="empty"))
    assert reasons == [
        "Mark the event where the incident started (start milestone).",
        "Mark the event where the incident was resolved (resolved milestone).",
        "Describe who was affected, and how many.",
        "Say whether customers could see the incident.",
        "Choose the data integrity state (none, at risk, lost).",
        "Say whether an SLA or SLO was breached.",
        "Confirm that customer communication matches these facts.",
    ]


def test_out_of_order_milestones_fail_the_exit():
    doc = doc_with(("e1", "15:10", "start"), ("e4", "15:05", "resolved"), impact=FILLED_IMPACT)
    assert timeline_exit_reasons(doc) == ["Resolved at 15:05 is before start at 15:10."]
    assert stage_status(doc, 2).reasons == ("Resolved at 15:05 is before start at 15:10.",)


@pytest.mark.parametrize("field, value", [
    ("users_affected", "   "), ("customer_visible", None), ("data_integrity", None),
    ("sla_breach", None), ("comms_aligned", False),
])
def test_each_missing_impact_field_fails_the_exit(field, value):
    impact = replace(FILLED_IMPACT, **{field: value})
    doc = doc_with(("e1", "13:58", "start"), ("e4", "15:05", "resolved"), impact=impact)
    assert len(timeline_exit_reasons(doc)) == 1


def test_false_answers_count_as_filled():
    impact = Impact(users_affected="none", customer_visible=False, data_integrity="none",
                    sla_breach=False, comms_aligned=True)
    doc = doc_with(("e1", "13:58", "start"), ("e4", "15:05", "resolved"), impact=impact)
    assert timeline_exit_reasons(doc) == []


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(st.lists(st.tuples(st.integers(0, 500), st.sampled_from([None, "start", "detected",
                                                                 "mitigated", "resolved"])),
                max_size=8))
def test_the_exported_duration_is_the_time_to_resolve(marks):
    """The internal export shows compute_metrics' time to resolve as the incident's duration
    (one scan of the timeline); it must be what incident_duration says, for any timeline."""
    start = datetime(2026, 3, 4, tzinfo=timezone.utc)
    doc = Postmortem(id="x", timeline=[Event(f"e{i}", start + timedelta(minutes=minute),
                                             milestone=milestone)
                                       for i, (minute, milestone) in enumerate(marks)])
    assert compute_metrics(doc).time_to_resolve == incident_duration(doc)
