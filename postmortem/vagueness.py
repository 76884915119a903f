"""The vagueness check on action items (DESIGN §6) and the exit condition of stage 5 (§2.5).

What is flagged, and the rules decided here:

- **Missing owner, due date or tracker** — only on open and in-progress items; a done or
  won't-do item is history. An empty title is flagged too.
- **A `detect` item that names nothing measurable.** It passes when its title holds a
  *signal*: a number with a unit ("5 min", "2%", "300 ms", "10 秒"), a comparison ("> 2",
  "≥", "below 80", "超过"), a metric word ("error rate", "latency", "p99", "SLO", "hit
  ratio", "5xx", "错误率", "延迟", …) or a metric identifier (`cache_hit_ratio`, or anything
  in backticks). "Alert", "page", "dashboard" and "metric" alone are not enough: they say
  *how* someone is told, not *what* is watched — "Add an alert for checkout" is flagged,
  "Page when checkout error rate > 2% for 5 min" passes.
- **Generic phrasing**, English (case-insensitive, whole Latin words: a Chinese character
  next to one is a boundary, ``postmortem.wording``) and Chinese (no boundaries), in
  families: monitoring ("add monitoring", "加强监控", "完善监测", "加强巡检"), improve
  ("improve", "优化", "完善", "杜绝", "避免…再次发生"), testing ("more testing", "加强测试",
  "补充测试", "加强验证"), communication ("communicate better", "加强沟通", "多沟通",
  "保持沟通"), careful ("be more careful", "注意", "小心", "下次小心", "仔细", "严格执行")
  and awareness ("raise awareness", "提高意识", "安全意识", "举一反三", "吸取教训").
  **注意** is an exhortation ("注意检查缓存", "下次注意") except where it is not one:
  "注意力" (attention, a noun), "注意到" (noticed), "注意事项" (a list of precautions, a
  document), and after "没", "未" or "值得" ("没注意", "值得注意" narrate, they ask nothing).
  The first four are flagged only when the title has no signal (as above): "Improve
  checkout p99 to < 300 ms" is specific. "Careful" and "awareness" are flagged always —
  asking people to try harder is not an action, however precisely it is worded.
  One finding per family; when a monitoring phrase is flagged on a detect item, the
  "names nothing measurable" finding is not added on top (it would say the same thing).
- Text checks run on every item except won't-do ones; the stage exit looks at open items.

Every finding has ``rule == "vague"`` and ``location`` = the action's id. For a missing field
``matched`` is one of the ``NO_*`` markers below (so a dismissal survives edits of the
title); for phrasing it is the words as typed. ``finding_field`` says which field to show
the finding on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from postmortem.findings import Finding, active
from postmortem.i18n import t
from postmortem.model import Action, Postmortem
from postmortem.wording import latin_words

RULE = "vague"

# ``matched`` of the findings about something missing; no phrase pattern can produce these.
NO_TITLE = "no title"
NO_OWNER = "no owner"
NO_DUE = "no due date"
NO_TRACKER = "no tracker"
NO_METRIC = "no metric"

_MARKER_FIELDS = {NO_TITLE: "title", NO_OWNER: "owner", NO_DUE: "due", NO_TRACKER: "tracker",
                  NO_METRIC: "title"}
_MARKER_GROUPS = {NO_TITLE: "no_title", NO_OWNER: "no_owner", NO_DUE: "no_due",
                  NO_TRACKER: "no_tracker", NO_METRIC: "no_metric"}

# Signals that a title names something measurable ------------------------------------------

_NUMBER_WITH_UNIT = (
    r"\d+(?:[.,]\d+)?\s*(?:%|‰|"
    r"(?:ms|µs|us|ns|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|x|"
    r"rps|qps|tps|req/s|/s|/min|[kmgt]i?b|errors?|requests?|retries|attempts|replicas|nodes)\b|"
    r"毫秒|秒|分钟|分|小时|天|次|个)"
)
_COMPARISON = (
    r"(?:[<>≤≥]|=>|=<|!=|"
    r"\b(?:above|below|exceeds?|exceeding|over|under|more\s+than|less\s+than|at\s+least|"
    r"at\s+most|drops?\s+(?:below|under)|rises?\s+above)\s+\d|"
    r"超过|低于|高于|大于|小于|不足|不低于|不高于)"
)
_METRIC_WORDS = (
    r"\b(?:slos?|slis?|slas?|p\d{2,3}|percentiles?|error[\s-]+(?:rate|ratio|budget|count)s?|"
    r"burn[\s-]+rate|latency|latencies|response[\s-]+times?|hit[\s-]+(?:ratio|rate)|"
    r"miss[\s-]+(?:ratio|rate)|cache[\s-]+hits?|success[\s-]+rate|failure[\s-]+rate|"
    r"drop[\s-]+rate|saturation|utili[sz]ation|queue[\s-]+(?:depth|length|size)|"
    r"consumer[\s-]+lag|replication[\s-]+lag|throughput|availability|uptime|apdex|"
    r"[45]xx|[45]\d\d\s+(?:errors?|responses?|rate)|timeouts?|cpu|memory|heap|disk|"
    r"thresholds?)\b|"
    r"错误率|失败率|成功率|延迟|时延|命中率|阈值|可用性|吞吐|队列长度|积压|水位|使用率"
)
_METRIC_NAME = r"`[^`]+`|\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b|\b[a-z][a-z0-9]*(?:\.[a-z0-9_]+){2,}\b"

_SIGNAL = re.compile(latin_words("|".join(f"(?:{p})" for p in
                                          (_NUMBER_WITH_UNIT, _COMPARISON, _METRIC_WORDS,
                                           _METRIC_NAME))),
                     re.IGNORECASE)


def names_a_signal(text: str) -> bool:
    """Whether ``text`` names something measurable: a threshold, a metric or an SLO."""
    return _SIGNAL.search(text) is not None


# Generic phrasing --------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class _Family:
    name: str                 # selects the reason and suggestion in the catalogue
    pattern: re.Pattern[str]
    unless_signal: bool       # not flagged when the title names something measurable


def _family(name: str, english: list[str], chinese: list[str], unless_signal: bool) -> _Family:
    # One pair of word boundaries around all the English phrases (each begins and ends with
    # a letter): compiling a boundary is most of the cost of these patterns.
    english_words = latin_words(rf"\b(?:{'|'.join(english)})\b")
    return _Family(name, re.compile("|".join([english_words, *chinese]), re.IGNORECASE),
                   unless_signal)


# 注意 as an exhortation; not 注意力 / 注意到 / 注意事项, nor after 没 / 未 / 值得 (module doc).
_ZHUYI = r"(?<![没未])(?<!值得)注意(?!力|到|事项)"


# Order matters where phrases overlap: the earlier family claims the words
# ("improve communication" is about communication, "improve monitoring" about monitoring).
_FAMILIES = (
    _family("communication", [
        r"communicat(?:e|ing)\s+(?:better|more|earlier|clearly)",
        r"(?:better|more|improved?|clearer)\s+communication",
        r"improve\s+(?:the\s+)?communication",
        r"keep\s+(?:everyone|people|stakeholders)\s+(?:in\s+the\s+loop|informed)",
    ], ["加强沟通", "改善沟通", "改进沟通", "及时沟通", "加强交流", "加强协作", "加强协调",
        "多沟通", "保持沟通", "做好沟通", "加强信息同步", "加强对齐", "多同步"],
        unless_signal=True),
    _family("monitoring", [
        r"(?:add|adding|more|better|improved?|improving|increase|enhance|extend)\s+"
        r"(?:(?:the|some|our|more|better)\s+)?(?:monitoring|alerting|alerts|observability|visibility)",
        r"monitor\s+(?:it|this|things|everything|closely|better|more)",
        r"set\s+up\s+(?:monitoring|alerting|alerts)",
    ], ["加强监控", "增加监控", "完善监控", "加强告警", "增加告警", "完善告警", "加强观测",
        "加强可观测性", "加强监测", "增加监测", "完善监测", "补充监控", "做好监控", "加强巡检",
        "增加巡检"], unless_signal=True),
    _family("testing", [
        r"more\s+(?:testing|tests)", r"better\s+(?:testing|tests)", r"test\s+more",
        r"(?:improve|increase)\s+(?:the\s+)?(?:testing|tests|test\s+coverage)",
    ], ["加强测试", "增加测试", "多做测试", "完善测试", "充分测试", "补充测试", "做好测试",
        "多测试", "加强验证", "充分验证", "加强回归"], unless_signal=True),
    _family("careful", [
        r"(?:be|being)\s+(?:more\s+)?careful", r"more\s+careful(?:ly)?",
        r"pay\s+(?:more\s+)?attention", r"(?:be|stay|remain)\s+(?:more\s+)?vigilant",
        r"try\s+harder", r"take\s+more\s+care",
    ], [r"下次(?:要)?(?:小心|注意)", _ZHUYI, "小心", "提高警惕", "加强责任心", "认真", "谨慎", "细心", "仔细",
        "严格遵守", "严格执行", "避免再犯"], unless_signal=False),
    _family("awareness", [
        r"(?:raise|raising|increase|improve|build)\s+awareness", r"be\s+(?:more\s+)?aware",
        r"remind\s+(?:everyone|people|the\s+team|engineers|staff)", r"educate\s+(?:everyone|people|the\s+team)",
    ], ["提高意识", "加强意识", "增强意识", "提高认识", "引起重视", "高度重视", "加强重视",
        "加强管理", "加强培训", "加强学习", "安全意识", "风险意识", "加强宣导", "宣贯",
        "举一反三", "吸取教训", "引以为戒"], unless_signal=False),
    _family("improve", [
        r"improv(?:e|es|ed|ing|ement|ements)", r"enhanc(?:e|es|ed|ing|ement|ements)",
        r"optimi[sz](?:e|es|ed|ing|ation)", r"do\s+better",
    ], ["优化", "改进", "改善", "完善", "加强", "提升", "杜绝",
        r"(?:避免|防止)[^。！？；，,.;!?\n]{0,8}?再次?发生"], unless_signal=True),
)


def _phrase_hits(action: Action) -> list[tuple[str, Finding]]:
    """(family, finding) for the generic phrasing of the title, at most one per family."""
    title = action.title
    specific = names_a_signal(title)
    claimed: list[tuple[int, int]] = []
    hits: list[tuple[int, str, Finding]] = []
    for family in _FAMILIES:
        matches = [m for m in family.pattern.finditer(title)
                   if not any(m.start() < e and s < m.end() for s, e in claimed)]
        # The words are claimed even when not flagged, so a broader family (improve)
        # does not flag "improve monitoring" once the monitoring family has judged it.
        claimed += [m.span() for m in matches]
        if matches and not (family.unless_signal and specific):
            first = matches[0]
            hits.append((first.start(), family.name,
                         _finding(action, first.group(), family.name, phrase=first.group())))
    return [(name, finding) for _, name, finding in sorted(hits, key=lambda hit: hit[0])]


def phrase_findings(action: Action) -> list[Finding]:
    """Generic-phrasing findings on the title, in reading order, at most one per family."""
    return [finding for _, finding in _phrase_hits(action)]


# Findings ----------------------------------------------------------------------------------


def _finding(action: Action, matched: str, group: str, **values: str) -> Finding:
    return Finding(rule=RULE, location=action.id, matched=matched,
                   reason=t(f"vague.reason.{group}", **values),
                   suggestion=t(f"vague.suggestion.{group}"))


def _missing(action: Action, marker: str) -> Finding:
    return _finding(action, marker, _MARKER_GROUPS[marker])


def action_findings(action: Action, *, today: date | None = None) -> list[Finding]:
    """Every vagueness finding on one action, dismissed or not.

    ``today`` is accepted so callers can pass their clock uniformly; vagueness does not
    depend on the date (a late item is ``overdue``, not vague).
    """
    if action.status == "wont-do":
        return []
    findings: list[Finding] = []
    if not action.title.strip():
        findings.append(_missing(action, NO_TITLE))
    phrases = _phrase_hits(action)
    findings += [finding for _, finding in phrases]
    if (action.type == "detect" and action.title.strip() and not names_a_signal(action.title)
            and not any(family == "monitoring" for family, _ in phrases)):
        findings.append(_missing(action, NO_METRIC))
    if action.is_open:
        if not action.owner.strip():
            findings.append(_missing(action, NO_OWNER))
        if action.due is None:
            findings.append(_missing(action, NO_DUE))
        if not action.tracker.strip():
            findings.append(_missing(action, NO_TRACKER))
    return findings


def vague_findings(doc: Postmortem, today: date | None = None, *,
                   include_dismissed: bool = False) -> list[Finding]:
    """The findings over all actions, in board order, without the dismissed ones."""
    findings = [f for action in doc.actions for f in action_findings(action, today=today)]
    return findings if include_dismissed else active(doc, findings)


def finding_field(finding: Finding) -> str:
    """The action field a finding is about: "title", "owner", "due" or "tracker"."""
    return _MARKER_FIELDS.get(finding.matched, "title")


def is_missing_field(finding: Finding) -> bool:
    """Whether the finding is about an empty owner, due date or tracker (not the wording)."""
    return finding.matched in (NO_OWNER, NO_DUE, NO_TRACKER)


def overdue(action: Action, today: date) -> bool:
    """An open or in-progress item whose due date has passed."""
    return action.is_open and action.due is not None and action.due < today


# Stage 5 exit ------------------------------------------------------------------------------


def actions_exit_reasons(doc: Postmortem) -> list[str]:
    """Why stage 5 is not done yet (empty: done).

    At least one action; every open or in-progress item has an owner, a due date and a
    tracker reference, and none carries an undismissed finding about its wording. A missing
    field counts even when its finding was dismissed: the exit names the fields themselves.
    """
    if not doc.actions:
        return [t("vague.exit.no_actions")]
    open_items = [a for a in doc.actions if a.is_open]

    def ids(items: list[Action]) -> str:
        return ", ".join(a.id for a in items)

    reasons = []
    for key, lacking in (("no_owner", [a for a in open_items if not a.owner.strip()]),
                         ("no_due", [a for a in open_items if a.due is None]),
                         ("no_tracker", [a for a in open_items if not a.tracker.strip()])):
        if lacking:
            reasons.append(t(f"vague.exit.{key}", ids=ids(lacking)))
    flagged_ids = {f.location for f in vague_findings(doc) if not is_missing_field(f)}
    flagged = [a for a in open_items if a.id in flagged_ids]
    if flagged:
        reasons.append(t("vague.exit.flagged", ids=ids(flagged)))
    return reasons
