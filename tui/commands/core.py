"""Keys of the app, the library and the postmortem workspace, and Home/End in lists."""

from tui.commands.command import Command

# What Textual reads when a terminal sends Esc then 1…6 (Alt+1…6 as most terminals send it).
ESC_DIGIT_KEYS = ("inverted_exclamation_mark", "trade_mark_sign", "pound_sign", "cent_sign",
                  "infinity", "section_sign")

COMMANDS = {
    "app": (
        Command("app.help", "f1", "app.help", priority=True),
        Command("app.quit", "ctrl+q", "app.quit", priority=True),
    ),
    # The help screen's one key (its label read from the catalogue when drawn, so a language
    # switch reaches it as it does every other footer).
    "help": (
        Command("help.close", "escape,f1,q", "close", palette=False),
    ),
    "library": (
        Command("library.new", "n", "new"),
        Command("library.open", "enter", "open"),
        Command("library.delete", "delete", "delete"),
        Command("library.filter", "slash", "filter"),
        Command("library.quit", "q", "app.quit", footer=False, palette=False),
    ),
    "workspace": (
        *(Command(f"workspace.stage-{n}", str(n), f"stage({n})", footer=False)
          for n in range(1, 7)),
        # Alt+1…6 work everywhere, also while typing in a field. Terminals that send Alt as Esc
        # send Esc 1 for Alt+1, which Textual reads as "¡" (as macOS's Option+1 types it): those
        # six characters are bound too, so the jump works in GNOME Terminal, Konsole, VS Code,
        # tmux.
        *(Command(f"workspace.alt-stage-{n}", f"alt+{n},{ESC_DIGIT_KEYS[n - 1]}", f"stage({n})",
                  footer=False, palette=False, priority=True) for n in range(1, 7)),
        Command("workspace.next", "alt+right,ctrl+pagedown", "next_stage", priority=True),
        Command("workspace.previous", "alt+left,ctrl+pageup", "previous_stage", priority=True,
                footer=False),
        # One undo for the whole postmortem (postmortem.history); a text field undoes its own
        # typing first and passes the keys on when it has nothing left (tui.widgets.text_field).
        Command("workspace.undo", "ctrl+z,u", "undo"),
        Command("workspace.redo", "ctrl+y", "redo", footer=False),
        Command("workspace.strip", "escape", "focus_strip", footer=False, palette=False),
        Command("workspace.review", "f5", "final_review", priority=True),
        Command("workspace.export", "f6", "export", priority=True),
        Command("workspace.library", "ctrl+l", "library", priority=True),
        Command("workspace.save", "ctrl+s", "save_now", priority=True, footer=False),
    ),
    # Home/End in every list that is a table or a tree (option lists have them already): the
    # first and last item, not a sideways scroll. PageUp/PageDown stay the widgets' own.
    "rows": (
        Command("rows.first", "home", "scroll_top", footer=False, palette=False),
        Command("rows.last", "end", "scroll_bottom", footer=False, palette=False),
    ),
}
