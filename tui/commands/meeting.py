"""Keys of the meeting itself (issue 14): the clock, the agenda."""

from tui.commands.command import Command

COMMANDS = {
    "app": (
        Command("app.presenter", "ctrl+t", "app.toggle_presenter", priority=True, footer=False),
    ),
    "workspace": (
        # Priority: the clock is worked while the scribe types in a field. Not in the footer: at
        # 80 columns it would push out Quit; F1 and the palette list the meeting keys.
        Command("workspace.meeting", "f8", "meeting_toggle", priority=True, footer=False),
        Command("workspace.move-on", "f9", "meeting_move_on", priority=True, footer=False),
        # Many terminals send Shift+F8 as F20: both are bound.
        Command("workspace.end-meeting", "shift+f8,f20", "meeting_end", priority=True, footer=False),
        Command("workspace.agenda", "f7", "agenda", priority=True, footer=False),
        Command("workspace.wrapup", "ctrl+g", "wrap_up", priority=True, footer=False),
    ),
    "agenda-list": (
        Command("agenda.edit", "enter,e", "edit"),
    ),
    "agenda": (
        Command("agenda.full", "f", "full"),
        Command("agenda.lightweight", "l", "lightweight"),
        Command("agenda.close", "escape,f7", "close", palette=False),
    ),
    "wrapup": (
        Command("wrapup.write", "w", "write"),
        Command("wrapup.close", "escape,ctrl+g", "close", palette=False),
    ),
}
