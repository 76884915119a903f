"""The parking lot's dialogs: the one-line capture (Ctrl+O from anywhere in a postmortem, also
the reason asked when a topic is dropped) and, on stage 5, the list where each parked topic
is settled."""

from __future__ import annotations

from typing import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from postmortem import parking
from postmortem.i18n import t
from postmortem.model import ParkedTopic, Postmortem
from tui.commands import RegistryBindings
from tui.widgets.field_message import FieldMessage
from tui.widgets.text_field import TextField


class OneLineScreen(RegistryBindings, ModalScreen[str | None]):
    """A question and one line to answer it. Enter hands the text to ``accept``, which does
    what was asked and returns None, or returns the sentence that says why it cannot (shown
    under the line, which stays open). Esc cancels: None."""

    COMMAND_SCOPE = "one-line"

    def __init__(self, question: str, placeholder: str, accept: Callable[[str], str | None],
                 *, hint: str = "", field_id: str = "one-line") -> None:
        super().__init__(classes="dialog-screen")
        self.question, self.placeholder, self.accept, self.hint = question, placeholder, accept, hint
        self.field_id = field_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog one-line-dialog"):
            yield Static(Text(self.question), classes="dialog-question")
            yield TextField(placeholder=self.placeholder, id=self.field_id, compact=False)
            yield FieldMessage(id="one-line-error")
            if self.hint:
                yield Static(self.hint, classes="field-hint")

    def on_mount(self) -> None:
        self.query_one(f"#{self.field_id}", Input).focus()

    @on(Input.Submitted)
    def submit(self) -> None:
        text = self.query_one(f"#{self.field_id}", Input).value
        problem = self.accept(text)
        if problem is not None:
            self.query_one("#one-line-error", FieldMessage).show(problem)
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)


def topic_line(topic: ParkedTopic) -> Text:
    """``p2 · stage 3 · text — outcome``: one row of the panel and of the settling list, as
    plain text (what the room typed is never read as markup)."""
    return Text(t("room.parking.line", id=topic.id, stage=topic.stage, text=topic.text,
                  outcome=outcome_label(topic)))


def outcome_label(topic: ParkedTopic) -> str:
    if topic.outcome == "action":
        return t("room.parking.outcome.action", id=topic.action or "")
    if topic.outcome == "dropped":
        return t("room.parking.outcome.dropped", reason=topic.reason)
    return t(f"room.parking.outcome.{topic.outcome or 'open'}")


class SettleParkedScreen(RegistryBindings, ModalScreen[str | None]):
    """Stage 5: every parked topic, unsettled first; a makes the highlighted one an action item
    (the dialog closes on it: it returns the item's id), k keeps it as an idea, x drops it
    after asking why. ``changed`` is called after each edit of the document."""

    COMMAND_SCOPE = "parking-settle"

    def __init__(self, document: Postmortem, changed: Callable[[], None]) -> None:
        super().__init__(classes="dialog-screen")
        self.document, self.changed = document, changed

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog pick-dialog settle-dialog"):
            yield Static(t("room.settle.title"), classes="dialog-question")
            yield OptionList(id="settle-list")
            yield Static(t("room.settle.hint"), classes="field-hint")

    def on_mount(self) -> None:
        self.show_topics()
        self.query_one(OptionList).focus()

    def ordered(self) -> list[ParkedTopic]:
        return sorted(self.document.parking_lot, key=lambda p: p.settled)   # stable: raised order

    def show_topics(self) -> None:
        """The list again, the cursor on the first topic still to settle (they come first)."""
        listing = self.query_one(OptionList)
        listing.clear_options()
        topics = self.ordered()
        if not topics:
            listing.add_option(Option(t("room.settle.empty"), disabled=True))
            return
        listing.add_options([Option(topic_line(p), id=p.id) for p in topics])
        listing.highlighted = 0

    def highlighted(self) -> ParkedTopic | None:
        listing = self.query_one(OptionList)
        if listing.highlighted is None:
            return None
        option_id = listing.get_option_at_index(listing.highlighted).id
        return next((p for p in self.document.parking_lot if p.id == option_id), None)

    def action_make_action(self) -> None:
        topic = self.highlighted()
        if topic is not None:
            action = parking.make_action(self.document, topic.id)
            self.changed()
            self.dismiss(action.id)

    def action_keep_idea(self) -> None:
        topic = self.highlighted()
        if topic is not None:
            parking.keep_as_idea(self.document, topic.id)
            self.changed()
            self.show_topics()

    def action_drop(self) -> None:
        topic = self.highlighted()
        if topic is None:
            return

        def accept(reason: str) -> str | None:
            try:
                parking.drop(self.document, topic.id, reason)
            except parking.ParkingError as problem:
                return str(problem)
            self.changed()
            self.show_topics()
            return None
        self.app.push_screen(OneLineScreen(t("room.drop.question", text=topic.text),
                                           t("room.drop.placeholder"), accept,
                                           field_id="drop-reason"))

    def action_close(self) -> None:
        self.dismiss(None)
