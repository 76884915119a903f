"""Switching to stage 3, 200 whys and 100 causes (budget ≤ 1.5×).

The app: the postmortem opened on stage 1; key 3 with nothing focused. Measured twice: the
**first visit** (stage 3 is built then: its form, both trees, the diagram, the summary) and a
**return** (1, then 3 again: the view exists and is brought up to date with the document).

The baseline: a bare app whose ContentSwitcher holds a view with one Input and, built on the
first key 3 as the app builds its stages, a view with the same content in stock widgets: an
Input for the problem statement and a TabbedContent of a Tree with the 200 whys (nested as in
the document), a Tree with the six categories and 100 causes, and a Static summary. That is
what Textual itself costs to build and show the same items, the fair floor for the app's stage.

CPU is the process's own, from posting the key until the app has been quiet (no CPU beyond its
idle rate) for two 50 ms slices, less the idle rate over that time. Printed beside it: how much
of that was the collector's full collections (``keys.FullCollections``). One takes 100–170 ms
in this process, which holds what the earlier benchmarks left as well, and lands in whichever
window allocates past its threshold — often the app's return, after the first visit built the
stage. It is counted in the figure: a real process collects too, if over a smaller heap.
"""

from __future__ import annotations

import asyncio
import statistics

from textual.widgets import ContentSwitcher

from bench import keys
from bench.bare_apps import BareStages, read_document
from bench.fixtures import ANALYSIS_ID
from bench.measure import SIZE, Figure, Paired, Settings, heading, ms, ratio_note, row

NAME = "stage_switch"
BUDGET = 1.5
RETURNS = 2


async def switch_session(make_app, view_id: str) -> tuple[tuple[float, float], tuple[float, float]]:
    """(first visit, median return), each (CPU seconds, of which full collections), for one
    fresh app."""
    keys.fresh_heap()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await keys.quiet_cursors(app)
        await asyncio.sleep(keys.SETTLE)
        idle = await keys.idle_rate(keys.IDLE)

        def press_three() -> None:
            app.screen.set_focus(None)   # a focused field would take the digit as text
            app.post_message(keys.key_event("3", app))

        first = await keys.cost_of(press_three, idle)
        shown = app.screen.query_one(ContentSwitcher).current
        if shown != view_id:
            raise AssertionError(f"key 3 shows {shown!r}, not {view_id!r}")
        returns = []
        for _ in range(RETURNS):
            app.screen.set_focus(None)
            await pilot.press("1")
            await pilot.pause()
            await keys.until_quiet(idle)
            returns.append(await keys.cost_of(press_three, idle))
    return first, (statistics.median(cost for cost, _ in returns),
                   statistics.median(collected for _, collected in returns))


def run(settings: Settings) -> list[Figure]:
    from tui.app import create_app
    rounds = settings.rounds(4, 2)
    document = read_document(settings.fixtures.pristine("analysis") / f"{ANALYSIS_ID}.json")
    sides = {"bare": (lambda: BareStages(document), "view-3"),
             "app": (lambda: create_app(settings.fixtures.fresh("analysis"), ANALYSIS_ID, clock=False),
                     "stage-3")}
    first, back = Paired(), Paired()
    collecting = {(side, when): [] for side in sides for when in ("first", "return")}
    for number in range(rounds):
        for side in (("bare", "app") if number % 2 == 0 else ("app", "bare")):
            (visit, visit_gc), (again, again_gc) = asyncio.run(switch_session(*sides[side]))
            (first.baseline if side == "bare" else first.app).append(visit)
            (back.baseline if side == "bare" else back.app).append(again)
            collecting[side, "first"].append(visit_gc)
            collecting[side, "return"].append(again_gc)
    heading(NAME, "switching to stage 3, 200 whys and 100 causes", rounds)
    row("bare switcher, first visit (view built)", f"{ms(statistics.median(first.baseline))}", "(baseline)")
    row("postmortem, first visit of stage 3", f"{ms(statistics.median(first.app))}", ratio_note(first, BUDGET))
    row("bare switcher, return (1, then 3)", f"{ms(statistics.median(back.baseline))}", "(baseline)")
    row("postmortem, return to stage 3", f"{ms(statistics.median(back.app))}", ratio_note(back, BUDGET))
    print("    of which full collections, each round (first visit; return): bare "
          + ", ".join(f"{a * 1000:.0f}; {b * 1000:.0f}" for a, b in
                      zip(collecting["bare", "first"], collecting["bare", "return"]))
          + " ms — app " + ", ".join(f"{a * 1000:.0f}; {b * 1000:.0f}" for a, b in
                                     zip(collecting["app", "first"], collecting["app", "return"]))
          + " ms")
    return [Figure(NAME, "switch to stage 3, first visit", first.ratio, BUDGET,
                   f"{ms(statistics.median(first.app)).strip()} vs {ms(statistics.median(first.baseline)).strip()}"),
            Figure(NAME, "switch to stage 3, return", back.ratio, BUDGET,
                   f"{ms(statistics.median(back.app)).strip()} vs {ms(statistics.median(back.baseline)).strip()}")]
