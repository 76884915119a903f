"""Keys of the library's trash (and of undoing a delete in the library), and of the list of
exit conditions (F2 in a postmortem)."""

from tui.commands.command import Command

COMMANDS = {
    "library": (
        Command("library.undo", "u,ctrl+z", "undo_delete"),
        Command("library.trash", "t", "trash"),
    ),
    "trash": (
        Command("trash.restore", "r,enter", "restore"),
        Command("trash.close", "escape", "close"),
    ),
    "workspace": (
        Command("workspace.conditions", "f2", "conditions", priority=True, footer=False),
    ),
    "conditions": (
        Command("conditions.close", "escape,f2", "close", palette=False),
    ),
}
