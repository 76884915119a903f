"""Keys of the app, the library and the postmortem workspace."""

from tui.commands import Command

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
    Command("workspace.next", "ctrl+pagedown", "next_stage", "key.next", "help.next_stage",
            "workspace", priority=True),
    Command("workspace.previous", "ctrl+pageup", "previous_stage", "key.previous",
            "help.previous_stage", "workspace", priority=True, footer=False),
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
