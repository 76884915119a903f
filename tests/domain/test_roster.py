"""The meeting roster (issue 14, part 4): the file fields, whom to ask next, the facilitator
warning, and the internal export's attendees."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from postmortem import roster
from postmortem.demo import demo_document
from postmortem.factory import new_postmortem
from postmortem.fields import ValidationError
from postmortem.markdown import render_external, render_internal
from postmortem.model import Event, Postmortem

AT = datetime(2026, 3, 4, 14, 0, tzinfo=timezone.utc)


def meeting(*participants: str, facilitator: str = "Sam K.") -> Postmortem:
    doc = new_postmortem("roster-test", "Roster", "SEV2")
    doc.scope.facilitator = facilitator
    doc.scope.participants = list(participants)
    return doc


def test_a_document_without_roster_writes_no_roster_field():
    doc = meeting("Lee W.")
    assert "roster" not in doc.to_dict()["scope"]
    roster.set_role(doc.scope, "Lee W.", "responder")
    roster.set_role(doc.scope, "Lee W.", None)  # back to nothing recorded: the entry goes
    assert "roster" not in doc.to_dict()["scope"]


def test_roster_fields_round_trip_and_leave_defaults_out():
    doc = meeting("Lee W.", "Aiko M.")
    roster.set_role(doc.scope, "Lee W.", "incident-commander")
    roster.toggle_heard(doc.scope, "Aiko M.")
    written = doc.to_dict()["scope"]["roster"]
    assert written == [{"name": "Lee W.", "role": "incident-commander"},
                       {"name": "Aiko M.", "presence": "present", "heard": True}]
    assert Postmortem.from_dict(doc.to_dict()).to_dict() == doc.to_dict()


@pytest.mark.parametrize("entry, path", [
    ({"name": "Lee W.", "role": "boss"}, "scope.roster[0].role"),
    ({"name": "Lee W.", "presence": "maybe"}, "scope.roster[0].presence"),
    ({"name": "  "}, "scope.roster[0].name"),
    ({"role": "scribe"}, "scope.roster[0].name"),
    ({"name": "Lee W.", "mood": "calm"}, "scope.roster[0].mood"),
])
def test_a_bad_roster_entry_is_refused_naming_its_path(entry, path):
    data = meeting("Lee W.").to_dict()
    data["scope"]["roster"] = [entry]
    with pytest.raises(ValidationError) as refused:
        Postmortem.from_dict(data)
    assert refused.value.path == path


def test_next_to_ask_is_present_not_heard_by_role_then_roster_order():
    doc = meeting("Oona O.", "Rex R.", "Nell N.", "Ian I.", "Sue S.", "Abe A.", "Ray R.")
    scope = doc.scope
    for name, role in [("Oona O.", "observer"), ("Rex R.", "responder"), ("Ian I.", "incident-commander"),
                       ("Sue S.", "scribe"), ("Abe A.", "responder"), ("Ray R.", "responder")]:
        roster.set_role(scope, name, role)
    for name in ["Sam K.", "Oona O.", "Rex R.", "Nell N.", "Ian I.", "Sue S.", "Abe A."]:
        roster.set_presence(scope, name, "present")
    # Ray R. never marked present; the facilitator Sam K. asks, and is never suggested.
    assert roster.next_to_ask(scope) == ["Ian I.", "Rex R.", "Abe A.", "Nell N.", "Sue S.", "Oona O."]
    roster.toggle_heard(scope, "Ian I.")
    roster.toggle_heard(scope, "Abe A.")
    assert roster.next_to_ask(scope) == ["Rex R.", "Nell N.", "Sue S.", "Oona O."]
    roster.set_presence(scope, "Rex R.", "absent")
    assert roster.next_to_ask(scope)[0] == "Nell N."
    roster.toggle_heard(scope, "Abe A.")  # unticked: asked again, in their place
    assert roster.next_to_ask(scope)[:2] == ["Abe A.", "Nell N."]


def test_ticking_heard_marks_present_and_absence_clears_heard():
    doc = meeting("Lee W.")
    assert roster.toggle_heard(doc.scope, "Lee W.") is True
    assert roster.entry_of(doc.scope, "Lee W.").presence == "present"
    roster.set_presence(doc.scope, "Lee W.", "absent")
    assert roster.entry_of(doc.scope, "Lee W.").heard is False


def test_the_scope_facilitator_is_the_facilitator_until_the_roster_says_otherwise():
    doc = meeting("Lee W.")
    assert roster.role_of(doc.scope, "Sam K.") == "facilitator"
    assert roster.next_role(doc.scope, "Sam K.") == "scribe"
    roster.set_role(doc.scope, "Sam K.", "scribe")
    roster.set_role(doc.scope, "Lee W.", "facilitator")
    assert roster.facilitators(doc.scope) == ["Lee W."]


def test_warns_when_the_facilitator_is_named_in_the_timeline():
    doc = meeting("Lee W.")
    doc.timeline = [Event("e1", AT, "Lee W. paged the on-call"),
                    Event("e2", AT.replace(hour=15), "Rollback started by Samantha", source="deploy log")]
    assert roster.facilitator_in_incident(doc) == []  # "Samantha" is not "Sam"
    doc.timeline.append(Event("e4", AT.replace(hour=17), "Sam restarted the cache"))
    doc.timeline.append(Event("e3", AT.replace(hour=16), "Cache flushed", source="Sam's shell history"))
    found = roster.facilitator_in_incident(doc)
    assert [(f.name, f.event.id) for f in found] == [("Sam K.", "e3")]  # the first in time
    roster.set_role(doc.scope, "Lee W.", "facilitator")
    assert [(f.name, f.event.id) for f in roster.facilitator_in_incident(doc)] == [
        ("Sam K.", "e3"), ("Lee W.", "e1")]


def test_internal_export_lists_attendees_with_roles_and_the_customer_version_does_not():
    doc = demo_document()
    internal = render_internal(doc)
    assert "## Attendees" in internal
    assert "| Lee W. | Incident commander | Present |" in internal
    assert "| Sam K. | Facilitator | Present |" in internal
    assert "| Tomás R. | Responder | Absent |" in internal
    external = render_external(doc)
    assert "Attendees" not in external and "Incident commander" not in external
    doc.scope.roster = []
    assert "## Attendees" not in render_internal(doc)
