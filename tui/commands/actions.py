"""Keys of stage 5, the action board: the board or table, the item's form, its findings."""

from tui.commands.command import Command

STAGE = 5
VIEW_SCOPE = "actions"

COMMANDS = {
    # The board or table (anywhere in the stage while not typing in a field).
    "actions": (
        Command("actions.add", "a", "add"),
        Command("actions.edit", "e", "edit"),
        Command("actions.causes", "c", "pick_causes"),
        Command("actions.status", "s", "cycle_status"),
        Command("actions.type", "t", "cycle_type", footer=False),
        Command("actions.internal", "i", "toggle_internal", footer=False),
        Command("actions.group", "g", "toggle_grouping"),
        Command("actions.view", "v", "toggle_view"),
        Command("actions.delete", "d,delete", "delete"),
        Command("actions.findings", "f", "focus_findings", footer=False),
    ),
    # The form of the selected item (keys that work while typing).
    "actions-form": (
        Command("actions.form.board", "ctrl+b", "back_to_board", footer=False),
    ),
    # The findings under the form.
    "actions-findings": (
        Command("actions.findings.dismiss", "x", "dismiss"),
    ),
}
