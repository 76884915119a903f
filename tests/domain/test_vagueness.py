"""The vagueness check on action items (DESIGN §6) and the stage 5 exit (§2.5)."""

from __future__ import annotations

from datetime import date

import pytest

from postmortem.findings import Finding
from postmortem.model import Action, DismissedFinding, Postmortem
from postmortem.vagueness import (NO_DUE, NO_METRIC, NO_OWNER, NO_TITLE, NO_TRACKER,
                                  action_findings, actions_exit_reasons, finding_field,
                                  names_a_signal, overdue, vague_findings)


def tracked(title: str, type: str = "prevent", **changes) -> Action:
    """An action with owner, due date and tracker, so only its wording is judged."""
    fields = dict(id="a1", title=title, type=type, owner="Lee W.", due=date(2026, 4, 1),
                  tracker="OPS-112", status="open")
    fields.update(changes)
    return Action(**fields)


def matched(action: Action) -> list[str]:
    return [f.matched for f in action_findings(action)]


# Specific items pass -------------------------------------------------------------------


@pytest.mark.parametrize("title, type", [
    ("Page when checkout error rate > 2% for 5 min", "detect"),
    ("Alert when cache hit ratio < 80% for 5 min", "detect"),
    ("Alert when `checkout_p99_seconds` exceeds 2", "detect"),
    ("Alert on checkout availability SLO burn rate", "detect"),
    ("Page the on-call when 5xx responses rise above 50 per minute", "detect"),
    ("当结账错误率超过 2% 持续 5 分钟时告警", "detect"),
    ("命中率低于 80% 时通知值班", "detect"),
    ("Make the cache warm-up step mandatory in the node-replacement runbook", "prevent"),
    ("Improve checkout p99 to < 300 ms", "prevent"),           # "improve" with a target
    ("Add an integration test that replaces a cache node", "process"),
    ("Roll back automatically when the canary error rate doubles", "recover"),
])
def test_specific_items_are_not_flagged(title, type):
    assert action_findings(tracked(title, type)) == []


# Vague items are flagged, with a reason and a rewrite -----------------------------------


@pytest.mark.parametrize("title, type, words", [
    ("Add monitoring for checkout", "detect", "Add monitoring"),
    ("add more monitoring", "prevent", "add more monitoring"),
    ("Improve the deploy runbook", "prevent", "Improve"),
    ("Communicate better during incidents", "process", "Communicate better"),
    ("Improve communication with CS", "process", "Improve communication"),
    ("Be more careful when replacing nodes", "process", "Be more careful"),
    ("More testing before releases", "process", "More testing"),
    ("Raise awareness of the warm-up step", "process", "Raise awareness"),
    ("加强沟通", "process", "加强沟通"),
    ("提高意识", "process", "提高意识"),
    ("加强监控", "detect", "加强监控"),
    ("发布前注意检查缓存", "process", "注意"),
])
def test_generic_phrasing_is_flagged_with_reason_and_example(title, type, words):
    findings = action_findings(tracked(title, type))
    assert [f.matched for f in findings] == [words]
    finding = findings[0]
    assert finding.rule == "vague" and finding.location == "a1"
    assert words in finding.reason
    assert finding.suggestion.startswith("For example")
    assert finding_field(finding) == "title"


def test_being_careful_is_flagged_even_when_worded_precisely():
    # Trying harder is not an action, however many numbers surround it.
    assert matched(tracked("Be more careful when error rate > 2%")) == ["Be more careful"]
    assert matched(tracked("注意 5 分钟内回滚")) == ["注意"]


def test_several_families_in_one_title_each_flagged_once_in_reading_order():
    assert matched(tracked("提高意识，注意发布流程，注意缓存")) == ["提高意识", "注意"]
    assert matched(tracked("Improve runbooks and be careful")) == ["Improve", "be careful"]


def test_improve_monitoring_is_one_finding_about_monitoring():
    findings = action_findings(tracked("Improve monitoring", "detect"))
    assert [f.matched for f in findings] == ["Improve monitoring"]
    assert "measured" in findings[0].reason


def test_phrases_are_whole_words():
    # Words that merely contain a phrase are not the phrase.
    assert matched(tracked("Retest more of the improvised fixes")) == []
    assert matched(tracked("Require a second reviewer for cache config changes")) == []


# Detect items must name something measurable ---------------------------------------------


def test_detect_item_naming_only_an_alert_is_flagged():
    findings = action_findings(tracked("Add an alert for checkout", "detect"))
    assert [f.matched for f in findings] == [NO_METRIC]
    assert "metric" in findings[0].reason and "%" in findings[0].suggestion


def test_same_title_as_prevent_item_is_not_asked_for_a_metric():
    assert action_findings(tracked("Add an alert for checkout", "prevent")) == []


def test_monitoring_phrase_on_detect_item_is_not_doubled_by_no_metric():
    assert matched(tracked("Add monitoring for checkout", "detect")) == ["Add monitoring"]


def test_other_phrases_on_detect_item_also_ask_for_a_metric():
    assert matched(tracked("Improve dashboards", "detect")) == ["Improve", NO_METRIC]


@pytest.mark.parametrize("text, expected", [
    ("for 5 min", True), ("> 2", True), ("2%", True), ("300 ms", True), ("p99", True),
    ("error rate", True), ("SLO", True), ("queue_depth", True), ("10 秒", True), ("错误率", True),
    ("alert", False), ("dashboard", False), ("add a metric", False), ("checkout", False),
    ("page the on-call", False), ("version 2", False),
])
def test_signals(text, expected):
    assert names_a_signal(text) is expected


# Missing owner, due date, tracker -------------------------------------------------------


def test_missing_fields_on_open_item_each_flagged_on_their_field():
    action = Action(id="a2", title="Make warm-up mandatory", status="in-progress")
    findings = action_findings(action)
    assert [f.matched for f in findings] == [NO_OWNER, NO_DUE, NO_TRACKER]
    assert [finding_field(f) for f in findings] == ["owner", "due", "tracker"]
    assert all(f.location == "a2" and f.reason and f.suggestion for f in findings)


@pytest.mark.parametrize("status", ["done", "wont-do"])
def test_closed_items_need_no_owner_date_or_tracker(status):
    assert action_findings(Action(id="a1", title="Make warm-up mandatory", status=status)) == []


def test_done_item_wording_still_judged_but_wont_do_is_not():
    assert matched(tracked("Be more careful", status="done")) == ["Be more careful"]
    assert matched(tracked("Be more careful", status="wont-do")) == []


def test_empty_title_is_flagged():
    assert matched(tracked("   ")) == [NO_TITLE]


# Document level: dismissals, exit, overdue ---------------------------------------------


def doc_with(*actions: Action) -> Postmortem:
    return Postmortem(id="pm", actions=list(actions))


def test_vague_findings_skip_dismissed_ones():
    careful = tracked("Be more careful", id="a1")
    monitoring = tracked("Add monitoring", "detect", id="a2")
    doc = doc_with(careful, monitoring)
    assert [f.location for f in vague_findings(doc)] == ["a1", "a2"]
    key = action_findings(careful)[0].key
    assert key == "vague:a1:be more careful"
    doc.dismissed_findings.append(DismissedFinding(key=key, reason="agreed as a culture item"))
    assert [f.location for f in vague_findings(doc)] == ["a2"]
    assert len(vague_findings(doc, include_dismissed=True)) == 2


def test_exit_needs_an_action():
    assert actions_exit_reasons(doc_with()) == ["Add at least one action item."]


def test_exit_holds_for_specific_tracked_open_items():
    doc = doc_with(tracked("Page when checkout error rate > 2% for 5 min", "detect"),
                   Action(id="a2", title="Be more careful", status="done"))
    assert actions_exit_reasons(doc) == []


def test_exit_names_the_items_missing_each_field_and_the_flagged_ones():
    doc = doc_with(tracked("Make warm-up mandatory", id="a1", owner=""),
                   tracked("Make warm-up mandatory", id="a2", owner="", due=None),
                   tracked("Add monitoring", "detect", id="a3", tracker=""),
                   tracked("Be more careful", id="a4", status="wont-do", owner=""))
    reasons = actions_exit_reasons(doc)
    assert len(reasons) == 4
    owner, due, tracker, flagged = reasons
    assert "owner" in owner and "(a1, a2)" in owner
    assert "due date" in due and "(a2)" in due
    assert "tracker" in tracker and "(a3)" in tracker
    assert "flagged" in flagged and "(a3)" in flagged


def test_dismissing_a_wording_finding_clears_the_exit_but_a_missing_field_still_counts():
    doc = doc_with(tracked("Be more careful", tracker=""))
    for finding in action_findings(doc.actions[0]):
        doc.dismissed_findings.append(DismissedFinding(key=finding.key, reason="ok"))
    reasons = actions_exit_reasons(doc)
    assert len(reasons) == 1 and "tracker" in reasons[0]


def test_overdue_only_for_open_items_past_their_date():
    today = date(2026, 4, 2)
    assert overdue(tracked("x", due=date(2026, 4, 1)), today)
    assert not overdue(tracked("x", due=date(2026, 4, 2)), today)
    assert not overdue(tracked("x", due=date(2026, 4, 1), status="done"), today)
    assert not overdue(tracked("x", due=None), today)


def test_finding_is_the_shared_finding_type():
    assert isinstance(action_findings(tracked("Improve"))[0], Finding)
