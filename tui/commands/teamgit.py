"""Keys of the merge-conflict banner at the top of the workspace (tui/widgets/conflict_banner.py)."""

from tui.commands.command import Command

COMMANDS = {
    "conflicts": (
        Command("conflicts.ours", "o", "keep_ours"),
        Command("conflicts.theirs", "t", "take_theirs"),
    ),
}
