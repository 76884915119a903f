"""The meeting screens in Chinese: the agenda's columns line up although stage names are of
two and three double-width characters, a long Chinese question or parked topic wraps whole
instead of being cut with "…" (Chinese has no spaces to wrap at), the roster's "ask next"
line uses Chinese punctuation (what was ticked is saved), and the tables `postmortem actions`
prints line up in terminal cells when headers and titles are Chinese."""

from __future__ import annotations

from datetime import date, timedelta

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from postmortem import i18n
from postmortem.factory import new_postmortem
from postmortem.library_views import ActionRow, format_actions
from postmortem.sections.actions import Action
from postmortem.stats import LibraryStats, Quarter, format_stats
from postmortem.stages import stage_statuses
from storage.library import Library
from tui.screens.agenda import agenda_row
from tui.screens.help import HelpScreen
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


def test_the_actions_table_lines_up_with_chinese_headers_and_titles():
    rows = [ActionRow("queue", "队列积压", Action("a1", "缓存命中率低于 80% 持续 3 分钟时告警",
                                                  owner="王芳", due=date(2026, 4, 1)), False),
            ActionRow("queue", "队列积压", Action("a2", "Cap the connection wait at 800 ms",
                                                  owner="Lee W.", tracker="CHK-1"), False),
            ActionRow("queue", "队列积压", Action("a3", "把" * 60, owner="张伟"), False)]
    lines = format_actions(rows, "table").splitlines()
    assert lines[0].startswith("复盘")
    # Each column starts at the same cell on every line: here the owner column.
    owners = ("负责人", "王芳", "Lee W.", "张伟")
    starts = {cell_len(line[:line.index(owner)]) for line, owner in zip(lines, owners)}
    assert len(starts) == 1
    assert lines[3].count("把") < 60 and "…" in lines[3]    # a long title is cut, whole characters


def test_the_stats_quarter_table_lines_up_under_chinese_headers():
    medians = {"detected": timedelta(minutes=26), "mitigated": timedelta(hours=1, minutes=19),
               "resolved": timedelta(hours=2, minutes=10)}
    stats = LibraryStats(total=1, by_severity=(("SEV2", 1),),
                         quarters=(Quarter("2026-Q4", 1, medians),), undated=0, actions=0,
                         done=0, wont_do=0, overdue_actions=0, overdue_reviews=0,
                         recurring_tags=(), recurring_causes=())
    lines = format_stats(stats).splitlines()
    heading = next(line for line in lines if "季度" in line and "数量" in line)
    quarter = next(line for line in lines if "2026-Q4" in line)
    # Right-aligned columns end on the same cell: the count under 数量, the last median under 解决.
    count_end = cell_len(quarter[:quarter.index(" 1 ") + 2])
    assert cell_len(heading[:heading.index("数量") + 2]) == count_end
    assert cell_len(heading) == cell_len(quarter)


async def test_help_shows_long_chinese_lines_whole(library_dir, make_app):
    make_meeting(library_dir)
    app = make_app("cache")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        help_text = "".join(shown(keys) for keys in screen.query(".help-keys"))
        # Wider than the help column at 80 columns: folded onto a second line, not cut.
        assert "…" not in help_text
        assert "将选中的条目标记为仅内部（不出现在客户版本中），或重新公开" in help_text.replace(" ", "")
        await pilot.press("escape", "ctrl+q")
