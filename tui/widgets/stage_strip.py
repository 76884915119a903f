"""The six stages with their exit conditions, always on screen."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from postmortem.i18n import t
from postmortem.stages import StageStatus


class StageStrip(Widget, can_focus=True):
    """One line: ``1 Scope ✓  2 Timeline ✗ …``; ←/→ choose, Enter opens, a click opens."""

    BINDINGS = [
        Binding("left", "move(-1)", show=False),
        Binding("right", "move(1)", show=False),
        Binding("enter", "open", show=False),
    ]

    current: reactive[int] = reactive(1)
    highlighted: reactive[int] = reactive(1)

    class Selected(Message):
        def __init__(self, stage: int) -> None:
            super().__init__()
            self.stage = stage

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.statuses: list[StageStatus] = []
        self._spans: list[tuple[int, int, int]] = []  # (start, end, stage) for clicks

    def show_statuses(self, statuses: list[StageStatus]) -> None:
        self.statuses = statuses
        self.tooltip = "\n".join(
            f"{s.number} {s.title}: " + ("✓" if s.ok else "; ".join(s.reasons)) for s in statuses)
        self.refresh()

    def watch_current(self, value: int) -> None:
        self.highlighted = value

    def _label(self, status: StageStatus, wide: bool) -> str:
        name = status.title if wide else t(f"stage_short.{status.key}")
        return f" {status.number} {name} {'✓' if status.ok else '✗'} "

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        wide = sum(len(self._label(s, True)) + 1 for s in self.statuses) <= self.size.width
        self._spans = []
        for status in self.statuses:
            label = self._label(status, wide)
            style = "bold reverse" if status.number == self.current else ""
            if status.number == self.highlighted and self.has_focus:
                style += " underline"
            mark_style = "strip--ok" if status.ok else "strip--missing"
            start = len(text)
            text.append(label[:-2], style=style)
            text.append(label[-2:], style=f"{style} {self._mark_colour(mark_style)}")
            self._spans.append((start, len(text), status.number))
            text.append(" ")
        return text

    def _mark_colour(self, component: str) -> str:
        style = self.get_component_rich_style(component, partial=True)
        return str(style) if style else ""

    COMPONENT_CLASSES = {"strip--ok", "strip--missing"}

    def action_move(self, delta: int) -> None:
        self.highlighted = (self.highlighted - 1 + delta) % 6 + 1
        self.refresh()

    def action_open(self) -> None:
        self.post_message(self.Selected(self.highlighted))

    def on_click(self, event: events.Click) -> None:
        for start, end, stage in self._spans:
            if start <= event.x < end:
                self.post_message(self.Selected(stage))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
