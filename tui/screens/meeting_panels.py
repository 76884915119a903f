"""The workspace's meeting panels of issue 14: the roster (F4) and the open actions carried
over from related postmortems (F10). A mixin of ``WorkspaceScreen``, kept apart so the
workspace stays about stages and saving.

Answers the room gave about another postmortem that was open elsewhere wait in this
document (``carry_over``); ``retry_carry_over`` writes them once that postmortem's lock is
free, every ``CARRY_OVER_RETRY`` seconds and whenever F10 opens.
"""

from __future__ import annotations

from textual import work

from postmortem.history import clone
from postmortem.i18n import t
from tui.messages import DocumentChanged
from tui.stages.actions import clock as actions_clock

CARRY_OVER_RETRY = 15  # seconds; a lock is held as long as the other window stays open


class MeetingPanels:
    """Needs the workspace's ``document``, ``document_file``, ``read_only``, ``post_message``."""

    def _document_edited(self) -> None:
        self.post_message(DocumentChanged())  # saved and undoable like any edit

    def start_meeting_panels(self) -> None:
        """On opening: say whether related postmortems have open actions to settle, and keep
        trying to write the answers still waiting."""
        if self.read_only:
            return
        self.set_interval(CARRY_OVER_RETRY, self.retry_carry_over)
        self.offer_carry_over()

    def action_roster(self) -> None:
        from tui.screens.roster import RosterScreen
        if not isinstance(self.app.screen, RosterScreen):
            self.app.push_screen(RosterScreen(self.document, self._document_edited,
                                              read_only=self.read_only))

    def action_carry_over(self) -> None:
        from tui.screens.carry_over import CarryOverScreen
        if isinstance(self.app.screen, CarryOverScreen):
            return
        self.retry_carry_over()
        self.app.push_screen(CarryOverScreen(self.document, self.document_file.path,
                                             self.app.library.root, self._document_edited,
                                             read_only=self.read_only))

    def offer_carry_over(self) -> None:
        """One notice when there is something to settle (the start of the meeting); the list
        itself is F10's, never a dialog in the way. The library is read off the UI thread,
        against a copy of the document (the room goes on editing it meanwhile)."""
        self._count_carried(clone(self.document))

    @work(thread=True, exclusive=True, group="carry-over-offer")
    def _count_carried(self, document) -> None:
        from storage.carry_over import related_open_actions
        found = related_open_actions(self.app.library.root, document,
                                     self.document_file.path, actions_clock.today())
        if found.actions:
            self.app.call_from_thread(self.notify, t("carry_ui.offer", count=len(found.actions)),
                                      timeout=10)

    def retry_carry_over(self) -> None:
        if self.document.carry_over and not self.read_only:
            self._write_pending(list(self.document.carry_over))

    @work(thread=True, exclusive=True, group="carry-over-retry")
    def _write_pending(self, answers: list) -> None:
        from tui.screens.carry_over import write_or_keep
        results = [write_or_keep(self.app.library.root, answer, answer.postmortem)
                   for answer in answers]
        self.app.call_from_thread(self._pending_written, results)

    def _pending_written(self, results: list) -> None:
        done = [r for r in results if r.outcome != "kept"]
        if not done:
            return  # still locked: nothing to say again
        gone = {id(r.answer) for r in done}
        self.document.carry_over = [a for a in self.document.carry_over if id(a) not in gone]
        self._document_edited()
        for result in done:
            self.notify(result.message, severity="information" if result.outcome == "written"
                        else "warning", timeout=8)
