"""Keys of the meeting roster (F4) and of the open actions carried over (F10), issue 14."""

from tui.commands import Command

K, H = "roster_ui.key.", "roster_ui.help."

COMMANDS = (
    Command("workspace.roster", "f4", "roster", K + "roster", H + "roster", "workspace",
            priority=True),
    Command("roster.heard", "space,h", "heard", K + "heard", H + "heard", "roster"),
    Command("roster.role", "r", "role", K + "role", H + "role", "roster"),
    Command("roster.presence", "p", "presence", K + "presence", H + "presence", "roster"),
    Command("roster.close", "escape", "close", K + "close", H + "close", "roster"),
    Command("roster.close.f4", "f4", "close", K + "close", H + "close", "roster", footer=False,
            palette=False),
)
