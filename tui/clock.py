"""The app's one source of the time of day, so that the meeting clock can be tested without
waiting: the app asks ``app.clock.now()``; tests give it a ``FixedClock`` and move it by hand."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone


class Clock:
    """The wall clock, in UTC."""

    def now(self) -> datetime:
        return datetime.now(timezone.utc)


class FixedClock(Clock):
    """A clock that stands still until a test moves it."""

    def __init__(self, moment: datetime | None = None) -> None:
        self.moment = moment or datetime(2026, 3, 9, 15, 0, tzinfo=timezone.utc)

    def now(self) -> datetime:
        return self.moment

    def advance(self, *, minutes: float = 0, seconds: float = 0) -> datetime:
        self.moment += timedelta(minutes=minutes, seconds=seconds)
        return self.moment
