"""Internal-only action items and the customer version's warnings (issue 12, item 11)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from postmortem.demo import demo_document, demo_dict
from postmortem.exposure import customer_warnings, published_actions
from postmortem.fields import ValidationError
from postmortem.markdown import render_external, render_internal
from postmortem.model import Action, DismissedFinding, Postmortem
from storage.library import Library
from tui import cli

TODAY = date(2026, 3, 10)


def doing(markdown: str) -> str:
    return markdown.split("## What we are doing about it\n\n", 1)[1]


# The file format --------------------------------------------------------------------------


def test_the_flag_is_written_only_when_set_so_old_files_round_trip():
    data = demo_dict()
    assert all("internal" not in action for action in data["actions"])
    assert Postmortem.from_dict(data).to_dict() == data
    doc = Postmortem.from_dict(data)
    doc.actions[1].internal = True
    written = doc.to_dict()
    assert written["actions"][1]["internal"] is True
    assert "internal" not in written["actions"][0]
    again = Postmortem.from_dict(json.loads(json.dumps(written)))
    assert again.actions[1].internal is True and again.to_dict() == written


@pytest.mark.parametrize("value", ["yes", 1, None, []])
def test_a_flag_that_is_not_true_or_false_is_refused_with_its_path(value):
    data = demo_dict()
    data["actions"][2]["internal"] = value
    with pytest.raises(ValidationError) as refused:
        Postmortem.from_dict(data)
    assert str(refused.value).startswith("actions[2].internal: ")


def test_false_written_explicitly_is_read_and_left_out_when_written_again():
    data = demo_dict()
    data["actions"][0]["internal"] = False
    assert "internal" not in Postmortem.from_dict(data).to_dict()["actions"][0]


# The customer version ----------------------------------------------------------------------


def test_an_internal_action_is_never_published():
    doc = demo_document()
    secret = doc.actions[3]
    assert secret.title in render_external(doc)
    secret.internal = True
    assert secret.title not in render_external(doc)
    assert secret not in published_actions(doc)
    assert secret.title in render_internal(doc, today=TODAY)   # the team still sees it


def test_an_action_that_blames_is_held_back_until_reworded_dismissed_or_internal():
    doc = demo_document()
    doc.actions.append(Action("a10", "Alex pushed a bad config (human error)", "prevent",
                              "Lee W.", date(2026, 4, 30), "OPS-1", "open", ["w1"]))
    assert "bad config" not in render_external(doc)
    warnings = customer_warnings(doc)
    assert warnings == ["Action a10 is left out of the customer version: its title carries an "
                        "open blame finding (“human error”); reword it, dismiss the finding "
                        "with a reason, or mark it internal-only."]
    doc.dismissed_findings.append(DismissedFinding("blame:actions[a10].title:human error",
                                                   "the vendor's own words"))
    assert "pushed a bad config (human error) — planned" in doing(render_external(doc))
    assert customer_warnings(doc) == []
    doc.dismissed_findings.clear()
    doc.actions[-1].internal = True
    assert "bad config" not in render_external(doc) and customer_warnings(doc) == []


def test_open_findings_in_published_texts_are_warned_about_by_place():
    doc = demo_document()
    doc.communication.customer_summary += " It was human error."
    doc.timeline[1].text = "Operator error during the replacement"          # e2 is public
    doc.timeline[0].text = "Careless drain of the node"                     # e1 is internal
    doc.actions[2].title = "Improve monitoring"
    doc.analysis.problem = "A careless restart"                              # never published
    warnings = customer_warnings(doc)
    assert [w.split(" ", 2)[:2] for w in warnings] == [["Event", "e2"], ["Customer-facing", "summary"],
                                                       ["Action", "a3"]]
    assert "(“Operator error”)" in warnings[0] and "(“human error”)" in warnings[1]
    assert "open vagueness finding" in warnings[2]
    # Dismissed findings and internal items are not warned about.
    doc.dismissed_findings.append(DismissedFinding("blame:timeline[e2].text:operator error", "quoted"))
    doc.actions[2].internal = True
    assert len(customer_warnings(doc)) == 1


def test_a_name_alone_is_no_reason_to_hold_an_action_back_the_name_is_replaced():
    doc = demo_document()
    doc.actions[0].title = "Ask Priya N. and @max to automate the warm-up (OPS-1184)"
    assert doc.actions[0] in published_actions(doc) and customer_warnings(doc) == []
    published = doing(render_external(doc))
    assert "Priya" not in published and "@max" not in published
    doc.communication.customer_summary += " Thanks to Lee W. for the fix."
    assert customer_warnings(doc) == []


def test_missing_owners_and_trackers_are_not_customer_warnings():
    doc = demo_document()
    doc.actions[0].owner = doc.actions[0].tracker = ""
    assert customer_warnings(doc) == []


# The command line --------------------------------------------------------------------------


def test_customer_export_warns_on_stderr_and_still_writes(library_dir, tmp_path, capsys):
    doc = demo_document()
    doc.communication.customer_summary += " It was human error."
    Library(library_dir).create(doc).close()
    out = tmp_path / "customer.md"
    assert cli.main(["--library", str(library_dir), "export", doc.id, "--audience", "external",
                     "-o", str(out)]) == 0
    error = capsys.readouterr().err
    assert "Customer-facing summary carries an open blame finding (“human error”)" in error
    assert out.read_text("utf-8") == render_external(doc)
    # The internal export is for the team: no customer warnings there.
    assert cli.main(["--library", str(library_dir), "export", doc.id]) == 0
    assert "Customer-facing summary carries" not in capsys.readouterr().err
