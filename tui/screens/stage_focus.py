"""Where the focus goes in the workspace: a stage opens on its list (a form on the strip, a
field only if it was left in one), and Tab goes round the stage on screen (issue 12, item 1-2).
"""

from __future__ import annotations

from textual.containers import ScrollableContainer
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, TextArea

from tui.stages.base import StageView
from tui.widgets.stage_strip import StageStrip


class StageFocus(Screen):
    """Mixed into the workspace, which sets ``current_stage`` and ``_field_focus`` (the text
    field that had focus when each stage was left)."""

    current_stage: int
    _field_focus: dict[int, Widget]

    def _remember_field_focus(self) -> None:
        """Leaving a stage: remember the text field being typed in, if any (only then)."""
        focused = self.focused
        view = self._current_view()
        if view is not None and isinstance(focused, (Input, TextArea)) \
                and view in focused.ancestors:
            self._field_focus[self.current_stage] = focused
        else:
            self._field_focus.pop(self.current_stage, None)

    def _focus_on_open(self, view: StageView) -> None:
        """A stage opens on the field it was left in; else on its main list, table or tree;
        a form stage (scope, communication) on the stage strip, so no key types into a field."""
        field = self._field_focus.pop(view.STAGE, None)
        if field is not None and field.is_attached and view in field.ancestors \
                and field.focusable:
            self.set_focus(field)
        elif view.FORM:
            self.query_one(StageStrip).focus()
        else:
            view.focus_first()

    def _current_view(self) -> StageView | None:
        found = self.query(f"#stage-{self.current_stage}")
        return found.first(StageView) if found else None

    def focus_next(self, selector: str | type = "*") -> Widget | None:
        """Tab moves within the stage on screen, last field back to the first; the strip is
        outside that round (Esc goes there; from it, Tab enters the stage again)."""
        return self._focus_in_stage(+1) or super().focus_next(selector)

    def focus_previous(self, selector: str | type = "*") -> Widget | None:
        return self._focus_in_stage(-1) or super().focus_previous(selector)

    def _focus_in_stage(self, step: int) -> Widget | None:
        view = self._current_view()
        if view is None:
            return None
        chain = [w for w in self.focus_chain if view in w.ancestors]
        # A scrolling form is not a stop of its own: its fields scroll into view when entered.
        chain = [w for w in chain if not isinstance(w, ScrollableContainer)
                 or not any(w in other.ancestors for other in chain)]
        if not chain:
            return None
        focused = self.focused
        if focused in chain:
            target = chain[(chain.index(focused) + step) % len(chain)]
        elif focused is None or isinstance(focused, StageStrip):
            target = chain[0] if step > 0 else chain[-1]
        else:
            return None
        self.set_focus(target)   # at once: the next key of a burst starts from here
        return target
