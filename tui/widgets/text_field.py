"""The app's one-line text field."""

from textual.widgets import Input


class TextField(Input):
    """An Input that keeps its text when focused (tabbing in and typing appends instead of
    silently replacing what the room already agreed on), compact by default."""

    def __init__(self, value: str = "", **kwargs) -> None:
        kwargs.setdefault("select_on_focus", False)
        kwargs.setdefault("compact", True)  # one line per field: a whole form fits at 80×24
        super().__init__(value, **kwargs)
