"""Keys of stage 3: the stage itself, the whys tree, the fishbone editor, findings, summary."""

from tui.commands import Command

K, H = "analysis_ui.key.", "analysis_ui.help."

COMMANDS = (
    # The stage, wherever the focus is inside it (not while typing in a field).
    Command("analysis.view", "t", "next_view", K + "view", H + "view", "analysis"),
    Command("analysis.problem", "p", "focus_problem", K + "problem", H + "problem", "analysis",
            footer=False),

    # The five-whys tree.
    Command("whys.add", "a", "add_why", K + "add_why", H + "add_why", "whys"),
    Command("whys.sibling", "s", "add_sibling", K + "add_sibling", H + "add_sibling", "whys"),
    Command("whys.edit", "e,enter", "edit", K + "edit", H + "edit", "whys"),
    Command("whys.role", "r", "cycle_role", K + "role", H + "role", "whys"),
    Command("whys.delete", "d,delete", "delete", K + "delete", H + "delete", "whys"),
    Command("whys.move_to", "m", "move_to", K + "move_to", H + "move_to", "whys"),
    Command("whys.evidence", "v", "evidence", K + "evidence", H + "evidence", "whys"),
    Command("whys.dismiss", "x", "dismiss", K + "dismiss", H + "dismiss", "whys"),
    Command("whys.up", "shift+up", "move(-1)", K + "move_up", H + "move_up", "whys", footer=False),
    Command("whys.down", "shift+down", "move(1)", K + "move_down", H + "move_down", "whys",
            footer=False),

    # The fishbone editor (categories with their causes).
    Command("fishbone.add_cause", "a", "add_cause", K + "add_cause", H + "add_cause", "fishbone"),
    Command("fishbone.add_category", "c", "add_category", K + "add_category", H + "add_category",
            "fishbone"),
    Command("fishbone.defaults", "D", "add_defaults", K + "defaults", H + "defaults", "fishbone"),
    Command("fishbone.edit", "e,enter", "edit", K + "edit", H + "fishbone_edit", "fishbone"),
    Command("fishbone.role", "r", "cycle_role", K + "role", H + "role", "fishbone"),
    Command("fishbone.delete", "d,delete", "delete", K + "delete", H + "fishbone_delete",
            "fishbone"),
    Command("fishbone.move_to", "m", "move_to", K + "move_to", H + "fishbone_move_to", "fishbone"),
    Command("fishbone.diagram", "g", "toggle_diagram", K + "diagram", H + "diagram", "fishbone"),
    Command("fishbone.diagram.back", "g", "toggle_diagram", K + "diagram", H + "diagram",
            "fishbone-diagram"),
    Command("fishbone.dismiss", "x", "dismiss", K + "dismiss", H + "dismiss", "fishbone"),
    Command("fishbone.up", "shift+up", "move(-1)", K + "move_up", H + "move_up", "fishbone",
            footer=False),
    Command("fishbone.down", "shift+down", "move(1)", K + "move_down", H + "move_down", "fishbone",
            footer=False),

    # The findings under a text, the summary list, the in-place editor.
    Command("analysis.findings.dismiss", "x", "dismiss", K + "dismiss", H + "dismiss_selected",
            "analysis-findings"),
    Command("analysis.summary.go", "enter", "select", K + "go", H + "go", "analysis-summary"),
    Command("analysis.editor.save", "enter", "submit", K + "save", H + "save", "analysis-editor",
            palette=False),
    Command("analysis.editor.cancel", "escape", "cancel", K + "cancel", H + "cancel",
            "analysis-editor", palette=False),
)
