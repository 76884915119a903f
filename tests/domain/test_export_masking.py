"""The customer export masks every scanner finding and counts them by kind (issue 15, item 4)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timezone

from postmortem.markdown import render_external, render_markdown
from postmortem.model import Action, Event, Postmortem
from postmortem.redaction import Removed

VALUES = {"ip": "203.0.113.7", "phone": "+1 415 555 0100", "secret": "AKIAIOSFODNN7EXAMPLE",
          "credentials": "postgres://app:hunter2@db.internal/orders", "card": "4111 1111 1111 1111",
          "email": "ana@example.com"}


def leaky() -> Postmortem:
    at = datetime(2026, 3, 14, 10, 30, tzinfo=timezone.utc)
    doc = Postmortem(id="leaky", title="Outage seen from 203.0.113.7")
    doc.communication.customer_summary = f"Write to {VALUES['email']} or call {VALUES['phone']}."
    doc.timeline = [Event(id="e1", at=at, text=f"Key {VALUES['secret']} rotated"),
                    Event(id="e2", at=at, text=f"DSN {VALUES['credentials']} fixed")]
    doc.impact.users_affected = f"One order on card {VALUES['card']}"
    doc.actions = [Action(id="a1", title="Block 203.0.113.7 at the edge")]
    return doc


def test_customer_markdown_masks_every_kind_and_counts_them():
    removed = Removed()
    markdown = render_external(leaky(), removed)
    for value in [*VALUES.values(), "hunter2", "AKIA"]:
        assert value not in markdown, value
    for word in ("[e-mail]", "[phone]", "[IP]", "[secret]", "[credentials]", "[card]"):
        assert word.replace("[", "\\[").replace("]", "\\]") in markdown, word
    assert {k: v for k, v in removed.counts.items() if v} == {
        "email": 1, "phone": 1, "ip": 2, "secret": 1, "credentials": 1, "card": 1}
    sentence = removed.sentence()
    assert "2 IP addresses" in sentence and "1 secret" in sentence
    assert not any(value in sentence for value in VALUES.values())


def test_internal_markdown_keeps_the_real_text():
    markdown = render_markdown(leaky(), "internal")
    assert VALUES["secret"] in markdown and "203.0.113.7" in markdown


def test_cli_external_export_reports_counts_on_stderr_never_values(tmp_path):
    path = tmp_path / "leaky.json"
    path.write_text(json.dumps(leaky().to_dict()), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "POSTMORTEM_LIBRARY"}
    result = subprocess.run([sys.executable, "-m", "tui.cli", "export", str(path), "--audience",
                             "external", "--library", str(tmp_path / "lib")],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "2 IP addresses" in result.stderr and "1 payment card number" in result.stderr
    for value in VALUES.values():
        assert value not in result.stdout and value not in result.stderr
