"""Stage 1 — scope & audience: every field of DESIGN §2.1 and the blameless preamble."""

from __future__ import annotations

import re

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Checkbox, Collapsible, Input, Label, RadioButton, RadioSet, Select, SelectionList, Static

from postmortem import vocab
from postmortem.i18n import t
from postmortem.times import TimeParseError, format_datetime, parse_typed_time
from tui.stages.base import StageView
from tui.widgets.choices import ChoiceButton, TickBox, TickList
from tui.widgets.field_binding import FieldBinding
from tui.widgets.field_message import FieldMessage
from tui.widgets.sensitive_hint import SensitiveDataHint
from tui.widgets.text_field import TextField


def split_list(text: str) -> list[str]:
    """``"a, b,,c "`` → ``["a", "b", "c"]``: the comma-separated list fields. A Chinese input
    method types the full-width comma ``，`` or the enumeration comma ``、``: those separate too."""
    return [part.strip() for part in re.split(r"[,，、]", text) if part.strip()]


def join_list(values: list[str]) -> str:
    """A list field's values as shown in its editor: ``a, b`` in English, ``甲、乙`` in Chinese
    (``split_list`` reads either back)."""
    return t("export.list_separator").join(values)


class FieldRow(Horizontal):
    """A label and its editor on one line; a hint line beneath when needed."""

    def __init__(self, label: str, *children: Widget) -> None:
        super().__init__(classes="field-row")
        self._label, self._children = label, children

    def compose(self) -> ComposeResult:
        yield Label(self._label, classes="field-label")
        yield from self._children


def in_order(order: tuple[str, ...]):
    """What a tick list holds, in the vocabulary's order (the order of the export)."""
    return lambda chosen: [value for value in order if value in chosen]


# Each editor of the form by widget id, and the value of the document it edits. The meeting
# time is apart: it is stored only once it parses, and says what it understood.
TEXT_FIELDS = {
    "title": FieldBinding("title"),
    "incident_ref": FieldBinding("incident_ref", stored=str.strip),
    "tags": FieldBinding("tags", shown=join_list, stored=split_list),
    "owner": FieldBinding("scope.owner", stored=str.strip),
    "facilitator": FieldBinding("scope.facilitator", stored=str.strip),
    "participants": FieldBinding("scope.participants", shown=join_list, stored=split_list),
}
MEETING = FieldBinding("meeting_at", shown=lambda at: format_datetime(at) if at else "")
SELECTS = {
    "severity": FieldBinding("severity", shown=lambda value: value or Select.NULL,
                             stored=lambda value: None if value is Select.NULL else value),
    "status": FieldBinding("status"),   # never blank
    "language": FieldBinding("language", shown=lambda value: value or Select.NULL,
                             stored=lambda value: None if value is Select.NULL else value),
}
TICK_LISTS = {
    "triggers": FieldBinding("scope.triggers", stored=in_order(vocab.TRIGGERS)),
    "audiences": FieldBinding("scope.audiences", stored=in_order(vocab.AUDIENCES)),
}
CHECKBOXES = {
    "pii": FieldBinding("scope.sensitivity.pii"),
    "security": FieldBinding("scope.sensitivity.security"),
    "customer_facing": FieldBinding("scope.customer_facing"),
}


class ScopeStage(StageView):
    STAGE = 1
    FORM = True

    def compose(self) -> ComposeResult:
        doc, scope = self.document, self.document.scope
        ro = self.read_only
        # The fields scroll the form into view; the form itself is no stop for Tab.
        with VerticalScroll(id="scope-form", can_focus=False):
            with Collapsible(title=t("scope.preamble_title"), collapsed=True, id="preamble"):
                yield Static(t("scope.preamble"), id="preamble-text")
            yield FieldRow(t("scope.title"), TextField(doc.title, id="title", disabled=ro,
                                                   placeholder=t("scope.title_placeholder")))
            yield FieldRow(t("scope.incident_ref"), TextField(doc.incident_ref, id="incident_ref",
                                                          disabled=ro, placeholder=t("scope.incident_placeholder")))
            yield FieldRow(t("scope.severity"), Select(
                [(s, s) for s in vocab.SEVERITIES], value=doc.severity or Select.NULL,
                prompt=t("scope.choose"), id="severity", disabled=ro, compact=True))
            yield FieldRow(t("scope.status"), Select(
                [(t(f"status.{s}"), s) for s in vocab.STATUSES], value=doc.status,
                allow_blank=False, id="status", disabled=ro, compact=True))
            # The language the document is written in: its exports speak it.
            yield FieldRow(t("language.field"), Select(
                [(t(f"language.name.{name}"), name) for name in vocab.DOCUMENT_LANGUAGES],
                value=doc.language or Select.NULL, prompt=t("language.not_chosen"),
                id="language", disabled=ro, compact=True))
            yield FieldRow(t("scope.meeting"), TextField(
                format_datetime(doc.meeting_at) if doc.meeting_at else "", id="meeting_at",
                disabled=ro, placeholder=t("scope.meeting_placeholder")))
            yield FieldMessage(id="meeting_at-error")
            yield FieldRow(t("scope.tags"), TextField(join_list(doc.tags), id="tags", disabled=ro,
                                                  placeholder=t("scope.tags_placeholder")))
            yield FieldRow(t("scope.triggers"), TickList(
                *[(t(f"trigger.{v}"), v, v in scope.triggers) for v in vocab.TRIGGERS],
                id="triggers", disabled=ro, compact=True))
            yield FieldRow(t("scope.audiences"), TickList(
                *[(t(f"audience.{v}"), v, v in scope.audiences) for v in vocab.AUDIENCES],
                id="audiences", disabled=ro, compact=True))
            yield FieldRow(t("scope.sensitivity"),
                           TickBox(t("scope.pii"), scope.sensitivity.pii, id="pii", disabled=ro, compact=True),
                           TickBox(t("scope.security"), scope.sensitivity.security, id="security",
                                    disabled=ro, compact=True))
            yield SensitiveDataHint(id="sensitive-hint")
            yield FieldRow(t("scope.customer_facing"), TickBox(
                t("scope.customer_facing_box"), scope.customer_facing, id="customer_facing", disabled=ro, compact=True))
            yield FieldRow(t("scope.depth"), RadioSet(
                *[ChoiceButton(t(f"depth.{value}"), scope.depth == value, id=f"depth-{value}")
                  for value in vocab.DEPTHS], id="depth", disabled=ro, compact=True),
                Static("", id="depth-hint", classes="field-hint"))
            yield FieldRow(t("scope.owner"), TextField(scope.owner, id="owner", disabled=ro,
                                                   placeholder=t("scope.person_placeholder")))
            yield FieldRow(t("scope.facilitator"), TextField(scope.facilitator, id="facilitator",
                                                         disabled=ro, placeholder=t("scope.person_placeholder")))
            yield FieldRow(t("scope.participants"), TextField(
                join_list(scope.participants), id="participants", disabled=ro,
                placeholder=t("scope.participants_placeholder")))

    def on_mount(self) -> None:
        self._show_depth_hint()

    def refresh_from_document(self) -> None:
        """Every editor from the document (an undo may have changed any of them)."""
        doc, scope = self.document, self.document.scope
        for field, binding in {**TEXT_FIELDS, "meeting_at": MEETING}.items():
            editor = self.query_one(f"#{field}", Input)
            shown = binding.show(doc)
            if editor.value != shown and not (binding is MEETING and editor.has_focus):
                with editor.prevent(Input.Changed):
                    editor.value = shown
        for field, binding in SELECTS.items():
            select = self.query_one(f"#{field}", Select)
            if select.value != binding.show(doc):
                with select.prevent(Select.Changed):
                    select.value = binding.show(doc)
        for field, binding in TICK_LISTS.items():
            choices = self.query_one(f"#{field}", SelectionList)
            chosen = binding.read(doc)
            if set(choices.selected) != set(chosen):
                with choices.prevent(SelectionList.SelectedChanged):
                    choices.deselect_all()
                    for value in chosen:
                        choices.select(value)
        for field, binding in CHECKBOXES.items():
            checkbox = self.query_one(f"#{field}", Checkbox)
            if checkbox.value != binding.read(doc):
                with checkbox.prevent(Checkbox.Changed):
                    checkbox.value = binding.read(doc)
        for value in vocab.DEPTHS:   # the set's Changed finds the document agreeing: no edit
            button = self.query_one(f"#depth-{value}", RadioButton)
            if button.value != (scope.depth == value):
                button.value = scope.depth == value
        self._show_depth_hint()
        self.query_one(SensitiveDataHint).show_now()

    def changed(self) -> None:
        super().changed()
        self.query_one(SensitiveDataHint).schedule()   # after a pause in the typing

    def show_change(self, location: str | None) -> None:
        field = (location or "").split(".")[-1]
        field = {"sensitivity": "pii"}.get(field, field)
        matches = self.query(f"#{field}") if field else None
        if matches:
            matches.first().scroll_visible(animate=False)

    def _show_depth_hint(self) -> None:
        suggested = vocab.suggested_depth(self.document.severity)
        hint = t("scope.depth_suggested", depth=t(f"depth.{suggested}")) if suggested else ""
        self.query_one("#depth-hint", Static).update(hint)

    # Each editor writes its own field, then reports the change ---------------------------

    @on(Input.Changed)
    def text_changed(self, event: Input.Changed) -> None:
        field = event.input.id or ""
        if field == "meeting_at":
            # Not when the field was only (re)filled from the document.
            if MEETING.show(self.document) != event.value and self._set_meeting(event.value):
                self.changed()
        elif field in TEXT_FIELDS and TEXT_FIELDS[field].store(self.document, event.value):
            self.changed()

    def _set_meeting(self, text: str) -> bool:
        """Keep what was typed; store it only once it parses (an empty field clears it)."""
        error = self.query_one("#meeting_at-error", FieldMessage)
        if not text.strip():
            self.document.meeting_at = None
            error.show("")
            return True
        try:
            moment = parse_typed_time(text, day=None)
        except TimeParseError as problem:
            error.show(str(problem))
            return False
        error.show(t("scope.meeting_parsed", when=format_datetime(moment)))
        self.document.meeting_at = moment
        return True

    @on(Select.Changed)
    def select_changed(self, event: Select.Changed) -> None:
        binding = SELECTS.get(event.select.id or "")
        if binding is not None and binding.store(self.document, event.value):
            self._show_depth_hint()   # the suggested depth follows the severity
            self.changed()

    @on(SelectionList.SelectedChanged)
    def selection_changed(self, event: SelectionList.SelectedChanged) -> None:
        binding = TICK_LISTS.get(event.selection_list.id or "")
        if binding is not None and binding.store(self.document, event.selection_list.selected):
            self.changed()

    @on(Checkbox.Changed)
    def checkbox_changed(self, event: Checkbox.Changed) -> None:
        binding = CHECKBOXES.get(event.checkbox.id or "")
        if binding is not None and binding.store(self.document, event.value):
            self.changed()

    @on(RadioSet.Changed)
    def depth_changed(self, event: RadioSet.Changed) -> None:
        depth = event.pressed.id.removeprefix("depth-") if event.pressed.id else None
        if depth != self.document.scope.depth:
            self.document.scope.depth = depth
            self.changed()

    def focus_first(self) -> None:
        self.query_one("#title", Input).focus()

    def focus_location(self, location: str) -> bool:
        field = location.split(".")[-1]
        matches = self.query(f"#{field}")
        if matches:
            matches.first().focus()
            return True
        return False
