"""The six stages with their exit conditions, always on screen."""

from __future__ import annotations

from rich.cells import cell_len
from rich.style import Style
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
    # The meeting's figure for the current stage ("9m left" / "2m over"); empty without a
    # meeting. Set once a second by the workspace: a reactive refreshes only when it changes.
    timebox: reactive[str] = reactive("")
    over: reactive[bool] = reactive(False)

    class Selected(Message):
        def __init__(self, stage: int) -> None:
            super().__init__()
            self.stage = stage

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.statuses: list[StageStatus] = []
        self._spans: list[tuple[int, int, int]] = []  # (start, end, stage) for clicks

    def show_statuses(self, statuses: list[StageStatus]) -> None:
        if statuses == self.statuses:
            return
        self.statuses = statuses
        self.tooltip = "\n".join(
            f"{s.number} {s.title}: " + ("✓" if s.ok else "; ".join(s.reasons)) for s in statuses)
        self.refresh()

    def watch_current(self, value: int) -> None:
        self.highlighted = value

    def _label(self, status: StageStatus, form: str) -> str:
        """``full``: "1 Scope & audience ✓"; ``short``: "1 Scope ✓"; ``current``: the short
        name for the current stage only (room for the meeting's figure); ``tiny``: "1 ✓"."""
        if form == "current":
            form = "short" if status.number == self.current else "tiny"
        name = {"full": status.title, "short": t(f"stage_short.{status.key}"), "tiny": ""}[form]
        return f" {status.number} {name} {'✓' if status.ok else '✗'} ".replace("  ", " ")

    def _timebox_text(self) -> str:
        return f" {self.timebox} " if self.timebox else ""

    def _form(self) -> str:
        room = self.size.width - cell_len(self._timebox_text())
        # "current" only makes room for the meeting's figure; without it the strip is as it was.
        for form in ("full", "short", "current") if self.timebox else ("full", "short"):
            if sum(cell_len(self._label(s, form)) for s in self.statuses) <= room:
                return form
        return "tiny"

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        form = self._form()
        self._spans = []
        for status in self.statuses:
            label = self._label(status, form)
            base = (Style(bold=True, reverse=True) if status.number == self.current
                    else self.get_component_rich_style("strip--stage"))
            if status.number == self.highlighted and self.has_focus:
                base += self.get_component_rich_style("strip--highlighted")
            mark = self.get_component_rich_style("strip--ok" if status.ok else "strip--missing",
                                                 partial=True)
            start = len(text)
            text.append(label[:-2], style=base)
            text.append(label[-2:], style=base + mark)
            self._spans.append((start, len(text), status.number))
        if self.timebox:
            figure = Text(self._timebox_text(), style=self.get_component_rich_style(
                "strip--over" if self.over else "strip--timebox"))
            text.append(" " * max(0, self.size.width - text.cell_len - figure.cell_len))
            text.append_text(figure)
        return text

    COMPONENT_CLASSES = {"strip--stage", "strip--highlighted", "strip--ok", "strip--missing",
                         "strip--timebox", "strip--over"}

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
