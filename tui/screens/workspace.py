"""One open postmortem: the stage strip, the six stage views, autosave."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Static

from postmortem.i18n import t
from postmortem.stages import StageStatus, stage_statuses
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
from tui.widgets.status_line import StatusLine

# Seconds of quiet typing before a save; well inside the one-second promise. The variable is a
# test seam: the signal tests stretch it so that only the flush on SIGTERM/SIGHUP can save.
SAVE_DELAY = float(os.environ.get("POSTMORTEM_SAVE_DELAY", "0.3"))


def exit_line(status: StageStatus) -> str:
    """The exit bar: met, or how many conditions are open and the first one whole (the
    others are one key away, F2)."""
    if status.ok:
        return f"✓ {t('exit.label')}: {t('exit.holds')}"
    return "✗ " + t("exit.open", count=len(status.reasons), first=status.reasons[0])


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

    def compose(self) -> ComposeResult:
        yield DocumentHeader(clock=getattr(self.app, "show_clock", True), id="doc-header")
        yield StageStrip(id="stage-strip")
        yield Static(id="exit-status")
        # Only the stage it opens on is built now; the others are built the first time they
        # are shown, so a postmortem opens fast however much the other stages hold.
        with ContentSwitcher(initial=f"stage-{self.first_stage}", id="stages"):
            yield self._new_view(self.first_stage)
        yield StatusLine()
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
        first.focus_first()
        heap.settle()  # the document and its first stage live until the postmortem is closed

    # Editing and saving ----------------------------------------------------------------

    @on(DocumentChanged)
    def document_changed(self) -> None:
        self.refresh_status()
        if self.read_only:
            return
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
        status = self.query_one("#exit-status", Static)
        status.update(exit_line(current))
        status.set_class(current.ok, "-ok")
        status.set_class(not current.ok, "-missing")

    async def action_stage(self, number: int, location: str | None = None) -> None:
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
            view.focus_first()

    async def action_next_stage(self) -> None:
        await self.action_stage(self.query_one(StageStrip).current % 6 + 1)

    async def action_previous_stage(self) -> None:
        await self.action_stage((self.query_one(StageStrip).current - 2) % 6 + 1)

    def action_conditions(self) -> None:
        from tui.screens.conditions import ConditionsScreen
        self.app.push_screen(ConditionsScreen(stage_statuses(self.document),
                                              self.query_one(StageStrip).current),
                             self._jump_after_review)

    def action_focus_strip(self) -> None:
        self.query_one(StageStrip).focus()

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
