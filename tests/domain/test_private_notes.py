"""The facilitator's private notes in the file and the exports (issue 15, item 5)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from postmortem.markdown import render_markdown
from postmortem.model import Postmortem

NOTES = "Ask Sam privately about the pager gap"


def test_notes_are_omitted_while_empty_and_round_trip():
    doc = Postmortem(id="pm-1", title="Outage")
    assert "facilitator_notes" not in doc.to_dict()
    doc.facilitator_notes = NOTES
    data = doc.to_dict()
    assert data["facilitator_notes"] == NOTES
    assert Postmortem.from_dict(data).facilitator_notes == NOTES


def test_markdown_exports_leave_notes_out_unless_asked_on_the_internal_one():
    doc = Postmortem(id="pm-1", title="Outage", facilitator_notes=NOTES)
    assert NOTES not in render_markdown(doc, "internal")
    assert NOTES not in render_markdown(doc, "external")
    with_notes = render_markdown(doc, "internal", include_notes=True)
    assert with_notes.rstrip().endswith(NOTES)
    assert "## Facilitator's notes" in with_notes


def run(tmp_path, *args):
    path = tmp_path / "pm-1.json"
    path.write_text(json.dumps(Postmortem(id="pm-1", title="Outage",
                                          facilitator_notes=NOTES).to_dict()), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "POSTMORTEM_LIBRARY"}
    return subprocess.run([sys.executable, "-m", "tui.cli", "export", str(path), *args,
                           "--library", str(tmp_path / "lib")],
                          capture_output=True, text=True, env=env, timeout=60)


def test_cli_exports_carry_notes_only_with_include_notes(tmp_path):
    for args in (("--format", "json"), ("--format", "md"), ("--audience", "external"),
                 ("--format", "ics")):
        result = run(tmp_path, *args)
        assert result.returncode == 0, result.stderr
        assert NOTES not in result.stdout, args
    assert NOTES in run(tmp_path, "--include-notes").stdout
    assert json.loads(run(tmp_path, "--format", "json", "--include-notes").stdout)[
        "facilitator_notes"] == NOTES


def test_cli_refuses_notes_in_the_customer_export(tmp_path):
    result = run(tmp_path, "--audience", "external", "--include-notes")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip().count("\n") == 0 and "customers" in result.stderr
