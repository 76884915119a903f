"""Messages that flow up from the stage views to the workspace."""

from textual.message import Message


class DocumentChanged(Message):
    """The document was edited; the workspace autosaves and refreshes the stage strip.

    ``burst``: the text field typed in, when typing made the change (one undo step for a
    visit to a field, see ``postmortem.history``); None for any other edit."""

    def __init__(self, burst: object = None) -> None:
        super().__init__()
        self.burst = burst


class JumpTo(Message):
    """Go to a stage and, where given, the item or field to fix."""

    def __init__(self, stage: int, location: str | None = None) -> None:
        super().__init__()
        self.stage, self.location = stage, location
