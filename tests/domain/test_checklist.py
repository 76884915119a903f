"""The final review: the seed's five checklist lines, the deviations and `check`'s text."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from postmortem.checklist import (LINE_KEYS, Reason, evaluate, exit_code, format_check,
                                  is_quantified, normalise)
from postmortem.model import (Action, Analysis, Cause, Communication, DismissedFinding, Event,
                              FishboneCategory, FollowUp, Impact, Lessons, Postmortem, Scope,
                              Sensitivity, WhyNode)
from postmortem.recurrence import recurrence_summary
from postmortem.vagueness import actions_exit_reasons


def at(hhmm: str) -> datetime:
    hour, minute = map(int, hhmm.split(":"))
    return datetime(2026, 3, 4, hour, minute, tzinfo=timezone.utc)


def complete(depth: str = "full", doc_id: str = "checkout-latency") -> Postmortem:
    """A postmortem that passes every checklist line."""
    return Postmortem(
        id=doc_id, title="Checkout latency after cache node replacement", severity="SEV2",
        meeting_at=datetime(2026, 3, 9, 15, 0, tzinfo=timezone.utc), tags=["cache", "checkout"],
        scope=Scope(depth=depth, owner="Priya N.", facilitator="Sam K.",
                    participants=["Priya N.", "Sam K.", "Lee W."]),
        timeline=[Event("e1", at("13:58"), "Cache node replaced", "start"),
                  Event("e2", at("14:09"), "Latency alert fired", "detected"),
                  Event("e3", at("14:31"), "Traffic moved off the node", "mitigated"),
                  Event("e4", at("14:45"), "Hit ratio back to normal", "resolved")],
        impact=Impact(users_affected="About 12% of checkout attempts failed", customer_visible=True,
                      data_integrity="none", sla_breach=True,
                      sla_notes="Checkout availability SLO 99.9% missed for March",
                      comms_aligned=True),
        analysis=Analysis(
            problem="Checkout p99 latency rose above 8 s for 47 minutes",
            whys=[WhyNode("w1", None, "Requests waited on a cold cache"),
                  WhyNode("w2", "w1", "Warm-up step was skipped for replaced nodes", role="root-cause")],
            fishbone=[FishboneCategory("Process", [Cause("c1", "Runbook step optional", "contributing")])]),
        lessons=Lessons(went_well=["Rollback took 4 minutes"], went_wrong=["No cache-hit alert"]),
        actions=[Action("a1", "Alert when cache hit ratio < 80% for 5 min", "detect", "Lee W.",
                        date(2026, 3, 20), "OPS-112", "open", ["w2"])],
        communication=Communication(
            internal_summary="Checkout slowed for 47 minutes.",
            follow_ups=[FollowUp(date(2026, 4, 8), "30-day review"),
                        FollowUp(date(2026, 5, 8), "60-day review")]),
    )


def reasons(doc: Postmortem, key: str, **kw) -> tuple[Reason, ...]:
    return evaluate(doc, **kw).line(key).reasons


def test_complete_document_passes_all_five_lines_in_the_seeds_order():
    review = evaluate(complete())
    assert [line.key for line in review.lines] == list(LINE_KEYS)
    assert [line.label for line in review.lines] == [
        "Blameless tone; facts and timeline clear", "Impact quantified where possible",
        "Root cause and contributing factors distinguished",
        "Action items owned, dated, and tracked", "Follow-up review scheduled"]
    assert all(line.ok for line in review.lines) and review.deviations == ()
    assert exit_code(review) == 0


def test_an_empty_document_fails_every_line():
    review = evaluate(Postmortem(id="empty"))
    assert [line.ok for line in review.lines] == [False] * 5
    assert exit_code(review) == 1


# 1. Blameless tone; facts and timeline clear ---------------------------------------------


def test_blame_in_the_analysis_fails_line_one_pointing_at_the_node():
    doc = complete()
    doc.analysis.whys[0].text = "Lee W. forgot to warm the cache"
    found = reasons(doc, "blameless")
    assert found and all(r.stage == 3 and r.location == "w1" for r in found)
    assert any("Lee W." in r.text for r in found)


def test_dismissed_blame_findings_do_not_count():
    from postmortem.blame import blame_findings
    doc = complete()
    doc.analysis.problem = "Blame the cache"
    for finding in blame_findings(doc):
        doc.dismissed_findings.append(DismissedFinding(finding.key, "quoted from the ticket"))
    assert reasons(doc, "blameless") == ()


def test_without_advice_the_review_is_the_same_but_for_the_advice():
    """``advice=False`` (the Markdown checklist, ``check --all``) leaves out only the hindsight
    advice: the lines and deviations are those of the full review."""
    doc = complete()
    doc.lessons.went_wrong.append("We should have rolled back sooner")
    doc.analysis.whys[0].text = "Lee W. forgot to warm the cache"
    full, without = evaluate(doc, today=date(2026, 3, 10)), evaluate(doc, today=date(2026, 3, 10),
                                                                     advice=False)
    assert full.advice and without.advice == ()
    assert (without.lines, without.deviations) == (full.lines, full.deviations)


def test_missing_resolved_milestone_and_unconfirmed_comms():
    doc = complete()
    doc.timeline[3].milestone = None
    doc.impact.comms_aligned = False
    found = reasons(doc, "blameless")
    assert [(r.stage, r.location) for r in found] == [(2, "timeline"), (2, "impact.comms_aligned")]
    assert "resolved" in found[0].text


def test_milestones_out_of_order_point_at_the_later_event():
    doc = complete()
    doc.timeline[3].at = at("13:50")  # "resolved" before "mitigated" (and "start")
    found = reasons(doc, "blameless")
    assert [(r.stage, r.location) for r in found] == [(2, "e4")]
    assert "13:50" in found[0].text and "14:31" in found[0].text and "mitigated" in found[0].text


# 2. Impact quantified ------------------------------------------------------------------


@pytest.mark.parametrize("text, quantified", [
    ("About 12% of checkout attempts failed", True), ("None: caught in staging", True),
    ("All EU customers", True), ("约三成用户", True), ("所有用户", True), ("无", True),
    ("Many users were affected", False), ("Some customers", False), ("一些用户", False),
])
def test_quantity_detection(text, quantified):
    assert is_quantified(text) is quantified


def test_impact_reasons_name_the_field_to_fill():
    doc = complete()
    doc.impact = Impact(users_affected="Many users", customer_visible=None, data_integrity="at-risk",
                        sla_breach=True, comms_aligned=True)
    found = reasons(doc, "impact")
    assert [r.location for r in found] == ["impact.users_affected", "impact.customer_visible",
                                           "impact.data_integrity_notes", "impact.sla_notes"]
    assert all(r.stage == 2 for r in found)


def test_unanswered_impact_questions():
    doc = complete()
    doc.impact = Impact(comms_aligned=True)
    assert [r.location for r in reasons(doc, "impact")] == [
        "impact.users_affected", "impact.customer_visible", "impact.data_integrity",
        "impact.sla_breach"]


# 3. Root cause and contributing factors, by depth ---------------------------------------


def test_full_depth_needs_a_contributing_factor_and_the_fishbone():
    doc = complete("full")
    doc.analysis.fishbone = []
    found = reasons(doc, "analysis")
    assert [r.location for r in found] == ["analysis.whys", "analysis.fishbone"]
    assert "contributing" in found[0].text and "fishbone" in found[1].text


def test_lightweight_depth_makes_fishbone_and_contributing_factor_optional():
    doc = complete("lightweight")
    doc.analysis.fishbone = []
    assert reasons(doc, "analysis") == ()


def test_a_root_cause_is_needed_at_every_depth():
    for depth in ("full", "lightweight"):
        doc = complete(depth)
        doc.analysis.whys[1].role = None
        assert any("root cause" in r.text for r in reasons(doc, "analysis"))


def test_root_cause_naming_a_person_points_at_it_even_when_dismissed():
    doc = complete()
    doc.analysis.whys[1].text = "Sam K. skipped the warm-up"
    doc.dismissed_findings = [DismissedFinding("blame:w2:sam k.", "he agreed")]
    found = reasons(doc, "analysis")
    assert [(r.stage, r.location) for r in found] == [(3, "w2")]


def test_problem_statement_required():
    doc = complete()
    doc.analysis.problem = ""
    assert [r.location for r in reasons(doc, "analysis")] == ["analysis.problem"]


# 4. Action items ------------------------------------------------------------------------


def test_action_reasons_point_at_each_item():
    doc = complete()
    doc.actions.append(Action("a2", "Be more careful", "process", "Lee W.", date(2026, 4, 1), ""))
    found = reasons(doc, "actions")
    assert [(r.stage, r.location) for r in found] == [(5, "a2"), (5, "a2")]
    assert "careful" in found[0].text and "tracker" in found[1].text


def test_no_actions_fails():
    doc = complete()
    doc.actions = []
    assert [(r.stage, r.location) for r in reasons(doc, "actions")] == [(5, "actions")]


@pytest.mark.parametrize("change", [
    lambda d: None,
    lambda d: setattr(d.actions[0], "owner", ""),
    lambda d: setattr(d.actions[0], "title", "Add monitoring"),
    lambda d: d.dismissed_findings.append(DismissedFinding("vague:a1:add monitoring", "ok")),
    lambda d: (setattr(d.actions[0], "title", "Add monitoring"),
               d.dismissed_findings.append(DismissedFinding("vague:a1:add monitoring", "ok"))),
    lambda d: (setattr(d.actions[0], "tracker", ""),
               d.dismissed_findings.append(DismissedFinding("vague:a1:no tracker", "ok"))),
    lambda d: setattr(d.actions[0], "status", "done") or setattr(d.actions[0], "tracker", ""),
])
def test_actions_line_agrees_with_the_stage_5_exit(change):
    doc = complete()
    change(doc)
    assert evaluate(doc).line("actions").ok == (actions_exit_reasons(doc) == [])


# 5. Follow-up review, by depth ---------------------------------------------------------


def test_full_depth_wants_two_reviews_lightweight_one_is_enough():
    full = complete("full")
    full.communication.follow_ups.pop()
    assert [(r.stage, r.location) for r in reasons(full, "follow_up")] == [
        (6, "communication.follow_ups")]
    light = complete("lightweight")
    light.communication.follow_ups.pop()
    assert reasons(light, "follow_up") == ()


def test_without_meeting_date_the_reason_points_at_stage_1_too():
    doc = complete()
    doc.meeting_at = None
    doc.communication.follow_ups = []
    assert [(r.stage, r.location) for r in reasons(doc, "follow_up")] == [
        (6, "communication.follow_ups"), (1, "meeting_at")]


def test_a_review_past_its_date_and_not_done_fails_when_today_is_given():
    doc = complete()
    assert reasons(doc, "follow_up", today=date(2026, 4, 8)) == ()
    late = reasons(doc, "follow_up", today=date(2026, 4, 9))
    assert len(late) == 1 and "30-day review" in late[0].text and "2026-04-08" in late[0].text
    doc.communication.follow_ups[0].done = True
    assert reasons(doc, "follow_up", today=date(2026, 4, 9)) == ()


# Deviations ------------------------------------------------------------------------------


def security_incident(legal: str) -> Postmortem:
    doc = complete()
    doc.scope.sensitivity = Sensitivity(security=True)
    doc.scope.customer_facing = True
    doc.communication.customer_summary = "Some checkouts were slow."
    doc.communication.legal_review = legal
    return doc


def test_security_incident_without_approved_legal_review_blocks():
    review = evaluate(security_incident("pending"))
    assert all(line.ok for line in review.lines)
    [deviation] = review.deviations
    assert deviation.kind == "security" and deviation.blocking
    assert (deviation.stage, deviation.location) == (6, "communication.legal_review")
    assert "legal" in deviation.text and "pending" in deviation.text
    assert exit_code(review) == 1
    assert evaluate(security_incident("approved")).deviations == ()


def test_security_incident_kept_internal_is_no_deviation():
    doc = security_incident("pending")
    doc.scope.customer_facing = False
    assert evaluate(doc).deviations == ()


def other(doc_id: str, title: str, root_cause: str = "Disk filled up", tags=()) -> Postmortem:
    return Postmortem(id=doc_id, title=title, tags=list(tags), analysis=Analysis(
        whys=[WhyNode("w9", None, root_cause, role="root-cause")]))


def test_same_root_cause_text_elsewhere_is_a_repeated_failure():
    earlier = other("2025-11-cache", "Cache warm-up incident",
                    root_cause="  warm-up step was SKIPPED for replaced nodes. ")
    review = evaluate(complete(), library=[recurrence_summary(earlier)])
    [deviation] = review.deviations
    assert deviation.kind == "repeated" and not deviation.blocking
    assert deviation.other_id == "2025-11-cache"
    assert (deviation.stage, deviation.location) == (3, "w2")
    assert "Cache warm-up incident" in deviation.text and "2025-11-cache" in deviation.text
    assert "architecture or SLO review" in deviation.text
    assert exit_code(review) == 0  # advice, not a failure


def test_a_rare_shared_tag_is_a_repeated_failure_pointing_at_the_tags():
    # The tag is on 2 of the library's 5 postmortems: rare enough to count alone.
    unrelated = [recurrence_summary(other(f"u{n}", f"U{n}", root_cause=f"Quota {n} hit"))
                 for n in range(3)]
    review = evaluate(complete(), library=[
        recurrence_summary(other("db-outage", "DB outage", tags=["Checkout"])), *unrelated])
    [deviation] = review.deviations
    assert (deviation.stage, deviation.location) == (1, "tags")
    assert "the tag “checkout”, on 2 of 5 postmortems" in deviation.text


def test_the_document_itself_and_unrelated_ones_are_not_repeats():
    doc = complete()
    itself = complete()  # same id, e.g. the library's copy of the open document
    unrelated = other("db-outage", "DB outage", tags=["database"])
    assert evaluate(doc, library=[recurrence_summary(itself),
                                  recurrence_summary(unrelated)]).deviations == ()


def test_normalise_ignores_case_width_punctuation_and_spacing():
    assert normalise("Warm-up  step SKIPPED!") == normalise("warm up step skipped")
    assert normalise("ＣＡＣＨＥ") == "cache"
    assert normalise("缓存预热被跳过。") == normalise("缓存预热被跳过")


# `postmortem check` text -----------------------------------------------------------------


def test_format_check_lines_reasons_and_deviations():
    doc = security_incident("pending")
    doc.communication.follow_ups.pop()
    text = format_check(evaluate(doc, library=[
        recurrence_summary(other("db-outage", "DB outage",
                                 root_cause="Warm-up step was skipped for replaced nodes"))]))
    lines = text.splitlines()
    assert lines[:5] == ["✓ Blameless tone; facts and timeline clear",
                         "✓ Impact quantified where possible",
                         "✓ Root cause and contributing factors distinguished",
                         "✓ Action items owned, dated, and tracked",
                         "✗ Follow-up review scheduled"]
    assert lines[5].startswith("    Schedule 2 follow-up reviews")
    assert lines[5].endswith("[stage 6: Communication & follow-up]")
    assert lines[6:8] == ["", "Deviations"]
    assert lines[8].startswith("  ! Security incident")
    assert lines[9].startswith("  • Repeats a failure recorded in “DB outage” (db-outage)")
    assert lines[-1] == "1 of 5 checklist items need work."


def test_format_check_all_pass_and_blocked_summaries():
    assert format_check(evaluate(complete())).splitlines()[-1] == "All 5 checklist items pass."
    blocked = format_check(evaluate(security_incident("pending"))).splitlines()[-1]
    assert "blocks" in blocked
