"""The fishbone's text diagram (golden files + structure) and its text helpers; editing the
categories and causes is in test_fishbone_editing.py.

Regenerate the golden files after an intended change of the drawing with
``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/domain/test_fishbone.py`` and review the diff.
"""

import copy
import os
from pathlib import Path

import pytest
from rich.cells import cell_len, split_graphemes

from postmortem import fishbone as fb
from postmortem.fishbone import draw
from postmortem.model import Analysis, Postmortem
from fishbone_docs import cjk_doc, demo_doc, empty_doc, twelve_doc

GOLDEN = Path(__file__).parents[1] / "golden" / "fishbone"

CASES = {
    "demo_80": (demo_doc, 80),
    "demo_200": (demo_doc, 200),
    "demo_40": (demo_doc, 40),
    "cjk_emoji_80": (cjk_doc, 80),
    "cjk_emoji_40": (cjk_doc, 40),
    "empty_80": (empty_doc, 80),
    "twelve_80": (twelve_doc, 80),
    "twelve_200": (twelve_doc, 200),
}


# Golden files ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name):
    make, width = CASES[name]
    text = "\n".join(fb.render_fishbone(make(), width)) + "\n"
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden {path}; run with UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


# Structure (holds at every width) --------------------------------------------------------


def grid(lines):
    """Lines as rows of cells; the second cell of a wide character is ''."""
    rows = []
    for line in lines:
        cells = []
        spans, _ = split_graphemes(line)
        for start, end, size in spans:
            cells.append(line[start:end])
            cells.extend([""] * (size - 1))
        rows.append(cells)
    return rows


def at(rows, y, x):
    return rows[y][x] if 0 <= y < len(rows) and 0 <= x < len(rows[y]) else " "


def head_box(lines):
    """(top, bottom, left, right, inner text) of the problem box, by cell coordinates."""
    rows = grid(lines)
    top = next(y for y, r in enumerate(rows) if "┌" in r)
    left, right = rows[top].index("┌"), rows[top].index("┐")
    bottom = next(y for y in range(top, len(rows)) if at(rows, y, left) == "└")
    texts = ["".join(rows[y][left + 1:right]).strip() for y in range(top + 1, bottom)]
    return rows, top, bottom, left, right, texts


WIDTHS = [20, 32, 40, 60, 80, 120, 200]


@pytest.mark.parametrize("make", [demo_doc, cjk_doc, empty_doc, twelve_doc])
@pytest.mark.parametrize("width", WIDTHS)
def test_every_line_fits_and_has_no_trailing_space(make, width):
    lines = fb.render_fishbone(make(), width)
    assert lines and lines[0].strip() and lines[-1].strip()
    for line in lines:
        assert cell_len(line) <= width, (width, line)
        assert line == line.rstrip()


@pytest.mark.parametrize("make", [demo_doc, cjk_doc, empty_doc, twelve_doc])
@pytest.mark.parametrize("width", [40, 80, 120, 200])
def test_head_box_corners_line_up_and_join_the_spine(make, width):
    lines = fb.render_fishbone(make(), width)
    rows, top, bottom, left, right, _ = head_box(lines)
    assert at(rows, top, right) == "┐" and at(rows, bottom, right) == "┘"
    assert all(c == "─" for c in rows[top][left + 1:right])
    assert all(c == "─" for c in rows[bottom][left + 1:right])
    joins = [y for y in range(top + 1, bottom) if at(rows, y, left) == "┤"]
    assert len(joins) == 1, "exactly one spine row enters the head"
    for y in range(top + 1, bottom):
        assert at(rows, y, left) in "│┤" and at(rows, y, right) == "│"
    assert right == width - 1  # the head sits at the right edge
    spine = joins[0]
    assert at(rows, spine, left - 1) == "─" and at(rows, spine, 0) == "─"


@pytest.mark.parametrize("width", [80, 200])
def test_problem_statement_is_in_the_head_box(width):
    doc = demo_doc()
    *_, texts = head_box(fb.render_fishbone(doc, width))
    assert " ".join(texts) == doc.analysis.problem


def test_empty_problem_shows_a_placeholder_in_the_head():
    *_, texts = head_box(fb.render_fishbone(empty_doc(), 80))
    assert " ".join(texts) == "(problem statement not written yet)"


def test_no_categories_draws_spine_head_and_a_note():
    lines = fb.render_fishbone(empty_doc(), 80)
    assert any(line.startswith("No categories yet") for line in lines)
    assert not any("╲" in line or "╱" in line for line in lines)


def visible_name(lines, name):
    """The category name as drawn: whole, or a prefix cut with '…'."""
    for line in lines:
        if name in line:
            return name
        for cut in range(len(name) - 1, 0, -1):
            if name[:cut].rstrip() + "…" in line:
                return name[:cut]
    return None


@pytest.mark.parametrize("make", [demo_doc, cjk_doc, twelve_doc])
@pytest.mark.parametrize("width", [40, 80, 200])
def test_every_category_name_is_drawn(make, width):
    doc = make()
    lines = fb.render_fishbone(doc, width)
    for category in doc.analysis.fishbone:
        shown = visible_name(lines, category.category)
        assert shown, (category.category, width)
        assert len(shown) >= min(len(category.category), 3)


def test_wide_columns_show_names_whole():
    doc = twelve_doc()
    lines = fb.render_fishbone(doc, 200)
    for category in doc.analysis.fishbone:
        assert any(category.category + " " in line + " " for line in lines)


@pytest.mark.parametrize("make", [demo_doc, cjk_doc, twelve_doc])
@pytest.mark.parametrize("width", [40, 80, 200])
def test_bones_are_unbroken_diagonals_reaching_a_spine(make, width):
    rows = grid(fb.render_fishbone(make(), width))
    spines = {y for y, r in enumerate(rows) if r.count("─") > width // 3 and "╲" not in r}
    for y, row in enumerate(rows):
        for x, cell in enumerate(row):
            if cell == "╲":   # upper bone: continues down-right, or the spine is right below
                assert at(rows, y + 1, x + 1) == "╲" or y + 1 in spines, (y, x)
            if cell == "╱":   # lower bone: continues up-right to the spine
                assert at(rows, y - 1, x + 1) == "╱" or y - 1 in spines, (y, x)


def test_categories_alternate_above_and_below_the_spine():
    doc = demo_doc()
    lines = fb.render_fishbone(doc, 200)
    spine = next(y for y, line in enumerate(lines) if "┤" in line)
    for index, category in enumerate(doc.analysis.fishbone):
        y = next(y for y, line in enumerate(lines) if category.category in line)
        assert (y < spine) == (index % 2 == 0), category.category


def test_role_markers_and_legend():
    lines = fb.render_fishbone(demo_doc(), 200)
    text = "\n".join(lines)
    assert "─◆ Warm-up step marked optional in runbook v3" in text
    assert "─◇ No alert on cache hit ratio" in text
    assert "─• No canary stage for cache changes" in text
    assert lines[-1] == "◆ root cause   ◇ contributing factor   • not marked"


def test_twelve_categories_wrap_into_bands_joined_by_a_trunk_at_80():
    lines = fb.render_fishbone(twelve_doc(), 80)
    rows = grid(lines)
    trunk_x = next(row.index("┐") for row in rows if "┐" in row and "┌" not in row)
    joins = [row[trunk_x] for row in rows if len(row) > trunk_x and row[trunk_x] in "┐┤┴"]
    assert joins[0] == "┐" and joins[-1] == "┴" and len(joins) >= 2
    top = next(y for y, row in enumerate(rows) if at(rows, y, trunk_x) == "┐")
    bottom = next(y for y, row in enumerate(rows) if at(rows, y, trunk_x) == "┴")
    assert all(at(rows, y, trunk_x) in "│┤" for y in range(top + 1, bottom))
    # At 200 columns all twelve fit side by side: one spine, no trunk.
    wide = fb.render_fishbone(twelve_doc(), 200)
    assert not any("┴" in line for line in wide) and sum("┐" in line for line in wide) == 1


def test_many_causes_end_with_a_more_rib():
    lines = fb.render_fishbone(twelve_doc(), 200)  # category 8 has 7 causes: 5 shown + "+2 more"
    assert any("─+2 more" in line for line in lines)


def test_long_and_wide_text_is_cut_with_an_ellipsis_not_overflowing():
    lines = fb.render_fishbone(cjk_doc(), 40)
    assert any("…" in line for line in lines)
    rows, top, bottom, left, right, _ = head_box(lines)
    assert right == 39


def test_control_characters_cannot_break_the_drawing():
    doc = Postmortem(id="x", analysis=Analysis(problem="line one\nline two\x1b[31m red\u202e evil"))
    fb.add_category(doc, "Tab\there")
    fb.add_cause(doc, 0, "multi\nline\r\ncause")
    text = "\n".join(fb.render_fishbone(doc, 80))
    assert "\x1b" not in text and "\u202e" not in text and "\t" not in text
    assert "multi line cause" in text


def test_rendering_is_deterministic_and_does_not_touch_the_document():
    doc = twelve_doc()
    before = copy.deepcopy(doc.to_dict())
    assert fb.render_fishbone(doc, 80) == fb.render_fishbone(doc, 80)
    assert doc.to_dict() == before


# Helpers ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text,width", [("abcdef", 4), ("结账服务延迟", 5), ("a👩‍💻b", 3), ("ok", 2), ("x", 0)])
def test_truncate_fits_and_marks_the_cut(text, width):
    out = fb.truncate(text, width)
    assert cell_len(out) <= width
    assert out == text or out.endswith("…") or width == 0


def test_wrap_keeps_words_and_splits_cjk_runs():
    assert fb.wrap("the quick brown fox", 10, 4) == ["the quick", "brown fox"]
    lines = fb.wrap("结账服务延迟超过八秒钟", 6, 4)
    assert all(cell_len(line) <= 6 for line in lines) and "".join(lines) == "结账服务延迟超过八秒钟"
    assert fb.wrap("one two three four five six", 5, 2)[-1].endswith("…")


def test_ten_thousand_character_texts_are_cut_not_drawn_whole():
    from postmortem.demo import demo_document
    from rich.cells import cell_len
    long_text = ("Max forgot 支付 🔥 | <b> " * 600)[:10000]
    doc = demo_document()
    doc.analysis.problem = long_text
    doc.analysis.fishbone[0].causes[0].text = long_text
    for width in (80, 200):
        lines = fb.render_fishbone(doc, width)
        assert all(cell_len(line) <= width for line in lines)
        assert any("…" in line for line in lines)


def test_bone_height_counts_the_ribs_that_are_drawn():
    """The height is counted from the causes (0..7 per category here), not by drawing every
    rib; it must leave room for exactly the ribs ``_ribs`` draws, "+N more" included."""
    categories = twelve_doc().analysis.fishbone
    for start in range(len(categories)):
        chosen = categories[start:start + 3]
        assert draw._bone_height(chosen) == max(2, max(len(draw._ribs(c)) for c in chosen) + 1)
    assert draw._bone_height([]) == 0


def test_clean_makes_one_line_without_controls_or_hidden_characters():
    assert fb.clean("  a\tb\n\nc\x00d\u202e e\u00a0 ") == "a b cd e"
    assert fb.clean("中文\u200b字 \u3000x") == "中文字 x"
    # C1 controls too (a terminal reads U+009B as the start of an escape); NEL is a line break.
    assert fb.clean("a\u0085b\u009bc\u007fd\u001be") == "a bcde"
