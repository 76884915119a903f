"""The workspace's meeting-room keys (issue 14, parts 2 and 3), mixed into the workspace:
Ctrl+O parks a topic from anywhere (also while typing: the field keeps its text and the
focus comes back to it), F11 shows the parking lot beside the stage, F3 the questions for the
room under it (on stage 2 they follow the selected event's kind), Ctrl+R the blameless
preamble full screen."""

from __future__ import annotations

from datetime import datetime, timezone

from textual import on
from textual.screen import Screen
from textual.widget import Widget

from postmortem import parking
from postmortem.sharing import shared_view
from postmortem.i18n import t
from postmortem.model import Postmortem
from postmortem.questions import card_for
from postmortem.stages import STAGE_KEYS, StageStatus, stage_status
from tui.messages import DocumentChanged
from tui.screens.parking import OneLineScreen
from tui.screens.preamble import PreambleScreen
from tui.stages.base import StageView
from tui.stages.timeline.table import TimelineTable
from tui.widgets.meeting_side import ParkingPanel, QuestionsCard


def now() -> datetime:
    """When a topic is parked. Tests fix it: ``monkeypatch.setattr(meeting_room, "now", …)``."""
    return datetime.now(timezone.utc).replace(second=0, microsecond=0)


class MeetingRoom(Screen):
    """Mixed into the workspace, which sets ``document``, ``current_stage`` and ``read_only``."""

    document: Postmortem
    current_stage: int
    read_only: bool

    def meeting_side_widgets(self) -> tuple[Widget, Widget]:
        """The card (under the stages) and the panel (beside them), hidden until asked for."""
        card, panel = QuestionsCard(id="questions-card"), ParkingPanel(id="parking-panel")
        card.display = panel.display = False
        return card, panel

    def refresh_meeting_room(self, status: StageStatus | None = None) -> None:
        """Show the document's parking lot and the current stage's card, where they are open
        (``status``: the current stage's, when the caller has it already)."""
        panel = self.query_one(ParkingPanel)
        if panel.display:  # in sharing-safe mode, a copy with what the scanner finds masked
            panel.show_lot(shared_view(self.document) if self.sharing else self.document)
        card = self.query_one(QuestionsCard)
        if card.display:
            stage = self.current_stage
            event = self._selected_event() if stage == 2 else None
            card.show_card(card_for(stage, event.milestone if event else None,
                                    event_selected=event is not None),
                           status or stage_status(self.document, stage))

    def _selected_event(self):
        view = self.query("#stage-2")
        if not view:
            return None
        from tui.stages.timeline.stage import TimelineStage   # built only when stage 2 is shown
        stage = view.first()
        return stage.pane.selected() if isinstance(stage, TimelineStage) else None

    @on(TimelineTable.RowHighlighted)
    def _event_highlighted(self) -> None:
        if self.query_one(QuestionsCard).display:
            self.refresh_meeting_room()

    # Keys ----------------------------------------------------------------------------------

    def action_park_topic(self) -> None:
        if self.read_only:
            self.notify(t("room.parking.read_only"), severity="warning")
            return
        stage = self.current_stage

        def accept(text: str) -> str | None:
            try:
                topic = parking.park(self.document, text, stage, now())
            except parking.ParkingError as problem:
                return str(problem)
            self.post_message(DocumentChanged())
            self.notify(t("room.parking.parked", id=topic.id, text=topic.text), timeout=4)
            return None
        # The modal keeps this screen's focused widget (and its text); it has focus again
        # when the modal closes.
        self.app.push_screen(OneLineScreen(
            t("room.parking.capture", stage=stage, stage_name=t(f"stage.{STAGE_KEYS[stage - 1]}")),
            t("room.parking.placeholder"), accept, hint=t("room.parking.capture_hint"),
            field_id="park-topic"))

    def action_toggle_parking_lot(self) -> None:
        panel = self.query_one(ParkingPanel)
        panel.display = not panel.display
        self.refresh_meeting_room()
        self._keep_focus_in_view()

    def action_toggle_questions(self) -> None:
        card = self.query_one(QuestionsCard)
        card.display = not card.display
        self.refresh_meeting_room()
        self._keep_focus_in_view()

    def action_read_preamble(self) -> None:
        self.app.push_screen(PreambleScreen())

    def _keep_focus_in_view(self) -> None:
        """The stage just got smaller: the field being edited stays on screen."""
        focused = self.focused
        if focused is not None and any(isinstance(a, StageView) for a in focused.ancestors):
            self.call_after_refresh(focused.scroll_visible, animate=False)
