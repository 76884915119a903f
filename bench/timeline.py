"""Benchmarks of stage 2 with a 2,000-event postmortem (issue 3 "Performance").

1. Opening: from creating the app to the first frame with the document open on stage 2, against
   a bare Textual app showing a 2,000-row DataTable, both headless (``App.run_test``), timed to
   the first ``await pilot.pause()``. The postmortem was left on stage 2 (as a meeting paused
   on the timeline), so it reopens there; target ≤ 1.5×. Also printed: opening on stage 1 and
   pressing 2, where stage 2 is built after the first frame.
2. Adding one event with 2,000 present: the keystroke that saves the entry line until the next
   frame (parse, insert, table and metrics update, redraw), then writing the document to disk
   (what the autosave does 0.3 s later, off the UI thread). Target ≤ 50 ms median.

Run with ``python bench/run.py`` (``make bench``) or ``python bench/timeline.py``.
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

EVENTS = 2000
OPEN_ROUNDS = 7
ADDS = 30
SIZE = (120, 40)
DOC_ID = "bench-timeline"

WORDS = ("checkout-api pool wait above 2 s", "cache hit ratio 41% on shard 3",
         "pricing-db replicas at 90% CPU", "status page updated", "support ticket escalated",
         "rollback started", "on-call paged", "warm-up job finished")


def big_document(events: int = EVENTS):
    """A postmortem with ``events`` events over three days, milestones at the usual places."""
    from postmortem.demo import demo_document
    from postmortem.model import Event
    doc = demo_document()
    doc.id = DOC_ID
    start = datetime(2026, 3, 4, 0, 0, tzinfo=timezone.utc)
    doc.timeline = [Event(id=f"e{i + 1}", at=start + timedelta(minutes=2 * i),
                          text=f"{WORDS[i % len(WORDS)]} (step {i}, host checkout-{i % 17:02d})",
                          source="Grafana: checkout SLO dashboard" if i % 3 else "",
                          internal=i % 10 == 0)
                    for i in range(events)]
    for share, milestone in ((0, "start"), (0.015, "detected"), (0.35, "mitigated"), (1, "resolved")):
        doc.timeline[round(share * (events - 1))].milestone = milestone
    return doc


def baseline_rows(events: int = EVENTS) -> list[tuple[str, ...]]:
    """The same cells as plain strings, for the bare DataTable."""
    doc = big_document(events)
    return [(e.at.strftime("%H:%M"), e.milestone or "", e.text, e.source, "yes" if e.internal else "")
            for e in doc.timeline]


def fresh_heap() -> None:
    """Each run starts as in a new process: nothing left frozen or uncollected by the last one."""
    gc.unfreeze()
    gc.collect()


# 1. Opening -------------------------------------------------------------------------------------


async def open_stage_two_once(library_dir: Path, *, resume: bool = True) -> float:
    """Seconds from creating the app to its first frame on stage 2: opened where the meeting
    left it (``resume``; the library remembers stage 2) or opened on stage 1 then sent to 2."""
    from tui.app import create_app
    from tui.stages.timeline.table import TimelineTable
    began = time.perf_counter()
    app = create_app(library_dir, DOC_ID, clock=False)
    async with app.run_test(size=SIZE) as pilot:
        if not resume:
            await app.screen.action_stage(2)
        await pilot.pause()
        elapsed = time.perf_counter() - began
        assert app.screen.current_stage == 2
        assert app.screen.query_one(TimelineTable).row_count > len(app.screen.document.timeline)
    return elapsed


async def leave_on_stage(library_dir: Path, stage: int) -> None:
    """Open the postmortem, go to ``stage`` and close it, as a facilitator pausing the meeting."""
    from tui.app import create_app
    app = create_app(library_dir, DOC_ID, clock=False)
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.action_stage(stage)
        await pilot.pause()
        await app.action_quit()


async def bare_table_once(rows: list[tuple[str, ...]]) -> float:
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    class BareTable(App[None]):
        def compose(self) -> ComposeResult:
            yield DataTable(cursor_type="row")

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("UTC", "Milestone", "What happened", "Source", "Int.")
            table.add_rows(rows)
            table.focus()

    began = time.perf_counter()
    app = BareTable()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        elapsed = time.perf_counter() - began
        assert app.query_one(DataTable).row_count == len(rows)
    return elapsed


def bench_open_stage_two() -> dict[str, float]:
    """Median seconds to the first frame: the bare DataTable; the 2,000-event postmortem
    reopened where the meeting left it (stage 2, the issue's target); and the same postmortem
    opened on stage 1 and sent to stage 2 (the first visit of stage 2 built after opening)."""
    from storage.last_stage import STATE_NAME
    from storage.library import Library
    rows = baseline_rows()
    with tempfile.TemporaryDirectory() as folder:
        library_dir = Path(folder)
        Library(library_dir).create(big_document()).close()
        asyncio.run(bare_table_once(rows))              # warm-up: imports and caches
        asyncio.run(leave_on_stage(library_dir, 2))
        samples: dict[str, list[float]] = {"bare": [], "resume": [], "visit": []}
        for _ in range(OPEN_ROUNDS):                     # interleaved, so drift hits all three
            fresh_heap()
            samples["bare"].append(asyncio.run(bare_table_once(rows)))
            fresh_heap()
            samples["resume"].append(asyncio.run(open_stage_two_once(library_dir)))
            (library_dir / STATE_NAME).unlink()          # forget stage 2: open on stage 1
            fresh_heap()
            samples["visit"].append(asyncio.run(open_stage_two_once(library_dir, resume=False)))
    baseline, resume, visit = (statistics.median(samples[k]) for k in ("bare", "resume", "visit"))
    print(f"open a {EVENTS:,}-event postmortem on stage 2, headless {SIZE[0]}×{SIZE[1]} "
          f"({OPEN_ROUNDS} runs each, medians)")
    print(f"  bare App + DataTable, {EVENTS:,} rows        {baseline * 1000:7.1f} ms  (baseline)")
    print(f"  postmortem, reopened on stage 2          {resume * 1000:7.1f} ms  {resume / baseline:4.2f}×  "
          f"target ≤ 1.50×")
    print(f"  postmortem, opened on 1, then key 2      {visit * 1000:7.1f} ms  {visit / baseline:4.2f}×  "
          f"(stage 2 built after the first frame)")
    return {"baseline": baseline, "app": resume, "ratio": resume / baseline, "visit": visit}


# 2. Adding one event ----------------------------------------------------------------------------


async def add_events(library_dir: Path, adds: int) -> tuple[list[float], list[float], list[float]]:
    """Per add: Enter → the first frame drawn with the new event, then the save to disk.

    The key goes in as the terminal sends it (no Pilot waits, which walk every widget of the
    screen and would be counted otherwise); the frame is the first refresh after the key was
    handled (``App.call_after_refresh``)."""
    from textual import events
    from textual.widgets import Input

    from tui.app import create_app
    app = create_app(library_dir, DOC_ID, clock=False)
    ui, save, snapshot = [], [], []
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await screen.action_stage(2)
        await pilot.pause()
        await pilot.press("ctrl+end", "a")                # the entry, after the last event
        await pilot.pause()
        entry = screen.query_one("#timeline-entry", Input)
        for n in range(adds):
            entry.value = f"+1m added during the meeting {n}"
            await pilot.pause()
            before = len(screen.document.timeline)
            drawn: list[float] = []
            began = time.perf_counter()
            app.post_message(events.Key("enter", "\r"))
            while len(screen.document.timeline) == before:    # the key handled…
                await asyncio.sleep(0.0005)
            # …then the frame that shows it (public API: runs after the next screen refresh)
            app.call_after_refresh(lambda: drawn.append(time.perf_counter()))
            while not drawn:
                await asyncio.sleep(0.0005)
            ui.append(drawn[0] - began)
            began = time.perf_counter()
            screen.document.to_dict()                     # the part of a save on the UI thread
            snapshot.append(time.perf_counter() - began)
            began = time.perf_counter()
            assert screen.flush()                         # to_dict + the write on the saver thread
            save.append(time.perf_counter() - began)
        assert len(screen.document.timeline) == EVENTS + adds
    return ui, save, snapshot


def bench_add_event() -> dict[str, float]:
    from storage.library import Library
    with tempfile.TemporaryDirectory() as folder:
        library_dir = Path(folder)
        Library(library_dir).create(big_document()).close()
        ui, save, snapshot = asyncio.run(add_events(library_dir, ADDS))
    total = [a + b for a, b in zip(ui, save)]
    figures = {"ui": statistics.median(ui), "save": statistics.median(save),
               "snapshot": statistics.median(snapshot), "total": statistics.median(total)}
    print(f"add one event with {EVENTS:,} present ({ADDS} adds, medians)")
    print(f"  Enter → frame drawn (parse, insert, table, metrics, redraw)  {figures['ui'] * 1000:6.1f} ms")
    print(f"  save to disk (to_dict, validate, atomic write, fsync)         {figures['save'] * 1000:6.1f} ms")
    print(f"    of which on the UI thread (to_dict; the rest is the saver)  {figures['snapshot'] * 1000:6.1f} ms")
    print(f"  save + redraw                                                {figures['total'] * 1000:6.1f} ms"
          f"  target ≤ 50 ms")
    return figures


BENCHMARKS = (bench_open_stage_two, bench_add_event)

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    for benchmark in BENCHMARKS:
        benchmark()
