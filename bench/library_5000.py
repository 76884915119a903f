"""``list``, ``actions``, ``check --all`` and ``stats`` in a library of 5,000 postmortems
(issue 17 §7), each as a whole process, against a bare process that parses every file of the
same library with ``json`` (what any tool reading the library pays at least). ``actions`` and
``stats`` are measured with the summary cache warm (``.cache/summaries.json`` written by a run
before) and cold (the cache removed before each run). Wall time is the figure; CPU beside it.

Also printed: the same commands at a quarter of the size, and how much more the full size
costs (linear growth is 4×).

The postmortems are the demo's JSON with varied ids, titles, severities, dates, tags (one tag
on most of them, the others rarer), root causes and contributing factors (reworded from pools,
so the repeated-failure check has both repeats and unrelated causes), and action statuses.

    python bench/run.py library_5000           # with the other benchmarks' conventions
    python bench/library_5000.py --count 200   # standalone, a smaller library, for a look
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from datetime import timedelta
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.fixtures import START, demo, iso, write_library_file  # noqa: E402
from bench.measure import (Figure, Paired, Settings, heading, median, ms, python,  # noqa: E402
                           ratio_note, row, run_process)

NAME = "library_5000"
COUNT = 5000
BASELINE = ("import json, os, sys\n"
            "folder = sys.argv[1]\n"
            "for name in sorted(os.listdir(folder)):\n"
            "    if name.endswith('.json') and not name.startswith('.'):\n"
            "        with open(os.path.join(folder, name), 'rb') as f:\n"
            "            json.load(f)\n")
SUBJECTS = ("cache warm-up", "connection pool", "DNS resolver", "certificate renewal",
            "disk space", "deploy pipeline", "queue consumer", "feature flag", "load balancer",
            "database failover", "rate limiter", "config push")
FAULTS = ("was skipped for replaced nodes", "ran out of capacity under peak load",
          "had no alert on its saturation", "was changed without review",
          "depended on a manual runbook step", "retried without backoff")
TAGS = ("database", "checkout", "cache", "dns", "payments", "search", "deploy", "network",
        "auth", "billing", "storage", "queue")
SEVERITIES = ("SEV1", "SEV2", "SEV2", "SEV3", "SEV3", "SEV4", "near-miss")
STATUSES = ("open", "in-progress", "done", "done", "wont-do")
COMMANDS = (("list", ("list",), "warm"), ("actions, warm cache", ("actions",), "warm"),
            ("actions, cold cache", ("actions",), "cold"), ("stats, warm cache", ("stats",), "warm"),
            ("check --all", ("check", "--all"), "warm"))


def team_document(index: int, rng: random.Random) -> dict:
    doc = demo()
    doc["id"] = f"team-{index:05d}"
    subject = SUBJECTS[rng.randrange(len(SUBJECTS))]
    doc["title"] = f"Team incident {index:05d}: {subject} trouble"
    doc["severity"] = SEVERITIES[index % len(SEVERITIES)]
    shift = timedelta(days=-(index % 730), minutes=rng.randrange(600))
    doc["meeting_at"] = iso(START + shift)
    doc["tags"] = ["database"] if rng.random() < 0.8 else []   # on most: weighs little
    doc["tags"] += rng.sample(TAGS[1:], 2)
    for event in doc["timeline"]:
        moment = event["at"]
        event["at"] = iso(_parse(moment) + shift)
    for why in doc["analysis"]["whys"]:
        if why["role"]:
            why["text"] = f"The {SUBJECTS[rng.randrange(len(SUBJECTS))]} {rng.choice(FAULTS)}"
    for bone in doc["analysis"]["fishbone"]:
        for cause in bone["causes"]:
            if cause["role"]:
                cause["text"] = f"{SUBJECTS[rng.randrange(len(SUBJECTS))].capitalize()} {rng.choice(FAULTS)}"
    for action in doc["actions"]:
        action["status"] = rng.choice(STATUSES)
        if action["due"]:
            action["due"] = (_parse(action["due"] + "T00:00:00Z") + shift).strftime("%Y-%m-%d")
    for follow_up in doc["communication"]["follow_ups"]:
        follow_up["due"] = (_parse(follow_up["due"] + "T00:00:00Z") + shift).strftime("%Y-%m-%d")
        follow_up["done"] = rng.random() < 0.6
    return doc


def _parse(text: str):
    from datetime import datetime
    return datetime.fromisoformat(text)


def build(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True)
    rng = random.Random(17)
    for index in range(count):
        write_library_file(folder, team_document(index, rng))
    return folder


def measure(library: Path, rounds: int) -> dict[str, tuple[Paired, Paired]]:
    """Wall and CPU of each command against the bare parse, in interleaved rounds."""
    baseline = python("-c", BASELINE, str(library))
    commands = {label: python("-m", "tui.cli", "--library", str(library), *args)
                for label, args, _ in COMMANDS}
    run_process(baseline)
    for command in commands.values():     # unmeasured: .pyc files, the page cache, the cache
        run_process(command, ok_codes=(0, 1))
    results = {label: (Paired(), Paired()) for label in commands}
    for number in range(rounds):
        for label, _, cache in COMMANDS:
            if cache == "cold":
                shutil.rmtree(library / ".cache", ignore_errors=True)
            sides = (("base", "app") if number % 2 == 0 else ("app", "base"))
            for side in sides:
                result = run_process(baseline if side == "base" else commands[label],
                                     ok_codes=(0, 1))
                wall, cpu = results[label]
                getattr(wall, "baseline" if side == "base" else "app").append(result.wall)
                getattr(cpu, "baseline" if side == "base" else "app").append(result.cpu)
    return results


def run(settings: Settings, count: int = COUNT) -> list[Figure]:
    rounds = settings.rounds(3, 1)
    folder = settings.fixtures.root / "team-library"
    shutil.rmtree(folder, ignore_errors=True)
    full = measure(build(folder / f"n{count}", count), rounds)
    quarter = measure(build(folder / f"n{count // 4}", max(1, count // 4)), rounds)
    heading(NAME, f"library commands, {count:,} postmortems vs parsing every file with json",
            rounds)
    figures = []
    for label, (wall, cpu) in full.items():
        growth = median(wall.app) / median(quarter[label][0].app)
        row(f"{label}, wall", ms(median(wall.app)), ratio_note(wall, None))
        row(f"{label}, CPU", ms(median(cpu.app)), ratio_note(cpu, None))
        row(f"{label}, {count // 4:,} postmortems", ms(median(quarter[label][0].app)),
            f"grows {growth:4.2f}× for 4× the postmortems")
        figures.append(Figure(NAME, f"{label}, {count:,} vs bare parse", wall.ratio, None,
                              f"{ms(median(wall.app)).strip()} vs "
                              f"{ms(median(wall.baseline)).strip()}; growth {growth:.2f}× for 4×"))
    shutil.rmtree(folder, ignore_errors=True)
    return figures


def main(argv: list[str] | None = None) -> int:
    from bench.fixtures import Fixtures
    from bench.run import summary
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=COUNT)
    parser.add_argument("--quick", action="store_true", help="one round")
    args = parser.parse_args(argv)
    fixtures = Fixtures()
    try:
        summary(run(Settings(fixtures, quick=args.quick), args.count))
    finally:
        fixtures.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
