"""``postmortem check`` in a 1,000-postmortem library against a 1-postmortem library
(budget ≤ 1.5×): the same postmortem (``bench-0000``, the demo under another id) checked as a
whole process, ``python -m tui.cli --library DIR check bench-0000``. The repeated-failure check
compares it with the library's other postmortems, so the library's size is all that differs.
Wall time is the budget figure; the process's own CPU time (from wait4) is printed beside it,
steadier on a loaded machine.
"""

from __future__ import annotations

from bench.fixtures import library_id
from bench.measure import (Figure, Paired, Settings, heading, median, ms, python, ratio_note, row,
                           run_process)

NAME = "check_library"
BUDGET = 1.5
CHECK_EXITS = (0, 1)   # all pass / some fail: both are answers


def run(settings: Settings) -> list[Figure]:
    rounds = settings.rounds(5, 3)
    commands = {side: python("-m", "tui.cli", "--library", str(settings.fixtures.fresh(library)),
                             "check", library_id(0))
                for side, library in (("one", "library-1"), ("many", "library-1000"))}
    for command in commands.values():   # unmeasured: .pyc files, the page cache
        run_process(command, ok_codes=CHECK_EXITS)
    wall, cpu = Paired(), Paired()
    for number in range(rounds):
        for side in (("one", "many") if number % 2 == 0 else ("many", "one")):
            result = run_process(commands[side], ok_codes=CHECK_EXITS)
            getattr(wall, "baseline" if side == "one" else "app").append(result.wall)
            getattr(cpu, "baseline" if side == "one" else "app").append(result.cpu)
    heading(NAME, "`check` in a 1,000-postmortem library vs a 1-postmortem library", rounds)
    row("check, library of 1, wall", ms(median(wall.baseline)), "(baseline)")
    row("check, library of 1,000, wall", ms(median(wall.app)), ratio_note(wall, BUDGET))
    row("check, library of 1, CPU", ms(median(cpu.baseline)), "(baseline)")
    row("check, library of 1,000, CPU", ms(median(cpu.app)), ratio_note(cpu, None))
    return [Figure(NAME, "check, 1,000 vs 1 postmortem library", wall.ratio, BUDGET,
                   f"{ms(median(wall.app)).strip()} vs {ms(median(wall.baseline)).strip()}; "
                   f"CPU {cpu.ratio:.2f}×")]
