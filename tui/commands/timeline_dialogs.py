"""Keys of stage 2's dialogs, the paste dialog and the source / evidence dialog: screens of
their own, so their keys are offered only while they are open (no ``STAGE`` here)."""

from tui.commands.command import Command

COMMANDS = {
    "timeline-paste": (
        Command("timeline.paste.add", "ctrl+s,ctrl+enter", "add_pasted"),
        Command("timeline.paste.cancel", "escape", "cancel", palette=False),
    ),
    "timeline-source": (
        Command("timeline.source.cancel", "escape", "cancel", palette=False),
    ),
}
