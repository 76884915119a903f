"""Sample documents for the fishbone tests: the DESIGN example, CJK and emoji text, an empty
analysis, and twelve categories of 0 to 7 causes."""

import json
from pathlib import Path

from postmortem import fishbone as fb
from postmortem.model import Analysis, Postmortem

FIXTURE = Path(__file__).parent / "fixtures" / "design_example.json"


def demo_doc() -> Postmortem:
    """The DESIGN example with the default categories and a few realistic causes."""
    doc = Postmortem.from_dict(json.loads(FIXTURE.read_text()))
    fb.add_default_categories(doc)  # "Process" exists already, with c1
    process, tooling, technology, environment, monitoring, people = range(6)
    fb.add_cause(doc, process, "Warm-up step marked optional in runbook v3", "root-cause")
    fb.add_cause(doc, tooling, "Deploy tool replaces nodes without a warm-up hook", "contributing")
    fb.add_cause(doc, tooling, "No canary stage for cache changes")
    fb.add_cause(doc, technology, "Cache client retries amplify load on a cold node", "contributing")
    fb.add_cause(doc, monitoring, "No alert on cache hit ratio", "contributing")
    fb.add_cause(doc, monitoring, "Latency dashboard hides p99 by default")
    fb.add_cause(doc, people, "Handover notes did not mention the node replacement")
    return doc


def cjk_doc() -> Postmortem:
    doc = Postmortem(id="cjk", analysis=Analysis(
        problem="结账服务 p99 延迟超过 8 秒，持续 47 分钟 🔥 while the cache was cold"))
    fb.add_category(doc, "流程 Process 🚦")
    fb.add_category(doc, "工具链与部署系统（一个非常非常长的类别名称）")
    fb.add_category(doc, "监控 📈")
    fb.add_cause(doc, 0, "预热步骤在运行手册中是可选的", "root-cause")
    fb.add_cause(doc, 0, "👩‍💻 handover ⚠️ skipped the cache note", "contributing")
    fb.add_cause(doc, 1, "部署工具替换节点时没有预热钩子，导致缓存冷启动")
    fb.add_cause(doc, 2, "没有缓存命中率告警 — no cache-hit alert 🚨", "contributing")
    return doc


def empty_doc() -> Postmortem:
    return Postmortem(id="empty")


def twelve_doc() -> Postmortem:
    doc = Postmortem(id="twelve", analysis=Analysis(problem="Orders were lost during the failover"))
    roles = ["root-cause", "contributing", None]
    for i in range(12):
        fb.add_category(doc, f"Category {i + 1}")
        for j in range(i % 8):  # 0..7 causes: exercises bare bones and the "+N more" rib
            fb.add_cause(doc, i, f"Cause {i + 1}.{j + 1} with a few more words", roles[j % 3])
    return doc
