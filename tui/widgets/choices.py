"""Check boxes, radio buttons and tick lists whose state reads without colour.

Textual draws a ticked and an unticked box alike ("▐X▌", only the colour differs) and a radio
button's dot the same way, so on a monochrome capture (``NO_COLOR=1``) or a washed-out
projector chosen and not chosen look the same. Here the state is in the glyph — ``[x]``/``[ ]``
for boxes, ``●``/``○`` for a one-of set — and the chosen label is bold. Where the keyboard is
(the focused option) is underlined, set apart from what is chosen (screens.tcss).
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.widgets import Checkbox, RadioButton, SelectionList

TICKED, UNTICKED = "[x]", "[ ]"
CHOSEN, NOT_CHOSEN = "●", "○"


def mark_for(value: bool, *, one_of: bool) -> str:
    if one_of:
        return CHOSEN if value else NOT_CHOSEN
    return TICKED if value else UNTICKED


class _MarkedToggle:
    """The rendering both toggles share: the mark, a space, the label (bold when on)."""

    ONE_OF = False

    def render(self) -> Content:
        mark = Content.styled(mark_for(self.value, one_of=self.ONE_OF),
                              self.get_visual_style("toggle--button"))
        label = self.label.pad(1, 1).stylize_before(self.get_visual_style("toggle--label"))
        if self.value:
            label = label.stylize_before("bold")
        return Content.assemble(mark, label)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        mark = len(mark_for(True, one_of=self.ONE_OF))
        return mark + (2 + self.label.cell_length if self.label else 0)


class TickBox(_MarkedToggle, Checkbox):
    """A check box: ``[x] Label`` (bold) when ticked, ``[ ] Label`` when not."""


class ChoiceButton(_MarkedToggle, RadioButton):
    """One option of a ``RadioSet``: ``● Label`` (bold) when chosen, ``○ Label`` when not."""

    ONE_OF = True


class TickList(SelectionList):
    """A ``SelectionList`` whose rows read ``[x] Label`` (bold) / ``[ ] Label``."""

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)  # Textual's "▐X▌ " button, then the prompt
        index = self.scroll_offset.y + y
        if index >= self.option_count:
            return line
        ticked = self.get_option_at_index(index).value in self.selected
        prompt = line.crop(3)  # keeps the space after the button
        if ticked:
            prompt = prompt.apply_style(Style(bold=True))
        base = next(iter(prompt), Segment("")).style or self.rich_style
        mark = Segment(mark_for(ticked, one_of=False),
                       (base + Style(bold=ticked)) + Style(meta={"option": index}))
        return Strip([mark, *prompt], line.cell_length)
