"""One line above the footer for routine confirmations ("Added 3 events", "Moved to the trash;
u undoes"). Toasts stack over the content for seconds; they are kept for what needs attention
(warnings and errors). ``PostmortemApp.notify`` sends every information message here when the
screen in front has a status line.
"""

from __future__ import annotations

from rich.text import Text
from textual.timer import Timer
from textual.widgets import Static

SHOWN_FOR = 10.0   # seconds: long enough to read aloud, short enough not to go stale


class StatusLine(Static):
    def __init__(self, *, id: str | None = "status-line") -> None:
        super().__init__("", id=id, markup=False)
        self.text = ""
        self._timer: Timer | None = None

    def say(self, message: str, timeout: float | None = None) -> None:
        """Show ``message`` in place of the last one, for ``timeout`` seconds."""
        self.text = message
        self.update(Text(message, no_wrap=True, overflow="ellipsis"))
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(max(timeout or SHOWN_FOR, SHOWN_FOR), self.clear)

    def clear(self) -> None:
        self.text = ""
        self.update("")
