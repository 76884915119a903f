"""The export preview's Markdown, its paragraphs wrapped as Chinese is set.

Textual's Markdown wraps a paragraph at spaces only, so a Chinese summary came out with lines
ending half empty before a long sentence and with ，and 。 starting lines. Here a paragraph's
content (links and emphasis kept) is shown through ``CellWrappedContent``; everything else is
Textual's own Markdown, through its documented ``BLOCKS`` table.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Markdown

from tui.widgets.cell_wrap import CellWrappedContent

# Textual's paragraph block, from the documented table (its module does not export the class).
TextualParagraph = Markdown.BLOCKS["paragraph_open"]


class WrappedParagraph(TextualParagraph):
    def set_content(self, content: Content) -> None:
        super().set_content(content)
        self.update(CellWrappedContent(content))


class WrappedMarkdown(Markdown):
    BLOCKS = {**Markdown.BLOCKS, "paragraph_open": WrappedParagraph}
