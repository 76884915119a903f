"""What the facilitator keeps in view during the meeting: the parking lot (a side panel, F11)
and the questions for the room (a card under the stage, F3). Both only show the document; the
keys that change it are the workspace's and stage 5's."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from postmortem.i18n import t
from postmortem.model import Postmortem
from postmortem.questions import QuestionCard
from postmortem.stages import StageStatus
from tui.screens.parking import topic_line
from postmortem.parking import unsettled


class ParkingPanel(VerticalScroll, can_focus=False):
    """The parked topics in the order raised: id, stage, text and how each was settled."""

    def compose(self):
        yield Static(id="parking-title", classes="side-title")
        yield Static(id="parking-topics")
        yield Static(id="parking-note", classes="field-hint")

    def show_lot(self, document: Postmortem) -> None:
        topics = document.parking_lot
        self.query_one("#parking-title", Static).update(t("room.parking.title", count=len(topics)))
        lines = Text("\n").join(topic_line(p) for p in topics) if topics else Text(t("room.parking.empty"))
        self.query_one("#parking-topics", Static).update(lines)
        open_count = len(unsettled(document))
        note = self.query_one("#parking-note", Static)
        note.update(t("room.parking.to_settle", count=open_count) if open_count else "")
        note.display = bool(open_count)


class QuestionsCard(VerticalScroll, can_focus=False):
    """The card of the stage shown (of the selected event's kind on stage 2), and the stage's
    exit condition with whether it holds now."""

    def compose(self):
        yield Static(id="questions-heading", classes="side-title")
        yield Static(id="questions-list")
        yield Static(id="questions-exit")

    def show_card(self, card: QuestionCard, status: StageStatus) -> None:
        self.query_one("#questions-heading", Static).update(
            Text(f"{card.heading}  ·  {t('room.card.hint')}"))
        self.query_one("#questions-list", Static).update(
            Text("\n").join(Text(f"{n}. {q}") for n, q in enumerate(card.questions, 1)))
        now = (t("room.card.now_ok") if status.ok
               else t("room.card.now_open", first=status.reasons[0]))
        exit_line = self.query_one("#questions-exit", Static)
        exit_line.update(Text(f"{t('room.card.exit', condition=card.exit_condition)} {now}"))
        exit_line.set_class(status.ok, "-ok")
        exit_line.set_class(not status.ok, "-missing")
