"""Dates, times and durations to read, as Chinese readers expect them (2026年3月4日 周三,
14:05, 1小时07分); English keeps its forms (the golden exports prove it byte for byte)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from postmortem import i18n, metrics, times

MOMENT = datetime(2026, 3, 4, 14, 5, tzinfo=timezone.utc)


@pytest.fixture
def chinese():
    i18n.set_language("zh-CN")
    yield
    i18n.set_language(None)


def test_chinese_dates_name_the_year_month_day_and_weekday(chinese):
    assert times.show_date(MOMENT) == "2026年3月4日 周三"
    assert times.show_date(date(2026, 12, 27)) == "2026年12月27日 周日"
    assert times.show_datetime(MOMENT) == "2026年3月4日 周三 14:05"
    assert times.show_long_date(date(2026, 3, 2)) == "2026年3月2日 周一"
    assert times.show_day_heading(date(2026, 3, 7)) == "2026年3月7日 周六"


def test_a_time_near_midnight_is_read_on_its_utc_day(chinese):
    late = datetime(2026, 3, 4, 23, 30, tzinfo=timezone(timedelta(hours=-5)))   # 04:30Z on the 5th
    assert times.show_datetime(late) == "2026年3月5日 周四 04:30"


@pytest.mark.parametrize("minutes, chinese_text, english_text", [
    (0, "0分钟", "0m"),
    (7, "7分钟", "7m"),
    (67, "1小时07分", "1h 07m"),
    (60 * 24 + 125, "1天2小时05分", "1d 2h 05m"),
    (-67, "−1小时07分", "−1h 07m"),
])
def test_durations(minutes, chinese_text, english_text):
    delta = timedelta(minutes=minutes)
    assert metrics.format_duration(delta) == english_text
    with i18n.language("zh-CN"):
        assert metrics.format_duration(delta) == chinese_text


def test_english_dates_keep_their_forms():
    assert times.show_date(MOMENT) == "2026-03-04"
    assert times.show_datetime(MOMENT) == "2026-03-04 14:05"
    assert times.show_long_date(MOMENT) == "Wed 04 Mar 2026"
    assert times.show_day_heading(MOMENT) == "Wed 2026-03-04"


def test_typed_fields_keep_the_iso_form_that_parses_back(chinese):
    assert times.format_datetime(MOMENT) == "2026-03-04 14:05"


def test_a_table_cell_is_cut_after_a_whole_character_then_the_ellipsis():
    from rich.text import Text
    from tui.stages.timeline.table import cut_to_cells
    assert cut_to_cells(Text("变更日历 CHG-2291"), 8).plain == "变更日… "     # not "变更日 …"
    assert cut_to_cells(Text("变更日历 CHG-2291"), 7).plain == "变更日…"
    assert cut_to_cells(Text("abc defgh"), 5).plain == "abc …"           # as Rich cuts English
    assert cut_to_cells(Text("缓存"), 7).plain == "缓存   "
    cut = cut_to_cells(Text("结账缓存命中率开始下降"), 10)
    assert cut.cell_len == 10 and cut.plain == "结账缓存… "


def test_agenda_columns_line_up_with_chinese_stage_names():
    from rich.cells import cell_len
    from tui.screens.agenda import STAGE_WIDTH, in_cells
    names = ["  1 范围", "  2 时间线", "  3 Analysis"]
    assert {cell_len(in_cells(name, STAGE_WIDTH, cut=True)) for name in names} == {STAGE_WIDTH}
    assert in_cells("15分钟", 8, right=True) == "  15分钟"
    assert in_cells("一二三四五六七八", 5, cut=True) == "一二 "     # cut between characters
    assert in_cells("Planned", 5) == "Planned"                       # a heading is never cut


def test_command_line_tables_pad_and_cut_by_terminal_cells():
    from rich.cells import cell_len
    from postmortem.cells import cut, pad
    assert pad("1小时07分", 10, right=True) == " 1小时07分"
    assert cell_len(pad("结账", 8)) == 8 and pad("too long here", 4) == "too long here"
    assert cut("缓存节点替换后", 7) == "缓存节…" and cut("abcdefgh", 5) == "abcd…"
    assert cut("缓存", 4) == "缓存"


def test_chinese_medians_line_up_in_stats():
    from postmortem.demo import demo_document
    from postmortem.library_summary import document_summary
    from postmortem.stats import format_stats, library_stats
    from rich.cells import cell_len
    with i18n.language("zh-CN"):
        document = demo_document(date(2026, 3, 11), "zh-CN")
        text = format_stats(library_stats([document_summary(document)], date(2026, 3, 11)))
    rows = [line for line in text.splitlines() if line.startswith("  2026")]
    assert rows and "2小时10分" in rows[0]
    heading = next(line for line in text.splitlines() if line.startswith("  ") and "2026" not in line
                   and cell_len(line) > 40)
    assert cell_len(rows[0]) == cell_len(heading)
