"""Chinese wrapped by character, English by word (tui/widgets/cell_wrap.py): Rich and Textual
break lines at spaces only, which ends a line half empty before a long Chinese sentence."""

from __future__ import annotations

import io

from hypothesis import given, settings, strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from textual.content import Content
from textual.style import Style
from textual.visual import RenderOptions

from tui.widgets.cell_wrap import CellWrapped, CellWrappedContent, line_starts
from helpers import examples


def rendered(renderable, width: int) -> list[str]:
    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(renderable)
    return console.export_text().rstrip("\n").split("\n")


def test_a_chinese_sentence_fills_the_line_after_a_number():
    text = "把 checkout-api 的连接等待上限设为 800 毫秒，超时显示重试页面而不是卡住"
    assert rendered(Text(text), 42)[0].rstrip() == "把 checkout-api 的连接等待上限设为 800"
    lines = rendered(CellWrapped(text), 42)
    assert lines == ["把 checkout-api 的连接等待上限设为 800 毫", "秒，超时显示重试页面而不是卡住"]


def test_punctuation_stays_with_what_it_closes_and_opens():
    # 12 cells hold six characters: "（" would end the first line, "）。" start the third.
    lines = rendered(CellWrapped("修改尚未保存（仍在写入中）。请稍候"), 12)
    assert lines == ["修改尚未保存", "（仍在写入", "中）。请稍候"]


def test_english_breaks_where_rich_breaks_it():
    text = "The quick brown fox jumps over the lazy dog and keeps running past the line"
    assert rendered(CellWrapped(text), 30) == [line.rstrip() for line in rendered(Text(text), 30)]


def test_styles_are_kept():
    text = Text("负责人：")
    text.append("刘洋", style="bold")
    lines = CellWrapped(text).lines(4)
    assert [line.plain for line in lines] == ["负责", "人：", "刘洋"]
    assert lines[2].spans and lines[2].spans[0].style == "bold"


@settings(max_examples=examples(200))
@given(st.text(alphabet=st.sampled_from(list("缓存节点替换，。（）ab c1-") + [" "]), max_size=60),
       st.integers(min_value=4, max_value=30))
def test_no_line_is_wider_than_the_width_and_nothing_is_lost(text, width):
    starts = line_starts(text, width)
    assert starts == sorted(set(starts)) and all(0 < s < len(text) for s in starts)
    pieces = [text[a:b] for a, b in zip([0, *starts], [*starts, len(text)])]
    assert "".join(pieces) == text
    assert all(cell_len(piece.rstrip()) <= width for piece in pieces)


def content_lines(visual, width: int) -> list[str]:
    strips = visual.render_strips(width, None, Style(), RenderOptions(
        get_style=lambda style: Style(), rules={}))
    return [strip.text.rstrip() for strip in strips]


def test_content_wraps_chinese_by_character_and_keeps_its_tail_whole():
    # The final review's reasons: Textual's Content, like Rich, broke only at spaces.
    body = Content.assemble(("建议：", "bold"), " 与“上一次缓存故障”中记录的故障重复：标签“缓存”")
    tail = Content.styled("  · 阶段 1：范围与受众", "$foreground-muted")
    wrapped = CellWrappedContent(body, tail=tail)
    lines = content_lines(wrapped, 30)
    assert lines[0] == "建议： 与“上一次缓存故障”中记"    # 29 cells (录 makes 31), not "建议："
    assert all(cell_len(line) <= 30 for line in lines)
    assert lines[-1] == "· 阶段 1：范围与受众"                   # the tail starts a line, whole
    assert wrapped.get_height({}, 30) == len(lines)
    # Where the tail fits, it ends the last line; English still breaks at spaces.
    short = CellWrappedContent(Content("Owner missing"), tail=Content("  · stage 5"))
    assert content_lines(short, 30) == ["Owner missing  · stage 5"]
    assert content_lines(CellWrappedContent(Content("one two three")), 8) == ["one two", "three"]


def test_a_no_break_space_keeps_a_key_with_its_verb():
    # The parking panel's "阶段 5 按 p" left "p" alone on its last line at 80 columns.
    assert rendered(CellWrapped("3 项待处理：阶段 5 按 p"), 22) == ["3 项待处理：阶段 5 按", "p"]
    assert rendered(CellWrapped("3 项待处理：阶段 5 按\u00a0p"), 22) == [
        "3 项待处理：阶段 5", "按\u00a0p"]
