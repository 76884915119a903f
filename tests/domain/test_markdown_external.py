"""The customer-facing Markdown leaves out everything internal and is refused when it must be."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from postmortem.markdown import ExportRefused, render_external, render_markdown
from postmortem.model import Postmortem

FIXTURES = Path(__file__).parents[1] / "fixtures"


def load(name: str) -> Postmortem:
    return Postmortem.from_dict(json.loads((FIXTURES / name).read_text(encoding="utf-8")))


# Markers planted in tests/fixtures/hostile.json in fields customers must never see.
NEVER_SHOWN = [
    "SECRET-INTERNAL-EVENT",   # an internal-only event
    "EVIDENCE-NOTE", "runbook",  # why-node evidence
    "DISMISSED-REASON",        # a dismissed finding's reason
    "SLO-INTERNAL-NOTE",       # SLA notes
    "WONT-DO-ACTION",          # an action marked won't do
    "deploy log", "grafana", "pager",  # event sources
    "OPS-777", "OPS-778", "OPS-779", "tracker.example", "INC-",  # trackers, incident ref
    "Priya", "李雷", "Zoë", "@max",  # people and handles
    "Requests", "Warm-up `skipped`", "Runbook",  # the analysis
    "SEV1", "in-review", "eng\\|all",  # internal metadata
]


def test_external_export_leaves_out_every_internal_thing():
    markdown = render_external(load("hostile.json"))
    for marker in NEVER_SHOWN:
        assert marker not in markdown, marker
    for name in ("Sam", "Lee"):  # whole words: "Same" would be fine
        assert not re.search(rf"\b{name}\b", markdown), name


def test_names_handles_and_trackers_inside_public_text_are_replaced():
    markdown = render_external(load("hostile.json"))
    summary = markdown.split("## Summary\n\n")[1].split("\n\n## ")[0]
    assert summary.startswith("A team member and a team member fixed it.\n\n")
    assert "See an internal ticket and an internal ticket." in summary
    assert "| 2026-03-04 23:58 | Deploy by a team member \\| step 1<br>second line<br># not heading |" \
        in markdown
    assert "Customer comms sent by a team member (see an internal ticket)" in markdown


def test_external_design_example():
    markdown = render_external(load("design_example.json"))
    assert markdown == (
        "# Checkout latency after cache node replacement\n\n"
        "## Summary\n\n…\n\n"
        "## What happened\n\n"
        "The incident began on 2026-03-04 at 13:58 UTC.\n\n"
        "| Time (UTC) | Event |\n| --- | --- |\n| 2026-03-04 13:58 | Cache node replaced |\n\n"
        "## Impact\n\n"
        "- **Who was affected:** About 12% of checkout attempts failed\n"
        "- **Customer data:** No data affected\n"
        "- **Service level commitments:** Not met during the incident\n\n"
        "## What we are doing about it\n\n"
        "- Alert when cache hit ratio &lt; 80% for 5 min — planned\n")


def test_actions_show_status_but_not_owner_due_or_tracker():
    doing = render_external(load("hostile.json")).split("## What we are doing about it\n\n")[1]
    items = doing.rstrip("\n").split("\n")
    assert len(items) == 3  # a3 is "won't do"
    assert items[0] == ("- Alert \\| when hit ratio &lt; 80% for 5 min — ask a team member and "
                        "a team member — planned")
    assert items[1] == "- \\# Warm-up &lt;script&gt;mandatory&lt;/script&gt; second line — in progress"
    assert items[2].endswith(" — completed")


@pytest.mark.parametrize("state", ["pending", "not-needed"])
def test_a_security_incident_is_refused_until_legal_review_is_approved(state):
    doc = load("design_example.json")
    doc.scope.sensitivity.security = True
    doc.communication.legal_review = state
    with pytest.raises(ExportRefused) as refused:
        render_external(doc)
    message = str(refused.value)
    assert "legal review is approved" in message and "\n" not in message
    assert message.endswith(".") and message.count(". ") == 0
    with pytest.raises(ExportRefused):
        render_markdown(doc, "external")
    assert render_markdown(doc, "internal")  # the team's own document is never refused
    doc.communication.legal_review = "approved"
    assert render_external(doc).startswith("# Checkout latency")


def test_refusal_is_a_value_error_for_the_cli():
    assert issubclass(ExportRefused, ValueError)


def test_a_resolved_incident_states_its_window_and_duration():
    doc = load("hostile.json")
    happened = render_external(doc).split("## What happened\n\n")[1].split("\n")[0]
    assert happened == ("The incident began on 2026-03-04 at 23:58 UTC and was resolved on "
                        "2026-03-06 at 01:05 UTC, after 1d 1h 07m.")


def test_demo_customer_version_names_no_person_and_no_tracker():
    from postmortem.demo import demo_document
    doc = demo_document()
    markdown = render_external(doc)
    people = doc.scope.people() + [a.owner for a in doc.actions]
    first_names = {name.split(" ")[0] for name in people}
    for word in sorted(set(people) | first_names):
        assert not re.search(rf"(?<!\w){re.escape(word)}(?!\w)", markdown), word
    for tracker in [a.tracker for a in doc.actions] + [doc.incident_ref]:
        assert tracker not in markdown, tracker
    for event in doc.timeline:
        if event.internal:
            assert event.text not in markdown.replace("\\", "")
        if event.source:
            assert f"| {event.source} |" not in markdown
