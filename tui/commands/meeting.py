"""Keys of the meeting itself (issue 14): the clock, the agenda."""

from tui.commands import Command

K, H = "meeting.key.", "meeting.help."

COMMANDS = (
    Command("app.presenter", "ctrl+t", "app.toggle_presenter", "presenter.key", "presenter.help",
            "app", priority=True, footer=False),
    # Priority: the clock is worked while the scribe types in a field. Not in the footer: at
    # 80 columns it would push out Quit; F1 and the palette list the meeting keys.
    Command("workspace.meeting", "f8", "meeting_toggle", K + "start", H + "start", "workspace",
            priority=True, footer=False),
    Command("workspace.move-on", "f9", "meeting_move_on", K + "move_on", H + "move_on",
            "workspace", priority=True, footer=False),
    # Many terminals send Shift+F8 as F20: both are bound.
    Command("workspace.end-meeting", "shift+f8,f20", "meeting_end", K + "end", H + "end",
            "workspace", priority=True, footer=False),
    Command("workspace.agenda", "f7", "agenda", K + "agenda", H + "agenda", "workspace",
            priority=True, footer=False),
    Command("agenda.edit", "enter,e", "edit", "agenda.key.edit", "agenda.help.edit",
            "agenda-list"),
    Command("agenda.full", "f", "full", "agenda.key.full", "agenda.help.full", "agenda"),
    Command("agenda.lightweight", "l", "lightweight", "agenda.key.lightweight",
            "agenda.help.lightweight", "agenda"),
    Command("agenda.close", "escape,f7", "close", "agenda.key.close", "agenda.help.close",
            "agenda", palette=False),
    Command("workspace.wrapup", "ctrl+g", "wrap_up", "wrapup.key.open", "wrapup.help.open",
            "workspace", priority=True, footer=False),
    Command("wrapup.write", "w", "write", "wrapup.key.write", "wrapup.help.write", "wrapup"),
    Command("wrapup.close", "escape,ctrl+g", "close", "wrapup.key.close", "wrapup.help.close",
            "wrapup", palette=False),
)
