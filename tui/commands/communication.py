"""Keys of stage 6, communication & follow-up (when the focus is not in a text field)."""

from tui.commands import Command

K, H = "comms_ui.key.", "comms_ui.help."

COMMANDS = (
    Command("communication.defaults", "f", "default_reviews", K + "defaults", H + "defaults",
            "communication"),
    Command("communication.add", "n", "add_review", K + "add", H + "add", "communication"),
)
