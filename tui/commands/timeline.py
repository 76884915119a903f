"""Keys of stage 2: the timeline editor, its entry line, the view switch."""

from tui.commands.command import Command

STAGE = 2
VIEW_SCOPE = "timeline-stage"

COMMANDS = {
    # The timeline (table, detail and entry line): single letters act on the selected event.
    "timeline": (
        Command("timeline.add", "a", "add"),
        Command("timeline.edit", "e", "edit"),
        Command("timeline.paste", "p", "paste"),
        Command("timeline.delete", "d,delete", "delete"),
        Command("timeline.start", "s", "milestone('start')"),
        Command("timeline.detected", "t", "milestone('detected')"),
        Command("timeline.mitigated", "m", "milestone('mitigated')"),
        Command("timeline.resolved", "r", "milestone('resolved')"),
        Command("timeline.internal", "i", "internal"),
        Command("timeline.source", "n", "source"),
        Command("timeline.local_column", "l", "local_column", footer=False),
        Command("timeline.local_input", "L", "local_input", footer=False),
    ),
    # The stage: switch between the timeline and the impact form.
    "timeline-stage": (
        Command("timeline.view", "v", "switch_view"),
    ),
    # The entry line.
    "timeline-entry": (
        Command("timeline.entry.close", "escape", "close_entry", palette=False),
    ),
}
