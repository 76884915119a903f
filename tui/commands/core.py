"""Keys of the app, the library and the postmortem workspace."""

from tui.commands import Command

# What Textual reads when a terminal sends Esc then 1…6 (Alt+1…6 as most terminals send it).
ESC_DIGIT_KEYS = ("inverted_exclamation_mark", "trade_mark_sign", "pound_sign", "cent_sign",
                  "infinity", "section_sign")

COMMANDS = (
    Command("app.help", "f1", "app.help", "key.help", "help.help", "app", priority=True),
    Command("app.quit", "ctrl+q", "app.quit", "key.quit", "help.quit", "app", priority=True),
    Command("library.new", "n", "new", "key.new", "help.library_new", "library"),
    Command("library.open", "enter", "open", "key.open", "help.library_open", "library"),
    Command("library.delete", "delete", "delete", "key.delete", "help.library_delete", "library"),
    Command("library.filter", "slash", "filter", "key.filter", "help.library_filter", "library"),
    Command("library.quit", "q", "app.quit", "key.quit", "help.quit", "library", footer=False,
            palette=False),
    *(Command(f"workspace.stage-{n}", str(n), f"stage({n})", f"key.stage{n}", f"help.stage{n}",
              "workspace", footer=False) for n in range(1, 7)),
    # Alt+1…6 work everywhere, also while typing in a field. Terminals that send Alt as Esc
    # send Esc 1 for Alt+1, which Textual reads as "¡" (as macOS's Option+1 types it): those
    # six characters are bound too, so the jump works in GNOME Terminal, Konsole, VS Code, tmux.
    *(Command(f"workspace.alt-stage-{n}", f"alt+{n},{ESC_DIGIT_KEYS[n - 1]}", f"stage({n})",
              f"key.stage{n}", f"help.alt_stage{n}", "workspace", footer=False, palette=False,
              priority=True) for n in range(1, 7)),
    Command("workspace.next", "alt+right,ctrl+pagedown", "next_stage", "key.next",
            "help.next_stage", "workspace", priority=True),
    Command("workspace.previous", "alt+left,ctrl+pageup", "previous_stage", "key.previous",
            "help.previous_stage", "workspace", priority=True, footer=False),
    # One undo for the whole postmortem (postmortem.history); a text field undoes its own
    # typing first and passes the keys on when it has nothing left (tui.widgets.text_field).
    Command("workspace.undo", "ctrl+z,u", "undo", "key.undo", "help.undo", "workspace"),
    Command("workspace.redo", "ctrl+y", "redo", "key.redo", "help.redo", "workspace",
            footer=False),
    Command("workspace.strip", "escape", "focus_strip", "key.strip", "help.focus_strip",
            "workspace", footer=False, palette=False),
    Command("workspace.review", "f5", "final_review", "key.review", "help.final_review",
            "workspace", priority=True),
    Command("workspace.export", "f6", "export", "key.export", "help.export", "workspace",
            priority=True),
    Command("workspace.library", "ctrl+l", "library", "key.library", "help.library", "workspace",
            priority=True),
    Command("workspace.save", "ctrl+s", "save_now", "key.save", "help.save_now", "workspace",
            priority=True, footer=False),
)

# Home/End in every list that is a table or a tree (option lists have them already): the
# first and last item, not a sideways scroll. PageUp/PageDown stay the widgets' own.
LIST_COMMANDS = (
    Command("rows.first", "home", "scroll_top", "key.first", "help.first_item", "rows",
            footer=False, palette=False),
    Command("rows.last", "end", "scroll_bottom", "key.last", "help.last_item", "rows",
            footer=False, palette=False),
)
COMMANDS = COMMANDS + LIST_COMMANDS
