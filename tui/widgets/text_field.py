"""The app's one-line text fields."""

from textual.widgets import Input

from postmortem.writable import writable_text


class WritableInput(Input):
    """An Input whose value is always text every writer can write: a pasted control
    character (an escape sequence, a NUL) or lone surrogate is dropped as it comes in,
    since validation would refuse the document that held it (``postmortem.writable``)."""

    def validate_value(self, value: str) -> str:
        return writable_text(value)


class TextField(WritableInput):
    """An Input that keeps its text when focused (tabbing in and typing appends instead of
    silently replacing what the room already agreed on), compact by default."""

    def __init__(self, value: str = "", **kwargs) -> None:
        kwargs.setdefault("select_on_focus", False)
        kwargs.setdefault("compact", True)  # one line per field: a whole form fits at 80×24
        super().__init__(value, **kwargs)
