"""Library start-up to the first frame, 1,000 postmortems (budget ≤ 1.5×, and linear).

**In a real terminal** (the budget figure): the whole process, ``python -m tui.cli --library
DIR`` in a pseudo-terminal of 120×40, from starting it until the terminal has been sent a frame
showing the table (the text "Bench incident", which starts every title); against a bare
Textual app process showing a 1,000-row DataTable of the same titles, timed the same way.

**Headless**, in this process (imports done): from creating the app to its first frame
(``App.run_test`` and one ``pilot.pause()``), wall and CPU, against the bare table app; and
the app on 250 postmortems, for linearity — 1,000 cost at most four times 250 when start-up is
linear in the library's size (the constant part makes a linear start-up come out below 4×).
"""

from __future__ import annotations

import asyncio
import time

from bench import keys
from bench.bare_apps import LIBRARY_COLUMNS, BareTable, library_rows
from bench.fixtures import FIRST_FRAME_TEXT
from bench.measure import (SIZE, Figure, Paired, Settings, first_frame, heading, median, ms, python,
                           ratio_note, row)

NAME = "library_startup"
BUDGET = 1.5
LINEAR = 4.0   # 1,000 against 250 postmortems


async def headless_once(make_app, expected_rows: int) -> tuple[float, float]:
    """(wall, CPU) seconds from creating the app to its first frame."""
    keys.fresh_heap()
    cpu, wall = time.process_time(), time.perf_counter()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        figures = time.perf_counter() - wall, time.process_time() - cpu
        shown = app.screen.query_one("#library-table" if app.screen.query("#library-table")
                                     else "#table").row_count
        if shown != expected_rows:
            raise AssertionError(f"the first frame shows {shown} rows, not {expected_rows}")
    return figures


def run(settings: Settings) -> list[Figure]:
    from tui.app import create_app
    rounds = settings.rounds(3, 2)
    library = settings.fixtures.fresh("library-1000")
    small = settings.fixtures.fresh("library-250")
    rows = library_rows(1000)
    commands = {"bare": python("-m", "bench.bare_apps", "library-table", "1000"),
                "app": python("-m", "tui.cli", "--library", str(library))}
    makers = {"bare": lambda: BareTable(rows, LIBRARY_COLUMNS), "app": lambda: create_app(library),
              "small": lambda: create_app(small)}
    expected = {"bare": 1000, "app": 1000, "small": 250}

    # Unmeasured: the .pyc files written (as any first run after installing does, even where
    # PYTHONDONTWRITEBYTECODE is set: an empty value is unset), files in the page cache.
    for side in commands:
        first_frame(commands[side], FIRST_FRAME_TEXT, env={"PYTHONDONTWRITEBYTECODE": ""})
    for side in makers:
        asyncio.run(headless_once(makers[side], expected[side]))

    terminal, wall, cpu, linear = Paired(), Paired(), Paired(), Paired()
    for number in range(rounds):
        order = ("bare", "app") if number % 2 == 0 else ("app", "bare")
        for side in order:
            getattr(terminal, "baseline" if side == "bare" else "app").append(
                first_frame(commands[side], FIRST_FRAME_TEXT))
        for side in (*order, "small"):
            took, used = asyncio.run(headless_once(makers[side], expected[side]))
            if side == "small":
                linear.baseline.append(used)
            else:
                getattr(wall, "baseline" if side == "bare" else "app").append(took)
                getattr(cpu, "baseline" if side == "bare" else "app").append(used)
                if side == "app":
                    linear.app.append(used)
    heading(NAME, "library start-up to the first frame, 1,000 postmortems", rounds)
    row("terminal: bare table app, 1,000 rows", ms(median(terminal.baseline)), "(baseline, whole process)")
    row("terminal: postmortem library", ms(median(terminal.app)), ratio_note(terminal, BUDGET))
    row("headless: bare table app, wall", ms(median(wall.baseline)), "(baseline)")
    row("headless: postmortem library, wall", ms(median(wall.app)), ratio_note(wall, None))
    row("headless: bare table app, CPU", ms(median(cpu.baseline)), "(baseline)")
    row("headless: postmortem library, CPU", ms(median(cpu.app)), ratio_note(cpu, None))
    row("headless: library of 250, CPU", ms(median(linear.baseline)), "(baseline of linearity)")
    row("headless: library of 1,000, CPU", ms(median(linear.app)),
        f"{linear.ratio:5.2f}×  (linear: ≤ {LINEAR:.1f}×)")
    return [Figure(NAME, "start-up to first frame, terminal, 1,000", terminal.ratio, BUDGET,
                   f"{ms(median(terminal.app)).strip()} vs {ms(median(terminal.baseline)).strip()}"),
            Figure(NAME, "start-up to first frame, headless CPU", cpu.ratio, None,
                   f"{ms(median(cpu.app)).strip()} vs {ms(median(cpu.baseline)).strip()}"),
            Figure(NAME, "start-up, 1,000 vs 250 postmortems (CPU)", linear.ratio, LINEAR,
                   f"{ms(median(linear.app)).strip()} vs {ms(median(linear.baseline)).strip()}")]
