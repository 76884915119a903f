"""Messages that flow up from the stage views to the workspace."""

from textual.message import Message


class DocumentChanged(Message):
    """The document was edited; the workspace autosaves and refreshes the stage strip."""


class JumpTo(Message):
    """Go to a stage and, where given, the item or field to fix."""

    def __init__(self, stage: int, location: str | None = None) -> None:
        super().__init__()
        self.stage, self.location = stage, location
