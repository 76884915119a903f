"""Stage 5 — action items: a board (grouped by status or type) or a table, and the form of
the selected item with its vagueness findings.

Side by side when there is room; below ``NARROW_WIDTH`` columns the form sits under the
board and lays its fields out two to a line.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.reactive import var
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, OptionList, Static

from postmortem import vocab
from postmortem.blame import RULE as BLAME_RULE
from postmortem.findings import DismissalError, active, dismiss, undismiss
from postmortem.i18n import t
from postmortem.model import Action
from postmortem.parking import forget_action
from postmortem.texts import action_location
from postmortem.vagueness import RULE, action_findings, finding_field
from tui.stages.actions import clock as actions_clock
from tui.stages.actions.board import (GROUPINGS, VIEWS, ActionBoard, ActionTable, board_order,
                                      item_facts)
from tui.screens.dismiss import DismissFindingScreen
from tui.stages.actions.dialogs import CausePickerScreen
from tui.screens.parking import SettleParkedScreen
from tui.stages.actions.form import ActionForm, DismissRequested
from tui.stages.base import StageView

NARROW_WIDTH = 110   # below this (and in the table view) the form goes under the list

class ActionsStage(StageView):
    STAGE = 5
    COMMAND_SCOPE = "actions"

    view: var[str] = var(VIEWS[0], init=False)
    """"board" or "table": how the items are listed."""
    grouping: var[str] = var(GROUPINGS[0], init=False)
    """"status" or "type": the groups of the board (the table keeps document order)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.selected_id: str | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="actions-body"):
            with Vertical(id="actions-list-pane"):
                yield Static("", id="actions-view-line")
                yield Static(t("actions_ui.empty"), id="actions-empty")
                yield ActionBoard()
                yield ActionTable()
            yield ActionForm(self.document, read_only=self.read_only,
                             today=lambda: actions_clock.today())

    def on_mount(self) -> None:
        self.refresh_views(None)

    def on_resize(self, event: events.Resize) -> None:
        self._arrange(event.size.width)

    def _arrange(self, width: int) -> None:
        # The table wants the whole width; so does everything on a narrow screen.
        self.set_class(width < NARROW_WIDTH or self.view == "table", "-narrow")

    # Showing ----------------------------------------------------------------------------

    @property
    def board(self) -> ActionBoard:
        return self.query_one(ActionBoard)

    @property
    def table(self) -> ActionTable:
        return self.query_one(ActionTable)

    @property
    def form(self) -> ActionForm:
        return self.query_one(ActionForm)

    def current_view(self) -> ActionBoard | ActionTable:
        return self.board if self.view == "board" else self.table

    def selected(self) -> Action | None:
        return next((a for a in self.document.actions if a.id == self.selected_id), None)

    def refresh_from_document(self) -> None:
        self.refresh_views(self.selected_id, reload_form=True)

    def refresh_views(self, select: str | None, *, reload_form: bool = True) -> None:
        """Redraw the board or table from the document, keeping ``select`` highlighted."""
        facts = item_facts(self.document, actions_clock.today())
        ids = [a.id for a in self.document.actions]
        if select not in ids:   # the first item as the current view shows it
            shown = board_order(facts, self.grouping) if self.view == "board" else facts
            select = shown[0].action.id if shown else None
        self.board.display = self.view == "board"
        self.table.display = self.view == "table"
        self._arrange(self.size.width)
        self.query_one("#actions-empty").display = not ids
        self.query_one("#actions-view-line", Static).update(t(
            f"actions_ui.view_line.{self.view}", grouping=t(f"actions_ui.grouping.{self.grouping}"),
            other=t(f"actions_ui.grouping.{_other(GROUPINGS, self.grouping)}")))
        previous = self.selected_id
        self.selected_id = select
        if self.view == "board":
            self.board.show(facts, self.grouping, select)
        else:
            self.table.show(facts, select)
        if reload_form or select != previous:
            self.form.show(self.selected())

    def watch_view(self) -> None:
        self.refresh_views(self.selected_id, reload_form=False)

    def watch_grouping(self) -> None:
        self.refresh_views(self.selected_id, reload_form=False)

    def _select(self, action_id: str | None) -> None:
        if action_id is not None and action_id != self.selected_id:
            self.selected_id = action_id
            self.form.show(self.selected())

    @on(OptionList.OptionHighlighted, "#action-board")
    def _board_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._select(event.option.id)

    @on(DataTable.RowHighlighted, "#action-table")
    def _table_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._select(event.row_key.value)

    @on(OptionList.OptionSelected, "#action-board")
    @on(DataTable.RowSelected, "#action-table")
    def _chosen(self, event) -> None:
        event.stop()
        self.action_edit()

    def focus_first(self) -> None:
        self.current_view().focus()

    def show_change(self, location: str | None) -> None:
        if any(a.id == location for a in self.document.actions):
            self.refresh_views(location)
        self.current_view().focus()

    def focus_location(self, location: str) -> bool:
        action = next((a for a in self.document.actions if a.id == location), None)
        if action is not None:
            self.refresh_views(action.id)
            findings = active(self.document, action_findings(action, today=actions_clock.today()))
            if not findings or not self.form.focus_field(finding_field(findings[0])):
                self.current_view().focus()
            return True
        if location == "actions":
            self.focus_first()
            return True
        return False

    # Editing ----------------------------------------------------------------------------

    def _selected_or_hint(self) -> Action | None:
        action = self.selected()
        if action is None:
            self.notify(t("actions_ui.nothing_selected"))
        return action

    @on(ActionForm.Edited)
    def _edited(self, event: ActionForm.Edited) -> None:
        event.stop()
        self.refresh_views(event.action.id, reload_form=False)
        self.changed()

    @on(ActionForm.Done)
    def _form_done(self, event: ActionForm.Done) -> None:
        event.stop()
        self.current_view().focus()

    def action_add(self) -> None:
        if not self.editable():
            return
        action = Action(id=self.document.next_id("a"))
        # Dismissals left behind by a deleted item of the same id are not this item's.
        prefixes = (f"{RULE}:{action.id}:", f"{BLAME_RULE}:{action_location(action.id)}:")
        self.document.dismissed_findings = [d for d in self.document.dismissed_findings
                                            if not d.key.startswith(prefixes)]
        self.document.actions.append(action)
        self.refresh_views(action.id)
        self.changed()
        self.form.focus_field("title")

    def action_edit(self) -> None:
        if self._selected_or_hint() is not None:
            self.form.focus_field("title")

    def action_delete(self) -> None:
        action = self._selected_or_hint()
        if action is None or not self.editable():
            return
        index = self.document.actions.index(action)
        self.document.actions.remove(action)
        forget_action(self.document, action.id)   # its parked topic is to settle again
        ids = [a.id for a in self.document.actions]
        following = ids[min(index, len(ids) - 1)] if ids else None
        self.refresh_views(following)
        self.changed()
        self.notify(t("actions_ui.deleted", id=action.id, title=action.title or "…"), timeout=4)

    def action_settle_parked(self) -> None:
        if self.editable():
            self.app.push_screen(SettleParkedScreen(self.document, self._settled),
                                 self._settle_closed)

    def _settled(self) -> None:
        self.refresh_views(self.selected_id)
        self.changed()

    def _settle_closed(self, made: str | None) -> None:
        """A topic made into an action: its item is selected, its title ready to edit."""
        if made is not None:
            self.refresh_views(made)
            self.form.focus_field("title")
            self.notify(t("room.settle.made", id=made), timeout=4)

    def _cycle(self, field: str, values: tuple[str, ...]) -> None:
        action = self._selected_or_hint()
        if action is None or not self.editable():
            return
        setattr(action, field, _other(values, getattr(action, field)))
        self.refresh_views(action.id)
        self.changed()

    def action_cycle_status(self) -> None:
        self._cycle("status", vocab.ACTION_STATUSES)

    def action_cycle_type(self) -> None:
        self._cycle("type", vocab.ACTION_TYPES)

    def action_toggle_internal(self) -> None:
        """Internal-only items never reach the customer version (as events in stage 2)."""
        action = self._selected_or_hint()
        if action is None or not self.editable():
            return
        action.internal = not action.internal
        self.refresh_views(action.id)
        self.changed()
        self.notify(t("actions_ui.internal_on" if action.internal else "actions_ui.internal_off",
                      id=action.id))

    def action_toggle_grouping(self) -> None:
        self.view = "board"
        self.grouping = _other(GROUPINGS, self.grouping)
        self.board.focus()

    def action_toggle_view(self) -> None:
        self.view = _other(VIEWS, self.view)
        self.current_view().focus()

    def action_focus_findings(self) -> None:
        findings = self.query_one("#action-findings")
        if findings.display:
            findings.focus()

    @on(ActionForm.PickCauses)
    def _pick_from_form(self, event: ActionForm.PickCauses) -> None:
        event.stop()
        self.action_pick_causes()

    def action_pick_causes(self) -> None:
        action = self._selected_or_hint()
        if action is None or not self.editable():
            return

        def picked(causes: list[str] | None) -> None:
            if causes is None or causes == action.causes:
                return
            action.causes = causes
            self.refresh_views(action.id)
            self.changed()

        self.app.push_screen(CausePickerScreen(self.document, action.title, action.causes), picked)

    @on(DismissRequested)
    def _dismiss_requested(self, event: DismissRequested) -> None:
        event.stop()
        action = self.selected()
        if action is None or not self.editable():
            return
        if event.dismissed:
            undismiss(self.document, event.finding)
            self.form.show_findings()
            self.refresh_views(action.id, reload_form=False)
            self.changed()
            return

        def reason_given(reason: str | None) -> None:
            if reason is None:
                return
            try:
                dismiss(self.document, event.finding, reason)
            except DismissalError as problem:
                self.notify(str(problem), severity="error")
                return
            self.form.show_findings()
            self.refresh_views(action.id, reload_form=False)
            self.changed()

        dialog = DismissFindingScreen(
            event.finding, title=t("actions_ui.dismiss.title"),
            about=t("actions_ui.dismiss.about", id=action.id,
                    title=action.title or t("actions_ui.untitled")),
            example_reason=t("actions_ui.dismiss.reason_placeholder"))
        self.app.push_screen(dialog, reason_given)


def _other(values: tuple[str, ...], current: str) -> str:
    """The value after ``current`` (wrapping round): toggles and cycles."""
    return values[(values.index(current) + 1) % len(values)] if current in values else values[0]
