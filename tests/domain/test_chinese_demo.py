"""The Chinese demo (``postmortem demo --lang zh-CN``): the same postmortem as demo.json,
written in Chinese, with the same structure and times; its exports are golden-filed and clean
under markdownlint. After checking new output by eye, regenerate with
``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/domain/test_chinese_demo.py``.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import pytest

from postmortem import i18n
from postmortem.calendar import to_ics
from postmortem.checklist import evaluate, exit_code
from postmortem.demo import demo_dict, demo_document
from postmortem.markdown import render_external, render_internal
from postmortem.recap import recap_markdown, recap_sections
from postmortem.stages import stage_statuses
from storage.reading import load_document
from tui import cli

sys.path.insert(0, str(Path(__file__).parents[1]))
from lint_markdown import find_markdownlint, lint  # noqa: E402

GOLDEN = Path(__file__).parents[1] / "golden" / "chinese"
TODAY = date(2026, 3, 11)
CJK = range(0x4E00, 0xA000)


def chinese_demo():
    return demo_document(TODAY, "zh-CN")


def exports() -> dict[str, str]:
    """Each export of the Chinese demo, written as the CLI writes it: in the document's
    language, whatever the user's (English here)."""
    document = chinese_demo()
    with i18n.language(document.language):
        return {
            "demo.internal.md": render_internal(document, today=TODAY),
            "demo.customer.md": render_external(document),
            "demo.ics": to_ics(document).decode("utf-8"),
            "demo.recap.md": recap_markdown(
                document, recap_sections(document, evaluate(document, today=TODAY)), TODAY),
        }


def structure(value):
    """The shape of a document with its free texts left out: keys, ids, enums, times."""
    if isinstance(value, dict):
        return {key: structure(item) for key, item in value.items()
                if key not in ("title", "text", "source", "evidence", "category", "label",
                               "problem", "users_affected", "data_integrity_notes",
                               "sla_notes", "internal_summary", "customer_summary", "owner",
                               "facilitator", "name", "language")}
    if isinstance(value, list):
        return [structure(item) for item in value if not isinstance(item, str)]
    return value


def test_it_is_the_english_demo_in_chinese():
    english, chinese = demo_dict(TODAY), demo_dict(TODAY, "zh-CN")
    assert chinese["language"] == "zh-CN" and "language" not in english
    assert structure(chinese) == structure(english)
    assert [e["at"] for e in chinese["timeline"]] == [e["at"] for e in english["timeline"]]
    assert chinese["title"] == "缓存节点替换后结账延迟升高并出现失败"
    texts = [event["text"] for event in chinese["timeline"]] + [a["title"] for a in chinese["actions"]]
    assert all(any(ord(ch) in CJK for ch in text) for text in texts)


def test_it_passes_every_stage_exit_and_the_final_review_in_both_languages():
    document = chinese_demo()
    for language in ("en", "zh-CN"):
        with i18n.language(language):
            assert all(status.ok for status in stage_statuses(document))
            assert exit_code(evaluate(document, today=TODAY)) == 0


@pytest.mark.parametrize("name", ["demo.internal.md", "demo.customer.md", "demo.ics",
                                  "demo.recap.md"])
def test_the_exports_match_their_golden_files(name):
    output = exports()[name]
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(output.encode("utf-8"))   # as is: the calendar's lines end in CRLF
    assert path.exists(), f"{path} is missing; run with UPDATE_GOLDEN=1 to create it"
    assert output == path.read_bytes().decode("utf-8")


def test_the_exports_are_written_in_chinese():
    written = exports()
    internal = written["demo.internal.md"]
    assert "## 摘要" in internal and "## 根因分析" in internal
    assert "| 复盘会议 | 2026年3月9日 周一 15:00 UTC |" in internal
    assert "| 事故持续时间 | 2小时10分 |" in internal
    assert "（证据：缓存集群日志，18:52）" in internal           # full-width, no space
    assert "2026年3月4日 周三" in written["demo.customer.md"]
    unfolded = written["demo.ics"].replace("\r\n ", "")
    assert "SUMMARY:30 天复查：缓存节点替换后结账延迟升高并出现失败\r\n" in unfolded


@pytest.mark.skipif(find_markdownlint() is None,
                    reason="markdownlint is not installed (python tests/lint_markdown.py install)")
def test_the_markdown_exports_are_clean_under_markdownlint(tmp_path):
    paths = []
    for name, text in exports().items():
        if name.endswith(".md"):
            (tmp_path / name).write_text(text, encoding="utf-8")
            paths.append(str(tmp_path / name))
    result = lint(paths)
    assert result.returncode == 0, result.stdout + result.stderr


def test_demo_lang_zh_cn_writes_the_chinese_postmortem(library_dir, monkeypatch):
    monkeypatch.setattr(cli, "today", lambda: TODAY)
    opened = []
    monkeypatch.setattr(cli, "open_app", lambda args, target=None: opened.append(target) or 0)
    assert cli.main(["demo", "--lang", "zh-CN", "--library", str(library_dir)]) == 0
    stored = load_document(library_dir / f"{opened[0]}.json")
    assert stored == chinese_demo() and stored.language == "zh-CN"
    i18n.set_language(None)
    assert cli.main(["demo", "--library", str(library_dir)]) == 0
    stored = load_document(library_dir / f"{opened[1]}.json")
    assert stored.language is None and stored.title.startswith("Checkout latency")
