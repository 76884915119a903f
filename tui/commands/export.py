"""Keys of the export screen (F6 in a postmortem) and of its path dialog."""

from tui.commands.command import Command

COMMANDS = {
    "export": (
        Command("export.audience", "t", "toggle_audience"),
        Command("export.raw", "m", "toggle_raw"),
        Command("export.write", "w", "write"),
        Command("export.write_to", "o", "write_to"),
        Command("export.close", "escape", "close"),
        Command("export.close.f6", "f6", "close", footer=False, palette=False),
    ),
    # The path dialog: Enter in its field writes (the field's own Enter), Escape cancels.
    "export-path": (
        Command("export_path.confirm", "enter", "confirm", footer=False, palette=False),
        Command("export_path.cancel", "escape", "cancel", palette=False),
    ),
}
