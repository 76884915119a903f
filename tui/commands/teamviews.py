"""Keys of the views across the library (issue 17): a, r and s in the library open the
Actions, Reviews and Stats views; in the Actions view g groups by owner or by due week."""

from tui.commands.command import Command

COMMANDS = {
    "library": (
        Command("library.actions", "a", "team_view('actions')", footer=False),
        Command("library.reviews", "r", "team_view('reviews')", footer=False),
        Command("library.stats", "s", "team_view('stats')", footer=False),
    ),
    "team-actions": (
        Command("team-actions.open", "enter", "open"),
        Command("team-actions.group", "g", "regroup"),
        Command("team-actions.close", "escape", "close"),
    ),
    "team-reviews": (
        Command("team-reviews.open", "enter", "open"),
        Command("team-reviews.close", "escape", "close"),
    ),
    "team-stats": (
        Command("team-stats.close", "escape", "close"),
    ),
}
