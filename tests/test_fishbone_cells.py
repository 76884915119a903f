"""The fishbone measures text made of one-cell characters itself (``fishbone.NARROW``);
that must give what rich.cells gives, which measures everything else."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st
from rich.cells import cell_len as rich_cell_len
from rich.cells import get_character_cell_size, split_graphemes

from postmortem import fishbone


def rich_graphemes(text: str) -> list[tuple[str, int]]:
    spans, _ = split_graphemes(text)
    return [(text[start:end], width) for start, end, width in spans]


def test_every_narrow_character_is_one_cell_for_rich():
    assert all(get_character_cell_size(ch) == 1 for ch in fishbone.NARROW)
    assert not {"\u200d", "\ufe0f"} & fishbone.NARROW  # the joiners rich treats specially


narrow_text = st.text(st.sampled_from(sorted(fishbone.NARROW)), max_size=30)
any_text = st.one_of(narrow_text, st.text(max_size=30),
                     st.lists(st.sampled_from(["a", "é", "—", "◆", "界", "\u0301", "\u200d", "👍",
                                               "\ufe0f", "\t", "…"]), max_size=8).map("".join))


@given(any_text)
def test_measuring_agrees_with_rich(text):
    assert fishbone.cell_len(text) == rich_cell_len(text)
    assert fishbone._graphemes(text) == rich_graphemes(text)



# Wide characters drawn first leave halves (a "" placeholder) where narrow text lands next.
canvas_text = st.one_of(st.sampled_from(["界", "👍", "a界", "界界"]),
                        st.lists(st.sampled_from(["a", "─", "◆", "é", " "]), max_size=6).map("".join))


@example([(0, "界", None), (1, "ab", None)])  # starts on the right half of a wide character
@example([(2, "界", None), (0, "abc", None)])  # ends on its left half
@example([(4, "界", None), (3, "abc", 5)])  # cut off by the limit in the middle of it
@given(st.lists(st.tuples(st.integers(-2, 9), canvas_text, st.one_of(st.none(), st.integers(0, 9))),
                max_size=6))
def test_narrow_text_drawn_as_one_slice_equals_drawing_it_character_by_character(writes):
    """``_Canvas.put`` writes one-cell text as a slice; drawn grapheme by grapheme (the
    general path, taken when no character counts as narrow) every row must come out the
    same, also over the halves of wide characters drawn before."""
    quick, general = fishbone._Canvas(8), fishbone._Canvas(8)
    narrow = fishbone.NARROW
    for x, text, limit in writes:
        quick.put(0, x, text, limit)
        fishbone.NARROW = frozenset()
        try:
            general.put(0, x, text, limit)
        finally:
            fishbone.NARROW = narrow
    assert quick.rows == general.rows
