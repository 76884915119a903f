"""The workspace's side of "a change made by something else is never overwritten" (DESIGN §8).

About once a second the open file is looked at: one ``stat``, and a read and a hash only when its
status changed (storage/outside.py). When another program changed it:

- the read-only window shows the new version (it follows the file) and when it last refreshed;
- a writer with nothing unsaved reloads it and says so;
- a writer with unsaved edits asks which version stays in the file (the other is saved beside
  it), or merges the two (postmortem/merge.py);
- a deleted file is not written back until the facilitator asks for it (Ctrl+S);
- a file that does not parse is left alone, and unsaved edits are saved beside it.

A save refused because of such a change (``OutsideChangeError``) leads here too.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from postmortem.i18n import t
from storage.errors import StorageError
from storage.outside import OutsideChangeError
from tui.screens.outside_change import ChooseVersionScreen, Keep
from tui.widgets.doc_header import DocumentHeader

if TYPE_CHECKING:
    from tui.screens.workspace import WorkspaceScreen

# Seconds between two looks at the file: a change shows within about a second (the promise to
# the read-only window is two). A test seam like POSTMORTEM_SAVE_DELAY.
WATCH_INTERVAL = float(os.environ.get("POSTMORTEM_WATCH_INTERVAL", "1"))


class OutsideChangeWatcher:
    def __init__(self, screen: "WorkspaceScreen") -> None:
        self.screen = screen
        self.busy = False  # a reaction is under way (the choice is open): do not start another
        self.loaded_at = datetime.now(timezone.utc)  # when the version shown was read from the file
        self._told: object = None  # the change last reported, so that it is not repeated each second

    def start(self) -> None:
        if self.screen.read_only:
            self._show_loaded("outside.refreshed")

    async def check(self) -> None:
        """Look at the file; react to a change another program made."""
        screen = self.screen
        if self.busy or not screen.is_attached or screen.app.screen is not screen:
            return  # a dialog is open: its edits may refer to the version shown; look after it
        if screen.document_file.closed:
            return
        change = screen.document_file.outside_change()
        if change is None:
            self._told = None
            return
        self.busy = True
        asking = False
        try:
            if screen.read_only:
                await self._follow(change)
            else:
                asking = await self._react(change)
        finally:
            self.busy = asking

    def write_back_if_deleted(self) -> bool:
        """Ctrl+S after the file was deleted outside: write this version back. False (nothing
        done) when the file is not deleted."""
        change = self.screen.document_file.outside_change()
        if change is None or not change.deleted:
            return False
        self._keep_mine()
        return True

    # Reactions ---------------------------------------------------------------------------

    async def _follow(self, change: OutsideChangeError) -> None:
        """The read-only window shows whatever the file holds now."""
        try:
            document = self.screen.document_file.reload()
        except StorageError as error:
            self._tell_once(change, t("outside.refresh_failed", problem=str(error),
                                      time=self._stamp(self.loaded_at)), "warning")
            return
        await self.screen.show_document(document)
        self._show_loaded("outside.refreshed")

    async def _react(self, change: OutsideChangeError) -> bool:
        """The writer's reaction; True when the choice was put to the facilitator."""
        screen = self.screen
        if change.deleted:
            self._tell_once(change, t("outside.deleted_hint", problem=str(change)), "warning")
        elif change.theirs is None:
            if self._is_new(change):
                self._keep_mine_beside_an_unreadable_file(change)
        elif screen.has_unsaved:
            mine, theirs = screen.document.to_dict(), change.theirs.to_dict()
            screen.app.push_screen(ChooseVersionScreen(screen.document_file.path, mine, theirs),
                                   self._chosen)
            return True
        else:
            await self._reload()
        return False

    async def _reload(self) -> None:
        screen = self.screen
        try:
            document = screen.document_file.reload()
        except StorageError as error:
            screen.notify(str(error), severity="error", timeout=12)
            return
        await screen.show_document(document)
        self._show_loaded("outside.reloaded_state")
        # A toast, not the status line: the room must notice that the document changed under it.
        screen.notify(t("outside.reloaded", path=screen.document_file.path), severity="warning",
                      timeout=10)

    async def _chosen(self, choice: Keep | None) -> None:
        try:
            if choice is Keep.THEIRS:
                await self._take_theirs()
            elif choice is Keep.MERGE:
                await self._merge()
            elif choice is Keep.MINE:
                self._keep_mine()
        finally:
            self.busy = False
            self._told = None

    def _keep_mine(self) -> None:
        screen = self.screen
        path = screen.document_file.path
        screen.pause_saving()
        try:
            copy = screen.document_file.keep_mine(screen.document)
        except StorageError as error:
            self._failed(error)
            return
        screen.resume_saving()
        screen.query_one(DocumentHeader).save_state = t("header.saved")
        if copy is None:
            screen.notify(t("outside.written_back", path=path), timeout=10)
        else:
            screen.notify(t("outside.kept_mine", path=path, copy=copy), severity="warning", timeout=20)

    async def _take_theirs(self) -> None:
        screen = self.screen
        screen.pause_saving()
        try:
            copy, document = screen.document_file.keep_theirs(screen.document)
        except StorageError as error:
            self._failed(error)
            return
        screen.resume_saving()
        await screen.show_document(document)
        self._show_loaded("outside.reloaded_state")
        screen.notify(t("outside.kept_theirs", path=screen.document_file.path, copy=copy),
                      severity="warning", timeout=20)

    async def _merge(self) -> None:
        """Theirs and mine merged into the file; what the merge could not decide is in the
        conflict banner at the top of the workspace."""
        screen = self.screen
        screen.pause_saving()
        try:
            result = screen.document_file.merge_outside(screen.document)
        except StorageError as error:
            self._failed(error)
            return
        screen.resume_saving()
        await screen.show_document(result.document)
        self._show_loaded("outside.reloaded_state")
        path = screen.document_file.path
        if result.clean:
            screen.notify(t("team_git.outside.merged", path=path), timeout=10)
        else:
            screen.notify(t("team_git.outside.merged_conflicts", path=path, count=len(result.conflicts)),
                          severity="warning", timeout=20)

    def _keep_mine_beside_an_unreadable_file(self, change: OutsideChangeError) -> None:
        screen = self.screen
        if not screen.has_unsaved:
            screen.notify(str(change), severity="warning", timeout=15)
            return
        try:
            copy = screen.document_file.save_copy(screen.document)
        except StorageError as error:
            screen.notify(t("outside.resolve_failed", problem=str(error)), severity="error", timeout=20)
            return
        screen.notify(t("outside.unreadable_mine_kept", problem=str(change), copy=copy),
                      severity="warning", timeout=20)

    def _failed(self, error: StorageError) -> None:
        """The choice could not be carried out: the edits stay unsaved and are tried again."""
        screen = self.screen
        screen.resume_saving()
        screen.mark_unsaved()
        screen.notify(t("outside.resolve_failed", problem=str(error)), severity="error", timeout=20)

    # Saying so ---------------------------------------------------------------------------

    def _is_new(self, change: OutsideChangeError) -> bool:
        key = change.state or ("deleted" if change.deleted else change.problem)
        new, self._told = key != self._told, key
        return new

    def _tell_once(self, change: OutsideChangeError, message: str, severity: str) -> None:
        if self._is_new(change):
            self.screen.notify(message, severity=severity, timeout=20)

    def _show_loaded(self, key: str) -> None:
        self.loaded_at = datetime.now(timezone.utc)
        self.screen.query_one(DocumentHeader).save_state = t(key, time=self._stamp(self.loaded_at))

    def _stamp(self, moment: datetime) -> str:
        # Tests and snapshots turn the clock off: no time on screen that changes from run to run.
        return moment.strftime("%H:%M:%S") if getattr(self.screen.app, "show_clock", True) else "--:--:--"
