"""The blame check over every free text of the document, and the hindsight advice (issue 12,
item 9): where each finding is, what fails the review, what is only advice."""

from __future__ import annotations

from datetime import date

import pytest

from postmortem import blame, hindsight
from postmortem.checklist import evaluate, exit_code, format_check
from postmortem.demo import demo_document
from postmortem.markdown import render_external, render_internal
from postmortem.model import Action, DismissedFinding, Postmortem
from postmortem.texts import describe_location, free_texts

TODAY = date(2026, 3, 10)


def clean_doc() -> Postmortem:
    doc = demo_document()
    assert blame.document_findings(doc, include_dismissed=True) == []
    return doc


def issue_example() -> Postmortem:
    """The texts the issue found unflagged: an action, a lesson in English and in Chinese."""
    doc = clean_doc()
    doc.actions.append(Action("a10", "Alex pushed a bad config (human error)", "prevent",
                              "Lee W.", date(2026, 4, 30), "OPS-1", "open", ["w1"]))
    doc.lessons.went_wrong += ["Alex pushed a bad config (human error)", "人为失误导致配置错误"]
    return doc


def blameless(doc: Postmortem):
    return evaluate(doc, today=TODAY).line("blameless")


def test_the_issues_example_is_flagged_in_the_review_check_and_export():
    doc = issue_example()
    wrong = len(doc.lessons.went_wrong)
    found = {(f.location, f.matched) for f in blame.document_findings(doc)}
    assert found == {("actions[a10].title", "human error"),
                     (f"lessons.went_wrong[{wrong - 2}]", "human error"),
                     (f"lessons.went_wrong[{wrong - 1}]", "人为失误")}
    line = blameless(doc)
    assert not line.ok
    assert [(r.stage, r.location) for r in line.reasons] == [
        (4, f"lessons.went_wrong[{wrong - 2}]"), (4, f"lessons.went_wrong[{wrong - 1}]"),
        (5, "a10")]
    review = evaluate(doc, today=TODAY)
    text = format_check(review)
    assert "✗ Blameless tone; facts and timeline clear" in text
    assert f"What went wrong, item {wrong - 1}: " in text and "Action a10: " in text
    assert "[stage 5: Action items]" in text and exit_code(review) == 1
    internal = render_internal(doc, today=TODAY)
    assert "- [ ] Blameless tone; facts and timeline clear" in internal
    assert "  - Action a10: " in internal
    assert "bad config" not in render_external(doc)   # never "… (human error) — planned"


@pytest.mark.parametrize("place,edit,location,stage,target", [
    ("Title", lambda d: setattr(d, "title", "Outage caused by human error"),
     "title", 1, "title"),
    ("Impact: users affected",
     lambda d: setattr(d.impact, "users_affected", "12% of users, all Priya's fault"),
     "impact.users_affected", 2, "impact.users_affected"),
    ("Event e3", lambda d: setattr(d.timeline[2], "text", "Operator error on the cache"),
     "timeline[e3].text", 2, "e3"),
    ("Problem statement", lambda d: setattr(d.analysis, "problem", "A careless restart"),
     "analysis.problem", 3, "analysis.problem"),
    ("Why w2", lambda d: setattr(d.analysis.whys[1], "text", "@lee restarted it"), "w2", 3, "w2"),
    ("Cause c1", lambda d: setattr(d.analysis.fishbone[0].causes[0], "text", "粗心的值班"),
     "c1", 3, "c1"),
    ("What went well, item 1",
     lambda d: d.lessons.went_well.__setitem__(0, "Rollback was fast despite the negligence"),
     "lessons.went_well[0]", 4, "lessons.went_well[0]"),
    ("Where we got lucky, item 1",
     lambda d: d.lessons.lucky.__setitem__(0, "Lucky that Sam K. was awake"),
     "lessons.lucky[0]", 4, "lessons.lucky[0]"),
    ("Action a2", lambda d: setattr(d.actions[1], "title", "Blame the vendor less often"),
     "actions[a2].title", 5, "a2"),
    ("Internal summary",
     lambda d: setattr(d.communication, "internal_summary", "Lee W. forgot to warm the cache."),
     "communication.internal_summary", 6, "communication.internal_summary"),
    ("Customer-facing summary",
     lambda d: setattr(d.communication, "customer_summary", "It was the fault of one engineer."),
     "communication.customer_summary", 6, "communication.customer_summary"),
])
def test_every_free_text_is_checked_and_the_reason_names_the_place(place, edit, location,
                                                                    stage, target):
    doc = clean_doc()
    edit(doc)
    assert {f.location for f in blame.document_findings(doc)} == {location}
    reasons = blameless(doc).reasons
    assert reasons and all(r.text.startswith(f"{place}: ") for r in reasons)
    assert {(r.stage, r.location) for r in reasons} == {(stage, target)}
    assert describe_location(doc, location) == place


def test_names_are_facts_in_the_timeline_and_praise_in_went_well():
    doc = clean_doc()
    doc.timeline[2].text = "Priya N. paged @lee-w about the hit ratio"
    doc.lessons.went_well[0] = "Sam K. and Priya kept the bridge calm"
    assert blame.document_findings(doc) == []
    # Blame phrasing is flagged there all the same, the person forgetting included.
    doc.timeline[2].text = "Priya N. forgot to page the database team"
    doc.lessons.went_well[0] = "Sam K. recovered quickly from his careless restart"
    assert sorted(f.matched for f in blame.document_findings(doc)) == [
        "Priya N. forgot", "careless"]


def test_names_are_blame_in_went_wrong_lucky_actions_and_summaries():
    doc = clean_doc()
    doc.lessons.went_wrong[0] = "Priya was paged late"
    doc.actions[0].title = "Sam K. to warm the cache by hand"
    assert sorted(f.matched for f in blame.document_findings(doc)) == ["Priya", "Sam K."]


def test_event_sources_and_evidence_are_references_not_prose():
    doc = clean_doc()
    doc.timeline[0].source = "chat: Priya N. (human error?)"
    doc.analysis.whys[0].evidence = "Lee W.'s notes"
    assert blame.document_findings(doc) == []


def test_a_finding_dismissed_with_a_reason_passes_the_line():
    doc = issue_example()
    for finding in blame.document_findings(doc):
        doc.dismissed_findings.append(DismissedFinding(finding.key, "quoting the vendor's report"))
    assert blameless(doc).ok
    index = len(doc.lessons.went_wrong) - 2
    assert doc.to_dict()["dismissed_findings"][0]["key"] == \
        f"blame:lessons.went_wrong[{index}]:human error"


def test_stage_3_keeps_its_own_findings_and_their_old_dismissals():
    """The analysis' locations did not change: a dismissal written before still applies."""
    doc = clean_doc()
    doc.analysis.whys[1].text = "Human error during the replacement"
    doc.lessons.went_wrong[0] = "Human error again"
    assert [f.location for f in blame.blame_findings(doc)] == ["w2"]
    doc.dismissed_findings.append(DismissedFinding("blame:w2:human error", "quoted"))
    assert [f.location for f in blame.document_findings(doc)] == ["lessons.went_wrong[0]"]


def test_free_texts_cover_the_document_in_stage_order():
    doc = clean_doc()
    stages = [text.stage for text in free_texts(doc)]
    assert stages == sorted(stages) and set(stages) == {1, 2, 3, 4, 5, 6}
    kinds = {text.kind for text in free_texts(doc)}
    assert kinds == {"title", "impact", "event", "problem", "why", "cause", "lesson", "action",
                     "summary"}


# Hindsight -------------------------------------------------------------------------------


def hindsight_matched(text: str) -> list[str]:
    return [f.matched for f in hindsight.text_findings(text, "w1")]


@pytest.mark.parametrize("text,expected", [
    ("We should have rolled back first", ["should have"]),
    ("The deploy shouldn't have gone out on a Friday", ["shouldn't have"]),
    ("Someone should've checked the warm-up", ["should've"]),
    ("If only the alert had fired", ["If only"]),
    ("We could have just restarted the node", ["could have just"]),
    ("It could simply have been drained", ["could simply have"]),
    ("Obviously the cache was cold", ["Obviously"]),
    ("Simply restarting would do", ["Simply"]),
    ("值班人员本应回滚", ["本应"]),
    ("显然缓存没有预热", ["显然"]),
    ("只要预热缓存就不会出问题", ["只要预热缓存就"]),
])
def test_hindsight_wording_is_found(text, expected):
    assert hindsight_matched(text) == expected


@pytest.mark.parametrize("text", [
    "The runbook should say when to warm the cache",      # a requirement, not the past
    "The alert could have fired 20 minutes earlier with a hit-ratio threshold",
    "A simple restart did not help",                        # "simple" describes, "simply" minimises
    "只要是预热过的节点",                                       # 只要 without 就
    "He should have known about the warm-up",              # blame's, not hindsight's
])
def test_ordinary_wording_is_not_hindsight(text):
    assert hindsight_matched(text) == []


def test_hindsight_is_advice_with_a_question_and_never_fails_the_review():
    doc = clean_doc()
    doc.lessons.went_wrong[0] = "We should have rolled back first"
    doc.analysis.whys[1].text = "显然缓存没有预热"
    review = evaluate(doc, today=TODAY)
    assert review.ok and exit_code(review) == 0
    assert [(a.stage, a.location) for a in review.advice] == [(3, "w2"), (4, "lessons.went_wrong[0]")]
    assert all("What made this look reasonable at the time?" in a.text for a in review.advice)
    assert review.advice[1].text.startswith("What went wrong, item 1: ")
    text = format_check(review)
    assert "Advice (does not fail the review)" in text
    assert text.splitlines()[-1] == "All 5 checklist items pass."


def test_hindsight_reads_only_the_analysis_and_the_lessons():
    doc = clean_doc()
    doc.actions[0].title = "Simply automate the warm-up (OPS-1184)"
    doc.timeline[2].text = "Hit ratio obviously falling"
    doc.communication.internal_summary = "We should have caught it sooner."
    assert hindsight.hindsight_findings(doc) == []
