"""Keys of stage 4, what worked / what didn't: the three lists and their line editor."""

from tui.commands import Command

K, H = "lessons_ui.key.", "lessons_ui.help."

COMMANDS = (
    Command("lessons.add", "a", "add", K + "add", H + "add", "lessons"),
    Command("lessons.edit", "e", "edit", K + "edit", H + "edit", "lessons"),
    Command("lessons.delete", "d,delete", "delete", K + "delete", H + "delete", "lessons"),
    Command("lessons.up", "shift+up", "move(-1)", K + "move_up", H + "move_up", "lessons",
            footer=False),
    Command("lessons.down", "shift+down", "move(1)", K + "move_down", H + "move_down", "lessons",
            footer=False),
    Command("lessons.left", "left", "switch(-1)", K + "left", H + "left", "lessons",
            footer=False, palette=False),
    Command("lessons.right", "right", "switch(1)", K + "right", H + "right", "lessons",
            footer=False, palette=False),
    Command("lessons.to_left", "shift+left", "transfer(-1)", K + "to_left", H + "to_left",
            "lessons", footer=False),
    Command("lessons.to_right", "shift+right", "transfer(1)", K + "to_right", H + "to_right",
            "lessons", footer=False),
)
