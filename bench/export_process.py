"""Markdown export of a 2,000-event postmortem as a whole process, against ``postmortem
--version`` in the same run (budget ≤ 2×: a ceiling, not a race; issue 13 retired the 1.3×
target of issue 6).

``python -m tui.cli --library DIR export bench-timeline --format md`` (internal, and
``--audience external``) and ``python -m tui.cli --version``, the three in turn in each round,
so a change in the machine's load weighs on all of them alike. One round first, unmeasured,
writes the ``.pyc`` files (as any first run after installing does, even where
``PYTHONDONTWRITEBYTECODE`` is set) and warms the file cache. Printed: the ratio of the median
wall times (the budget figure), the median of each round's own ratio, and the ratio of the
processes' own CPU times.
"""

from __future__ import annotations

import statistics

from bench.fixtures import TIMELINE_ID
from bench.measure import (Figure, Paired, Settings, child_env, heading, ms, python, ratio_note,
                           row, run_process)

NAME = "export_process"
BUDGET = 2.0


def run(settings: Settings) -> list[Figure]:
    rounds = settings.rounds(15, 6)
    cli = python("-m", "tui.cli", "--library", str(settings.fixtures.fresh("timeline-2000")))
    export = [*cli, "export", TIMELINE_ID, "--format", "md"]
    commands = {"version": [*cli, "--version"], "internal": export,
                "external": [*export, "--audience", "external"]}
    writing_pyc = {k: v for k, v in child_env().items() if k != "PYTHONDONTWRITEBYTECODE"}
    for command in commands.values():
        run_process(command, env=writing_pyc)
    runs: dict[str, list] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            runs[name].append(run_process(command))
    walls = {name: [r.wall for r in results] for name, results in runs.items()}
    cpus = {name: [r.cpu for r in results] for name, results in runs.items()}
    heading(NAME, "Markdown export of 2,000 events, whole process, vs `postmortem --version`", rounds)
    row("postmortem --version, wall", ms(statistics.median(walls["version"])),
        f"(baseline; CPU {ms(statistics.median(cpus['version'])).strip()})")
    figures = []
    for name, label in (("internal", "export --format md (internal)"),
                        ("external", "export --format md (external)")):
        wall = Paired(walls["version"], walls[name])
        cpu = Paired(cpus["version"], cpus[name])
        row(f"{label}, wall", ms(statistics.median(walls[name])), ratio_note(wall, BUDGET))
        row(f"{label}, CPU", ms(statistics.median(cpus[name])), ratio_note(cpu, None))
        figures.append(Figure(NAME, f"export md ({name}), 2,000 events", wall.ratio, BUDGET,
                              f"{ms(statistics.median(walls[name])).strip()} vs "
                              f"{ms(statistics.median(walls['version'])).strip()}; CPU {cpu.ratio:.2f}×"))
    return figures

