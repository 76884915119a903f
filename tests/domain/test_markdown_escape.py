"""Escaping: user text shows literally and never changes the document's structure."""

from __future__ import annotations

import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from helpers import examples
from markdown_it import MarkdownIt

from postmortem.markdown.escape import (escape_cell, escape_heading, escape_inline,
                                        escape_paragraph, fenced)

MD = MarkdownIt("commonmark").enable("table")

# Text a facilitator might paste: Markdown punctuation, HTML, line breaks, tabs, CJK, emoji.
HOSTILE_ALPHABET = st.sampled_from(
    list("abcXYZ019 .,:;!?#>-+*_=`~|\\[]()<>&/@\"'%$\n\t") + ["中", "文", "。", "🔥", "👩‍👩‍👧", "\r\n"])
hostile_text = st.lists(HOSTILE_ALPHABET, max_size=60).map("".join)
hostile_words = st.lists(st.sampled_from(
    ["# heading", "<script>", "</div>", "| a | b |", "---", "===", "1.", "2)", "- item", "+ x",
     "> quote", "```", "~~~", "    code", "[x]: http://e", "&copy;", "&#60;", "**b**", "_i_",
     "http://x.com/a_b", "https://例子.cn/路径", "a.b@example.com", "www.example.com",
     "<!-- c -->", "<br>", "\\", "\n", "\n\n", " ", "\t", "中文", "🔥", "***", "![i](x)"]),
    max_size=12).map(" ".join)


def inline_text(token) -> str:
    """The text a renderer shows for an inline token (soft breaks as newlines)."""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append("\n")
        elif child.type not in ("link_open", "link_close"):
            raise AssertionError(f"unexpected inline token {child.type}: {child.content!r}")
    return "".join(parts)


def normalized_lines(text: str) -> list[str]:
    lines = []
    for line in text.splitlines():
        line = "".join(ch for ch in line.replace("\t", " ") if ch >= " " or ch == "\n")
        lines.append(re.sub(r" {2,}", " ", line).strip())
    return lines


def expected_paragraphs(text: str) -> list[str]:
    paragraphs, current = [], []
    for line in normalized_lines(text):
        if line:
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return paragraphs


def expected_inline(text: str) -> str:
    return re.sub(r" {2,}", " ", " ".join(normalized_lines(text))).strip()


@settings(max_examples=examples(400))
@given(st.one_of(hostile_text, hostile_words))
def test_a_paragraph_is_only_paragraphs_showing_the_text_as_typed(text):
    tokens = MD.parse(escape_paragraph(text))
    block_types = {tok.type for tok in tokens}
    assert block_types <= {"paragraph_open", "inline", "paragraph_close"}, escape_paragraph(text)
    shown = [inline_text(tok) for tok in tokens if tok.type == "inline"]
    assert shown == expected_paragraphs(text)


@settings(max_examples=examples(400))
@given(st.one_of(hostile_text, hostile_words))
def test_a_list_item_stays_one_item_showing_the_text(text):
    assume(expected_inline(text))  # the renderer writes "None recorded." instead
    source = f"- {escape_inline(text)}\n- second\n"
    tokens = MD.parse(source)
    assert [t.type for t in tokens].count("list_item_open") == 2, source
    assert not any(t.type.startswith(("heading", "html", "fence", "code", "blockquote", "hr",
                                      "ordered_list", "table")) for t in tokens), source
    first = next(t for t in tokens if t.type == "inline")
    assert inline_text(first) == expected_inline(text)


@settings(max_examples=examples(400))
@given(st.one_of(hostile_text, hostile_words), st.one_of(hostile_text, hostile_words))
def test_a_table_row_keeps_its_columns_and_cells_show_the_text(left, right):
    source = f"| A | B |\n| --- | --- |\n| {escape_cell(left)} | {escape_cell(right)} |\n"
    tokens = MD.parse(source)
    assert [t.type for t in tokens].count("td_open") == 2, source
    cells = [t for t in tokens if t.type == "inline"][2:]
    for cell, text in zip(cells, (left, right)):
        children = cell.children or []
        # The only HTML in a cell is our own line break.
        assert all(c.content == "<br>" for c in children if c.type == "html_inline")
        shown = "".join(c.content if c.type == "text" else "\n" if c.type == "html_inline" else ""
                        for c in children)
        assert shown == "\n".join(line for line in normalized_lines(text) if line)


@settings(max_examples=examples(300))
@given(st.one_of(hostile_text, hostile_words))
def test_a_heading_stays_one_heading(text):
    heading = escape_heading(text)
    assume(heading)
    tokens = MD.parse(f"## {heading}\n")
    assert [t.type for t in tokens] == ["heading_open", "inline", "heading_close"], heading
    assert not heading.endswith(("#", ".", "!", "。")) or heading.endswith("\\#")


@settings(max_examples=examples(200))
@given(st.lists(st.one_of(hostile_text, hostile_words), max_size=6))
def test_a_fenced_block_holds_every_line_verbatim(lines):
    lines = [line.replace("\n", " ").replace("\r", " ").replace("\t", " ").rstrip() for line in lines]
    tokens = MD.parse("\n".join(fenced(lines)) + "\n")
    assert [t.type for t in tokens] == ["fence"]
    assert tokens[0].info == "text"
    expected = "".join(line + "\n" for line in lines)
    assert tokens[0].content == expected


def test_script_tags_come_out_as_entities_not_markup():
    assert escape_inline("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    html = MD.render(escape_paragraph("<script>alert(1)</script>"))
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_block_markers_at_the_start_of_lines_are_escaped():
    assert escape_paragraph("# not a heading") == "\\# not a heading"
    assert escape_paragraph("one\n- two\n+ three\n1. four\n2) five") == \
        "one\n\\- two\n\\+ three\n1\\. four\n2\\) five"
    assert escape_paragraph("title\n===") == "title\n\\==="
    assert escape_paragraph("> quoted") == "&gt; quoted"
    assert escape_paragraph("    indented code") == "indented code"


def test_inline_punctuation_is_escaped_and_plain_ampersands_stay_readable():
    assert escape_inline("a|b *c* _d_ `e` [f] ~g~ \\") == "a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\] \\~g\\~ \\\\"
    assert escape_inline("R&D &amp; more") == "R&D &amp;amp; more"
    # "$" opens math on GitHub: "$5 and $10" must not turn into a formula.
    assert escape_inline("$5 and $10") == "\\$5 and \\$10"


def test_cells_turn_line_breaks_into_br_and_drop_empty_lines():
    assert escape_cell("first | part\r\n\r\nsecond") == "first \\| part<br>second"
    assert escape_cell("") == ""


def test_urls_and_addresses_become_autolinks_and_www_stays_text():
    assert escape_inline("see https://x.com/a_b. ok") == "see <https://x.com/a_b>. ok"
    assert escape_inline("mail ops@example.com,") == "mail <ops@example.com>,"
    assert escape_inline("www.example.com") == "www\\.example.com"
    assert escape_inline("__www.x.com awww.b") == "\\_\\_www\\.x.com awww\\.b"
    assert escape_inline("http://ahttps://b https://") == "<http://ahttps://b> https://"
    # Square brackets end a URL: they are not URL characters, and markdownlint's reversed-link
    # rule would misread "(x)[a]" inside an autolink.
    assert escape_inline("http://x/(x)[a]") == "<http://x/(x)>\\[a\\]"
    assert escape_inline("(see http://x/a_(b)).") == "(see <http://x/a_(b)>)."


def test_heading_drops_trailing_punctuation_and_escapes_hashes():
    assert escape_heading("Lost data!!! ##") == "Lost data!!! \\#\\#"
    assert escape_heading("Disk full.") == "Disk full"
    assert escape_heading("C# build\nbroke。") == "C\\# build broke"
    assert escape_heading("1. !") == "1"


def test_fence_outgrows_backticks_in_the_content():
    assert fenced(["a ``` b", "`````"])[0] == "``````text"
    assert fenced(["plain"]) == ["```text", "plain", "```"]


def test_www_in_any_case_stays_text():
    assert escape_inline("see WWW.example.com or Www.x.org") == "see WWW\\.example.com or Www\\.x.org"


def test_code_lines_drop_controls_and_hidden_characters():
    # A tab is a space, a control character and a zero-width space go, trailing spaces too.
    assert fenced(["a\tb\x00\u200bc  ", "\x85`"]) == ["```text", "a bc", "`", "```"]
