"""Sharing-safe mode in Chinese (issue 16): the masks are the zh-CN catalogue's markers, and
the refusal to write masked text back still recognises them, so a Chinese mask never reaches
the real document."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from postmortem import i18n
from postmortem.model import Event, Postmortem
from postmortem.scanner import describe_counts, scan
from postmortem.sharing import HiddenTextEdit, merge_shared_edits, shared_view

AT = datetime(2026, 3, 14, 10, 30, tzinfo=timezone.utc)


@pytest.fixture
def chinese():
    i18n.set_language("zh-CN")
    yield
    i18n.set_language(None)


def real_doc() -> Postmortem:
    doc = Postmortem(id="pm-1", title="结算故障")
    doc.timeline = [Event(id="e1", at=AT, text="ana@example.com 报告 10.0.0.5 无响应")]
    doc.lessons.went_well = ["已致电 +1 415 555 0100"]
    return doc


def test_the_shared_copy_carries_the_chinese_markers(chinese):
    shown = shared_view(real_doc())
    assert shown.timeline[0].text == "[邮箱] 报告 [IP地址] 无响应"
    assert shown.lessons.went_well[0] == "已致电 [电话]"


def test_a_chinese_mask_typed_back_is_refused_and_changes_nothing(chinese):
    real = real_doc()
    before = real.to_dict()
    shown = shared_view(real)
    shown.timeline[0].text = "[邮箱] 报告 [IP地址] 已恢复"
    with pytest.raises(HiddenTextEdit) as refused:
        merge_shared_edits(real, shown)
    assert refused.value.path == "timeline[0].text"
    assert real.to_dict() == before


def test_a_new_item_copied_from_a_chinese_mask_is_refused(chinese):
    real = real_doc()
    shown = shared_view(real)
    shown.lessons.went_wrong.append("已致电 [电话]")
    with pytest.raises(HiddenTextEdit):
        merge_shared_edits(real, shown)
    assert real.lessons.went_wrong == []


def test_the_counts_read_as_chinese_without_plural_forms(chinese):
    assert describe_counts(scan(real_doc())) == "1 个电子邮件地址、1 个电话号码、1 个 IP 地址"
