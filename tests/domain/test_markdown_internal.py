"""The internal Markdown: sections in DESIGN §7's order, what each shows, "None recorded."."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from postmortem import checklist
from postmortem.markdown import UnknownExportAudience, render_internal, render_markdown
from postmortem.model import Action, Event, Postmortem

FIXTURES = Path(__file__).parents[1] / "fixtures"
TODAY = date(2026, 3, 10)


def example() -> Postmortem:
    return Postmortem.from_dict(json.loads((FIXTURES / "design_example.json").read_text(encoding="utf-8")))


def section(markdown: str, heading: str) -> str:
    """The text under ``heading`` up to the next heading of the same or a higher level."""
    level = heading.split(" ")[0]
    lines = markdown.split("\n")
    start = lines.index(heading) + 1
    end = next((i for i in range(start, len(lines))
                if lines[i].startswith("#") and len(lines[i].split(" ")[0]) <= len(level)), len(lines))
    return "\n".join(lines[start:end]).strip()


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def test_sections_come_in_the_design_order():
    markdown = render_internal(example(), today=TODAY)
    order = [line for line in markdown.split("\n") if line.startswith("## ")]
    assert order == ["## Summary", "## Impact", "## Timeline (UTC)", "## Root cause analysis",
                     "## Lessons learned", "## Action items", "## Communication & follow-up",
                     "## Review checklist"]
    assert markdown.startswith("# Checkout latency after cache node replacement\n\n| Field | Value |\n")


def test_metadata_table_names_the_people_and_the_incident():
    markdown = render_internal(example(), today=TODAY)
    for row in ("| Incident | INC-4821 |", "| Severity | SEV2 |", "| Status | Draft |",
                "| Doc owner | Priya N. |", "| Facilitator | Sam K. |",
                "| Participants | Priya N., Sam K., Lee W. |", "| Tags | cache, checkout |",
                "| Triggers | SEV incident, Customer-visible outage |", "| Depth | Full |"):
        assert row in markdown


def test_impact_shows_facts_and_the_three_durations_with_missing_ones_as_a_dash():
    doc = example()
    doc.timeline += [Event("e2", at("2026-03-04T14:10:00"), "Alert fired", "detected"),
                     Event("e3", at("2026-03-04T15:05:00"), "Fixed", "resolved")]
    impact = section(render_internal(doc, today=TODAY), "## Impact")
    assert "| Users affected | About 12% of checkout attempts failed |" in impact
    assert "| SLA/SLO breach | Yes — Checkout availability SLO 99.9% missed for March |" in impact
    assert "| Time to detect | 12m |" in impact
    assert "| Time to mitigate | — |" in impact  # no mitigated milestone: a dash, never zero
    assert "| Time to resolve | 1h 07m |" in impact


def test_timeline_shows_the_date_only_when_it_changes():
    doc = example()
    doc.timeline = [Event("e3", at("2026-03-05T00:20:00"), "Third"),
                    Event("e1", at("2026-03-04T23:58:00"), "First", "start", "deploy log"),
                    Event("e2", at("2026-03-05T00:05:00"), "Second", internal=True)]
    rows = section(render_internal(doc, today=TODAY), "## Timeline (UTC)").split("\n")
    assert rows[0] == "| Time (UTC) | Event | Milestone | Source | Visibility |"
    assert rows[2] == "| 2026-03-04 23:58 | First | Start | deploy log | Public |"
    assert rows[3] == "| 2026-03-05 00:05 | Second | | | Internal only |"
    assert rows[4] == "| 00:20 | Third | | | Public |"


def test_five_whys_are_a_nested_list_with_role_tags_and_evidence():
    whys = section(render_internal(example(), today=TODAY), "### Five whys")
    assert whys == ("- **w1** Requests waited on a cold cache\n"
                    "  - **w2** Warm-up step was skipped for replaced nodes — *root cause* "
                    "(evidence: runbook v3)")


def test_fishbone_is_a_text_diagram_in_a_code_block_and_a_cause_table():
    fishbone = section(render_internal(example(), today=TODAY), "### Fishbone")
    assert fishbone.startswith("```text\n")
    assert "Runbook step optional" in fishbone.split("```\n")[0]
    assert fishbone.endswith("| Category | Cause | Role |\n| --- | --- | --- |\n"
                             "| Process | **c1** Runbook step optional | Contributing factor |")


def test_root_causes_and_contributing_factors_are_listed_separately():
    markdown = render_internal(example(), today=TODAY)
    assert section(markdown, "### Root causes") == \
        "- **w2** Warm-up step was skipped for replaced nodes (five whys)"
    assert section(markdown, "### Contributing factors") == \
        "- **c1** Runbook step optional (fishbone: Process)"


def test_action_items_table():
    actions = section(render_internal(example(), today=TODAY), "## Action items")
    assert actions.split("\n")[0] == \
        "| ID | Action | Type | Owner | Due | Tracker | Status | Addresses |"
    assert actions.split("\n")[2] == \
        ("| a1 | Alert when cache hit ratio &lt; 80% for 5 min | Detect | Lee W. | 2026-03-20 "
         "| OPS-112 | Open | w2 |")


def test_communication_and_follow_ups():
    comms = section(render_internal(example(), today=TODAY), "## Communication & follow-up")
    assert "| Shared with | eng-all |" in comms
    assert "| Legal review | Not needed |" in comms
    assert comms.endswith("### Follow-up reviews\n\n- [ ] 2026-04-08 — 30-day review")


def test_review_checklist_has_one_task_line_per_checklist_line():
    doc = example()
    markdown = render_internal(doc, today=TODAY)
    review = checklist.evaluate(doc, today=TODAY)
    expected = [f"Checked on {TODAY.isoformat()}.", ""]
    for line in review.lines:
        expected.append(("- [x] " if line.ok else "- [ ] ") + line.label)
        expected += [f"  - {reason.text}" for reason in line.reasons]
    assert len(review.lines) == 5 and not review.ok
    assert section(markdown, "## Review checklist").split("\n") == expected


def test_an_empty_document_says_none_recorded_in_every_section():
    markdown = render_internal(Postmortem(id="empty"), today=TODAY)
    assert markdown.startswith("# Untitled postmortem\n")
    for heading in ("## Summary", "## Timeline (UTC)", "### Problem statement", "### Five whys",
                    "### Fishbone", "### Root causes", "### Contributing factors",
                    "### What went well", "### What went wrong", "### Where we got lucky",
                    "## Action items", "### Customer-facing summary", "### Follow-up reviews"):
        assert section(markdown, heading) == "None recorded.", heading


def test_lightweight_depth_leaves_out_an_empty_fishbone_and_contributing_factors():
    doc = example()
    doc.scope.depth = "lightweight"
    doc.analysis.fishbone = []
    markdown = render_internal(doc, today=TODAY)
    assert "### Fishbone" not in markdown
    assert "### Contributing factors" not in markdown
    assert section(markdown, "### Root causes").startswith("- **w2**")
    # Full depth keeps the sections and says so.
    doc.scope.depth = "full"
    markdown = render_internal(doc, today=TODAY)
    assert section(markdown, "### Fishbone") == "None recorded."
    assert section(markdown, "### Contributing factors") == "None recorded."


def test_dismissed_findings_are_listed_with_their_reasons():
    doc = Postmortem.from_dict(json.loads((FIXTURES / "hostile.json").read_text(encoding="utf-8")))
    dismissed = section(render_internal(doc, today=TODAY), "### Dismissed findings")
    assert dismissed == ("- Blame check on w1 (“careless”): DISMISSED-REASON \\| quoted "
                         "&lt;script&gt;")


def test_render_markdown_picks_the_audience():
    doc = example()
    assert render_markdown(doc) == render_internal(doc)
    assert render_markdown(doc, "external").startswith("# ")
    assert "## Action items" not in render_markdown(doc, "external")
    with pytest.raises(UnknownExportAudience, match="“everyone” is not an export audience"):
        render_markdown(doc, "everyone")


def test_an_action_without_due_date_or_owner_shows_dashes():
    doc = example()
    doc.actions.append(Action("a2", "Make warm-up mandatory"))
    row = section(render_internal(doc, today=TODAY), "## Action items").split("\n")[3]
    assert row == "| a2 | Make warm-up mandatory | Prevent | — | — | — | Open | — |"


def test_the_time_column_shows_the_date_when_the_utc_date_changes():
    from datetime import timedelta

    from postmortem.markdown.common import timeline_times
    two_hours_east = timezone(timedelta(hours=2))
    events = [Event("e1", datetime(2026, 3, 4, 23, 50, tzinfo=timezone.utc)),
              Event("e2", datetime(2026, 3, 4, 23, 59, 59, tzinfo=timezone.utc)),
              Event("e3", datetime(2026, 3, 5, 1, 5, tzinfo=two_hours_east)),  # 23:05 UTC, the 4th
              Event("e4", datetime(2026, 3, 5, 0, 1, tzinfo=timezone.utc))]
    assert timeline_times(events) == ["2026-03-04 23:50", "23:59", "23:05", "2026-03-05 00:01"]
