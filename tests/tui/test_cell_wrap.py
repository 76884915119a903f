"""Chinese wrapped by character, English by word (tui/widgets/cell_wrap.py): Rich and Textual
break lines at spaces only, which ends a line half empty before a long Chinese sentence."""

from __future__ import annotations

import io

from hypothesis import given, settings, strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from tui.widgets.cell_wrap import CellWrapped, line_starts
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
