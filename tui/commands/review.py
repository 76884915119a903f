"""Keys of the final review screen (F5 in a postmortem)."""

from tui.commands import Command

K, H = "review_ui.key.", "review_ui.help."

COMMANDS = (
    # Enter on the list goes to the fix; it replaces the list's own Enter so the footer and
    # help name it.
    Command("review.go", "enter", "select", K + "go", H + "go", "review-list"),
    Command("review.close", "escape", "close", K + "close", H + "close", "review"),
    Command("review.close.f5", "f5", "close", K + "close", H + "close", "review", footer=False,
            palette=False),
)
