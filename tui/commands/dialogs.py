"""Keys of the dialogs that are not a stage's own: confirming, a new postmortem, dismissing a
finding, picking from a list, picking an action's causes, the unsaved-edits and the
outside-change choices. Screens of their own, so their keys are offered only while they are
open (no ``STAGE`` here). From the registry, their footer speaks the language of the moment,
after a switch too."""

from tui.commands.command import Command

COMMANDS = {
    "confirm": (
        Command("confirm.no", "escape,n", "answer(False)", palette=False),
        Command("confirm.yes", "y", "answer(True)", palette=False),
    ),
    "new-postmortem": (
        Command("new_postmortem.cancel", "escape", "cancel", palette=False),
    ),
    "dismiss-finding": (
        Command("dismiss_finding.cancel", "escape", "cancel", palette=False),
    ),
    "pick": (
        Command("pick.cancel", "escape", "cancel", palette=False),
    ),
    "cause-picker": (
        Command("cause_picker.cancel", "escape", "cancel", palette=False),
        Command("cause_picker.confirm", "ctrl+s", "confirm", priority=True),
    ),
    "cause-list": (
        Command("cause_list.confirm", "enter", "screen.confirm", footer=False, palette=False),
    ),
    "unsaved": (
        Command("unsaved.retry", "r", "choose('retry')"),
        Command("unsaved.copy", "c", "choose('copy')"),
        Command("unsaved.discard", "d", "choose('discard')"),
        Command("unsaved.cancel", "escape", "choose('cancel')", palette=False),
    ),
    "outside-change": (
        Command("outside_change.mine", "m", "choose('mine')"),
        Command("outside_change.theirs", "t", "choose('theirs')"),
        Command("outside_change.merge", "b", "choose('merge')"),
    ),
}
