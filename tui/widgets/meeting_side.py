"""What the facilitator keeps in view during the meeting: the parking lot (a side panel, F11)
and the questions for the room (a card under the stage, F3). Both only show the document; the
keys that change it are the workspace's and stage 5's."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from postmortem.i18n import t
from postmortem.model import Postmortem
from postmortem.questions import QuestionCard
from postmortem.stages import StageStatus
from postmortem.parking import unsettled
from tui.screens.parking import outcome_label
from tui.widgets.cell_wrap import CellWrapped


def hanging_grid() -> Table:
    """Two columns: a short label, and text that wraps under its own start, not the label."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    # fold: Chinese has no spaces to wrap at; without it a long line is cut with "…".
    grid.add_column(ratio=1, overflow="fold")
    return grid


def topic_grid(document: Postmortem) -> Table:
    """Each topic: its id, the text, and under it the stage raised and the outcome."""
    grid = hanging_grid()
    for topic in document.parking_lot:
        facts = Text(t("room.parking.facts", stage=topic.stage, outcome=outcome_label(topic)),
                     style="dim" if topic.settled else "bold")
        grid.add_row(topic.id, CellWrapped(Text.assemble(Text(topic.text), "\n", facts)))
    return grid


class ParkingPanel(VerticalScroll, can_focus=False):
    """The parked topics in the order raised: id, stage, text and how each was settled."""

    def compose(self):
        yield Static(id="parking-title", classes="side-title")
        yield Static(id="parking-topics")
        yield Static(id="parking-note", classes="field-hint")

    def show_lot(self, document: Postmortem) -> None:
        topics = document.parking_lot
        self.query_one("#parking-title", Static).update(t("room.parking.title", count=len(topics)))
        self.query_one("#parking-topics", Static).update(
            topic_grid(document) if topics else Text(t("room.parking.empty")))
        open_count = len(unsettled(document))
        note = self.query_one("#parking-note", Static)
        note.update(CellWrapped(t("room.parking.to_settle", count=open_count)) if open_count
                    else "")
        note.display = bool(open_count)


class QuestionsCard(VerticalScroll, can_focus=False):
    """The card of the stage shown (of the selected event's kind on stage 2), and the stage's
    exit condition with whether it holds now."""

    def compose(self):
        yield Static(id="questions-heading", classes="side-title")
        # The exit condition first: it stays in view when the card is cut at 80×24.
        yield Static(id="questions-exit")
        yield Static(id="questions-list")

    def show_card(self, card: QuestionCard, status: StageStatus) -> None:
        self.query_one("#questions-heading", Static).update(
            Text(card.heading))
        questions = hanging_grid()
        for number, question in enumerate(card.questions, 1):
            questions.add_row(f"{number}.", CellWrapped(question))
        self.query_one("#questions-list", Static).update(questions)
        exit_line = self.query_one("#questions-exit", Static)
        # ✓ or ✗ as the exit bar above says it (its reasons are there and under F2).
        exit_line.update(CellWrapped(t("room.card.exit", mark="✓" if status.ok else "✗",
                                       condition=card.exit_condition)))
        exit_line.set_class(status.ok, "-ok")
        exit_line.set_class(not status.ok, "-missing")
