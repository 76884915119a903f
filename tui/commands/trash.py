"""Keys of the library's trash (and of undoing a delete in the library), and of the list of
exit conditions (F2 in a postmortem)."""

from tui.commands import Command

K, H = "trash.key.", "trash.help."

COMMANDS = (
    Command("library.undo", "u,ctrl+z", "undo_delete", K + "undo", H + "undo", "library"),
    Command("library.trash", "t", "trash", K + "trash", H + "trash", "library"),
    Command("trash.restore", "r,enter", "restore", K + "restore", H + "restore", "trash"),
    Command("trash.close", "escape", "close", K + "close", H + "close", "trash"),
    Command("workspace.conditions", "f2", "conditions", K + "conditions", H + "conditions",
            "workspace", priority=True, footer=False),
    Command("conditions.close", "escape,f2", "close", K + "close", H + "close_conditions",
            "conditions", palette=False),
)
