"""Benchmark: exporting a 2,000-event postmortem as a whole process, against
``postmortem --version`` measured in the same run (issue 6; target ≤ 1.3×).

Run: ``python bench/export_process.py`` (or ``make bench``). Prints medians and the ratio.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROUNDS = 15


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


def median_seconds(command: list[str]) -> float:
    samples = []
    for _ in range(ROUNDS):
        began = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        samples.append(time.perf_counter() - began)
    return statistics.median(samples)


def bench_export_process() -> dict[str, float]:
    from storage.library import Library
    with tempfile.TemporaryDirectory() as folder:
        library = Library(Path(folder))
        library.create(big_document()).close()
        cli = [sys.executable, "-m", "tui.cli", "--library", folder]
        baseline = median_seconds([*cli, "--version"])
        internal = median_seconds([*cli, "export", "bench-export", "--format", "md"])
        external = median_seconds([*cli, "export", "bench-export", "--format", "md",
                                   "--audience", "external"])
    print(f"export, whole process, 2,000 events ({ROUNDS} runs each, medians)")
    print(f"  postmortem --version            {baseline * 1000:7.1f} ms  (baseline)")
    print(f"  export --format md (internal)   {internal * 1000:7.1f} ms  {internal / baseline:4.2f}×  target ≤ 1.30×")
    print(f"  export --format md (external)   {external * 1000:7.1f} ms  {external / baseline:4.2f}×  target ≤ 1.30×")
    return {"baseline": baseline, "internal": internal, "external": external}


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    bench_export_process()
