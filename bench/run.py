"""Run every benchmark and print the figures (``make bench``). No pass/fail: read the ratios.

Each benchmark is a function that measures its own baseline in the same run and prints its
figures; add a new one to ``BENCHMARKS``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import export_process, timeline  # noqa: E402

BENCHMARKS = (
    timeline.bench_open_stage_two,
    timeline.bench_add_event,
    export_process.bench_export_process,
)


def main() -> None:
    for benchmark in BENCHMARKS:
        began = time.perf_counter()
        benchmark()
        print(f"  ({benchmark.__name__}: {time.perf_counter() - began:.1f} s)\n")


if __name__ == "__main__":
    main()
