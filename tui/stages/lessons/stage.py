"""Stage 4 — what worked / what didn't: three lists (went well, went wrong, got lucky).

Side by side when there is room; below ``NARROW_WIDTH`` columns only the current list is shown,
under a one-line tab row naming all three. Adding is a loop: ``a``, type, Enter, type the
next one, Enter on an empty line to stop. Every change (add, edit, move, delete) can be undone
with u or Ctrl+Z (the workspace's history of the whole postmortem).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from postmortem.hidden_text import mark_hidden
from postmortem.i18n import t
from tui.stages.base import StageView
from tui.widgets.text_field import TextField

LISTS = ("went_well", "went_wrong", "lucky")
NARROW_WIDTH = 100   # below this the three columns would wrap every line several times


def lesson_prompt(number: int, text: str) -> Table:
    """One entry with a hanging indent, so wrapped lines stay clear of the number."""
    grid = Table.grid(padding=(0, 1, 0, 0), expand=True)
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(f"{number}.", style="dim"), Text(mark_hidden(text)))
    return grid


class LessonList(OptionList):
    """The entries of one list; Enter edits the highlighted one."""

    def __init__(self, key: str) -> None:
        super().__init__(id=f"lessons-{key}", classes="lesson-list", compact=True)
        self.key = key

    def show(self, items: list[str], highlight: int | None = None) -> None:
        keep = self.highlighted if highlight is None else highlight
        self.set_options([Option(lesson_prompt(n, text)) for n, text in enumerate(items, start=1)])
        if items:
            self.highlighted = min(max(keep or 0, 0), len(items) - 1)


class LessonEditor(TextField):
    """The line editor under a list, for a new entry or the highlighted one; Ctrl+Z undoes
    typing in the line only (Enter or Esc ends it, then the postmortem's history takes over)."""

    def __init__(self, key: str) -> None:
        super().__init__(id=f"lessons-{key}-editor", classes="lesson-editor", own_undo_only=True)
        self.key = key


class LessonColumn(Vertical):
    def __init__(self, key: str) -> None:
        super().__init__(id=f"lessons-column-{key}", classes="lesson-column")
        self.key = key

    def on_resize(self, event: events.Resize) -> None:
        # The editor sits right under the last entry; a long list scrolls above it.
        self.query_one(LessonList).styles.max_height = max(1, event.size.height - 2)

    def compose(self) -> ComposeResult:
        yield Static("", classes="lesson-heading")
        yield Static(t("lessons_ui.empty"), classes="lesson-empty")
        yield LessonList(self.key)
        yield LessonEditor(self.key)


@dataclass
class EditorState:
    key: str
    index: int | None    # None: adding new entries; a number: editing that entry


class LessonsStage(StageView):
    STAGE = 4
    COMMAND_SCOPE = "lessons"

    current: var[str] = var(LISTS[0], init=False)
    """The list the keys act on (the one shown when the screen is narrow)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.editing: EditorState | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="lessons-tabs")
        with Horizontal(id="lessons-columns"):
            for key in LISTS:
                yield LessonColumn(key)

    def on_mount(self) -> None:
        self.refresh_from_document()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW_WIDTH, "-narrow")

    # Showing ----------------------------------------------------------------------------

    def items(self, key: str) -> list[str]:
        return getattr(self.document.lessons, key)

    def list_of(self, key: str) -> LessonList:
        return self.query_one(f"#lessons-{key}", LessonList)

    def editor_of(self, key: str) -> LessonEditor:
        return self.query_one(f"#lessons-{key}-editor", LessonEditor)

    def refresh_from_document(self, highlight: dict[str, int] | None = None) -> None:
        for key in LISTS:
            items = self.items(key)
            column = self.query_one(f"#lessons-column-{key}", LessonColumn)
            column.query_one(".lesson-heading", Static).update(
                t("lessons_ui.heading", title=t(f"lessons.{key}"), count=len(items)))
            column.query_one(".lesson-empty", Static).display = not items
            self.list_of(key).show(items, (highlight or {}).get(key))
        self._show_current()

    def watch_current(self) -> None:
        self._show_current()

    def _show_current(self) -> None:
        for key in LISTS:
            self.query_one(f"#lessons-column-{key}").set_class(key == self.current, "-current")
        tabs = Text()
        for number, key in enumerate(LISTS):
            if number:
                tabs.append("  │  ", style="dim")
            label = t("lessons_ui.heading", title=t(f"lessons.{key}"), count=len(self.items(key)))
            tabs.append(label, style="bold reverse" if key == self.current else "")
        tabs.append(f"  {t('lessons_ui.tabs_hint')}", style="dim")
        self.query_one("#lessons-tabs", Static).update(tabs)

    @on(events.DescendantFocus)
    def _focus_moved(self, event: events.DescendantFocus) -> None:
        key = getattr(event.widget, "key", None)
        if key in LISTS:
            self.current = key

    def focus_first(self) -> None:
        self.list_of(self.current).focus()

    def focus_location(self, location: str) -> bool:
        # "lessons.went_wrong", or one entry of it: "lessons.went_wrong[1]" (a finding's place).
        key, _, index = location.split(".")[-1].partition("[")
        if key in LISTS:
            self.current = key
            entries = self.list_of(key)
            entries.focus()
            number = index.removesuffix("]")
            if number.isdigit() and int(number) < entries.option_count:
                entries.highlighted = int(number)
            return True
        if location == "lessons":
            self.focus_first()
            return True
        return False

    def show_change(self, location: str | None) -> None:
        if location:
            self.focus_location(location)

    # Changing ---------------------------------------------------------------------------

    def _after_change(self, key: str, index: int | None) -> None:
        self.refresh_from_document({key: index} if index is not None else None)
        self.changed()

    def _highlighted(self) -> int | None:
        items = self.items(self.current)
        index = self.list_of(self.current).highlighted
        return index if items and index is not None and index < len(items) else None

    def action_switch(self, step: int) -> None:
        self.current = LISTS[(LISTS.index(self.current) + step) % len(LISTS)]
        self.list_of(self.current).focus()

    def action_add(self) -> None:
        if self.editable():
            self._open_editor(EditorState(self.current, None), "")

    def action_edit(self) -> None:
        index = self._highlighted()
        if index is not None and self.editable():
            self._open_editor(EditorState(self.current, index), self.items(self.current)[index])

    @on(OptionList.OptionSelected, ".lesson-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()

    def action_delete(self) -> None:
        index = self._highlighted()
        if index is None or not self.editable():
            return
        items = self.items(self.current)
        removed = items.pop(index)
        self._after_change(self.current, min(index, len(items) - 1))
        self.notify(t("lessons_ui.deleted", text=removed), timeout=4)

    def action_move(self, step: int) -> None:
        index = self._highlighted()
        items = self.items(self.current)
        if index is None or not 0 <= index + step < len(items) or not self.editable():
            return
        items[index], items[index + step] = items[index + step], items[index]
        self._after_change(self.current, index + step)

    def action_transfer(self, step: int) -> None:
        """Move the highlighted entry to the neighbouring list (it was filed in the wrong one)."""
        index = self._highlighted()
        target = LISTS.index(self.current) + step
        if index is None or not 0 <= target < len(LISTS) or not self.editable():
            return
        text = self.items(self.current).pop(index)
        destination = self.items(LISTS[target])
        destination.append(text)
        source = self.current
        self.current = LISTS[target]
        self.refresh_from_document({source: max(index - 1, 0), self.current: len(destination) - 1})
        self.list_of(self.current).focus()
        self.changed()

    # The line editor ----------------------------------------------------------------------

    def _open_editor(self, state: EditorState, value: str) -> None:
        self._close_editor(commit=True)
        self.editing = state
        editor = self.editor_of(state.key)
        editor.placeholder = t("lessons_ui.add_placeholder" if state.index is None
                               else "lessons_ui.edit_placeholder")
        editor.set_text(value)
        editor.add_class("-open")
        editor.focus()

    def _commit(self, text: str) -> bool:
        """Store what the editor holds; False when there was nothing to store."""
        state = self.editing
        text = " ".join(text.split())
        if state is None or not text:
            return False
        items = self.items(state.key)
        if state.index is None:
            items.append(text)
            self._after_change(state.key, len(items) - 1)
        elif state.index < len(items) and items[state.index] != text:
            items[state.index] = text
            self._after_change(state.key, state.index)
        return True

    def _close_editor(self, commit: bool) -> None:
        state, editor = self.editing, None
        if state is None:
            return
        editor = self.editor_of(state.key)
        if commit:
            self._commit(editor.value)
        self.editing = None
        editor.value = ""
        editor.remove_class("-open")

    @on(Input.Submitted, ".lesson-editor")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        state = self.editing
        if state is None:
            return
        if state.index is None and self._commit(event.value):
            self.editor_of(state.key).set_text("")   # stay in add mode for the next entry
            return
        self._close_editor(commit=state.index is not None)
        self.list_of(state.key).focus()

    @on(events.DescendantBlur)
    def _editor_left(self, event: events.DescendantBlur) -> None:
        # Leaving the editor (Escape, Tab, a click) keeps what was typed.
        if isinstance(event.widget, LessonEditor) and self.editing is not None:
            self._close_editor(commit=True)
