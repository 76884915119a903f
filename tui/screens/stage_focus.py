"""Where the focus goes in the workspace: a stage opens on its list (a form on the strip, a
field only if it was left in one), and Tab goes round the stage on screen (issue 12, item 1-2).
On the strip, the keys of the stage shown work as they do inside it (stage 6 opens there, and
its "f creates the default reviews" must not need a Tab through two summaries first).
"""

from __future__ import annotations

from textual.actions import parse
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.screen import Screen
from textual.widget import Widget
from textual.css.query import NoMatches
from textual.widgets import ContentSwitcher, Input, TextArea

from tui.commands import command_by_id, commands_for, stage_scopes
from tui.stages.base import StageView
from tui.widgets.stage_strip import StageStrip

# The command scope of each stage view that has keys of its own, from the registry (a test
# checks it against the views, which are imported only when first shown).
STAGE_VIEW_SCOPES = {stage: scopes[0] for stage, scopes in stage_scopes().items()}


def strip_bindings() -> list[Binding]:
    """Each stage view's keys, bound on the workspace for while the strip has focus."""
    return [Binding(command.key, f"strip_key({command.id!r})", command.label_text,
                    show=command.footer, id=f"strip.{command.id}", tooltip=command.help_text)
            for scope in STAGE_VIEW_SCOPES.values() for command in commands_for(scope)]


class StageFocus(Screen):
    """Mixed into the workspace, which sets ``current_stage`` and ``_field_focus`` (the text
    field that had focus when each stage was left)."""

    BINDINGS = strip_bindings()

    current_stage: int
    _field_focus: dict[int, Widget]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action != "strip_key":
            return True
        if not isinstance(self.focused, StageStrip):
            return False   # the footer asks for each strip key at every change of bindings
        view = self._current_view()
        command = command_by_id(str(parameters[0]))
        if view is None or getattr(view, "COMMAND_SCOPE", None) != command.scope:
            return False   # hidden, and the key goes on to whatever else it means
        _, name, arguments = parse(command.action)
        return view.check_action(name, arguments)

    async def action_strip_key(self, command_id: str) -> None:
        view = self._current_view()
        if view is not None:
            await view.run_action(command_by_id(command_id).action)

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
        self.refresh_bindings()   # the strip may keep the focus: its keys are the new stage's
        field = self._field_focus.pop(view.STAGE, None)
        if field is not None and field.is_attached and view in field.ancestors \
                and field.focusable:
            self.set_focus(field)
        elif view.FORM:
            self.query_one(StageStrip).focus()
        else:
            view.focus_first()

    def _current_view(self) -> StageView | None:
        # A child of the switcher, by id: not a search of the whole screen (a stage of 200
        # whys is hundreds of widgets, and this is asked for every strip key).
        try:
            return self.query_one("#stages", ContentSwitcher).get_child_by_id(
                f"stage-{self.current_stage}", StageView)
        except NoMatches:
            return None

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
