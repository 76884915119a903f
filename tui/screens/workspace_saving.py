"""The workspace's saving: every edit reaches the file within a second (DESIGN §8), a failed
save is retried and reported once, and quitting asks what to do with what is not on disk.

Mixed into ``WorkspaceScreen``, which owns ``document``, ``document_file``, ``autosaver``,
``_schedule`` (a ``SaveSchedule``), ``_error_shown`` and ``_discarded``.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

from postmortem.i18n import t
from storage.outside import OutsideChangeError
from storage.rescue import failure_reason
from tui.autosave import Autosaver
from tui.paths import display_path
from tui.widgets.doc_header import DocumentHeader


class WorkspaceSaving:
    def _submit(self) -> None:
        if self.autosaver is not None:
            self.autosaver.submit(self.document.to_dict())

    def _start_autosaver(self) -> None:
        loop = asyncio.get_running_loop()
        saver: Autosaver | None = None

        def report(error: Exception | None) -> None:
            loop.call_soon_threadsafe(self._show_save_result, error, saver)
        saver = self.autosaver = Autosaver(self.document_file, on_result=report)

    def _show_save_result(self, error: Exception | None, saver: Autosaver | None = None) -> None:
        if not self.is_attached:
            return  # a save that finished after the window closed: nothing to show it on
        if saver is not None and saver is not self.autosaver:
            return  # a saver stopped for an outside change: what it did is no longer news
        header = self.query_one(DocumentHeader)
        if error is None:
            header.save_state = t("header.saved") if not self._schedule.pending else header.save_state
            self._error_shown = None
        elif isinstance(error, OutsideChangeError):
            header.save_state = t("header.not_saved")
            self.call_later(self.outside.check)  # says what happened and what can be done
        else:
            header.save_state = t("header.not_saved")
            if str(error) != self._error_shown:  # the retry every 5 s does not repeat the same toast
                self._error_shown = str(error)
                self.notify(str(error), title=t("header.not_saved"), severity="error", timeout=12)

    def _retry_failed_save(self) -> None:
        # A save refused for an outside change waits for the facilitator, not for time.
        if self.autosaver is not None and self.autosaver.last_error is not None \
                and not isinstance(self.autosaver.last_error, OutsideChangeError):
            self.autosaver.retry()

    def mark_unsaved(self) -> None:
        """The document holds edits the file does not: save them (again) soon."""
        self.query_one(DocumentHeader).save_state = t("header.not_saved")
        self._schedule.edited()

    def pause_saving(self) -> None:
        """Stop autosaving before the file changes hands (an outside change is resolved): a
        snapshot taken before must never be written after."""
        self._schedule.cancel()
        if self.autosaver is not None:
            self.autosaver.close()
            self.autosaver = None

    def resume_saving(self) -> None:
        if self.autosaver is None and not self.read_only:
            self._start_autosaver()

    def flush(self) -> bool:
        """Write pending edits now (trying a failed save again); True when everything is on disk."""
        if self.autosaver is None:
            return True
        self._schedule.submit_now()
        self.autosaver.retry()  # only does something after a failure with nothing newer to write
        return self.autosaver.flush()

    @property
    def has_unsaved(self) -> bool:
        """Edits not on disk (without waiting for a save under way)."""
        if self.autosaver is None or self._discarded:
            return False
        return self._schedule.pending or self.autosaver.dirty

    def unsaved_since_text(self) -> str:
        since = self.autosaver.unsaved_since if self.autosaver is not None else None
        return (since or datetime.now(timezone.utc)).astimezone().strftime("%H:%M:%S")

    def unsaved_error(self) -> Exception | None:
        return self.autosaver.last_error if self.autosaver is not None else None

    def unsaved_report(self) -> str:
        """What is not saved, since when and why, and that the file keeps its last version."""
        error = self.unsaved_error()
        values = dict(title=self.view_document.title, id=self.document.id,
                      since=self.unsaved_since_text())
        report = (t("unsaved.report", error=failure_reason(error), **values) if error is not None
                  else t("unsaved.report_pending", **values))
        return f"{report}\n{t('unsaved.file_kept', path=display_path(self.document_file.path))}"

    def retry_save(self) -> None:
        if self.autosaver is not None:
            self.autosaver.retry()

    def discard_unsaved(self) -> None:
        """Throw away what is not on disk: nothing more is written from this window."""
        self._discarded = True
        self._schedule.cancel()
