"""The impact form of stage 2 (DESIGN §2.2): one compact line per fact, saved as you type."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Checkbox, Input, RadioButton, RadioSet, Static

from postmortem import vocab
from postmortem.i18n import t
from postmortem.metrics import format_duration, incident_duration
from postmortem.model import Postmortem
from tui.stages.base import report_change
from tui.stages.scope.stage import FieldRow
from tui.widgets.choices import ChoiceButton, TickBox
from tui.widgets.field_binding import FieldBinding
from tui.widgets.text_field import TextField

YES_NO = (("yes", True), ("no", False), ("unknown", None))
TEXT_FIELDS = ("users_affected", "data_integrity_notes", "sla_notes")
# The questions answered with a row of buttons, by field: the answer as the document keeps it.
ANSWERS = {
    "data_integrity": FieldBinding("data_integrity"),
    "customer_visible": FieldBinding("customer_visible", stored=dict(YES_NO).get),
    "sla_breach": FieldBinding("sla_breach", stored=dict(YES_NO).get),
}


def _answer_id(field: str, answer: str) -> str:
    return f"impact-{field}-{answer}"


def _spanning(row: FieldRow) -> FieldRow:
    row.add_class("-span")
    return row


class ImpactForm(VerticalScroll):
    def __init__(self, document: Postmortem, *, read_only: bool, id: str | None = None) -> None:
        super().__init__(id=id, can_focus=False)  # its fields scroll it; no stop for Tab itself
        self.document, self.read_only = document, read_only

    def compose(self) -> ComposeResult:
        impact, ro = self.document.impact, self.read_only

        def yes_no(field: str, value: bool | None) -> RadioSet:
            return RadioSet(*[ChoiceButton(t(f"timeline_ui.impact.{label}"), value is answer,
                                          id=_answer_id(field, label))
                              for label, answer in YES_NO],
                            id=f"impact-{field}", disabled=ro, compact=True)

        # Ordered for both layouts: one column (80×24), or two columns where the first and the
        # last rows span both.
        yield _spanning(FieldRow(t("timeline_ui.impact.users_affected"), TextField(
            impact.users_affected, id="impact-users_affected", disabled=ro,
            placeholder=t("timeline_ui.impact.users_placeholder"))))
        yield FieldRow(t("timeline_ui.impact.customer_visible"),
                       yes_no("customer_visible", impact.customer_visible))
        yield FieldRow(t("timeline_ui.impact.duration"),
                       Static("", id="impact-duration", classes="impact-derived"))
        yield FieldRow(t("timeline_ui.impact.data_integrity"), RadioSet(
            *[ChoiceButton(t(f"timeline_ui.impact.integrity.{value}"), impact.data_integrity == value,
                          id=_answer_id("data_integrity", value)) for value in vocab.DATA_INTEGRITY],
            id="impact-data_integrity", disabled=ro, compact=True))
        yield FieldRow(t("timeline_ui.impact.integrity_notes"), TextField(
            impact.data_integrity_notes, id="impact-data_integrity_notes", disabled=ro,
            placeholder=t("timeline_ui.impact.integrity_placeholder")))
        yield FieldRow(t("timeline_ui.impact.sla_breach"), yes_no("sla_breach", impact.sla_breach))
        yield FieldRow(t("timeline_ui.impact.sla_notes"), TextField(
            impact.sla_notes, id="impact-sla_notes", disabled=ro,
            placeholder=t("timeline_ui.impact.sla_placeholder")))
        yield _spanning(FieldRow(t("timeline_ui.impact.comms"), TickBox(
            t("timeline_ui.impact.comms_box"), impact.comms_aligned, id="impact-comms_aligned",
            disabled=ro, compact=True)))

    def on_mount(self) -> None:
        self.show_duration()

    def show_duration(self) -> None:
        shown = t("timeline_ui.impact.duration_value",
                  duration=format_duration(incident_duration(self.document)))
        self.query_one("#impact-duration", Static).update(shown, layout=False)  # one line, always

    def refresh_from_document(self) -> None:
        impact = self.document.impact
        for field in TEXT_FIELDS:
            editor = self.query_one(f"#impact-{field}", Input)
            if editor.value != getattr(impact, field):
                editor.value = getattr(impact, field)
        for field in ("customer_visible", "sla_breach"):
            value = getattr(impact, field)
            label = next(label for label, answer in YES_NO if answer is value)
            self.query_one(f"#{_answer_id(field, label)}", RadioButton).value = True
        if impact.data_integrity is not None:
            self.query_one(f"#{_answer_id('data_integrity', impact.data_integrity)}",
                           RadioButton).value = True
        self.query_one("#impact-comms_aligned", Checkbox).value = impact.comms_aligned
        self.show_duration()

    # Each editor writes its own field --------------------------------------------------------

    @on(Input.Changed)
    def text_changed(self, event: Input.Changed) -> None:
        event.stop()
        field = (event.input.id or "").removeprefix("impact-")
        if field not in TEXT_FIELDS or getattr(self.document.impact, field) == event.value:
            return
        setattr(self.document.impact, field, event.value)
        report_change(self)

    @on(RadioSet.Changed)
    def answer_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        field = (event.radio_set.id or "").removeprefix("impact-")
        answer = (event.pressed.id or "").removeprefix(f"impact-{field}-")
        binding = ANSWERS.get(field)
        if binding is not None and binding.store(self.document.impact, answer):
            report_change(self)

    @on(Checkbox.Changed, "#impact-comms_aligned")
    def comms_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        if self.document.impact.comms_aligned != event.value:
            self.document.impact.comms_aligned = event.value
            report_change(self)

    def focus_field(self, field: str) -> bool:
        matches = self.query(f"#impact-{field}")
        if not matches:
            return False
        matches.first().focus()
        return True
