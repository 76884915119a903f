"""Keys of stage 6, communication & follow-up (when the focus is not in a text field)."""

from tui.commands.command import Command

STAGE = 6
VIEW_SCOPE = "communication"

COMMANDS = {
    "communication": (
        Command("communication.defaults", "f", "default_reviews"),
        Command("communication.add", "n", "add_review"),
    ),
}
