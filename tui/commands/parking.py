"""Keys of the meeting room (issue 14, parts 2 and 3): parking a topic from anywhere in a
postmortem, the parking-lot panel, settling the topics on stage 5, the questions for the room
and the blameless preamble read aloud."""

from tui.commands.command import Command

COMMANDS = {
    "workspace": (
        # Work while typing in a field: a topic is parked the moment it comes up.
        Command("workspace.park", "ctrl+o", "park_topic", priority=True, footer=False),
        Command("workspace.parking-lot", "f11", "toggle_parking_lot", priority=True, footer=False),
        Command("workspace.questions", "f3", "toggle_questions", priority=True, footer=False),
        Command("workspace.preamble", "ctrl+r", "read_preamble", priority=True, footer=False),
    ),
    "actions": (
        # Stage 5: settle what was parked.
        Command("actions.settle-parked", "p", "settle_parked", footer=False),
    ),
    "parking-settle": (
        # The settling dialog.
        Command("parking.make-action", "a", "make_action"),
        Command("parking.keep-idea", "k", "keep_idea"),
        Command("parking.drop", "x", "drop"),
        Command("parking.close", "escape", "close", palette=False),
    ),
    "one-line": (
        # Any one-line question (parking a topic, the reason a topic is dropped).
        Command("one-line.cancel", "escape", "cancel", palette=False),
    ),
    "preamble": (
        Command("preamble.close", "escape,ctrl+r,q", "close", palette=False),
    ),
}
