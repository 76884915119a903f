"""Keys of the meeting roster (F4) and of the open actions carried over (F10), issue 14."""

from tui.commands import Command

K, H = "roster_ui.key.", "roster_ui.help."

COMMANDS = (
    # Not in the workspace footer (80 cells hold the stage keys); F1 and the palette list them.
    Command("workspace.roster", "f4", "roster", K + "roster", H + "roster", "workspace",
            footer=False, priority=True),
    Command("roster.heard", "space,h", "heard", K + "heard", H + "heard", "roster"),
    # Enter in the list does what the room needs most: tick who just spoke.
    Command("roster.heard.enter", "enter", "screen.heard", K + "heard", H + "heard",
            "roster-table", footer=False),
    Command("roster.role", "r", "role", K + "role", H + "role", "roster"),
    Command("roster.presence", "p", "presence", K + "presence", H + "presence", "roster"),
    Command("roster.close", "escape", "close", K + "close", H + "close", "roster"),
    Command("roster.close.f4", "f4", "close", K + "close", H + "close", "roster", footer=False,
            palette=False),
)

CARRY_OVER_COMMANDS = (
    Command("workspace.carry-over", "f10", "carry_over", K + "carry_over", H + "carry_over",
            "workspace", footer=False, priority=True),
    Command("carry-over.done", "d", "done", K + "done", H + "done", "carry-over"),
    Command("carry-over.open", "o", "still_open", K + "still_open", H + "still_open", "carry-over"),
    Command("carry-over.wont-do", "w", "wont_do", K + "wont_do", H + "wont_do", "carry-over"),
    Command("carry-over.close", "escape", "close", K + "close", H + "close_carry", "carry-over"),
    Command("carry-over.close.f10", "f10", "close", K + "close", H + "close_carry_f10", "carry-over",
            footer=False, palette=False),
)
COMMANDS = COMMANDS + CARRY_OVER_COMMANDS
