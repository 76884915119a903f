"""The meeting screens in Chinese: the agenda's columns line up although stage names are of
two and three double-width characters, a long Chinese question or parked topic wraps whole
instead of being cut with "…" (Chinese has no spaces to wrap at), and the roster's "ask next"
line uses Chinese punctuation; what was ticked is saved."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from postmortem import i18n
from postmortem.factory import new_postmortem
from postmortem.stages import stage_statuses
from storage.library import Library
from tui.screens.agenda import agenda_row
from tui.screens.roster import RosterScreen
from tui.widgets.meeting_side import hanging_grid
from helpers import shown, stored
from test_app_chinese import chinese  # noqa: F401  (autouse: the tests run in zh-CN)
from test_app_roster import make_meeting


def rendered(renderable, width: int) -> list[str]:
    console = Console(width=width, record=True, color_system=None)
    console.print(renderable)
    return console.export_text().splitlines()


def test_agenda_columns_line_up_with_double_width_stage_names():
    statuses = stage_statuses(new_postmortem("queue", "队列积压", "SEV2"))
    starts = set()
    for status in statuses:
        row = agenda_row(status, planned=15, spent=3, current=status.number == 1, width=70)
        exit_text = row.plain[row.plain.index("15 分"):]
        starts.add(cell_len(row.plain) - cell_len(exit_text))
    # 时间线 and 行动项 are one character longer than 范围 or 根因: padding by characters
    # would put their minutes one cell further right.
    assert len(starts) == 1


def test_a_long_chinese_question_wraps_whole_in_the_card():
    question = "复盘深度与发生的事相称吗？还是说这是一次值得完整复盘的险兆事件？"
    grid = hanging_grid()
    grid.add_row("3.", Text(question))
    lines = rendered(grid, 30)
    assert len(lines) > 1
    assert "…" not in "".join(lines)
    assert "".join(line[3:].strip() for line in lines) == question
    assert all(line.startswith("   ") for line in lines[1:])   # under the text, not the number


async def test_roster_ask_next_reads_as_chinese(library_dir, make_app):
    make_meeting(library_dir)
    app = make_app("cache")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RosterScreen)
        await pilot.press("down", "p")                      # Lee W. present
        await pilot.press("down", "p", "r", "r", "r")       # Aiko M. present, incident commander
        await pilot.pause()
        assert shown(screen.query_one("#roster-next")) == \
            "接下来请问：Aiko M.（事故指挥官）、Lee W."
        await pilot.press("escape", "ctrl+q")
    assert stored(library_dir, "cache")["scope"]["roster"] == [
        {"name": "Lee W.", "presence": "present"},
        {"name": "Aiko M.", "role": "incident-commander", "presence": "present"},
    ]
    assert i18n.current_language() == "zh-CN"
