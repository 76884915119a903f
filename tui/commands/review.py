"""Keys of the final review screen (F5 in a postmortem)."""

from tui.commands.command import Command

COMMANDS = {
    # Enter on the list goes to the fix; it replaces the list's own Enter so the footer and
    # help name it.
    "review-list": (
        Command("review.go", "enter", "select"),
    ),
    "review": (
        Command("review.close", "escape", "close"),
        Command("review.close.f5", "f5", "close", footer=False, palette=False),
    ),
}
