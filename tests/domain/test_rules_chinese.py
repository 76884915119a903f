"""The blame, hindsight and vagueness checks on what Chinese postmortems actually say: true
positives, the false friends next to them, Latin words inside Chinese text, and the Chinese
reason and rewrite each finding carries when the app speaks Chinese."""

from __future__ import annotations

from datetime import date

import pytest

from postmortem import blame, hindsight, i18n
from postmortem.model import Action
from postmortem.vagueness import action_findings, names_a_signal

PEOPLE = ["王伟", "Priya N."]


def blamed(text: str) -> list[str]:
    return [f.matched for f in blame.text_findings(text, "w1", PEOPLE)]


def blame_groups(text: str) -> list[str]:
    return [f.reason for f in blame.text_findings(text, "w1", PEOPLE)]


def hindsighted(text: str) -> list[str]:
    return [f.matched for f in hindsight.text_findings(text, "w1")]


def tracked(title: str, type: str = "prevent") -> Action:
    return Action(id="a1", title=title, type=type, owner="王伟", due=date(2026, 4, 1),
                  tracker="OPS-112", status="open")


def vague(title: str, type: str = "prevent") -> list[str]:
    return [f.matched for f in action_findings(tracked(title, type))]


@pytest.fixture
def chinese():
    i18n.set_language("zh-CN")
    yield
    i18n.set_language(None)


# Blame -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected, group", [
    ("根因是人为失误", "人为失误", "human_error"),
    ("值班人员操作失误，删除了配置", "操作失误", "human_error"),
    ("运维误操作导致节点下线", "误操作", "human_error"),
    ("发布时操作不当", "操作不当", "human_error"),
    ("开发人员粗心,没有检查", "粗心", "careless"),
    ("执行变更时不认真", "不认真", "careless"),
    ("值班人员责任心不强", "责任心不强", "careless"),
    ("需要找到责任人", "责任人", "fault"),
    ("这次是他的错", "他的错", "fault"),
    ("变更负责人甩锅给值班", "甩锅", "fault"),
    ("他早该知道缓存是冷的", "早该知道", "should_have_known"),
    ("值班人员应该早就知道这个风险", "应该早就知道", "should_have_known"),
])
def test_chinese_blame_is_flagged_with_the_reason_of_its_family(text, expected, group):
    findings = blame.text_findings(text, "w1", PEOPLE)
    assert [f.matched for f in findings] == [expected]
    assert findings[0].reason == i18n.t(f"blame.reason.{group}", phrase=expected)
    assert findings[0].suggestion == i18n.t(f"blame.suggestion.{group}")


@pytest.mark.parametrize("text", [
    "这不是谁的错，是流程的缺口",           # says the opposite of blame
    "其他的错误日志没有告警",               # 其他的错误: other error logs
    "增加二次确认,防止误操作",             # a guard rail against slips
    "这个服务不负责鉴权",                   # 不负责: is not in charge of
    "报告的大意是缓存未预热",               # 大意: the gist
    "这个错误很奇怪",
])
def test_chinese_wording_that_only_looks_like_blame_is_not_flagged(text):
    assert blamed(text) == []


def test_knowing_in_hindsight_is_one_blame_finding_not_also_a_hindsight_one():
    for text in ("他早该知道缓存是冷的", "本应该想到回滚", "应该早就知道这个风险"):
        assert hindsighted(text) == [], text
        assert len(blamed(text)) == 1, text


def test_chinese_blame_reasons_speak_chinese(chinese):
    [finding] = blame.text_findings("根因是操作失误", "w1", PEOPLE)
    assert finding.reason.startswith("“操作失误”") and "失误成为可能" in finding.reason
    assert "……" in finding.suggestion and "Name" not in finding.suggestion


def test_english_blame_is_still_whole_words_and_found_next_to_chinese():
    assert blamed("根因:human error") == ["human error"]
    assert blamed("原因是careless的修改") == ["careless"]
    assert blamed("Run a blameless复盘") == []          # blameless is not blame, even here


# Hindsight -------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("值班人员本应回滚", ["本应"]),
    ("他应该早就回滚", ["应该早就"]),
    ("这次中断本可以避免", ["本可以"]),
    ("本来可以提前扩容", ["本来可以"]),
    ("如果当时有告警就好了", ["如果当时"]),
    ("很明显缓存没有预热", ["很明显"]),
    ("明明告警已经触发", ["明明"]),
    ("显而易见是配置问题", ["显而易见"]),
])
def test_chinese_hindsight_is_found(text, expected):
    assert hindsighted(text) == expected


@pytest.mark.parametrize("text", [
    "延迟明显升高",                # 明显 alone describes
    "本能反应是重启节点",          # 本能: instinct
    "当时没有人知道缓存是冷的",    # narrates what was known then
])
def test_chinese_narration_is_not_hindsight(text):
    assert hindsighted(text) == []


def test_hindsight_asks_the_question_in_chinese(chinese):
    [finding] = hindsight.text_findings("这次中断本可以避免", "w1")
    assert "事后诸葛" in finding.reason and finding.suggestion == "在当时，是什么让这样做显得合理？"


# Vagueness -------------------------------------------------------------------------------


@pytest.mark.parametrize("title, type, expected", [
    ("加强监控", "detect", "加强监控"),
    ("补充监控和告警", "detect", "补充监控"),
    ("提高意识", "process", "提高意识"),
    ("提高安全意识", "process", "安全意识"),
    ("加强沟通", "process", "加强沟通"),
    ("下次小心", "process", "下次小心"),
    ("下次注意", "process", "下次注意"),
    ("发布前注意检查缓存", "process", "注意"),
    ("举一反三，排查同类服务", "process", "举一反三"),
    ("补充测试", "prevent", "补充测试"),
    ("避免类似问题再次发生", "prevent", "避免类似问题再次发生"),
    ("杜绝此类问题", "prevent", "杜绝"),
])
def test_generic_chinese_action_titles_are_flagged(title, type, expected):
    assert vague(title, type) == [expected]


@pytest.mark.parametrize("title, type", [
    # 注意 where it is not an exhortation:
    ("减少值班人员注意力分散:合并重复的缓存告警", "process"),     # 注意力: attention
    ("在运行手册中写明值班人员注意到延迟时先回滚", "process"),     # 注意到: noticed
    ("把预热步骤加入节点替换注意事项文档", "process"),             # 注意事项: a document
    # Monitoring with a metric and a threshold is specific:
    ("加强监控:结算错误率连续5分钟>2%时呼叫值班", "detect"),
    ("当p99超过300ms时告警", "detect"),
    ("监控cache_hit_ratio低于80%时通知值班", "detect"),
])
def test_specific_chinese_action_titles_pass(title, type):
    assert vague(title, type) == []


def test_narrating_zhuyi_is_not_an_exhortation():
    # The rule: 注意 asks something of people unless it is 注意力 / 注意到 / 注意事项, or
    # follows 没 / 未 / 值得, which narrate.
    for title in ("复盘时发现没注意缓存状态的原因:仪表盘无此指标", "值得注意的缓存指标加入仪表盘"):
        assert "注意" not in vague(title), title
    assert vague("部署前请注意缓存是否预热") == ["注意"]


def test_careful_is_flagged_however_precisely_worded():
    assert vague("下次小心,5 分钟内回滚") == ["下次小心"]


def test_latin_signals_count_next_to_chinese_characters():
    assert names_a_signal("当p99超过阈值")
    assert names_a_signal("延迟超过300ms时")
    assert names_a_signal("监控cache_hit_ratio")
    assert not names_a_signal("增加告警")


def test_english_phrases_stay_whole_words_next_to_chinese():
    assert vague("Improve部署流程") == ["Improve"]
    assert vague("修复improvised的脚本") == []


def test_vagueness_reasons_and_rewrites_speak_chinese(chinese):
    [finding] = action_findings(tracked("加强监控", "detect"))
    assert finding.reason == "“加强监控”没有说明监控什么指标，也没有说明何时通知谁。"
    assert finding.suggestion.startswith("例如：")
    [finding] = action_findings(tracked("下次小心"))
    assert "系统本身没有任何改变" in finding.reason
