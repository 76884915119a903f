"""Keys of sharing-safe mode and the facilitator's private notes (issue 15)."""

from tui.commands import Command

COMMANDS = (
    # Anywhere, also while typing: the room may need the screen safe at once.
    # Not in the footer: it would push other keys out of every screen at 80 columns; the
    # header's SHARING badge and help (F1) tell about it.
    Command("app.sharing", "f12", "toggle_sharing", "sharing.key", "sharing.help", "app",
            priority=True, footer=False),
    Command("workspace.notes", "ctrl+n", "toggle_notes", "sharing.notes.key",
            "sharing.notes.help", "workspace", priority=True, footer=False),
)
