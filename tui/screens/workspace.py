"""One open postmortem: the stage strip, the six stage views, autosave."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import ScrollableContainer
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Input, Static, TextArea

from postmortem.history import Change, DocumentHistory
from postmortem.i18n import t
from postmortem.stages import stage_statuses
from storage.document_file import DocumentFile
from storage.last_stage import remember_stage
from tui import heap
from tui.autosave import Autosaver
from tui.commands import bindings_for
from tui.messages import DocumentChanged, JumpTo
from tui.stages import stage_view_classes
from tui.stages.base import StageView
from tui.widgets.doc_header import DocumentHeader
from tui.widgets.key_footer import KeyFooter
from tui.widgets.stage_strip import StageStrip

# Seconds of quiet typing before a save; well inside the one-second promise. The variable is a
# test seam: the signal tests stretch it so that only the flush on SIGTERM/SIGHUP can save.
SAVE_DELAY = float(os.environ.get("POSTMORTEM_SAVE_DELAY", "0.3"))


class WorkspaceScreen(Screen[None]):
    COMMAND_SCOPE = "workspace"
    BINDINGS = bindings_for("workspace")

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
        self._save_timer: Timer | None = None
        self._unsubmitted = False
        self.history = DocumentHistory(self.document)
        # The text field that had focus when a stage was left: focused again on return.
        self._field_focus: dict[int, Widget] = {}

    def compose(self) -> ComposeResult:
        yield DocumentHeader(clock=getattr(self.app, "show_clock", True), id="doc-header")
        yield StageStrip(id="stage-strip")
        yield Static(id="exit-status")
        # Only the stage it opens on is built now; the others are built the first time they
        # are shown, so a postmortem opens fast however much the other stages hold.
        with ContentSwitcher(initial=f"stage-{self.first_stage}", id="stages"):
            yield self._new_view(self.first_stage)
        yield KeyFooter()

    def _new_view(self, number: int) -> StageView:
        view_class = stage_view_classes()[number - 1]
        return view_class(self.document, read_only=self.read_only, id=f"stage-{number}")

    async def stage_view(self, number: int) -> StageView:
        """The view of a stage, built and mounted on first use."""
        found = self.query(f"#stage-{number}")
        if found:
            return found.first(StageView)
        view = self._new_view(number)
        await self.query_one(ContentSwitcher).mount(view)
        return view

    def on_mount(self) -> None:
        if not self.read_only:
            loop = asyncio.get_running_loop()
            self.autosaver = Autosaver(
                self.document_file,
                on_result=lambda error: loop.call_soon_threadsafe(self._show_save_result, error))
        header = self.query_one(DocumentHeader)
        header.read_only = self.read_only
        self.query_one(StageStrip).current = self.first_stage
        self.refresh_status()
        self.set_interval(5, self._retry_failed_save)
        first = self.query_one(f"#stage-{self.first_stage}", StageView)
        first.refresh_from_document()  # as action_stage does for every stage it shows
        self._focus_on_open(first)
        heap.settle()  # the document and its first stage live until the postmortem is closed

    # Editing and saving ----------------------------------------------------------------

    @on(DocumentChanged)
    def document_changed(self, event: DocumentChanged) -> None:
        self.refresh_status()
        if self.read_only:
            return
        self.history.record(event.burst)
        self._unsubmitted = True
        self.query_one(DocumentHeader).save_state = t("header.editing")
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self._submit)

    def _submit(self) -> None:
        if self.autosaver is not None and self._unsubmitted:
            self._unsubmitted = False
            self.autosaver.submit(self.document.to_dict())

    def _show_save_result(self, error: Exception | None) -> None:
        if not self.is_attached:
            return  # a save that finished after the window closed: nothing to show it on
        header = self.query_one(DocumentHeader)
        if error is None:
            header.save_state = t("header.saved") if not self._unsubmitted else header.save_state
        else:
            header.save_state = t("header.not_saved")
            self.notify(str(error), title=t("header.not_saved"), severity="error", timeout=12)

    def _retry_failed_save(self) -> None:
        if self.autosaver is not None and self.autosaver.last_error is not None:
            self.autosaver.retry()

    def flush(self) -> bool:
        """Write pending edits now; True when everything is on disk."""
        if self._save_timer is not None:
            self._save_timer.stop()
        self._submit()
        return self.autosaver.flush() if self.autosaver is not None else True

    def close_document(self) -> None:
        if self.resume_folder is not None and not self.read_only and not self.document_file.closed:
            remember_stage(self.resume_folder, self.document.id, self.current_stage)
        if self.autosaver is not None:
            self.flush()
            self.autosaver.close()
            self.autosaver = None
        self.document_file.close()
        heap.release()

    def on_unmount(self) -> None:
        self.close_document()

    # Stages ------------------------------------------------------------------------------

    def refresh_status(self) -> None:
        statuses = stage_statuses(self.document)
        strip = self.query_one(StageStrip)
        strip.show_statuses(statuses)
        header = self.query_one(DocumentHeader)
        header.title_text, header.severity = self.document.title, self.document.severity or ""
        current = statuses[strip.current - 1]
        mark = "✓" if current.ok else "✗"
        detail = t("exit.holds") if current.ok else " · ".join(current.reasons)
        status = self.query_one("#exit-status", Static)
        status.update(f"{mark} {t('exit.label')}: {detail}")
        status.set_class(current.ok, "-ok")
        status.set_class(not current.ok, "-missing")

    async def action_stage(self, number: int, location: str | None = None) -> None:
        self._remember_field_focus()
        built = not self.query(f"#stage-{number}")
        view = await self.stage_view(number)
        self.current_stage = number
        self.query_one(StageStrip).current = number
        self.query_one(ContentSwitcher).current = f"stage-{number}"
        view.refresh_from_document()
        if built:
            heap.settle()  # the new view lives until the postmortem is closed
        self.refresh_status()
        if location is None or not view.focus_location(location):
            self._focus_on_open(view)

    async def action_next_stage(self) -> None:
        await self.action_stage(self.query_one(StageStrip).current % 6 + 1)

    async def action_previous_stage(self) -> None:
        await self.action_stage((self.query_one(StageStrip).current - 2) % 6 + 1)

    def action_focus_strip(self) -> None:
        self.query_one(StageStrip).focus()

    # Focus ---------------------------------------------------------------------------------

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

    # Undo ------------------------------------------------------------------------------------

    async def action_undo(self) -> None:
        await self._history_step(self.history.undo, "undo.undone", "undo.nothing")

    async def action_redo(self) -> None:
        await self._history_step(self.history.redo, "undo.redone", "undo.nothing_to_redo")

    async def _history_step(self, move: Callable[[], Change | None], done: str,
                            nothing: str) -> None:
        """Undo or redo one step, then show it: its stage, its item; saved like any edit."""
        if self.read_only:
            self.notify(t("undo.read_only"), severity="warning")
            return
        change = move()
        if change is None:
            self.notify(t(nothing))
            return
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
        others = self.app.library.load_all_documents()
        self.app.push_screen(FinalReviewScreen(self.document, others), self._jump_after_review)

    async def _jump_after_review(self, target: JumpTo | None) -> None:
        if target is not None:
            await self.action_stage(target.stage, target.location)

    def action_export(self) -> None:
        from tui.screens.export import ExportScreen
        self.flush()
        self.app.push_screen(ExportScreen(self.document, self.document_file.path))

    def action_library(self) -> None:
        # Saved and unlocked before the library reads the folder (and may reopen this file).
        self.close_document()
        self.app.show_library()

    def action_save_now(self) -> None:
        if self.read_only:
            self.notify(t("workspace.read_only"), severity="warning")
            return
        if self.flush():
            self.notify(t("workspace.saved_now", path=str(self.document_file.path)))

    @on(StageStrip.Selected)
    async def stage_selected(self, event: StageStrip.Selected) -> None:
        await self.action_stage(event.stage)

    @on(JumpTo)
    async def jump_to(self, event: JumpTo) -> None:
        await self.action_stage(event.stage, event.location)
