"""Run the benchmarks and print the figures (``make bench``). No pass/fail: read the ratios.

    python bench/run.py                      every benchmark, then a summary table
    python bench/run.py keys_text_field      one benchmark (or several, by name)
    python bench/run.py --quick              fewer rounds: a look, not figures for a note
    python bench/run.py --list               the names

Every figure is a ratio against a bare-Textual (or bare-process) baseline measured in the same
run, in interleaved rounds; bench/README.md names each budget and what is measured. The
documents and libraries are built once per run in a temporary folder, removed at the end.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.fixtures import Fixtures  # noqa: E402
from bench.measure import Figure, Settings  # noqa: E402

# One module a benchmark, in the order of the table; each has NAME and run(settings).
BENCHMARKS = (
    "keys_text_field",
    "keys_fishbone_cause",
    "keys_why_node",
    "stage_switch",
    "timeline_down",
    "library_startup",
    "check_library",
    "memory_timeline",
    "export_process",
    "library_5000",
)


def summary(figures: list[Figure]) -> None:
    print("Summary: each figure is the app against its baseline in this run (lower is better)")
    print(f"  {'benchmark':<20} {'what':<48} {'ratio':>7} {'budget':>8}  {'':<6}  figures")
    for figure in figures:
        budget = f"≤ {figure.budget:.2f}×" if figure.budget is not None else ""
        print(f"  {figure.benchmark:<20} {figure.what:<48} {figure.value:6.2f}× {budget:>8}  "
              f"{figure.verdict:<6}  {figure.detail}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help="benchmarks to run (default: all)")
    parser.add_argument("--quick", action="store_true", help="fewer rounds")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and stop")
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(BENCHMARKS))
        return 0
    unknown = [name for name in args.names if name not in BENCHMARKS]
    if unknown:
        parser.error(f"no benchmark named {', '.join(unknown)}; --list names them")
    fixtures = Fixtures()
    settings = Settings(fixtures, quick=args.quick)
    figures: list[Figure] = []
    began = time.perf_counter()
    try:
        for name in args.names or BENCHMARKS:
            started = time.perf_counter()
            figures += importlib.import_module(f"bench.{name}").run(settings)
            print(f"  ({name}: {time.perf_counter() - started:.0f} s)\n", flush=True)
    finally:
        fixtures.close()
    summary(figures)
    print(f"  (all: {time.perf_counter() - began:.0f} s; `make test` wall time is the other budget, "
          "see bench/README.md)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
