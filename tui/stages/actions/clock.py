""""Today" for stages 5 and 6: overdue items and relative due dates (``+2w``, ``fri``).

One function in one place, so tests and snapshots fix the day with
``monkeypatch.setattr(actions_clock, "today", lambda: date(2026, 3, 25))``. Callers go
through the module (``actions_clock.today()``) so the patch reaches them.
"""

from __future__ import annotations

from datetime import date


def today() -> date:
    """The facilitator's calendar day: "fri" means the Friday on their calendar."""
    return date.today()
