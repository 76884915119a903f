"""The app's text fields: a one-line ``TextField`` and a multi-line ``TextBox``.

Both keep their text when focused (never select it all: tabbing in and typing appends instead
of silently replacing what the room already agreed on), and both undo typing with Ctrl+Z and
redo it with Ctrl+Y. Their own history covers the typing since the field was entered; past
its start the keys fall through to the workspace, which undoes earlier changes of the
postmortem (``postmortem.history``). A line editor whose text is not an item of its own yet
(``own_undo_only``) keeps the keys to itself.
"""

from __future__ import annotations

import time

from rich.cells import cell_len
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.reactive import Reactive
from textual.widgets import Input, TextArea

from postmortem.i18n import t
from postmortem.writable import writable_text
from tui.commands.core import ESC_DIGIT_KEYS

WORD_PAUSE = 1.0   # seconds: typing after a longer pause is a new undo step


def leaves_to_app(key: str) -> bool:
    """Keys a field must not take although they carry a character: Alt+1…6 as terminals send
    them (Esc then the digit) reach the app as "¡™£¢∞§", the same key events as typing those
    characters, so they are not typed into a field (the price: they cannot be typed there)."""
    return key in ESC_DIGIT_KEYS


UNDO_BINDINGS = [
    Binding("ctrl+z", "undo", show=False),
    Binding("ctrl+y", "redo", show=False),
]


def typing_burst(focused: object) -> object:
    """What an edit made now is typed in: the field and its visit (None: not typing)."""
    if isinstance(focused, (TextField, TextBox)):
        return (focused, focused.visit)
    return None


class WritableInput(Input):
    """An Input whose value is always text every writer can write: a pasted control
    character (an escape sequence, a NUL) or lone surrogate is dropped as it comes in,
    since validation would refuse the document that held it (``postmortem.writable``)."""

    # One line that scrolls inside itself: when its text grows, nothing around it moves, so
    # it is repainted rather than laid out with the whole screen at every key (Widget's own
    # ``virtual_size`` asks for a layout, which costs a screen of fields several milliseconds).
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), repaint=True)

    def validate_value(self, value: str) -> str:
        return writable_text(value)


class TextField(WritableInput):
    """An Input that keeps its text when focused, compact by default, with undo and redo.

    A field too long for its width shows the start of its text while it is not focused (the
    words a reader looks for first), and scrolls to the cursor when focused again: a plain
    Input stays scrolled to wherever typing left it, so it showed the end of a long title.
    """

    BINDINGS = UNDO_BINDINGS

    def __init__(self, value: str = "", *, own_undo_only: bool = False, **kwargs) -> None:
        self.own_undo_only = own_undo_only
        self.visit = 0   # counts the times the field was entered (or refilled): one edit each
        self._undo: list[tuple[str, int]] = []
        self._redo: list[tuple[str, int]] = []
        self._last_edit: tuple[str, float] = ("", 0.0)
        self._editing = False
        kwargs.setdefault("select_on_focus", False)
        kwargs.setdefault("compact", True)  # one line per field: a whole form fits at 80×24
        super().__init__(value, **kwargs)

    def show_start(self) -> None:
        self.scroll_to(x=0, animate=False, force=True, immediate=True)

    def on_blur(self) -> None:
        self.show_start()

    # History ------------------------------------------------------------------------------

    def reset_history(self) -> None:
        self._undo.clear()
        self._redo.clear()
        self._last_edit = ("", 0.0)
        self.visit += 1

    def set_text(self, value: str) -> None:
        """Fill the field from the program: a fresh start, with nothing to undo."""
        self.value = value
        self.reset_history()
        self.cursor_position = len(value)

    def on_focus(self) -> None:
        self.reset_history()
        cursor = cell_len(self.value[: self.cursor_position])
        self.scroll_to_region(Region(cursor, 0, 1, 1), animate=False, force=True,
                              immediate=True)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return not leaves_to_app(key) and super().check_consume_key(key, character)

    def replace(self, text: str, start: int, end: int) -> None:
        """Every edit a key makes comes through here: remember the text before it."""
        kind = "insert" if text and start == end else "delete" if not text else "replace"
        now = time.monotonic()
        last_kind, last_at = self._last_edit
        joins = (kind == last_kind and kind != "replace" and now - last_at <= WORD_PAUSE
                 and not text.isspace() and self._undo)
        before = (self.value, self.cursor_position)
        self._editing = True
        try:
            super().replace(text, start, end)
        finally:
            self._editing = False
        if self.value == before[0]:
            return
        if not joins:
            self._undo.append(before)
        self._redo.clear()
        self._last_edit = (kind, now)

    def watch_value(self, value: str) -> None:
        if not self._editing and not self._restoring_value:
            # Set by the program (a refresh from the document): older typing no longer fits.
            self._undo.clear()
            self._redo.clear()
        if not self.has_focus:
            self.show_start()   # filled from the document while another field has focus

    _restoring_value = False

    def _restore(self, source: list[tuple[str, int]], target: list[tuple[str, int]]) -> None:
        target.append((self.value, self.cursor_position))
        value, cursor = source.pop()
        self._restoring_value = True
        try:
            self.value = value
        finally:
            self._restoring_value = False
        self.cursor_position = min(cursor, len(value))
        self._last_edit = ("", 0.0)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("undo", "redo") and not self.own_undo_only:
            # Nothing (more) to undo in the field: the key goes on to the postmortem's history.
            return bool(self._undo if action == "undo" else self._redo)
        return True

    def action_undo(self) -> None:
        if self._undo:
            self._restore(self._undo, self._redo)
        else:
            self.notify(t("undo.line_start"))

    def action_redo(self) -> None:
        if self._redo:
            self._restore(self._redo, self._undo)
        else:
            self.notify(t("undo.nothing_to_redo"))


class TextBox(TextArea):
    """A TextArea in the same manner: its undo covers the typing since it was entered, then
    Ctrl+Z/Ctrl+Y go on to the postmortem's history."""

    def __init__(self, text: str = "", **kwargs) -> None:
        self.visit = 0
        super().__init__(text, **kwargs)

    def on_focus(self) -> None:
        self.history.clear()
        self.visit += 1

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return not leaves_to_app(key) and super().check_consume_key(key, character)

    def on_resize(self) -> None:
        # TextArea wraps its text again when its width changes (the stage's own scrollbar
        # appearing takes two columns from it) but draws no line again: the lines drawn at
        # the new width with the old wrapping stayed on screen until each was drawn for
        # another reason, a character at a line's end hidden under the scrollbar and pieces
        # of earlier frames left among the new lines (plain in Chinese, whose long runs
        # without spaces all move by a character when the width changes).
        self.refresh()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return bool(self.history.undo_stack)
        if action == "redo":
            return bool(self.history.redo_stack)
        return True
