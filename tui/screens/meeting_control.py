"""The meeting clock in a postmortem's workspace: F8 starts, pauses and resumes it, F9 moves
the meeting on to the next stage, Shift+F8 ends it, F7 shows the agenda.

The header shows "Meeting 0:12" and the stage strip the current stage's "9m left" / "2m
over". A one-second timer updates only those two figures (reactives, so a widget repaints
only when its text changes); when a stage runs out of time the figure changes colour and one
warning says so — never a modal, never a sound. The rules are ``postmortem.meeting``'s; the
time comes from ``app.clock``, so tests move it by hand.
"""

from __future__ import annotations

from datetime import datetime

from textual import work

from postmortem import meeting as clock
from postmortem.i18n import language, t
from postmortem.stages import stage_statuses
from tui.messages import DocumentChanged
from tui.widgets.doc_header import DocumentHeader
from tui.widgets.stage_strip import StageStrip


class MeetingControl:
    """Mixed into ``WorkspaceScreen`` (which has ``document``, ``read_only``, ``action_stage``)."""

    # The (meeting, stage) pairs whose running out was told: once each.
    _time_up_told: set[tuple[datetime | None, int]]

    def start_meeting_clock(self) -> None:
        self._time_up_told = set()
        self.meeting_tick()
        self.set_interval(1, self.meeting_tick)

    @property
    def meeting(self) -> clock.Meeting:
        return self.document.meeting

    def now(self) -> datetime:
        return self.app.clock.now()

    def meeting_tick(self) -> None:
        """Bring the header's and the strip's meeting figures up to the clock's time."""
        meeting, now = self.meeting, self.now()
        state = clock.state(meeting)
        header = self.query_one(DocumentHeader)
        strip = self.query_one(StageStrip)
        if state == clock.NOT_STARTED:
            header.meeting, strip.timebox, strip.over = "", "", False
            return
        elapsed = clock.clock_text(clock.elapsed(meeting, now))
        header.meeting = t({clock.RUNNING: "meeting.header", clock.PAUSED: "meeting.header_paused",
                            clock.ENDED: "meeting.header_ended"}[state], clock=elapsed)
        if state == clock.ENDED:
            strip.timebox, strip.over = "", False
            return
        figure = clock.left_text(clock.left(meeting, now))
        if meeting.stage != strip.current:
            # The view is on another stage than the meeting: say which stage the figure is about.
            figure = t("meeting.figure_other", stage=meeting.stage, figure=figure)
        strip.timebox = figure
        strip.over = clock.is_over(meeting, now)
        told = (meeting.started_at, meeting.stage)
        if strip.over and told not in self._time_up_told:
            self._time_up_told.add(told)
            status = stage_statuses(self.document)[meeting.stage - 1]
            self.notify(t("meeting.time_up", stage=meeting.stage, title=status.title,
                          minutes=meeting.timeboxes[meeting.stage - 1]),
                        severity="warning", timeout=8)

    def meeting_changed(self) -> None:
        """Save the meeting like an edit (it is not one for undo) and show it now."""
        self.post_message(DocumentChanged())
        self.meeting_tick()

    def _refused(self) -> bool:
        if self.read_only:
            self.notify(t("meeting.read_only"), severity="warning")
        return self.read_only

    # The keys ------------------------------------------------------------------------------

    def action_meeting_toggle(self) -> None:
        if self._refused():
            return
        meeting, now = self.meeting, self.now()
        state = clock.state(meeting)
        if state == clock.NOT_STARTED:
            clock.start(meeting, now, self.current_stage)
            self.notify(t("meeting.started", stage=self.current_stage))
            self.offer_carry_over()  # the start is when the room settles earlier open actions
        elif state == clock.RUNNING:
            clock.pause(meeting, now)
            self.notify(t("meeting.paused", clock=clock.clock_text(clock.elapsed(meeting, now))))
        elif state == clock.PAUSED:
            clock.resume(meeting, now)
            self.notify(t("meeting.resumed"))
        else:
            self._start_again()
            return
        self.meeting_changed()

    @work(group="meeting-restart")
    async def _start_again(self) -> None:
        """A new meeting replaces the ended one's times: asked first, nothing lost by a slip."""
        from tui.screens.dialogs import ConfirmScreen
        ended = self.meeting.ended_at.strftime("%H:%M") if self.meeting.ended_at else ""
        question = t("meeting.already_ended", time=ended)
        if not await self.app.push_screen_wait(ConfirmScreen(question, t("meeting.key.start"))):
            return
        clock.start(self.meeting, self.now(), self.current_stage)
        self.notify(t("meeting.restarted"))
        self.meeting_changed()

    async def action_meeting_move_on(self) -> None:
        if self._refused():
            return
        meeting = self.meeting
        if clock.state(meeting) not in (clock.RUNNING, clock.PAUSED):
            self.notify(t("meeting.not_running"), severity="warning")
            return
        if not clock.move_on(meeting, self.now()):
            self.notify(t("meeting.last_stage"), severity="warning")
            return
        self.meeting_changed()
        await self.action_stage(meeting.stage)
        status = stage_statuses(self.document)[meeting.stage - 1]
        self.notify(t("meeting.moved_on", stage=meeting.stage, title=status.title,
                      minutes=meeting.timeboxes[meeting.stage - 1]))
        self.meeting_tick()

    def action_meeting_end(self) -> None:
        if self._refused():
            return
        meeting, now = self.meeting, self.now()
        if clock.state(meeting) not in (clock.RUNNING, clock.PAUSED):
            self.notify(t("meeting.not_running"), severity="warning")
            return
        clock.end(meeting, now)
        self.notify(t("meeting.ended", clock=clock.clock_text(clock.elapsed(meeting, now))))
        self.meeting_changed()

    def action_agenda(self) -> None:
        from tui.screens.agenda import AgendaScreen
        self.app.push_screen(AgendaScreen(self.document, self.now, self.meeting_changed,
                                          read_only=self.read_only))

    def action_wrap_up(self) -> None:
        from postmortem.checklist import evaluate
        from storage.reading import read_recurrence
        from tui.screens.wrapup import WrapUpScreen
        from tui.stages.actions import clock as actions_clock
        # What is still ✗ is F5's verdict: the same library and the same day.
        today = actions_clock.today()
        others = read_recurrence(self.app.library.root, skip=self.document_file.path)
        review = evaluate(self.document, library=others.postmortems, today=today,
                          unreadable=others.unreadable)
        with language(self.document.language):   # the recap file speaks the document's
            recap_review = evaluate(self.document, library=others.postmortems, today=today,
                                    unreadable=others.unreadable)
        self.app.push_screen(WrapUpScreen(self.document, review, recap_review=recap_review,
                                          folder=self.document_file.path.parent, today=today,
                                          library_root=self.app.library.root,
                                          source=self.document_file.path,
                                          masked=self.sharing))
