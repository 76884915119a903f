"""The app's one-line text fields."""

from rich.cells import cell_len
from textual.geometry import Region
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
    silently replacing what the room already agreed on), compact by default.

    A field too long for its width shows the start of its text while it is not focused (the
    words a reader looks for first), and scrolls to the cursor when focused again: a plain
    Input stays scrolled to wherever typing left it, so it showed the end of a long title.
    """

    def __init__(self, value: str = "", **kwargs) -> None:
        kwargs.setdefault("select_on_focus", False)
        kwargs.setdefault("compact", True)  # one line per field: a whole form fits at 80×24
        super().__init__(value, **kwargs)

    def show_start(self) -> None:
        self.scroll_to(x=0, animate=False, force=True, immediate=True)

    def on_blur(self) -> None:
        self.show_start()

    def watch_value(self) -> None:
        if not self.has_focus:
            self.show_start()   # filled from the document while another field has focus

    def on_focus(self) -> None:
        cursor = cell_len(self.value[: self.cursor_position])
        self.scroll_to_region(Region(cursor, 0, 1, 1), animate=False, force=True,
                              immediate=True)
