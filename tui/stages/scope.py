"""Stage 1 — scope & audience: every field of DESIGN §2.1 and the blameless preamble."""

from __future__ import annotations

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
from tui.widgets.field_message import FieldMessage
from tui.widgets.text_field import TextField


def split_list(text: str) -> list[str]:
    """``"a, b,,c "`` → ``["a", "b", "c"]``: the comma-separated list fields."""
    return [part.strip() for part in text.split(",") if part.strip()]


class FieldRow(Horizontal):
    """A label and its editor on one line; a hint line beneath when needed."""

    def __init__(self, label: str, *children: Widget) -> None:
        super().__init__(classes="field-row")
        self._label, self._children = label, children

    def compose(self) -> ComposeResult:
        yield Label(self._label, classes="field-label")
        yield from self._children


TEXT_FIELDS = ("title", "incident_ref", "meeting_at", "tags", "owner", "facilitator",
               "participants")


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
            yield FieldRow(t("scope.tags"), TextField(", ".join(doc.tags), id="tags", disabled=ro,
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
                ", ".join(scope.participants), id="participants", disabled=ro,
                placeholder=t("scope.participants_placeholder")))

    def on_mount(self) -> None:
        self._show_depth_hint()

    def refresh_from_document(self) -> None:
        """Every editor from the document (an undo may have changed any of them)."""
        doc, scope = self.document, self.document.scope
        for field in TEXT_FIELDS:
            editor = self.query_one(f"#{field}", Input)
            shown = self._shown_text(field) or ""
            if editor.value != shown and not (field == "meeting_at" and editor.has_focus):
                with editor.prevent(Input.Changed):
                    editor.value = shown
        for select, value in (("severity", doc.severity or Select.NULL), ("status", doc.status),
                              ("language", doc.language or Select.NULL)):
            widget = self.query_one(f"#{select}", Select)
            if widget.value != value:
                with widget.prevent(Select.Changed):
                    widget.value = value
        for name, chosen in (("triggers", scope.triggers), ("audiences", scope.audiences)):
            choices = self.query_one(f"#{name}", SelectionList)
            if set(choices.selected) != set(chosen):
                with choices.prevent(SelectionList.SelectedChanged):
                    choices.deselect_all()
                    for value in chosen:
                        choices.select(value)
        for box, value in (("pii", scope.sensitivity.pii), ("security", scope.sensitivity.security),
                           ("customer_facing", scope.customer_facing)):
            checkbox = self.query_one(f"#{box}", Checkbox)
            if checkbox.value != value:
                with checkbox.prevent(Checkbox.Changed):
                    checkbox.value = value
        for value in vocab.DEPTHS:   # the set's Changed finds the document agreeing: no edit
            button = self.query_one(f"#depth-{value}", RadioButton)
            if button.value != (scope.depth == value):
                button.value = scope.depth == value
        self._show_depth_hint()

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
        doc, scope, value = self.document, self.document.scope, event.value
        field = event.input.id
        if self._shown_text(field) == value:
            return  # the field was only (re)filled from the document
        if field == "title":
            doc.title = value
        elif field == "incident_ref":
            doc.incident_ref = value.strip()
        elif field == "tags":
            doc.tags = split_list(value)
        elif field == "owner":
            scope.owner = value.strip()
        elif field == "facilitator":
            scope.facilitator = value.strip()
        elif field == "participants":
            scope.participants = split_list(value)
        elif field == "meeting_at":
            if not self._set_meeting(value):
                return
        else:
            return
        self.changed()

    def _shown_text(self, field: str | None) -> str | None:
        """What the document holds for a text field, formatted as the field shows it."""
        doc, scope = self.document, self.document.scope
        return {
            "title": doc.title, "incident_ref": doc.incident_ref, "tags": ", ".join(doc.tags),
            "owner": scope.owner, "facilitator": scope.facilitator,
            "participants": ", ".join(scope.participants),
            "meeting_at": format_datetime(doc.meeting_at) if doc.meeting_at else "",
        }.get(field or "")

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
        value = None if event.value is Select.NULL else event.value
        if event.select.id == "severity":
            if value == self.document.severity:
                return
            self.document.severity = value
            self._show_depth_hint()
        elif event.select.id == "status" and value is not None:
            if value == self.document.status:
                return
            self.document.status = value
        elif event.select.id == "language":
            if value == self.document.language:
                return
            self.document.language = value
        self.changed()

    @on(SelectionList.SelectedChanged)
    def selection_changed(self, event: SelectionList.SelectedChanged) -> None:
        chosen = list(event.selection_list.selected)
        order = vocab.TRIGGERS if event.selection_list.id == "triggers" else vocab.AUDIENCES
        values = [v for v in order if v in chosen]
        current = self.document.scope.triggers if event.selection_list.id == "triggers" \
            else self.document.scope.audiences
        if values == current:
            return
        if event.selection_list.id == "triggers":
            self.document.scope.triggers = values
        else:
            self.document.scope.audiences = values
        self.changed()

    @on(Checkbox.Changed)
    def checkbox_changed(self, event: Checkbox.Changed) -> None:
        scope = self.document.scope
        if event.checkbox.id == "pii":
            scope.sensitivity.pii = event.value
        elif event.checkbox.id == "security":
            scope.sensitivity.security = event.value
        elif event.checkbox.id == "customer_facing":
            scope.customer_facing = event.value
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
