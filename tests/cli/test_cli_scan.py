"""``postmortem scan`` (issue 15, item 6): places and kinds without values, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

from postmortem.model import Action, Event, Postmortem

SECRET = "AKIAIOSFODNN7EXAMPLE"


def run(*args: str, library: Path):
    env = {k: v for k, v in os.environ.items() if k != "POSTMORTEM_LIBRARY"}
    return subprocess.run([sys.executable, "-m", "tui.cli", *args, "--library", str(library)],
                          capture_output=True, text=True, env=env, timeout=60)


def write(folder: Path, doc: Postmortem) -> Path:
    path = folder / f"{doc.id}.json"
    path.write_text(json.dumps(doc.to_dict()), encoding="utf-8")
    return path


def sensitive_doc() -> Postmortem:
    at = datetime(2026, 3, 14, 10, 30, tzinfo=timezone.utc)
    doc = Postmortem(id="leaky", title="Checkout outage")
    doc.timeline = [Event(id="e1", at=at, text="Rolled back to version 1.2.3.4"),
                    Event(id="e2", at=at, text=f"Key {SECRET} found in the log", internal=True),
                    Event(id="e3", at=at, text="Customer ana@example.com reported it")]
    doc.actions = [Action(id="a1", title="Rotate the key for db 10.0.3.17", internal=True)]
    return doc


def test_scan_lists_places_and_kinds_without_values_and_exits_1(tmp_path):
    path = write(tmp_path, sensitive_doc())
    result = run("scan", str(path), library=tmp_path / "lib")
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == ["timeline[1].text: secret",
                                          "timeline[2].text: e-mail address",
                                          "actions[0].title: IP address"]
    for value in (SECRET, "ana@example.com", "10.0.3.17"):
        assert value not in result.stdout + result.stderr


def test_external_audience_scans_only_what_customers_would_read(tmp_path):
    path = write(tmp_path, sensitive_doc())
    result = run("scan", str(path), "--audience", "external", library=tmp_path / "lib")
    assert result.returncode == 1
    # The internal-only event and the internal-only action are never published.
    assert result.stdout.splitlines() == ["timeline[2].text: e-mail address"]


def test_nothing_found_exits_0_with_no_output(tmp_path):
    doc = sensitive_doc()
    doc.timeline, doc.actions = doc.timeline[:1], []
    result = run("scan", str(write(tmp_path, doc)), library=tmp_path / "lib")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_external_clean_when_secrets_are_internal_only(tmp_path):
    doc = sensitive_doc()
    del doc.timeline[2]
    result = run("scan", str(write(tmp_path, doc)), "--audience", "external",
                 library=tmp_path / "lib")
    assert (result.returncode, result.stdout) == (0, "")


def test_bad_input_exits_2_with_one_sentence(tmp_path):
    for args in (("scan", "no-such-postmortem"), ("scan", str(tmp_path / "x.json")),
                 ("scan", "leaky", "--audience", "press")):
        result = run(*args, library=tmp_path / "lib")
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr
        assert result.stderr.strip() and result.stderr.strip().count("\n") == 0
        assert result.stdout == ""
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    result = run("scan", str(broken), library=tmp_path / "lib")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_sharing_flag_is_taken_where_the_app_opens_and_refused_elsewhere():
    import pytest
    from tui.cli import UsageError, build_parser
    parser = build_parser()
    assert parser.parse_args(["--sharing"]).sharing is True
    assert parser.parse_args(["--sharing", "open", "x"]).sharing is True
    assert parser.parse_args(["open", "x", "--sharing"]).sharing is True
    assert parser.parse_args(["demo", "--sharing"]).sharing is True
    assert parser.parse_args(["open", "x"]).sharing is False
    with pytest.raises(UsageError):
        parser.parse_args(["export", "x", "--sharing"])
