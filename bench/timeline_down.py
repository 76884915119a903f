"""CPU per ``down`` in a 10,000-event timeline (budget ≤ 1.5× a bare DataTable).

The app: the postmortem opened on stage 1, key 2, the timeline focused and sent to its first
event (``home``); then ``down``, one event at a time. Measured twice in each session:
**on screen** (the cursor moves within the rows shown: the budget figure, as in the issue) and
**scrolling** (the cursor first taken a page down, onto the last row shown, so every
``down`` also scrolls the table a line: moving through a long timeline). The baseline: a bare DataTable with the same
10,000 rows as plain strings (read from the same file), row cursor, focused, taken through the
same two places the same way.
"""

from __future__ import annotations

import statistics

from bench import keys
from bench.bare_apps import BareTable, read_document, timeline_rows
from bench.fixtures import TIMELINE_ID
from bench.measure import Figure, Settings, ms

NAME = "timeline_down"
BUDGET = 1.5
CURSOR_NAMES = ("cursor_row", "cursor_line", "cursor_index")   # whichever the timeline has


def cursor_of(app) -> int:
    widget = app.focused
    for name in CURSOR_NAMES:
        value = getattr(widget, name, None)
        if isinstance(value, int):
            return value
    raise AssertionError(f"the focus is on {widget!r}, which has none of {CURSOR_NAMES}: update the check")


def run(settings: Settings) -> list[Figure]:
    from tui.app import create_app
    starts: dict[int, int] = {}

    def check_moved(app, count: int) -> None:
        moved = cursor_of(app) - starts[id(app)]
        if moved < count:   # date rows are stepped over, so it can be more
            raise AssertionError(f"{count} × down moved the cursor {moved} rows")

    async def to_first_row(app, pilot) -> None:
        await pilot.press("home")
        await pilot.pause()
        starts[id(app)] = cursor_of(app)

    async def below_the_screen(app, pilot) -> None:
        """The cursor a page down, on the last row shown: pagedown puts it on the top row, so
        the view is scrolled back by its height (the warm-up keys absorb an off-by-one)."""
        await pilot.press("home", "pagedown")
        await pilot.pause()
        table = app.focused
        table.scroll_to(y=max(0, table.scroll_offset.y - table.scrollable_content_region.height + 2),
                        animate=False, immediate=True)
        await pilot.pause()
        starts[id(app)] = cursor_of(app)

    async def to_timeline(app, pilot) -> None:
        app.screen.set_focus(None)
        await pilot.press("2")
        await pilot.pause()
        app.screen.query_one("#timeline-table").focus()
        await to_first_row(app, pilot)

    folder = settings.fixtures.pristine("timeline-10000")
    rows = timeline_rows(read_document(folder / f"{TIMELINE_ID}.json"))
    bare = keys.Side("bare App + DataTable, 10,000 rows", lambda: BareTable(rows), to_first_row,
                     ["down"], check_moved, then=[below_the_screen])
    app = keys.Side("postmortem, 10,000-event timeline",
                    lambda: create_app(settings.fixtures.fresh("timeline-10000"), TIMELINE_ID, clock=False),
                    to_timeline, ["down"], check_moved, then=[below_the_screen])
    on_screen, scrolling = keys.compare(NAME, "CPU per `down` in a 10,000-event timeline", bare, app,
                                        settings, BUDGET, phases=("on screen", "scrolling"),
                                        rounds=(3, 2))   # two figures a session; the 10,000-event app opens slowly
    return [Figure(NAME, f"CPU per down, 10,000 events, {label}", paired.ratio, BUDGET,
                   f"{ms(statistics.median(paired.app)).strip()} vs {ms(statistics.median(paired.baseline)).strip()}")
            for label, paired in (("on screen", on_screen), ("scrolling", scrolling))]
