"""Both Markdown exports of a document full of hostile text keep their structure.

Parsed with markdown-it (CommonMark + tables): every table row has the header's column count
in the source (the parser itself pads rows, so the source is what is checked), no HTML comes
out except our own ``<br>`` in cells, the only headings are ours, and the text of the
hostile fields comes through whole.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from postmortem.demo import demo_document
from postmortem.markdown import (
    UnknownExportAudience,
    render_external,
    render_internal,
    render_markdown,
)
from postmortem.markdown.common import Document
from postmortem.model import Postmortem

FIXTURES = Path(__file__).parents[1] / "fixtures"
MD = MarkdownIt("commonmark").enable("table")
TODAY = date(2026, 3, 10)


def hostile() -> Postmortem:
    return Postmortem.from_dict(json.loads((FIXTURES / "hostile.json").read_text(encoding="utf-8")))


def long_text(doc: Postmortem) -> str:
    return doc.analysis.whys[2].text


def cell_count(line: str) -> int:
    """Cells of a GFM table row, split the way markdown-it and GitHub split it."""
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    count, escaped = 1, False
    for ch in line:
        if ch == "|" and not escaped:
            count += 1
        escaped = ch == "\\"
    return count


def raw_cells(line: str) -> list[str]:
    """The cells of a table row as written, spaces kept (split as ``cell_count`` counts)."""
    cells, current, escaped = [], "", False
    for ch in line.strip()[1:]:
        if ch == "|" and not escaped:
            cells.append(current)
            current = ""
        else:
            current += ch
        escaped = ch == "\\"
    return cells


def assert_compact_cells(line: str) -> None:
    """markdownlint MD060 ("compact" style): one space on each side of a cell's text, and an
    empty cell written "| |"."""
    for written in raw_cells(line):
        assert written == " " or (written.startswith(" ") and written.endswith(" ")
                                  and written[1:2] != " " and written[-2:-1] != " "), line[:200]


def tables(markdown: str) -> list[list[str]]:
    lines = markdown.split("\n")
    return [lines[tok.map[0]:tok.map[1]] for tok in MD.parse(markdown) if tok.type == "table_open"]


def headings(markdown: str) -> list[tuple[str, str]]:
    tokens = MD.parse(markdown)
    return [(tok.tag, tokens[i + 1].content) for i, tok in enumerate(tokens) if tok.type == "heading_open"]


def shown_text(markdown: str) -> str:
    """Everything a reader sees (inline text, code blocks), as one string."""
    parts = []
    for tok in MD.parse(markdown):
        if tok.type in ("fence", "code_block"):
            parts.append(tok.content)
        for child in tok.children or []:
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append("\n")
            elif child.type == "html_inline":
                parts.append("\n")  # our <br>
    return "".join(parts)


def fenced_lines(tokens) -> set[int]:
    return {i for t in tokens if t.type == "fence" for i in range(t.map[0], t.map[1])}


def assert_well_formed(markdown: str, expected_tables: int) -> None:
    tokens = MD.parse(markdown)
    found = tables(markdown)
    assert len(found) == expected_tables
    for table in found:
        width = cell_count(table[0])
        for line in table:
            assert cell_count(line) == width, line[:200]
            assert_compact_cells(line)
    assert not [t for t in tokens if t.type == "html_block"]
    inline_html = [c.content for t in tokens for c in (t.children or []) if c.type == "html_inline"]
    assert set(inline_html) <= {"<br>"}
    assert "<script" not in MD.render(markdown).replace("&lt;script", "")
    assert markdown.endswith("\n") and not markdown.endswith("\n\n")
    # Never two blank lines in a row (markdownlint MD012), code blocks aside (a diagram's own).
    in_code = fenced_lines(tokens)
    masked = "\n".join("x" if i in in_code else line for i, line in enumerate(markdown.split("\n")))
    assert "\n\n\n" not in masked
    assert not [line for line in markdown.split("\n") if line != line.rstrip()]
    assert "\t" not in markdown


INTERNAL_HEADINGS = [
    ("h2", "Summary"), ("h2", "Impact"), ("h2", "Timeline (UTC)"), ("h2", "Root cause analysis"),
    ("h3", "Problem statement"), ("h3", "Five whys"), ("h3", "Fishbone"), ("h3", "Root causes"),
    ("h3", "Contributing factors"), ("h2", "Lessons learned"), ("h3", "What went well"),
    ("h3", "What went wrong"), ("h3", "Where we got lucky"), ("h2", "Action items"),
    ("h2", "Communication & follow-up"), ("h3", "Customer-facing summary"),
    ("h3", "Follow-up reviews"), ("h2", "Review checklist"),
]


def test_hostile_internal_export_keeps_its_structure():
    doc = hostile()
    markdown = render_internal(doc, today=TODAY)
    # metadata, impact, metrics, timeline, fishbone causes, actions, communication
    assert_well_formed(markdown, expected_tables=7)
    found = headings(markdown)
    assert found[0] == ("h1", "\\# Checkout \\| &lt;script&gt;alert(1)&lt;/script&gt; 中文 🔥 \\#\\#\\#")
    ours = [h for h in found[1:] if h[1] not in ("Dismissed findings", "Deviations")]
    assert ours == INTERNAL_HEADINGS
    assert sum(1 for h in found if h[0] == "h1") == 1


def test_hostile_internal_export_shows_the_text_whole():
    doc = hostile()
    markdown = render_internal(doc, today=TODAY)
    shown = shown_text(markdown)
    # The 10,000-character text is neither cut nor mangled, in a list item and in a table cell.
    assert shown.count(long_text(doc)) >= 4
    assert "<script>alert('x')</script>" in shown
    assert "# heading | pipe" in shown
    assert "中文说明 🔥👩‍👩‍👧 `tick` ``double`` ***bold*** [link](http://evil.example)" in shown
    title = next(t for t in MD.parse(markdown) if t.type == "inline")
    assert shown_text(f"{title.content}\n") == doc.title


def test_hostile_timeline_cells_keep_line_breaks_as_br_and_pipes_inside_cells():
    markdown = render_internal(hostile(), today=TODAY)
    timeline = next(t for t in tables(markdown) if t[0].startswith("| Time (UTC) | Event"))
    assert "Deploy by Priya N. \\| step 1<br>second line<br># not heading" in timeline[2]


def test_hostile_external_export_keeps_its_structure():
    markdown = render_external(hostile())
    assert_well_formed(markdown, expected_tables=1)
    assert [h[1] for h in headings(markdown)][1:] == [
        "Summary", "What happened", "Impact", "What we are doing about it"]


@pytest.mark.parametrize("doc", [demo_document(), Postmortem(id="empty")], ids=["demo", "empty"])
def test_empty_cells_are_written_compact(doc):
    """markdownlint 0.48+ (MD060) refuses "|  |": an empty cell is "| |" in every table."""
    for markdown in (render_internal(doc, today=TODAY), render_external(doc)):
        for table in tables(markdown):
            for line in table:
                assert_compact_cells(line)


def test_fishbone_fence_survives_backticks_in_cause_text():
    doc = hostile()
    markdown = render_internal(doc, today=TODAY)
    fences = [t for t in MD.parse(markdown) if t.type == "fence"]
    assert len(fences) == 1 and fences[0].info == "text"
    assert "`````" in fences[0].content  # c1's five backticks stay inside the diagram
    assert re.search(r"^`{6,}text$", markdown, re.MULTILINE)


def test_an_unknown_audience_is_refused():
    with pytest.raises(UnknownExportAudience):
        render_markdown(hostile(), "everyone")


def test_blocks_join_with_one_blank_line():
    """One blank line between blocks, no trailing spaces, one newline at the end."""
    out = Document()
    out.lines(["# Title  ", "中文 "])
    out.lines(["| a | b |  ", ""])
    out.lines(["last", "", ""])
    expected = "# Title\n中文\n\n| a | b |\n\n\nlast\n"
    assert out.render() == expected


@pytest.mark.parametrize("render", [lambda d: render_internal(d, today=TODAY), render_external])
def test_same_document_gives_byte_identical_output(render):
    first = render(hostile())
    again = render(Postmortem.from_dict(hostile().to_dict()))
    assert first.encode("utf-8") == again.encode("utf-8")


# Any text in any field ----------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from helpers import examples  # noqa: E402

PIECES = ["# h", "<script>", "</p>", "|", "||", "\\", "\\|", "`", "```", "~~~", "- ", "+ ", "* ",
          "1. ", "2) ", "> ", "===", "---", "\n", "\r\n", "\n\n", "\t", "    ", "&amp;", "&#60;",
          "[a]: http://x", "![i](x)", "http://x.com/a|b", "a@b.io", "www.x.com", "中文", "。",
          "🔥", "👩‍👩‍👧", "Priya N.", "@max", "OPS-1", "word", " ", "!", "#"]
any_text = st.lists(st.sampled_from(PIECES), max_size=8).map("".join)


def fill(doc: Postmortem, texts) -> Postmortem:
    """Every free-text field of ``doc`` replaced by generated text."""
    doc.title = next(texts)
    doc.incident_ref = next(texts)
    doc.tags = [next(texts), next(texts)]
    doc.scope.participants = [next(texts), "Priya N."]
    for event in doc.timeline:
        event.text, event.source = next(texts), next(texts)
    impact = doc.impact
    impact.users_affected, impact.data_integrity_notes = next(texts), next(texts)
    impact.sla_notes = next(texts)
    doc.analysis.problem = next(texts)
    for node in doc.analysis.whys:
        node.text, node.evidence = next(texts), next(texts)
    for category in doc.analysis.fishbone:
        category.category = next(texts) or "x"
        for cause in category.causes:
            cause.text = next(texts)
    doc.lessons.went_well = [next(texts)]
    doc.lessons.went_wrong = [next(texts), next(texts)]
    doc.lessons.lucky = [next(texts)]
    for action in doc.actions:
        action.title, action.owner, action.tracker = next(texts), next(texts), next(texts)
    comms = doc.communication
    comms.internal_summary, comms.customer_summary = next(texts), next(texts)
    comms.shared_with = [next(texts)]
    for follow_up in comms.follow_ups:
        follow_up.label = next(texts)
    return doc


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(any_text, min_size=80, max_size=80))
def test_any_text_in_any_field_keeps_both_exports_well_formed(values):
    doc = fill(hostile(), iter(values * 2))
    doc.dismissed_findings = []
    internal = render_internal(doc, today=TODAY)
    assert_well_formed(internal, expected_tables=7)
    assert [h for h in headings(internal)[1:]] == INTERNAL_HEADINGS
    assert render_markdown(doc, today=TODAY) == internal
    external = render_external(doc)
    assert render_markdown(doc, "external") == external
    published = any(not e.internal and e.text.strip() for e in doc.timeline)
    assert_well_formed(external, expected_tables=1 if published else 0)
    assert [h[1] for h in headings(external)[1:]] == [
        "Summary", "What happened", "Impact", "What we are doing about it"]
