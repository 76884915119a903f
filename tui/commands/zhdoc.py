"""The app's language, switched from the palette or with F12 (issue 16)."""

from tui.commands import Command

COMMANDS = (
    # Not in the footer: the palette offers it by its name in both languages, F1 lists it.
    Command("app.language", "f12", "app.switch_language", "language.key", "language.help",
            "app", priority=True, footer=False),
)
