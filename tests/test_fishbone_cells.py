"""The fishbone measures text made of one-cell characters itself (``fishbone.NARROW``);
that must give what rich.cells gives, which measures everything else."""

from __future__ import annotations

from hypothesis import given
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
