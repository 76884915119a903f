"""Keys of the meeting roster (F4) and of the open actions carried over (F10), issue 14."""

from tui.commands.command import Command

COMMANDS = {
    "workspace": (
        # Not in the workspace footer (80 cells hold the stage keys); F1 and the palette list them.
        Command("workspace.roster", "f4", "roster", footer=False, priority=True),
        Command("workspace.carry-over", "f10", "carry_over", footer=False, priority=True),
    ),
    "roster": (
        Command("roster.heard", "space,h", "heard"),
        Command("roster.role", "r", "role"),
        Command("roster.presence", "p", "presence"),
        Command("roster.close", "escape", "close"),
        Command("roster.close.f4", "f4", "close", footer=False, palette=False),
    ),
    "roster-table": (
        # Enter in the list does what the room needs most: tick who just spoke.
        Command("roster.heard.enter", "enter", "screen.heard", footer=False),
    ),
    "carry-over": (
        Command("carry-over.done", "d", "done"),
        Command("carry-over.open", "o", "still_open"),
        Command("carry-over.wont-do", "w", "wont_do"),
        Command("carry-over.close", "escape", "close"),
        Command("carry-over.close.f10", "f10", "close", footer=False, palette=False),
    ),
}
