"""Keys of the views across the library (issue 17): a, r and s in the library open the
Actions, Reviews and Stats views; in the Actions view g groups by owner or by due week."""

from tui.commands import Command

K, H = "team.key.", "team.keyhelp."

# Not in the library's footer: at 80 columns they would push out Undo, Trash, Quit and Help.
# F1 and the command palette list them.
COMMANDS = (
    Command("library.actions", "a", "team_view('actions')", K + "actions", H + "actions", "library",
            footer=False),
    Command("library.reviews", "r", "team_view('reviews')", K + "reviews", H + "reviews", "library",
            footer=False),
    Command("library.stats", "s", "team_view('stats')", K + "stats", H + "stats", "library",
            footer=False),
    Command("team-actions.open", "enter", "open", K + "open", H + "open_action", "team-actions"),
    Command("team-actions.group", "g", "regroup", K + "group", H + "group", "team-actions"),
    Command("team-actions.close", "escape", "close", K + "close", H + "close", "team-actions"),
    Command("team-reviews.open", "enter", "open", K + "open", H + "open_review", "team-reviews"),
    Command("team-reviews.close", "escape", "close", K + "close", H + "close", "team-reviews"),
    Command("team-stats.close", "escape", "close", K + "close", H + "close", "team-stats"),
)
