"""Keys of stage 5, the action board: the board or table, the item's form, its findings."""

from tui.commands import Command

K, H = "actions_ui.key.", "actions_ui.help."

COMMANDS = (
    # The board or table (anywhere in the stage while not typing in a field).
    Command("actions.add", "a", "add", K + "add", H + "add", "actions"),
    Command("actions.edit", "e", "edit", K + "edit", H + "edit", "actions"),
    Command("actions.causes", "c", "pick_causes", K + "causes", H + "causes", "actions"),
    Command("actions.status", "s", "cycle_status", K + "status", H + "status", "actions"),
    Command("actions.type", "t", "cycle_type", K + "type", H + "type", "actions", footer=False),
    Command("actions.internal", "i", "toggle_internal", K + "internal", H + "internal", "actions",
            footer=False),
    Command("actions.group", "g", "toggle_grouping", K + "group", H + "group", "actions"),
    Command("actions.view", "v", "toggle_view", K + "view", H + "view", "actions"),
    Command("actions.delete", "d,delete", "delete", K + "delete", H + "delete", "actions"),
    Command("actions.findings", "f", "focus_findings", K + "findings", H + "findings", "actions",
            footer=False),

    # The form of the selected item (keys that work while typing).
    Command("actions.form.board", "ctrl+b", "back_to_board", K + "board", H + "board",
            "actions-form", footer=False),

    # The findings under the form.
    Command("actions.findings.dismiss", "x", "dismiss", K + "dismiss", H + "dismiss",
            "actions-findings"),
)
