"""When to hand an edit to the writer: a debounce with a maximum wait (DESIGN §8).

A save waits for a short pause in the typing, so a burst of keys makes one save instead of
one per key; but it never waits longer than ``max_wait`` after the first edit not yet handed
over, so steady typing (where the pause never comes) is still saved every second and a crash
loses at most that second. The clock and the timer are injected, so the policy is tested
without waiting; the workspace passes ``time.monotonic`` and its ``set_timer``.
"""

from __future__ import annotations

import time
from typing import Callable, Protocol


class Stoppable(Protocol):
    def stop(self) -> None: ...


class SaveSchedule:
    def __init__(self, submit: Callable[[], None],
                 call_later: Callable[[float, Callable[[], None]], Stoppable], *,
                 quiet: float = 0.3, max_wait: float = 1.0,
                 now: Callable[[], float] = time.monotonic) -> None:
        if quiet < 0 or max_wait < 0:
            raise ValueError("delays cannot be negative")
        self.quiet, self.max_wait = quiet, max_wait
        self._submit = submit
        self._call_later = call_later
        self._now = now
        self._timer: Stoppable | None = None
        self._first_edit: float | None = None  # the oldest edit not yet handed to the writer
        self._last_edit: float | None = None

    @property
    def pending(self) -> bool:
        """An edit waits to be handed over."""
        return self._first_edit is not None

    def edited(self) -> None:
        """Note an edit and (re)arm the timer for the moment its save is due."""
        now = self._now()
        if self._first_edit is None:
            self._first_edit = now
        self._last_edit = now
        self._arm()

    def due_in(self) -> float:
        """Seconds until the save is due: after a quiet pause, and at the latest ``max_wait``
        after the first waiting edit; 0 when due or when nothing waits."""
        if self._first_edit is None or self._last_edit is None:
            return 0.0
        due_at = min(self._last_edit + self.quiet, self._first_edit + self.max_wait)
        return max(0.0, due_at - self._now())

    def submit_now(self) -> None:
        """Hand the waiting edits over at once (quit, Ctrl+S, leaving); nothing if none wait."""
        self._stop_timer()
        if self.pending:
            self._first_edit = self._last_edit = None
            self._submit()

    def cancel(self) -> None:
        """Forget the waiting edits (they are being discarded) and stop the timer."""
        self._stop_timer()
        self._first_edit = self._last_edit = None

    def _arm(self) -> None:
        self._stop_timer()
        delay = self.due_in()
        if delay <= 0:  # due already: a timer of 0 s would divide by zero in Textual's Timer
            self.submit_now()
            return
        self._timer = self._call_later(delay, self._timer_fired)

    def _timer_fired(self) -> None:
        self._timer = None
        if not self.pending:
            return
        if self.due_in() > 0:  # a timer that fired early: wait for the rest
            self._arm()
            return
        self.submit_now()

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
