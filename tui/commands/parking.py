"""Keys of the meeting room (issue 14, parts 2 and 3): parking a topic from anywhere in a
postmortem, the parking-lot panel, settling the topics on stage 5, the questions for the room
and the blameless preamble read aloud."""

from tui.commands import Command

K, H = "room.key.", "room.help."

COMMANDS = (
    # Work while typing in a field: a topic is parked the moment it comes up.
    Command("workspace.park", "ctrl+o", "park_topic", K + "park", H + "park", "workspace",
            priority=True, footer=False),
    Command("workspace.parking-lot", "f11", "toggle_parking_lot", K + "parking_lot",
            H + "parking_lot", "workspace", priority=True, footer=False),
    Command("workspace.questions", "f3", "toggle_questions", K + "questions", H + "questions",
            "workspace", priority=True, footer=False),
    Command("workspace.preamble", "ctrl+r", "read_preamble", K + "preamble", H + "preamble",
            "workspace", priority=True, footer=False),
    # Stage 5: settle what was parked.
    Command("actions.settle-parked", "p", "settle_parked", K + "settle", H + "settle", "actions",
            footer=False),
    # The settling dialog.
    Command("parking.make-action", "a", "make_action", K + "make_action", H + "make_action",
            "parking-settle"),
    Command("parking.keep-idea", "k", "keep_idea", K + "keep_idea", H + "keep_idea",
            "parking-settle"),
    Command("parking.drop", "x", "drop", K + "drop", H + "drop", "parking-settle"),
    Command("parking.close", "escape", "close", K + "close", H + "close_settle", "parking-settle",
            palette=False),
    # Any one-line question (parking a topic, the reason a topic is dropped).
    Command("one-line.cancel", "escape", "cancel", K + "cancel", H + "cancel", "one-line",
            palette=False),
    Command("preamble.close", "escape,ctrl+r,q", "close", K + "close", H + "close_preamble",
            "preamble", palette=False),
)
