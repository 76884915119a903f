"""Keys of stage 2: the timeline editor, its entry line, the paste dialog, the view switch."""

from tui.commands import Command

K, H = "timeline_ui.key.", "timeline_ui.help."

COMMANDS = (
    # The timeline (table, detail and entry line): single letters act on the selected event.
    Command("timeline.add", "a", "add", K + "add", H + "add", "timeline"),
    Command("timeline.edit", "e", "edit", K + "edit", H + "edit", "timeline"),
    Command("timeline.paste", "p", "paste", K + "paste", H + "paste", "timeline"),
    Command("timeline.delete", "d,delete", "delete", K + "delete", H + "delete", "timeline"),
    Command("timeline.start", "s", "milestone('start')", K + "start", H + "start", "timeline"),
    Command("timeline.detected", "t", "milestone('detected')", K + "detected", H + "detected",
            "timeline"),
    Command("timeline.mitigated", "m", "milestone('mitigated')", K + "mitigated", H + "mitigated",
            "timeline"),
    Command("timeline.resolved", "r", "milestone('resolved')", K + "resolved", H + "resolved",
            "timeline"),
    Command("timeline.internal", "i", "internal", K + "internal", H + "internal", "timeline"),
    Command("timeline.source", "n", "source", K + "source", H + "source", "timeline"),
    Command("timeline.local_column", "l", "local_column", K + "local_column", H + "local_column",
            "timeline", footer=False),
    Command("timeline.local_input", "L", "local_input", K + "local_input", H + "local_input",
            "timeline", footer=False),

    # The stage: switch between the timeline and the impact form.
    Command("timeline.view", "v", "switch_view", K + "view", H + "view", "timeline-stage"),

    # The entry line.
    Command("timeline.entry.close", "escape", "close_entry", K + "close", H + "close_entry",
            "timeline-entry", palette=False),

    # The paste dialog.
    Command("timeline.paste.add", "ctrl+s,ctrl+enter", "add_pasted", K + "add_pasted",
            H + "add_pasted", "timeline-paste"),
    Command("timeline.paste.cancel", "escape", "cancel", K + "cancel", H + "cancel_paste",
            "timeline-paste", palette=False),

    # The source / evidence dialog.
    Command("timeline.source.cancel", "escape", "cancel", K + "cancel", H + "cancel_source",
            "timeline-source", palette=False),
)
