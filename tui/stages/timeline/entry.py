"""The one-line event entry under the timeline: "14:05 paged on-call", Enter saves.

The widget only collects the line; the stage parses it, saves it and says what to show next.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, Static
from textual.widgets.input import Selection

from tui.commands import RegistryBindings
from tui.widgets.text_field import TextField


class EntryInput(RegistryBindings, TextField):
    COMMAND_SCOPE = "timeline-entry"

    def action_close_entry(self) -> None:
        self.post_message(EntryBar.Closed())


class EntryBar(Vertical):
    """A label saying what Enter will do, the line itself, and one sentence when it is wrong."""

    class Saved(Message):
        def __init__(self, line: str) -> None:
            super().__init__()
            self.line = line

    class Closed(Message):
        pass

    _label = _error = ""

    def compose(self) -> ComposeResult:
        with Horizontal(id="timeline-entry-row"):
            yield Label("", id="timeline-entry-label")
            yield EntryInput(id="timeline-entry")
        yield Static("", id="timeline-entry-error")

    @property
    def input(self) -> EntryInput:
        return self.query_one(EntryInput)

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def open(self, label: str, value: str, placeholder: str, *, select: int = 0) -> None:
        """Show the entry with ``value``; its first ``select`` characters selected (typing
        replaces them, → keeps them)."""
        self.add_class("-open")
        self.set_label(label)
        self.show_error("")
        entry = self.input
        entry.placeholder = placeholder
        entry.set_text(value)
        entry.focus()
        entry.selection = Selection(0, select) if select else Selection.cursor(len(value))

    def set_label(self, label: str) -> None:
        if label != self._label:  # an unchanged label needs no new layout
            self._label = label
            self.query_one("#timeline-entry-label", Label).update(label)

    def show_error(self, sentence: str) -> None:
        if sentence != self._error:
            self._error = sentence
            self.query_one("#timeline-entry-error", Static).update(sentence)
        self.set_class(bool(sentence), "-error")

    def close(self) -> None:
        self.remove_class("-open")
        self.show_error("")

    @on(Input.Submitted, "#timeline-entry")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Saved(event.value))
