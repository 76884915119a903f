"""CPU per key: the real app and its bare baseline driven headless, keys at typing pace.

One session is one fresh app (``App.run_test``): ``prepare`` brings the focus where the keys
go, a few keys warm it up (through Pilot, which waits for each to be handled), then:

1. **idle** — the app is left alone for a while; the CPU it uses meanwhile (cursor blink,
   the once-a-second file check) is its idle rate;
2. **keys** — ``presses`` keys are posted as the terminal driver posts them
   (``App.post_message(events.Key)``), one every ``gap`` seconds, each followed by nothing but
   the event loop running. The process's own CPU time over that window, less the idle rate
   over the same wall time, divided by the number of keys, is the **CPU per key**: the key's
   handling, the messages it causes, the frame it leads to, and anything the app puts off for
   less than ``gap``;
3. **after the burst** — ``TAIL`` more seconds, for work put off longer than ``gap``
   (the 0.3 s save, a debounced redraw): printed beside the per-key figure, not in it.

Why not ``await pilot.press(key); await pilot.pause()`` in the measured window: each Pilot wait
walks every widget of the screen and sends each a message, which costs the app with its
hundred widgets several milliseconds a key and the one-widget baseline almost nothing — it
would be counted as the app's. Pilot is used for the warm-up instead, whose wall times (with a
key, less without one) set ``gap``: never shorter than 1.5 times what a key took there, so each key
gets its own frame even on a loaded machine. Cursors do not blink on either side (see
``quiet_cursors``), so the idle rate is small and steady.
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import time
from dataclasses import dataclass
from typing import Awaitable, Callable, Sequence

from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input

from bench.measure import SIZE, Paired, Settings, heading, ms, ratio_note, row

GAP = 0.06          # seconds between keys at least: a fast typist's burst (~16 keys a second)
MAX_GAP = 0.5
WARM_UP = 3         # keys pressed through Pilot before measuring
IDLE = 0.4          # seconds of the idle window
TAIL = 0.5          # seconds after the burst (longer than the 0.3 s save delay)
SETTLE = 0.3        # seconds left before measuring, for the warm-up's own delayed work
SPACING = 1.5       # the gap is at least this many times what a key took in the warm-up

TYPED = "the pool drained before the cache warmed up "


def typed_keys(text: str = TYPED) -> list[str]:
    """Key names for typing ``text`` (a space is the key "space")."""
    return ["space" if char == " " else char for char in text]


def key_event(name: str, app: App) -> events.Key:
    """The key as the terminal driver hands it to the app (sent by the app itself)."""
    character = " " if name == "space" else name if len(name) == 1 else None
    event = events.Key(name, character)
    event.set_sender(app)
    return event


@dataclass
class Side:
    """One side of a comparison: how to make the app and bring it to where the keys go."""

    label: str
    make_app: Callable[[], App]
    prepare: Callable[[App, Pilot], Awaitable[None]]
    keys: Sequence[str]
    # Called after the keys with the number pressed (warm-up included); raises if they missed.
    check: Callable[[App, int], None]
    # Further measurements in the same session, each after its own preparation (``compare``
    # names them with its ``phases``).
    then: Sequence[Callable[[App, Pilot], Awaitable[None]]] = ()


@dataclass
class Sample:
    per_key: float      # CPU seconds a key
    tail: float         # CPU seconds after the burst, once
    gap: float          # seconds between keys used


def fresh_heap() -> None:
    """Each session starts as in a new process: nothing left frozen or uncollected by the last."""
    gc.unfreeze()
    gc.collect()


async def idle_rate(seconds: float) -> float:
    """CPU seconds per wall second while nothing is asked of the app."""
    cpu, wall = time.process_time(), time.perf_counter()
    await asyncio.sleep(seconds)
    return (time.process_time() - cpu) / (time.perf_counter() - wall)


async def quiet_cursors(app: App) -> None:
    """No blinking cursors on either side: a blink is a frame every half second, which is
    neither side's cost of a key and would make the idle rate jump by whole frames."""
    for field in app.screen.query(Input):
        field.cursor_blink = False


async def session(side: Side, presses: int) -> list[Sample]:
    """One fresh app: a sample for its first preparation and one for each of ``side.then``."""
    fresh_heap()
    app = side.make_app()
    samples = []
    async with app.run_test(size=SIZE) as pilot:
        for prepare in (side.prepare, *side.then):
            await prepare(app, pilot)
            await pilot.pause()
            await quiet_cursors(app)
            samples.append(await burst(app, pilot, side, presses))
    return samples


async def burst(app: App, pilot: Pilot, side: Side, presses: int) -> Sample:
    """Warm-up, idle rate, ``presses`` keys at the gap, then the tail: one sample."""
    keys = [side.keys[i % len(side.keys)] for i in range(WARM_UP + presses)]
    with_key, without = [], []
    for key in keys[:WARM_UP]:
        began = time.perf_counter()
        await pilot.press(key)
        await pilot.pause()
        with_key.append(time.perf_counter() - began)
        began = time.perf_counter()
        await pilot.pause()
        await pilot.pause()
        without.append(time.perf_counter() - began)
    handling = statistics.median(with_key) - statistics.median(without)
    gap = min(MAX_GAP, max(GAP, SPACING * handling))
    await asyncio.sleep(SETTLE)
    idle = await idle_rate(IDLE)

    cpu, wall = time.process_time(), time.perf_counter()
    for key in keys[WARM_UP:]:
        app.post_message(key_event(key, app))
        await asyncio.sleep(gap)
    used, elapsed = time.process_time() - cpu, time.perf_counter() - wall
    per_key = max(0.0, used - idle * elapsed) / presses

    cpu, wall = time.process_time(), time.perf_counter()
    await asyncio.sleep(TAIL)
    await pilot.pause()
    tail = max(0.0, (time.process_time() - cpu) - idle * (time.perf_counter() - wall))
    side.check(app, len(keys))
    return Sample(per_key, tail, gap)


def compare(name: str, what: str, baseline: Side, app: Side, settings: Settings,
            budget: float | None, phases: Sequence[str] = ("",),
            rounds: tuple[int, int] = (5, 3)) -> list[Paired]:
    """Interleaved rounds of both sides (the order alternating), printed; the samples of
    each phase (the first preparation, then each of ``Side.then``, named by ``phases``)."""
    presses = settings.rounds(10, 6)
    heading(name, what, settings.rounds(*rounds))
    per_phase = [(Paired(), Paired(), Paired()) for _ in phases]   # per key, tails, gaps
    for number in range(settings.rounds(*rounds)):
        order = (baseline, app) if number % 2 == 0 else (app, baseline)
        results = {side.label: asyncio.run(session(side, presses)) for side in order}
        for index, (paired, tails, gaps) in enumerate(per_phase):
            for side, samples in ((baseline, paired.baseline), (app, paired.app)):
                samples.append(results[side.label][index].per_key)
            tails.baseline.append(results[baseline.label][index].tail)
            tails.app.append(results[app.label][index].tail)
            gaps.baseline.append(results[baseline.label][index].gap)
            gaps.app.append(results[app.label][index].gap)
    for phase, (paired, tails, gaps) in zip(phases, per_phase):
        suffix = f", {phase}" if phase else ""
        row(baseline.label + suffix, f"{ms(statistics.median(paired.baseline))} a key", "(baseline)")
        row(app.label + suffix, f"{ms(statistics.median(paired.app))} a key", ratio_note(paired, budget))
        print(f"    {presses} keys a round, apart: baseline {statistics.median(gaps.baseline) * 1000:.0f} ms, "
              f"app {statistics.median(gaps.app) * 1000:.0f} ms; after the burst, once (work put off "
              f"longer, e.g. the save): baseline {statistics.median(tails.baseline) * 1000:.1f} ms, "
              f"app {statistics.median(tails.app) * 1000:.1f} ms CPU")
    return [paired for paired, _, _ in per_phase]


def focused_value(app: App) -> str:
    """The text of the focused field (what was typed went there)."""
    focused = app.focused
    value = getattr(focused, "value", None)
    if not isinstance(value, str):
        raise AssertionError(f"the focus is on {focused!r}, not a text field")
    return value


def check_typed(app: App, count: int) -> None:
    """The focused field ends with the first ``count`` keys of ``typed_keys()``."""
    keys = typed_keys()
    expected = "".join(" " if key == "space" else key for key in (keys[i % len(keys)] for i in range(count)))
    value = focused_value(app)
    if not value.endswith(expected):
        raise AssertionError(f"typed {expected!r} but the field holds {value[-80:]!r}")


async def until_quiet(idle: float, slice_: float = 0.05, quiet_slices: int = 2,
                      limit: float = 20.0) -> None:
    """Let the event loop run until the app has used no more than its idle CPU (plus 1 ms)
    in ``quiet_slices`` slices in a row: whatever a key started has finished."""
    quiet, began = 0, time.perf_counter()
    while quiet < quiet_slices and time.perf_counter() - began < limit:
        cpu, wall = time.process_time(), time.perf_counter()
        await asyncio.sleep(slice_)
        used = time.process_time() - cpu - idle * (time.perf_counter() - wall)
        quiet = quiet + 1 if used < 0.001 else 0


class FullCollections:
    """CPU seconds spent in the collector's full (generation 2) collections, counted through
    ``gc.callbacks``: one such collection can fall in a measured window and weigh more than
    the work measured (it scans every object the process holds, the earlier benchmarks' too)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._began = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._began = time.process_time()
        else:
            self.seconds += time.process_time() - self._began


FULL_COLLECTIONS = FullCollections()
gc.callbacks.append(FULL_COLLECTIONS)


async def cost_of(action: Callable[[], object], idle: float) -> tuple[float, float]:
    """CPU seconds ``action`` (posting a key) costs the app until it is quiet again, less idle;
    and the seconds of full collections within that."""
    cpu, wall = time.process_time(), time.perf_counter()
    collecting = FULL_COLLECTIONS.seconds
    action()
    await until_quiet(idle)
    return (max(0.0, (time.process_time() - cpu) - idle * (time.perf_counter() - wall)),
            FULL_COLLECTIONS.seconds - collecting)
