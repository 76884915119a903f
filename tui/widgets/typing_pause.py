"""Work that waits for a pause in the typing.

What a key changes in its own field is shown at once; what is costly to work out again for
the whole document at every key (the blame check of 200 whys, the six exit conditions) waits
until the typing pauses or the field is left — a room reading along sees it settle, not flicker.
"""

from __future__ import annotations

from typing import Callable

from textual.timer import Timer
from textual.widget import Widget

PAUSE = 0.3   # seconds without a key: a fast typist's gap between words is shorter


class AfterTyping:
    """``work`` run at once after an edit, or after a pause when the edit is typing."""

    def __init__(self, owner: Widget, work: Callable[[], None]) -> None:
        self.owner = owner
        self.work = work
        self._timer: Timer | None = None

    def edited(self, typing: bool) -> None:
        self.cancel()
        if typing:
            self._timer = self.owner.set_timer(PAUSE, self.now)
        else:
            self.work()

    def flush(self) -> None:
        """The field was left: the waiting work is done now, not later."""
        if self._timer is not None:
            self.now()

    def now(self) -> None:
        self.cancel()
        self.work()

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
