"""The fishbone diagram on screen: ``render_fishbone`` at the widget's width, redrawn on resize
and on every edit, with the role markers coloured."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.widgets import Static

from postmortem.fishbone import MARKERS, render_fishbone
from postmortem.model import Postmortem


class FishboneDiagram(Static):
    COMPONENT_CLASSES = {"fishbone--root", "fishbone--contributing", "fishbone--bones"}

    DEFAULT_CSS = """
    FishboneDiagram {
        width: 1fr;
        height: auto;
    }
    FishboneDiagram > .fishbone--root { color: $text-error; text-style: bold; }
    FishboneDiagram > .fishbone--contributing { color: $text-accent; text-style: bold; }
    FishboneDiagram > .fishbone--bones { text-style: dim; }
    """

    def __init__(self, document: Postmortem, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document = document
        self._drawn_width = 0
        self._stale = True   # an edit arrived while hidden (no width): draw when shown

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._drawn_width or self._stale:
            self.redraw()

    def on_mount(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        """Draw the document's fishbone again (call after every edit)."""
        width = self.content_size.width or self.size.width
        if width <= 0 or not self.display:
            self._stale = True
            return
        self._drawn_width, self._stale = width, False
        self.update(self.diagram_text(render_fishbone(self.document, width)))

    def _colour(self, component: str) -> Style:
        # Foreground and weight only: the diagram sits on whatever background its parent has.
        style = self.get_component_rich_style(component, partial=True)
        return Style(color=style.color, bold=style.bold, dim=style.dim)

    def diagram_text(self, lines: list[str]) -> Text:
        text = Text("\n".join(lines), no_wrap=True, overflow="crop")
        text.highlight_regex(r"[╲╱─┌┐└┘┤┴│]", self._colour("fishbone--bones"))
        text.highlight_regex(MARKERS["root-cause"], self._colour("fishbone--root"))
        text.highlight_regex(MARKERS["contributing"], self._colour("fishbone--contributing"))
        return text
