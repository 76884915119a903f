"""Peak memory with a 10,000-event postmortem open (budget ≤ 1.5× a bare DataTable app).

Each side is its own process (``python -m bench.memory_timeline child app|bare DIR``), run
headless at 120×40: the app opens the postmortem, key 2 shows the timeline, ten ``down``s;
the bare app reads the same file and shows its 10,000 rows in a DataTable, ten ``down``s.
The figure is the process's peak resident memory, which includes the interpreter and Textual
on both sides: ``VmHWM`` of /proc/self/status, which the child prints as it ends (where there is
no /proc, its ``ru_maxrss``). Not ``ru_maxrss`` from wait4 in the parent: Linux carries the
parent's high-water mark over fork and exec into it, so after the in-process benchmarks both
sides read as large as the benchmark runner itself.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
from pathlib import Path

from bench.fixtures import TIMELINE_ID
from bench.measure import SIZE, Figure, Paired, Settings, heading, mib, python, ratio_note, row, run_process

NAME = "memory_timeline"
BUDGET = 1.5


async def child(side: str, folder: Path) -> None:
    from bench.bare_apps import BareTable, read_document, timeline_rows
    if side == "app":
        from tui.app import create_app
        app = create_app(folder, TIMELINE_ID, clock=False)
    else:
        app = BareTable(timeline_rows(read_document(folder / f"{TIMELINE_ID}.json")))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if side == "app":
            app.screen.set_focus(None)
            await pilot.press("2")
            await pilot.pause()
            app.screen.query_one("#timeline-table").focus()
        await pilot.press(*["down"] * 10)
        await pilot.pause()
    print(f"peak_kib={peak_kib()}")


def peak_kib() -> int:
    """This process's peak resident memory in KiB, since its exec."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def run(settings: Settings) -> list[Figure]:
    rounds = settings.rounds(3, 2)
    commands = {side: python("-m", "bench.memory_timeline", "child", side,
                             str(settings.fixtures.fresh("timeline-10000")))
                for side in ("bare", "app")}
    peak = Paired()
    for number in range(rounds):
        for side in (("bare", "app") if number % 2 == 0 else ("app", "bare")):
            printed = run_process(commands[side], output=True).output
            kib = int(printed.rsplit("peak_kib=", 1)[1].split()[0])
            getattr(peak, "baseline" if side == "bare" else "app").append(kib)
    heading(NAME, "peak memory, 10,000 events open (separate processes, VmHWM)", rounds)
    row("bare App + DataTable, 10,000 rows", mib(statistics.median(peak.baseline)), "(baseline)")
    row("postmortem, 10,000 events, stage 2", mib(statistics.median(peak.app)), ratio_note(peak, BUDGET))
    return [Figure(NAME, "peak memory, 10,000 events open", peak.ratio, BUDGET,
                   f"{mib(statistics.median(peak.app)).strip()} vs {mib(statistics.median(peak.baseline)).strip()}")]


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "child" and sys.argv[2] in ("app", "bare"):
        asyncio.run(child(sys.argv[2], Path(sys.argv[3])))
    else:
        sys.exit("usage: python -m bench.memory_timeline child app|bare LIBRARY_DIR")
