"""A form's field-binding table: each editor reads and writes one value of the document."""

from __future__ import annotations

from postmortem.factory import new_postmortem
from tui.stages.scope.stage import CHECKBOXES, MEETING, SELECTS, TEXT_FIELDS, TICK_LISTS
from tui.stages.timeline.impact import ANSWERS
from tui.widgets.field_binding import FieldBinding


def test_a_binding_reads_and_writes_a_nested_value_and_says_when_nothing_changed():
    doc = new_postmortem("pm", "Queue backlog", "SEV2")
    pii = FieldBinding("scope.sensitivity.pii")
    assert pii.store(doc, True) is True and doc.scope.sensitivity.pii is True
    assert pii.store(doc, True) is False           # the same value: no edit to report
    assert pii.read(doc) is True


def test_the_scope_form_converts_between_what_is_typed_and_what_is_kept():
    doc = new_postmortem("pm", "Queue backlog", "SEV2")
    assert TEXT_FIELDS["participants"].store(doc, " Ana, ,Bo ")
    assert doc.scope.participants == ["Ana", "Bo"]
    assert TEXT_FIELDS["participants"].show(doc) == "Ana, Bo"
    assert not TEXT_FIELDS["participants"].store(doc, "Ana,Bo")   # the same list
    assert TEXT_FIELDS["owner"].store(doc, "  Cy ") and doc.scope.owner == "Cy"
    assert TEXT_FIELDS["title"].store(doc, "Queue backlog ") and doc.title == "Queue backlog "
    assert TICK_LISTS["audiences"].store(doc, ["cs", "exec"])
    assert doc.scope.audiences == ["exec", "cs"]                  # in the vocabulary's order
    assert SELECTS["severity"].show(doc) == "SEV2"
    assert CHECKBOXES["customer_facing"].store(doc, True) and doc.scope.customer_facing
    assert MEETING.show(doc) == ""


def test_the_impact_answers_keep_yes_no_unknown_as_true_false_none():
    doc = new_postmortem("pm", "Queue backlog", "SEV2")
    assert ANSWERS["customer_visible"].store(doc.impact, "yes") and doc.impact.customer_visible is True
    assert ANSWERS["sla_breach"].store(doc.impact, "no") and doc.impact.sla_breach is False
    assert ANSWERS["data_integrity"].store(doc.impact, "lost") and doc.impact.data_integrity == "lost"
