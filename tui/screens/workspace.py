"""One open postmortem: the stage strip, the six stage views, autosave."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.containers import Horizontal, Vertical
from textual.widgets import ContentSwitcher, Static

from postmortem.history import Change, DocumentHistory
from postmortem.i18n import t
from postmortem.model import Postmortem
from postmortem.stages import StageStatus, stage_statuses
from storage.document_file import DocumentFile
from storage.last_stage import remember_stage
from storage.reading import read_recurrence
from tui.autosave import Autosaver
from tui.outside_watch import WATCH_INTERVAL, OutsideChangeWatcher
from tui.commands import RegistryBindings
from tui.save_schedule import SaveSchedule
from tui.delivered import messages_delivered
from tui.messages import DocumentChanged, JumpTo
from tui.stages import stage_view_classes
from tui.stages.actions import clock as actions_clock
from tui.stages.base import StageView, editable
from tui.widgets.conflict_banner import ConflictBanner
from tui.widgets.doc_header import DocumentHeader
from tui.widgets.key_footer import KeyFooter
from tui.widgets.stage_strip import StageStrip
from tui.screens.meeting_room import MeetingRoom
from tui.screens.meeting_panels import MeetingPanels
from tui.screens.meeting_control import MeetingControl
from tui.screens.stage_focus import StageFocus
from tui.screens.workspace_saving import WorkspaceSaving
from tui.sharing_workspace import SharingWorkspace
from tui.widgets.cell_wrap import CellWrapped
from tui.widgets.status_line import StatusLine
from tui.widgets.typing_pause import AfterTyping

# A save follows a pause of SAVE_QUIET seconds in the typing, and is handed to the writer at
# the latest SAVE_MAX_WAIT seconds after the first unsaved edit however fast the typing: 0.75 s
# leaves a quarter of the one-second promise for a busy event loop and the write itself.
# POSTMORTEM_SAVE_DELAY is a test seam: the signal tests stretch both so that only the flush on
# quit, SIGTERM or SIGHUP can save.
_STRETCHED = os.environ.get("POSTMORTEM_SAVE_DELAY")
SAVE_QUIET = float(_STRETCHED or 0.3)
SAVE_MAX_WAIT = max(0.75, SAVE_QUIET) if _STRETCHED else 0.75


def exit_line(status: StageStatus) -> str:
    """The exit bar: met, or how many conditions are open and the first one whole (the
    others are one key away, F2)."""
    if status.ok:
        return "✓ " + t("exit.met")
    return "✗ " + t("exit.open", count=len(status.reasons), first=status.reasons[0])


class WorkspaceScreen(RegistryBindings, SharingWorkspace, WorkspaceSaving, MeetingControl,
                      MeetingRoom, StageFocus, MeetingPanels, Screen[None]):
    COMMAND_SCOPE = "workspace"

    def __init__(self, document_file: DocumentFile, stage: int = 1,
                 resume_folder: Path | None = None) -> None:
        """``stage`` is the one shown first; leaving remembers the current one in
        ``resume_folder`` (the library) so the next opening resumes there."""
        super().__init__()
        self.document_file = document_file
        self.first_stage = self.current_stage = stage
        self.resume_folder = resume_folder
        self.document = document_file.document
        self.read_only = document_file.read_only
        self.autosaver: Autosaver | None = None
        self._schedule = SaveSchedule(self._submit, self.set_timer,
                                      quiet=SAVE_QUIET, max_wait=SAVE_MAX_WAIT)
        self._discarded = False  # the facilitator chose to throw the unsaved edits away
        self._error_shown: str | None = None  # the save failure last told, until a save works
        self.outside = OutsideChangeWatcher(self)
        self.history = DocumentHistory(self.document)
        self.revision = 0   # edits so far (DocumentChanged): which stage views are behind
        # The text field that had focus when a stage was left: focused again on return.
        self._field_focus: dict[int, Widget] = {}

    def compose(self) -> ComposeResult:
        self.start_sharing_copy()
        yield DocumentHeader(clock=getattr(self.app, "show_clock", True), id="doc-header")
        yield StageStrip(id="stage-strip")
        yield ConflictBanner(id="conflict-banner")
        yield Static(id="exit-status")
        # Only the stage it opens on is built now; the others are built the first time they
        # are shown, so a postmortem opens fast however much the other stages hold.
        card, panel = self.meeting_side_widgets()
        with Horizontal(id="meeting-area"):
            with Vertical(id="stage-column"):
                with ContentSwitcher(initial=f"stage-{self.first_stage}", id="stages"):
                    yield self._new_view(self.first_stage)
                yield card
            yield panel
        yield from self.compose_private_notes()
        yield StatusLine()
        yield KeyFooter()

    def _new_view(self, number: int) -> StageView:
        view_class = stage_view_classes()[number - 1]
        return view_class(self.view_document, read_only=self.read_only, id=f"stage-{number}")

    async def stage_view(self, number: int) -> StageView:
        """The view of a stage, built and mounted on first use."""
        found = self.query(f"#stage-{number}")
        if found:
            return found.first(StageView)
        view = self._new_view(number)
        await self.query_one(ContentSwitcher).mount(view)
        return view

    def on_mount(self) -> None:
        self._status_after_typing = AfterTyping(self, self.refresh_status)
        if not self.read_only:
            self._start_autosaver()
        header = self.query_one(DocumentHeader)
        header.read_only = self.read_only
        header.sharing = self.sharing
        self.query_one(StageStrip).current = self.first_stage
        self.refresh_status()
        self.set_interval(5, self._retry_failed_save)
        self.outside.start()
        self.set_interval(WATCH_INTERVAL, self.outside.check)
        self.start_meeting_clock()
        first = self.query_one(f"#stage-{self.first_stage}", StageView)
        first.refresh_from_document()  # as action_stage does for every stage it shows
        self._focus_on_open(first)
        self.start_meeting_panels()
        # Called as the focus moves, before the next field can change the document.
        self.watch(self, "focused", self._typing_visit_ended, init=False)

    def _typing_visit_ended(self) -> None:
        """The field typed in was left: its burst becomes a step of the undo history now,
        before anything else changes the document (the history takes no copy per key), and
        the exit conditions are shown for what was typed."""
        self.history.end_burst()
        self._status_after_typing.flush()

    def on_screen_suspend(self) -> None:
        self._typing_visit_ended()   # a dialog on top may change the document next

    # Editing and saving ----------------------------------------------------------------

    @on(DocumentChanged)
    def document_changed(self, event: DocumentChanged) -> None:
        event.stop()   # this screen is its last listener: the app has nothing to do with it
        self.revision += 1
        if not self.carry_shared_edit():
            return
        # The six exit conditions read the whole document: while a field is typed in, they
        # are worked out again when the typing pauses or the field is left.
        self._status_after_typing.edited(typing=event.burst is not None)
        if self.read_only:
            return
        self.history.record(event.burst)
        self.query_one(DocumentHeader).save_state = t("header.editing")
        self._schedule.edited()

    async def show_document(self, document: Postmortem) -> None:
        """Show another version of the postmortem (read again from the file): the stage views
        hold the old one, so they are built again. Undo starts afresh from this version."""
        self.document = document
        self.history = DocumentHistory(document)
        self.start_sharing_copy()
        await self.build_view_again(keep_focus=True)

    async def build_view_again(self, keep_focus: bool = False) -> StageView:
        """The current stage's view built anew on ``view_document`` (another version of the
        document, another language, sharing-safe mode switched), the strip and exit line with
        it; focus on the field that had it (``keep_focus``), else the view's first."""
        focused = self.focused.id if keep_focus and self.focused is not None else None
        self._field_focus.clear()
        switcher = self.query_one(ContentSwitcher)
        await switcher.remove_children()
        view = self._new_view(self.current_stage)
        await switcher.mount(view)
        switcher.current = view.id
        view.refresh_from_document()
        self.refresh_status()
        same_field = view.query(f"#{focused}") if focused else None
        if same_field and same_field.first().focusable:
            same_field.first().focus()  # the facilitator goes on where they were
        else:
            view.focus_first()
        return view

    async def language_changed(self) -> None:
        """The stage on show built again in the language just chosen (what is typed is in
        the document already: the views are built from it), the strip and header redrawn."""
        self._schedule.submit_now()
        await self.build_view_again(keep_focus=True)   # undo keeps its steps: the same document
        self.query_one(DocumentHeader).refresh()
        self.query_one(StageStrip).refresh()   # its labels are read when drawn
        self.meeting_tick()

    def close_document(self) -> None:
        if self.resume_folder is not None and not self.read_only and not self.document_file.closed:
            remember_stage(self.resume_folder, self.document.id, self.current_stage)
        if self.autosaver is not None:
            if not self._discarded:
                self.flush()
            self.autosaver.close(discard=self._discarded)
            self.autosaver = None
        self.document_file.close()

    def on_unmount(self) -> None:
        self.close_document()

    # Stages ------------------------------------------------------------------------------

    def refresh_status(self) -> None:
        statuses = stage_statuses(self.document)
        strip = self.query_one(StageStrip)
        strip.show_statuses(statuses)
        header = self.query_one(DocumentHeader)
        header.title_text = self.view_document.title
        header.severity = self.document.severity or ""
        self.query_one(ConflictBanner).show(self.document, self.read_only,
                                            masked=self.shared is not None)
        current = statuses[strip.current - 1]
        status = self.query_one("#exit-status", Static)
        line = self.shown_text(exit_line(current))
        shown = status.content.text.plain if isinstance(status.content, CellWrapped) else None
        if shown != line:   # an update lays the screen out again: not at every key
            status.update(CellWrapped(line))   # Chinese wrapped by character
        status.set_class(current.ok, "-ok")
        status.set_class(not current.ok, "-missing")
        self.refresh_meeting_room(current)

    async def action_stage(self, number: int, location: str | None = None) -> None:
        self._remember_field_focus()
        leaving = self._current_view()
        if leaving is not None:
            leaving.shown_revision = self.revision   # it showed every edit while on screen
        view = await self.stage_view(number)
        self.current_stage = number
        self.query_one(StageStrip).current = number
        self.query_one(ContentSwitcher).current = f"stage-{number}"
        if view.shown_revision != self.revision:   # edited elsewhere since it was left
            view.refresh_from_document()
        self.refresh_status()
        self.meeting_tick()   # the strip's figure says which stage it is about
        if location is None or not view.focus_location(location):
            self._focus_on_open(view)

    async def action_next_stage(self) -> None:
        await self.action_stage(self.query_one(StageStrip).current % 6 + 1)

    async def action_previous_stage(self) -> None:
        await self.action_stage((self.query_one(StageStrip).current - 2) % 6 + 1)

    def action_conditions(self) -> None:
        from tui.screens.conditions import ConditionsScreen
        self.app.push_screen(ConditionsScreen(self.shown_statuses(),
                                              self.query_one(StageStrip).current),
                             self._jump_after_review)

    def action_focus_strip(self) -> None:
        self.query_one(StageStrip).focus()

    # Undo ------------------------------------------------------------------------------------

    async def action_undo(self) -> None:
        await self._history_step(self.history.undo, "undo.undone", "undo.nothing")

    async def action_redo(self) -> None:
        await self._history_step(self.history.redo, "undo.redone", "undo.nothing_to_redo")

    async def _history_step(self, move: Callable[[], Change | None], done: str,
                            nothing: str) -> None:
        """Undo or redo one step, then show it: its stage, its item; saved like any edit."""
        if not editable(self, self.read_only):
            return
        change = move()
        if change is None:
            self.notify(t(nothing))
            return
        self.resync_shared()
        stage = change.stage or self.current_stage
        if stage != self.current_stage:
            await self.action_stage(stage)
        view = await self.stage_view(stage)
        view.refresh_from_document()
        view.show_change(change.location)
        self.post_message(DocumentChanged())   # saved like any edit (nothing new to record)
        self.notify(t(done, what=t(f"undo.section.{change.section}")), timeout=4)

    def action_final_review(self) -> None:
        from tui.screens.review import FinalReviewScreen
        others = read_recurrence(self.app.library.root, skip=self.document_file.path)
        self.app.push_screen(FinalReviewScreen(self.view_document, others.postmortems,
                                               unreadable=others.unreadable,
                                               today=actions_clock.today(),
                                               customer_findings=self.customer_findings()),
                             self._jump_after_review)

    async def _jump_after_review(self, target: JumpTo | None) -> None:
        if target is not None:
            await self.action_stage(target.stage, target.location)

    def action_export(self) -> None:
        from tui.screens.export import ExportScreen
        self.flush()
        # The export's checklist is F5's: the same library and the same day.
        others = read_recurrence(self.app.library.root, skip=self.document_file.path)
        self.app.push_screen(ExportScreen(self.document, self.document_file.path,
                                          library=others.postmortems,
                                          today=actions_clock.today(),
                                          shown=self.shared.shown if self.shared else None))

    async def action_library(self) -> None:
        if self.app.settling_unsaved:
            self.app.bell()  # a dialog about unsaved edits is open: it decides first
            return
        await messages_delivered(self.focused)   # keys typed just before Ctrl+L are saved too
        if self.read_only or self.flush():
            self._leave_for_library()
        else:
            self._settle_then_leave()

    @work(group="settle-unsaved")
    async def _settle_then_leave(self) -> None:
        from tui.screens.unsaved import settle_unsaved
        with self.app.settling():
            outcome = await settle_unsaved(self)
        if outcome.leave:
            self.app.note_exit(outcome.exit_note)
            self._leave_for_library()

    def _leave_for_library(self) -> None:
        # Saved and unlocked before the library reads the folder (and may reopen this file).
        self.close_document()
        self.app.show_library()

    def action_save_now(self) -> None:
        if not editable(self, self.read_only):
            return
        if self.outside.write_back_if_deleted():
            return
        if self.flush():
            self.notify(t("workspace.saved_now", path=str(self.document_file.path)))

    @on(StageStrip.Selected)
    async def stage_selected(self, event: StageStrip.Selected) -> None:
        await self.action_stage(event.stage)

    @on(JumpTo)
    async def jump_to(self, event: JumpTo) -> None:
        await self.action_stage(event.stage, event.location)

    @on(ConflictBanner.Settled)
    async def conflict_settled(self) -> None:
        view = await self.stage_view(self.current_stage)  # the others refresh when shown
        view.refresh_from_document()
        if not self.document.conflicts:
            view.focus_first()
