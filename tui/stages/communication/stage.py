"""Stage 6 — communication & follow-up: the summaries, who it was shared with, legal review,
and the follow-up reviews (30/60 days after the meeting by default, each with a done flag).

The customer-facing summary is offered only when stage 1 says one is needed; legal review is
marked required when stage 1 marks security details. Follow-up due dates take the same input
as action due dates (``2026-04-01``, ``+2w``, ``fri``); text that does not parse stays on
screen with one sentence saying why, and nothing is stored until it parses.
"""

from __future__ import annotations

from datetime import timedelta

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static, TextArea

from postmortem import vocab
from postmortem.duedates import DueDateError, parse_due
from postmortem.followup import ID_PREFIX, NoMeetingDate, default_follow_ups, legal_review_needed
from postmortem.writable import OutOfRange, check_day, writable_text
from postmortem.i18n import t
from postmortem.model import FollowUp
from postmortem.relative_days import relative_day
from postmortem.times import show_long_date
from tui.stages.actions import clock as actions_clock
from tui.stages.base import StageView
from tui.stages.scope.stage import join_list, split_list
from tui.widgets.choices import ChoiceButton, TickBox
from tui.widgets.text_field import TextBox, TextField

SHORT_HEIGHT = 30
NEW_REVIEW_AFTER = timedelta(days=30)   # a review added by hand: 30 days after the last one


class FollowUpRow(Vertical):
    """One review: due date, label, done flag, remove; a line beneath for a bad date."""

    def __init__(self, index: int, review: FollowUp, *, read_only: bool) -> None:
        super().__init__(classes="follow-up")
        self.index, self.review, self.read_only = index, review, read_only

    def compose(self) -> ComposeResult:
        ro = self.read_only
        with Horizontal(classes="follow-up-line"):
            yield TextField(self.review.due.isoformat(), classes="follow-up-due", disabled=ro,
                            placeholder=t("comms_ui.due_placeholder"))
            yield TextField(self.review.label, classes="follow-up-label", disabled=ro,
                            placeholder=t("comms_ui.label_placeholder"))
            yield TickBox(t("comms_ui.done"), self.review.done, classes="follow-up-done",
                           disabled=ro, compact=True)
            yield Button(t("comms_ui.remove"), classes="follow-up-remove", disabled=ro,
                         compact=True)
        yield Static("", classes="follow-up-message")

    def show_message(self, text: str, kind: str = "") -> None:
        message = self.query_one(".follow-up-message", Static)
        message.update(text)
        message.set_class(not text, "-empty")
        message.set_class(kind == "error", "-error")
        message.set_class(kind == "overdue", "-overdue")


class CommunicationStage(StageView):
    STAGE = 6
    FORM = True
    COMMAND_SCOPE = "communication"

    def compose(self) -> ComposeResult:
        comms, ro = self.document.communication, self.read_only
        # The fields scroll the form into view; the form itself is no stop for Tab.
        with VerticalScroll(id="comms-form", can_focus=False):
            yield Label(t("comms_ui.internal_summary"), classes="comms-heading")
            yield TextBox(comms.internal_summary, id="internal_summary", disabled=ro,
                           compact=True, placeholder=t("comms_ui.internal_placeholder"),
                           classes="comms-summary")
            yield Label(t("comms_ui.customer_summary"), classes="comms-heading")
            yield TextBox(comms.customer_summary, id="customer_summary", disabled=ro,
                           compact=True, placeholder=t("comms_ui.customer_placeholder"),
                           classes="comms-summary")
            yield Static(t("comms_ui.customer_not_needed"), id="customer-note", classes="comms-note")
            with Horizontal(classes="comms-row"):
                yield Label(t("comms_ui.shared_with"), classes="comms-label")
                yield TextField(join_list(comms.shared_with), id="shared_with", disabled=ro,
                                placeholder=t("comms_ui.shared_placeholder"))
            with Horizontal(classes="comms-row"):
                yield Label(t("comms_ui.legal_review"), id="legal-label", classes="comms-label")
                yield RadioSet(*[ChoiceButton(t(f"checklist.legal.{value}"),
                                             comms.legal_review == value, id=f"legal-{value}")
                                 for value in vocab.LEGAL_REVIEWS],
                               id="legal_review", disabled=ro, compact=True)
            yield Static("", id="legal-hint", classes="comms-note")
            yield Label(t("comms_ui.follow_ups"), classes="comms-heading")
            yield Static("", id="no-meeting", classes="comms-note")
            yield Vertical(id="follow-ups")
            with Horizontal(id="follow-up-buttons"):
                yield Button(t("comms_ui.defaults_button"), id="follow-up-defaults",
                             disabled=ro, compact=True)
                yield Button(t("comms_ui.add_button"), id="follow-up-add", disabled=ro,
                             compact=True)

    def on_resize(self, event: events.Resize) -> None:
        # On a short screen the summaries scroll inside their boxes, so the reviews stay near.
        self.set_class(event.size.height < SHORT_HEIGHT, "-short")

    def on_mount(self) -> None:
        # In the same exclusive group as later rebuilds, so two rebuilds never interleave
        # (a refresh right after mounting would otherwise mount the rows twice).
        self.run_worker(self._rebuild_reviews, exclusive=True, group="comms-rows")
        self._show_scope_notes()

    # Showing ----------------------------------------------------------------------------

    def refresh_from_document(self) -> None:
        """Stage 1 may have changed what is needed; the reviews may have been edited elsewhere."""
        self._show_scope_notes()
        self._show_fields()
        reviews = self.document.communication.follow_ups
        rows = list(self.query(FollowUpRow))
        # Rows edit their review object: after an undo the document holds new ones.
        if not reviews or len(rows) != len(reviews) \
                or any(row.review is not review for row, review in zip(rows, reviews)):
            self.run_worker(self._rebuild_reviews, exclusive=True, group="comms-rows")
        else:
            self._show_review_messages()

    def _show_fields(self) -> None:
        comms = self.document.communication
        for name in ("internal_summary", "customer_summary"):
            box = self.query_one(f"#{name}", TextBox)
            if box.text != getattr(comms, name):
                box.load_text(getattr(comms, name))
        shared = self.query_one("#shared_with", Input)
        if split_list(shared.value) != comms.shared_with:
            with shared.prevent(Input.Changed):
                shared.value = join_list(comms.shared_with)
        for value in vocab.LEGAL_REVIEWS:   # the set's Changed finds the document agreeing
            button = self.query_one(f"#legal-{value}", RadioButton)
            if button.value != (comms.legal_review == value):
                button.value = comms.legal_review == value

    def show_change(self, location: str | None) -> None:
        field = (location or "").split(".")[-1]
        target = {"follow_ups": "#follow-ups"}.get(field, f"#{field}") if field else None
        if target and self.query(target):
            self.query_one(target).scroll_visible(animate=False)

    def _show_scope_notes(self) -> None:
        doc = self.document
        customer = doc.scope.customer_facing
        self.query_one("#customer_summary").display = customer
        self.query_one("#customer-note").display = not customer
        security = doc.scope.sensitivity.security
        label = self.query_one("#legal-label", Label)
        label.update(t("comms_ui.legal_review_required" if security else "comms_ui.legal_review"))
        label.set_class(security, "-required")
        hint = self.query_one("#legal-hint", Static)
        if legal_review_needed(doc):
            hint.update(t("comms_ui.legal_blocks"))
        elif security:
            hint.update(t("comms_ui.legal_security"))
        else:
            hint.update("")
        hint.set_class(not security, "-empty")
        no_meeting = self.query_one("#no-meeting", Static)
        no_meeting.update(str(NoMeetingDate()) if doc.meeting_at is None else "")
        no_meeting.set_class(doc.meeting_at is not None, "-empty")

    async def _rebuild_reviews(self, focus_index: int | None = None) -> None:
        container = self.query_one("#follow-ups", Vertical)
        await container.remove_children()
        rows = [FollowUpRow(i, review, read_only=self.read_only)
                for i, review in enumerate(self.document.communication.follow_ups)]
        if rows:
            await container.mount_all(rows)
        else:
            await container.mount(Static(t("comms_ui.no_reviews" if self.document.meeting_at
                                           else "comms_ui.no_reviews_no_meeting"), classes="comms-note"))
        self._show_review_messages()
        if focus_index is not None and focus_index < len(rows):
            due = rows[focus_index].query_one(".follow-up-due", Input)
            due.focus()
            due.action_select_all()   # a new review: typing "+45d" replaces the suggested day

    def _show_review_messages(self) -> None:
        today = actions_clock.today()
        for row in self.query(FollowUpRow):
            review = row.review
            if not review.done and review.due < today:
                row.show_message(t("comms_ui.review_overdue", due=review.due.isoformat(),
                                   ago=relative_day(review.due, today)), "overdue")
            else:
                row.show_message("")

    def focus_first(self) -> None:
        self.query_one("#internal_summary").focus()

    def focus_location(self, location: str) -> bool:
        field = location.split(".")[-1]
        if field == "follow_ups":
            dues = self.query(".follow-up-due")
            (dues.first() if dues else self.query_one("#follow-up-defaults")).focus()
            return True
        if field in ("internal_summary", "customer_summary", "shared_with", "legal_review"):
            target = self.query_one(f"#{field}")
            if target.display:
                target.focus()
            else:
                self.focus_first()
            return True
        if location == "communication":
            self.focus_first()
            return True
        return False

    # Editing ----------------------------------------------------------------------------

    @on(TextArea.Changed)
    def _summary_changed(self, event: TextArea.Changed) -> None:
        # A pasted control character would make a document that does not read back.
        comms, text = self.document.communication, writable_text(event.text_area.text)
        if self.read_only or getattr(comms, event.text_area.id or "", None) in (None, text):
            return
        setattr(comms, event.text_area.id, text)
        self.changed()

    @on(Input.Changed, "#shared_with")
    def _shared_changed(self, event: Input.Changed) -> None:
        event.stop()
        shared = split_list(event.value)
        if not self.read_only and shared != self.document.communication.shared_with:
            self.document.communication.shared_with = shared
            self.changed()

    @on(RadioSet.Changed, "#legal_review")
    def _legal_changed(self, event: RadioSet.Changed) -> None:
        value = (event.pressed.id or "").removeprefix("legal-")
        if not self.read_only and value in vocab.LEGAL_REVIEWS \
                and value != self.document.communication.legal_review:
            self.document.communication.legal_review = value
            self.changed()

    # Follow-up reviews ------------------------------------------------------------------

    @staticmethod
    def _row_of(widget) -> FollowUpRow | None:
        node = widget
        while node is not None and not isinstance(node, FollowUpRow):
            node = node.parent
        return node

    @on(Input.Changed, ".follow-up-due")
    def _due_changed(self, event: Input.Changed) -> None:
        event.stop()
        row = self._row_of(event.input)
        if row is None or self.read_only or event.value == row.review.due.isoformat():
            if row is not None:
                self._show_review_messages()
            return
        try:
            due = parse_due(event.value, actions_clock.today())
        except DueDateError as problem:
            row.show_message(str(problem), "error")
            return
        row.show_message(t("comms_ui.due_parsed", due=show_long_date(due),
                           today=show_long_date(actions_clock.today())))
        if due != row.review.due:
            row.review.due = due
            self.changed()

    @on(events.DescendantBlur)
    def _due_left(self, event: events.DescendantBlur) -> None:
        # "+30d" becomes the day it means once the field is left; bad text stays as typed.
        if isinstance(event.widget, Input) and event.widget.has_class("follow-up-due"):
            row = self._row_of(event.widget)
            try:
                parsed = parse_due(event.widget.value, actions_clock.today())
            except DueDateError:
                return
            if row is not None and parsed == row.review.due:
                with event.widget.prevent(Input.Changed):
                    event.widget.value = parsed.isoformat()
                self._show_review_messages()

    @on(Input.Changed, ".follow-up-label")
    def _label_changed(self, event: Input.Changed) -> None:
        event.stop()
        row = self._row_of(event.input)
        if row is not None and not self.read_only and event.value != row.review.label:
            row.review.label = event.value
            self.changed()

    @on(Checkbox.Changed, ".follow-up-done")
    def _done_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        row = self._row_of(event.checkbox)
        if row is not None and not self.read_only and event.value != row.review.done:
            row.review.done = event.value
            self._show_review_messages()
            self.changed()

    @on(Button.Pressed, ".follow-up-remove")
    async def _remove_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        row = self._row_of(event.button)
        if row is None or not self.editable():
            return
        reviews = self.document.communication.follow_ups
        if row.review in reviews:
            reviews.remove(row.review)
            self.changed()
        await self._rebuild_reviews()
        remaining = self.query(".follow-up-remove")
        (remaining[min(row.index, len(remaining) - 1)] if remaining
         else self.query_one("#follow-up-defaults")).focus()

    @on(Button.Pressed, "#follow-up-defaults")
    async def action_default_reviews(self) -> None:
        if not self.editable():
            return
        try:
            defaults = default_follow_ups(self.document)
        except NoMeetingDate as problem:
            self._show_scope_notes()
            self.notify(str(problem), severity="warning", timeout=8)
            return
        except OutOfRange as problem:
            self.notify(str(problem), severity="error", timeout=8)
            return
        reviews = self.document.communication.follow_ups
        scheduled = {review.due for review in reviews}
        new = [review for review in defaults if review.due not in scheduled]
        if not new:
            self.notify(t("comms_ui.defaults_present"))
            return
        reviews.extend(new)
        reviews.sort(key=lambda review: review.due)
        self.changed()
        await self._rebuild_reviews(focus_index=reviews.index(new[0]))

    @on(Button.Pressed, "#follow-up-add")
    async def action_add_review(self) -> None:
        if not self.editable():
            return
        reviews = self.document.communication.follow_ups
        if reviews:
            base = max(review.due for review in reviews)
        elif self.document.meeting_at is not None:
            base = self.document.meeting_at.date()
        else:
            base = actions_clock.today()
        try:
            due = check_day(base + NEW_REVIEW_AFTER)
        except OutOfRange as problem:
            self.notify(str(problem), severity="error", timeout=8)
            return
        reviews.append(FollowUp(due=due, label=t("comms_ui.new_label"),
                                id=self.document.next_id(ID_PREFIX)))
        self.changed()
        await self._rebuild_reviews(focus_index=len(reviews) - 1)
