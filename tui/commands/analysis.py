"""Keys of stage 3: the stage itself, the whys tree, the fishbone editor, findings, summary."""

from tui.commands.command import Command

STAGE = 3
VIEW_SCOPE = "analysis"

COMMANDS = {
    # The stage, wherever the focus is inside it (not while typing in a field).
    "analysis": (
        Command("analysis.view", "t", "next_view"),
        Command("analysis.problem", "p", "focus_problem", footer=False),
    ),
    # The five-whys tree.
    "whys": (
        Command("whys.add", "a", "add_why"),
        Command("whys.sibling", "s", "add_sibling"),
        Command("whys.edit", "e,enter", "edit"),
        Command("whys.role", "r", "cycle_role"),
        Command("whys.delete", "d,delete", "delete"),
        Command("whys.move_to", "m", "move_to"),
        Command("whys.evidence", "v", "evidence"),
        Command("whys.dismiss", "x", "dismiss"),
        Command("whys.up", "shift+up", "move(-1)", footer=False),
        Command("whys.down", "shift+down", "move(1)", footer=False),
    ),
    # The fishbone editor (categories with their causes), and its diagram.
    "fishbone": (
        Command("fishbone.add_cause", "a", "add_cause"),
        Command("fishbone.add_category", "c", "add_category"),
        Command("fishbone.defaults", "D", "add_defaults"),
        Command("fishbone.edit", "e,enter", "edit"),
        Command("fishbone.role", "r", "cycle_role"),
        Command("fishbone.delete", "d,delete", "delete"),
        Command("fishbone.move_to", "m", "move_to"),
        Command("fishbone.diagram", "g", "toggle_diagram"),
        Command("fishbone.dismiss", "x", "dismiss"),
        Command("fishbone.up", "shift+up", "move(-1)", footer=False),
        Command("fishbone.down", "shift+down", "move(1)", footer=False),
    ),
    "fishbone-diagram": (
        Command("fishbone.diagram.back", "g", "toggle_diagram"),
    ),
    # The findings under a text, the summary list, the in-place editor.
    "analysis-findings": (
        Command("analysis.findings.dismiss", "x", "dismiss"),
    ),
    "analysis-summary": (
        Command("analysis.summary.go", "enter", "select"),
    ),
    "analysis-editor": (
        Command("analysis.editor.save", "enter", "submit", palette=False),
        Command("analysis.editor.cancel", "escape", "cancel", palette=False),
    ),
}
