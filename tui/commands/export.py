"""Keys of the export screen (F6 in a postmortem) and of its path dialog."""

from tui.commands import Command

K, H = "export_ui.key.", "export_ui.help."

COMMANDS = (
    Command("export.audience", "t", "toggle_audience", K + "audience", H + "audience", "export"),
    Command("export.raw", "m", "toggle_raw", K + "raw", H + "raw", "export"),
    Command("export.write", "w", "write", K + "write", H + "write", "export"),
    Command("export.write_to", "o", "write_to", K + "write_to", H + "write_to", "export"),
    Command("export.close", "escape", "close", K + "close", H + "close", "export"),
    Command("export.close.f6", "f6", "close", K + "close", H + "close", "export", footer=False,
            palette=False),
    # The path dialog: Enter in its field writes (the field's own Enter), Escape cancels.
    Command("export_path.confirm", "enter", "confirm", K + "confirm", H + "confirm", "export-path",
            footer=False, palette=False),
    Command("export_path.cancel", "escape", "cancel", K + "cancel", H + "cancel", "export-path",
            palette=False),
)
