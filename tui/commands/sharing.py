"""Keys of sharing-safe mode and the facilitator's private notes (issue 15)."""

from tui.commands.command import Command

COMMANDS = {
    "app": (
        # Anywhere, also while typing: the room may need the screen safe at once.
        # Not in the footer: it would push other keys out of every screen at 80 columns; the
        # header's SHARING badge and help (F1) tell about it.
        Command("app.sharing", "f12", "toggle_sharing", priority=True, footer=False),
    ),
    "workspace": (
        Command("workspace.notes", "ctrl+n", "toggle_notes", priority=True, footer=False),
    ),
}
