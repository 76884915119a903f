"""The "Parking lot" appendix: in the internal export (golden file of the demo with three
topics settled three ways and one unsettled), never in the customer-facing one, and absent
from both for a document with nothing parked."""

from __future__ import annotations

import os
from datetime import date, datetime, timezone
from pathlib import Path

from postmortem import parking
from postmortem.demo import demo_document
from postmortem.markdown import render_external, render_internal

GOLDEN = Path(__file__).parents[1] / "golden" / "markdown" / "demo-parked.internal.md"
TODAY = date(2026, 3, 11)   # as test_markdown_golden: the demo's golden files are of this day
RAISED = datetime(2026, 3, 9, 15, 12, tzinfo=timezone.utc)


def parked_demo():
    doc = demo_document(TODAY)
    topics = [parking.park(doc, text, stage, RAISED).id for text, stage in (
        ("Ask the storage vendor about snapshot limits", 2),
        ("Rename the cache dashboards | by team", 3),
        ("Tune eviction on the old cluster", 4),
        ("Who approves cache node swaps?", 1))]
    parking.make_action(doc, topics[0])
    parking.keep_as_idea(doc, topics[1])
    parking.drop(doc, topics[2], "The old cluster is retired next month")
    return doc


def test_internal_export_of_parked_topics_matches_its_golden_file():
    output = render_internal(parked_demo(), today=TODAY)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(output, encoding="utf-8", newline="\n")
    assert output == GOLDEN.read_text(encoding="utf-8")


def test_the_appendix_is_last_and_says_topic_stage_and_outcome():
    doc = parked_demo()
    output = render_internal(doc, today=TODAY)
    appendix = output.split("\n## Parking lot\n", 1)[1]
    assert "\n## " not in appendix       # the last section
    rows = [line for line in appendix.splitlines() if line.startswith("| ") and "---" not in line]
    action_id = doc.parking_lot[0].action
    assert rows == [
        "| Topic | Stage raised | Outcome |",
        f"| Ask the storage vendor about snapshot limits | 2. Timeline & impact | Made an action item ({action_id}) |",
        r"| Rename the cache dashboards \| by team | 3. Root cause analysis | Kept as an idea |",
        "| Tune eviction on the old cluster | 4. What worked / didn't | Dropped: The old cluster is retired next month |",
        "| Who approves cache node swaps? | 1. Scope & audience | Not settled |",
    ]
    # Everything before the appendix is the export of the same document without it.
    doc.parking_lot = []
    assert output.startswith(render_internal(doc, today=TODAY).rstrip("\n") + "\n\n## Parking lot\n")


def test_the_customer_version_never_shows_the_parking_lot():
    doc = parked_demo()
    output = render_external(doc)
    assert "Parking lot" not in output
    for topic in doc.parking_lot:
        if topic.outcome != "action":     # the action item itself is published as any other
            assert topic.text.split(" |")[0] not in output
    assert "The old cluster is retired" not in output


def test_without_parked_topics_there_is_no_appendix():
    output = render_internal(demo_document(TODAY), today=TODAY)
    assert "Parking lot" not in output
    assert output == (GOLDEN.parent / "demo.internal.md").read_text(encoding="utf-8")
