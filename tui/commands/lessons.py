"""Keys of stage 4, what worked / what didn't: the three lists and their line editor."""

from tui.commands.command import Command

STAGE = 4
VIEW_SCOPE = "lessons"

COMMANDS = {
    "lessons": (
        Command("lessons.add", "a", "add"),
        Command("lessons.edit", "e", "edit"),
        Command("lessons.delete", "d,delete", "delete"),
        Command("lessons.up", "shift+up", "move(-1)", footer=False),
        Command("lessons.down", "shift+down", "move(1)", footer=False),
        Command("lessons.left", "left", "switch(-1)", footer=False, palette=False),
        Command("lessons.right", "right", "switch(1)", footer=False, palette=False),
        Command("lessons.to_left", "shift+left", "transfer(-1)", footer=False),
        Command("lessons.to_right", "shift+right", "transfer(1)", footer=False),
    ),
}
