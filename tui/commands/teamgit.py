"""Keys of the merge-conflict banner at the top of the workspace (tui/widgets/conflict_banner.py)."""

from tui.commands import Command

COMMANDS = (
    Command("conflicts.ours", "o", "keep_ours", "team_git.key.ours", "team_git.help.keep_ours",
            "conflicts"),
    Command("conflicts.theirs", "t", "take_theirs", "team_git.key.theirs", "team_git.help.take_theirs",
            "conflicts"),
)
