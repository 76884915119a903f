"""Benchmark: exporting a 2,000-event postmortem as a whole process, against
``postmortem --version`` measured in the same run (issue 6; target ≤ 1.3×).

Run: ``python bench/export_process.py`` (or ``make bench``). Prints the ratio three ways: of
the medians, of the fastest runs, and the median of each round's own ratio.

The three commands run in turn within each round, so a change in the machine's load during
the run weighs on all of them alike rather than on whichever was measured at the time. One
round first, unmeasured, writes the ``.pyc`` files (as any first run after installing does,
even where ``PYTHONDONTWRITEBYTECODE`` is set) and warms the file cache.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROUNDS = 40


def big_document(events: int = 2000):
    from postmortem.demo import demo_document
    from postmortem.model import Event
    doc = demo_document()
    doc.id = "bench-export"
    start = datetime(2026, 3, 4, 0, 0, tzinfo=timezone.utc)
    doc.timeline = [Event(id=f"e{i}", at=start + timedelta(minutes=i),
                          text=f"Event {i}: worker pool | queue depth {i % 97} <ok>",
                          source="log" if i % 3 else "", internal=i % 10 == 0)
                    for i in range(events)]
    doc.timeline[0].milestone, doc.timeline[-1].milestone = "start", "resolved"
    return doc


def seconds(command: list[str], env: dict[str, str] | None = None) -> float:
    began = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - began


def timed_rounds(commands: dict[str, list[str]]) -> dict[str, list[float]]:
    """The wall times of each command over ``ROUNDS`` interleaved rounds."""
    writing_pyc = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for command in commands.values():
        seconds(command, env=writing_pyc)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(ROUNDS):
        for name, command in commands.items():
            samples[name].append(seconds(command))
    return samples


def bench_export_process() -> dict[str, float]:
    from storage.library import Library
    with tempfile.TemporaryDirectory() as folder:
        library = Library(Path(folder))
        library.create(big_document()).close()
        cli = [sys.executable, "-m", "tui.cli", "--library", folder]
        export = [*cli, "export", "bench-export", "--format", "md"]
        samples = timed_rounds({"baseline": [*cli, "--version"], "internal": export,
                                "external": [*export, "--audience", "external"]})
    medians = {name: statistics.median(times) for name, times in samples.items()}
    fastest = {name: min(times) for name, times in samples.items()}
    baseline, internal, external = medians["baseline"], medians["internal"], medians["external"]
    print(f"export, whole process, 2,000 events ({ROUNDS} interleaved rounds). Three views of")
    print("the ratio: of the medians; of the fastest runs (noise can only slow a run down); and")
    print("the median of each round's own ratio (a round's runs follow each other within ~0.2 s,")
    print("so a slow spell of the machine weighs on both sides of it)")
    print(f"  postmortem --version            {baseline * 1000:7.1f} ms  (baseline)"
          f"   fastest {fastest['baseline'] * 1000:6.1f} ms")
    for name, label in (("internal", "export --format md (internal)"),
                        ("external", "export --format md (external)")):
        paired = statistics.median(run / base for run, base in zip(samples[name], samples["baseline"]))
        print(f"  {label}   {medians[name] * 1000:7.1f} ms  {medians[name] / baseline:4.2f}×"
              f"   fastest {fastest[name] * 1000:6.1f} ms  {fastest[name] / fastest['baseline']:4.2f}×"
              f"   per round {paired:4.2f}×   target ≤ 1.30×")
    return {"baseline": baseline, "internal": internal, "external": external}


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    bench_export_process()
