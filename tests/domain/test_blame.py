"""Blame check: true and false positives, dismissals, root causes vs contributing factors, exit."""

import json
from pathlib import Path

import pytest

from postmortem import blame, fishbone
from postmortem.findings import DismissalError, Finding, dismiss, dismissal_reason, undismiss
from postmortem.model import Postmortem, WhyNode
from postmortem.stages import analysis_exit

FIXTURE = Path(__file__).parents[1] / "fixtures" / "design_example.json"
PEOPLE = ["Priya N.", "Sam K.", "Lee W.", "Max", "王伟"]


def matched(text, people=PEOPLE):
    return [f.matched for f in blame.text_findings(text, "w1", people)]


# Names and handles -----------------------------------------------------------------------


@pytest.mark.parametrize("text,expected", [
    ("Max restarted the pod", ["Max"]),
    ("The pod was restarted by Max.", ["Max"]),
    ("Max's change went out first", ["Max"]),
    ("Priya N. approved the change", ["Priya N."]),        # the full name, once
    ("Priya approved the change", ["Priya"]),             # first name alone
    ("Sam and Lee W. paired on the fix", ["Sam", "Lee W."]),
    ("王伟重启了缓存节点", ["王伟"]),                         # Chinese names have no spaces around
    ("@max rolled back the release", ["@max"]),
    ("Paged @sre-oncall.", ["@sre-oncall"]),
])
def test_names_and_handles_are_flagged(text, expected):
    assert matched(text) == expected


@pytest.mark.parametrize("text", [
    "max connections reached on the primary",   # lowercase word, not the name (case-sensitive rule)
    "MAX_CONNECTIONS was set to 100",
    "Maximum pool size was too small",
    "Priyanka's dashboard",                     # not a whole-word match of "Priya"
    "Samples were dropped",
    "Send the report to ops@example.com",       # e-mail, not a handle
    "Nobody saw the @here in #incidents",      # broadcast, not a person
    "Ping @channel when paging",
])
def test_words_that_only_look_like_names_are_not_flagged(text):
    assert matched(text) == []


def test_first_names_are_only_used_when_they_are_real_words():
    assert blame.name_variants("Priya N.") == ["Priya N.", "Priya"]
    assert blame.name_variants("J. Smith") == ["J. Smith"]       # "J." is an initial, too short to match
    assert blame.name_variants("  Max  ") == ["Max"]
    assert blame.name_variants("王伟") == ["王伟"]
    assert matched("J. restarted it", ["J. Smith"]) == []


def test_no_people_means_only_handles_and_phrases():
    assert matched("Max restarted the pod", []) == []
    assert matched("@max forgot to warm the cache", []) == ["@max forgot", "@max"]


# Blame phrasing --------------------------------------------------------------------------


@pytest.mark.parametrize("text,expected", [
    ("Root cause: human error during the deploy", ["human error"]),
    ("Human-error in the config", ["Human-error"]),
    ("Someone forgot to warm the cache", ["Someone forgot"]),
    ("Forgot to warm the cache", ["Forgot to"]),
    ("The on-call engineer forgot the runbook", ["The on-call engineer forgot"]),
    ("Max forgot to warm the cache", ["Max forgot", "Max"]),   # one forgetting finding + the name
    ("A careless edit of the config", ["careless"]),
    ("They should have known the cache was cold", ["should have known"]),
    ("It was the fault of the reviewer", ["fault of"]),
    ("It was Max's fault", ["Max's fault", "Max"]),
    ("A negligent rollout", ["negligent"]),
    ("Nobody didn't bother to check", ["didn't bother"]),
    ("We blamed the intern", ["blamed"]),
])
def test_english_blame_phrasing_is_flagged(text, expected):
    assert sorted(matched(text)) == sorted(expected)


@pytest.mark.parametrize("text", [
    "The deploy tool forgot nothing",          # 'forgot' without a person as subject
    "The cache forgets entries after 5 minutes",
    "Run a blameless postmortem",
    "Careful rollout with a canary",
    "Disk fault on node 3 caused the failover",
    "The alert should have fired at 80%",
])
def test_english_system_wording_is_not_flagged(text):
    assert matched(text) == []


@pytest.mark.parametrize("text,expected", [
    ("根因是人为失误", ["人为失误"]),
    ("值班工程师粗心，没有检查", ["粗心"]),
    ("需要找到责任人", ["责任人"]),
    ("运维人员疏忽导致缓存未预热", ["疏忽"]),
    ("这是失职", ["失职"]),
    ("都怪他没有检查", ["都怪"]),
    ("不能怪她", ["怪她"]),
    ("王伟忘了预热缓存", ["王伟忘了", "王伟"]),
    ("他忘记执行预热步骤", ["他忘记"]),
])
def test_chinese_blame_phrasing_is_flagged(text, expected):
    assert sorted(matched(text)) == sorted(expected)


@pytest.mark.parametrize("text", [
    "这个错误很奇怪",        # 奇怪: strange
    "难怪延迟升高",          # 难怪: no wonder
    "缓存行为怪异",
    "部署工具没有预热钩子",
])
def test_chinese_system_wording_is_not_flagged(text):
    assert matched(text) == []


def test_each_finding_explains_and_suggests():
    findings = blame.text_findings("Max forgot to warm the cache; human error", "w3", PEOPLE)
    assert {f.rule for f in findings} == {"blame"} and {f.location for f in findings} == {"w3"}
    for f in findings:
        assert f.reason.endswith(".") and f.matched in f.reason
        assert f.suggestion and f.suggestion != f.reason
    forgot = next(f for f in findings if f.matched == "Max forgot")
    assert "checklist" in forgot.suggestion


def test_a_repeated_wording_is_one_finding():
    assert matched("Max did it, then Max did it again") == ["Max"]


# Over the document -----------------------------------------------------------------------


def make_doc() -> Postmortem:
    doc = Postmortem.from_dict(json.loads(FIXTURE.read_text()))
    doc.scope.participants.append("Max")
    doc.analysis.problem = "Checkout latency after Max replaced a cache node"
    doc.analysis.whys.append(WhyNode("w3", "w1", "Human error in the runbook"))
    doc.analysis.fishbone[0].causes[0].text = "@lee skipped the optional step"
    return doc


def test_blame_findings_cover_problem_whys_and_causes():
    doc = make_doc()
    found = {(f.location, f.matched) for f in blame.blame_findings(doc)}
    assert found == {("analysis.problem", "Max"), ("w3", "Human error"), ("c1", "@lee")}


def test_dismissed_findings_are_hidden_and_kept_in_the_document():
    doc = make_doc()
    finding = next(f for f in blame.blame_findings(doc) if f.location == "w3")
    with pytest.raises(DismissalError) as err:
        dismiss(doc, finding, "   ")
    assert isinstance(err.value, ValueError) and str(err.value).endswith(".")
    dismiss(doc, finding, "Quoting the old report")
    assert finding not in blame.blame_findings(doc)
    assert finding in blame.blame_findings(doc, include_dismissed=True)
    assert dismissal_reason(doc, finding) == "Quoting the old report"
    dismiss(doc, finding, "Updated reason")
    assert len(doc.dismissed_findings) == 1 and doc.dismissed_findings[0].reason == "Updated reason"
    again = Postmortem.from_dict(doc.to_dict())   # kept in the file
    assert finding not in blame.blame_findings(again)
    assert undismiss(again, finding) is True
    assert finding in blame.blame_findings(again)
    assert undismiss(again, finding) is False


# Root causes, contributing factors, exit ------------------------------------------------


def test_root_causes_and_contributing_factors_from_tree_and_fishbone():
    doc = make_doc()
    fishbone.add_category(doc, "Monitoring")
    cause = fishbone.add_cause(doc, 1, "No cache-hit alert", "root-cause")
    assert blame.root_causes(doc) == [("w2", "Warm-up step was skipped for replaced nodes", "why"),
                                      (cause.id, "No cache-hit alert", "fishbone: Monitoring")]
    assert blame.contributing_factors(doc) == [("c1", "@lee skipped the optional step", "fishbone: Process")]


def test_person_named_root_causes_ignore_dismissals():
    doc = make_doc()
    assert blame.person_named_root_causes(doc) == []
    doc.why("w2").text = "Sam forgot the warm-up step"
    doc.analysis.fishbone[0].causes[0].role = "root-cause"      # "@lee skipped …"
    doc.analysis.whys.append(WhyNode("w4", "w1", "Max raised the limit", role="contributing"))
    assert blame.person_named_root_causes(doc) == ["w2", "c1"]  # contributing w4 is not a root cause
    for finding in blame.blame_findings(doc):
        dismiss(doc, finding, "discussed")
    assert blame.blame_findings(doc) == []
    assert blame.person_named_root_causes(doc) == ["w2", "c1"]


def test_exit_of_the_design_example_holds():
    doc = Postmortem.from_dict(json.loads(FIXTURE.read_text()))
    assert blame.analysis_exit_reasons(doc) == []
    assert analysis_exit(doc) == []   # the stage strip uses this exact function


def test_exit_needs_a_root_cause():
    doc = Postmortem.from_dict(json.loads(FIXTURE.read_text()))
    doc.why("w2").role = None
    assert blame.analysis_exit_reasons(doc) == [
        "Mark at least one why-node or fishbone cause as the root cause."]
    doc.why("w2").role = "root-cause"
    doc.why("w2").text = "   "  # a marked but empty node does not count
    assert len(blame.analysis_exit_reasons(doc)) == 1


def test_exit_needs_contributing_factors_and_fishbone_unless_lightweight():
    doc = Postmortem.from_dict(json.loads(FIXTURE.read_text()))
    doc.analysis.fishbone = []
    reasons = blame.analysis_exit_reasons(doc)
    assert any("contributing factors" in r for r in reasons)
    assert any("fishbone" in r for r in reasons)
    assert len(reasons) == 2
    doc.scope.depth = "lightweight"
    assert blame.analysis_exit_reasons(doc) == []


def test_exit_fails_when_a_root_cause_names_a_person_even_if_dismissed():
    doc = Postmortem.from_dict(json.loads(FIXTURE.read_text()))
    doc.why("w2").text = "Lee W. skipped the warm-up step"
    for finding in blame.blame_findings(doc):
        dismiss(doc, finding, "discussed in the room")
    reasons = blame.analysis_exit_reasons(doc)
    assert reasons == ["A root cause names a person (w2); describe the condition that allowed "
                       "the failure instead."]
    doc.why("w2").role = "contributing"      # naming a person outside a root cause is advice only
    doc.analysis.fishbone[0].causes[0].role = "root-cause"
    doc.analysis.whys.append(WhyNode("w9", "w1", "Cache client has no warm-up", role="contributing"))
    assert blame.analysis_exit_reasons(doc) == []


def test_finding_keys_are_stable_for_dismissal():
    f = Finding("blame", "w1", "Human Error", "r", "s")
    assert f.key == "blame:w1:human error"
