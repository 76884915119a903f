"""The demo postmortem: valid, complete, and a good example of every stage (issue 2 item 7)."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import timedelta

import pytest

from postmortem import blame, checklist, vagueness
from postmortem.demo import demo_dict, demo_document
from postmortem.metrics import compute_metrics, format_duration, milestone_problems, milestone_times
from postmortem.model import Postmortem
from postmortem.stages import stage_statuses
from postmortem.vocab import ACTION_TYPES, MILESTONES


@pytest.fixture
def doc() -> Postmortem:
    return demo_document()


def test_demo_validates_and_round_trips_exactly():
    data = demo_dict()
    assert data["schema"] == "postmortem/v1"
    assert Postmortem.from_dict(data).to_dict() == data


def test_each_call_returns_a_fresh_copy():
    first = demo_document()
    first.title = "changed"
    first.timeline.clear()
    assert demo_document().title != "changed" and demo_document().timeline
    data = demo_dict()
    data["title"] = "changed"
    assert demo_dict()["title"] != "changed"


def test_scope(doc):
    assert doc.id == "demo-checkout-latency"
    assert (doc.severity, doc.status, doc.scope.depth) == ("SEV2", "in-review", "full")
    assert doc.meeting_at is not None and doc.tags
    assert doc.scope.owner and doc.scope.facilitator
    assert 4 <= len(doc.scope.participants) <= 6
    assert {doc.scope.owner, doc.scope.facilitator} <= set(doc.scope.participants)


def test_timeline_is_one_evening_with_all_milestones_in_order(doc):
    assert len(doc.timeline) >= 25
    assert [e.at for e in doc.timeline] == sorted(e.at for e in doc.timeline)
    assert len({e.at.date() for e in doc.timeline}) == 1
    reached = milestone_times(doc)
    assert list(reached) == list(MILESTONES)
    assert [reached[m] for m in MILESTONES] == sorted(reached.values())
    assert milestone_problems(doc) == []
    assert Counter(e.milestone for e in doc.timeline if e.milestone) == Counter(MILESTONES)
    assert sum(e.internal for e in doc.timeline) >= 3
    assert sum(bool(e.source) for e in doc.timeline) >= 20


def test_metrics_match_the_story(doc):
    found = compute_metrics(doc)
    assert [format_duration(d) for d in (found.time_to_detect, found.time_to_mitigate,
                                         found.time_to_resolve)] == ["26m", "1h 19m", "2h 10m"]
    # The summaries quote these figures; keep them in step if the timeline changes.
    assert "26 minutes" in doc.communication.internal_summary
    assert "2h 10m" in doc.communication.internal_summary
    assert found.time_to_resolve == timedelta(hours=2, minutes=10)


def test_impact_is_filled_and_quantified(doc):
    impact = doc.impact
    assert checklist.is_quantified(impact.users_affected)
    assert impact.customer_visible is True and impact.data_integrity == "none"
    assert impact.sla_breach is True and impact.sla_notes and impact.comms_aligned


def test_whys_tree_branches_and_reaches_depth_five(doc):
    whys = doc.analysis.whys
    children = Counter(w.parent for w in whys if w.parent is not None)
    assert sum(1 for count in children.values() if count >= 2) >= 2

    parents = {w.id: w.parent for w in whys}

    def depth(node_id: str) -> int:
        return 1 if parents[node_id] is None else 1 + depth(parents[node_id])

    assert max(depth(w.id) for w in whys) == 5
    roots = [w for w in whys if w.role == "root-cause"]
    assert roots and all(w.evidence for w in roots)
    assert sum(w.role == "contributing" for w in whys) >= 3


def test_fishbone_has_the_categories_with_one_to_three_causes(doc):
    fishbone = doc.analysis.fishbone
    assert len(fishbone) >= 4
    assert all(1 <= len(category.causes) <= 3 for category in fishbone)
    roles = {cause.role for _, cause in doc.analysis.causes()}
    assert {"root-cause", "contributing"} <= roles


def test_analysis_is_blameless(doc):
    assert blame.blame_findings(doc, include_dismissed=True) == []
    assert blame.person_named_root_causes(doc) == []
    everything = str(doc.to_dict()).casefold()
    for phrase in ("human error", "careless", "fault of", "should have known", "forgot"):
        assert phrase not in everything


def test_actions_are_specific_owned_dated_tracked(doc):
    actions = doc.actions
    assert len(actions) >= 6
    assert {a.type for a in actions} == set(ACTION_TYPES)
    statuses = Counter(a.status for a in actions)
    assert statuses["done"] == 1 and statuses["in-progress"] == 1
    assert statuses["open"] == len(actions) - 2
    meeting_day = doc.meeting_at.date()
    people = set(doc.scope.participants)
    for action in actions:
        assert action.owner in people and action.tracker and action.causes
        assert action.due is not None and action.due > meeting_day
        assert set(action.causes) <= doc.cause_ids()
    assert all(vagueness.names_a_signal(a.title) for a in actions if a.type == "detect")
    assert vagueness.vague_findings(doc, include_dismissed=True) == []
    root_ids = {w.id for w in doc.analysis.whys if w.role == "root-cause"}
    assert any(root_ids & set(a.causes) for a in actions if a.type == "prevent")


def test_lessons(doc):
    assert len(doc.lessons.went_well) >= 3 and len(doc.lessons.went_wrong) >= 3
    assert 1 <= len(doc.lessons.lucky) <= 2


def test_communication_and_follow_ups(doc):
    comms = doc.communication
    assert comms.internal_summary and comms.customer_summary and comms.shared_with
    assert comms.legal_review == "not-needed"
    meeting_day = doc.meeting_at.date()
    assert [(f.due - meeting_day).days for f in comms.follow_ups] == [30, 60]
    assert not any(f.done for f in comms.follow_ups)


def test_customer_summary_names_no_people_and_no_tracker_keys(doc):
    summary = doc.communication.customer_summary
    for person in doc.scope.people():
        assert person.split()[0] not in summary
    for action in doc.actions:
        assert action.tracker not in summary


def test_every_stage_exit_passes(doc):
    assert [(s.number, s.reasons) for s in stage_statuses(doc)] == [(n, ()) for n in range(1, 7)]


def test_final_review_passes(doc):
    review = checklist.evaluate(doc, today=doc.meeting_at.date())
    assert all(line.ok for line in review.lines)
    assert checklist.exit_code(review) == 0


# Dated for any day (issue 12, item 13) -------------------------------------------------------

from datetime import date  # noqa: E402

from postmortem.demo import WRITTEN_FOR  # noqa: E402

DAYS = [WRITTEN_FOR, date(2026, 12, 2), date(2027, 2, 28), date(2031, 7, 15), date(2024, 2, 29)]


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_the_demo_is_seen_alike_on_any_day(today):
    doc = demo_document(today)
    start = min(e.at for e in doc.timeline)
    assert (today - start.date()).days == 7                     # the incident a week ago
    assert (today - doc.meeting_at.date()).days == 2            # the meeting two days ago
    assert all(a.due > today for a in doc.actions if a.is_open)  # nothing overdue
    assert all(f.due > today for f in doc.communication.follow_ups)
    assert [(s.number, s.reasons) for s in stage_statuses(doc)] == [(n, ()) for n in range(1, 7)]
    review = checklist.evaluate(doc, today=today)
    assert review.ok and checklist.exit_code(review) == 0 and review.advice == ()
    assert blame.document_findings(doc, include_dismissed=True) == []


@pytest.mark.parametrize("today", DAYS[1:], ids=str)
def test_only_the_dates_move_and_the_story_keeps_its_durations(today):
    written, moved = demo_dict(), demo_dict(today)
    assert Postmortem.from_dict(moved).to_dict() == moved
    shift = today - WRITTEN_FOR
    found_before, found_after = compute_metrics(demo_document()), compute_metrics(demo_document(today))
    assert found_before == found_after
    assert moved["meeting_at"] != written["meeting_at"]
    for before, after in zip(demo_document().actions, demo_document(today).actions):
        assert after.due - before.due == shift
    # Nothing but the dates differs: the texts name no day, month or year.
    def dates_blanked(data):
        text = json.dumps(data, ensure_ascii=False)
        return re.sub(r"\d{4}-\d{2}-\d{2}", "DATE", text)
    assert dates_blanked(moved) == dates_blanked(written)
    texts = json.dumps({k: v for k, v in written.items() if k not in ("meeting_at",)})
    for word in ("March", "Wednesday", "Friday", "2026"):
        assert word not in re.sub(r"\d{4}-\d{2}-\d{2}", "DATE", texts)
