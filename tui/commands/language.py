"""The app's language, switched from the palette or with Shift+F12 (issue 16)."""

from tui.commands.command import Command

COMMANDS = {
    "app": (
        # Many terminals send Shift+F12 as F24: both are bound. Not in the footer: the palette
        # offers it by its name in both languages, F1 lists it.
        Command("app.language", "shift+f12,f24", "app.switch_language", priority=True,
                footer=False),
    ),
}
