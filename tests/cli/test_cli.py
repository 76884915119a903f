"""The command line, through a real subprocess: output, exit codes, nothing written on bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from postmortem.model import Postmortem

EXAMPLE = Path(__file__).parents[1] / "fixtures" / "design_example.json"


def run(*args: str, library: Path | None = None, env: dict | None = None, stdin: str = ""):
    full_env = {**os.environ, **(env or {})}
    full_env.pop("POSTMORTEM_LIBRARY", None)
    command = [sys.executable, "-m", "tui.cli", *args]
    if library is not None:
        command += ["--library", str(library)]
    return subprocess.run(command, capture_output=True, text=True, env=full_env, input=stdin,
                          timeout=60)


def assert_one_sentence_error(result):
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert result.stdout == ""


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(".lock"))


def test_version_and_help():
    version = run("--version")
    assert version.returncode == 0 and version.stdout.startswith("postmortem ")
    helped = run("--help")
    assert helped.returncode == 0
    for command in ("demo", "new", "open", "list", "check", "export", "import"):
        assert command in helped.stdout


def test_new_then_list_then_export_json(library_dir):
    created = run("new", "Checkout latency", "--severity", "SEV2", "--id", "checkout", library=library_dir)
    assert created.returncode == 0, created.stderr
    assert "checkout" in created.stdout
    listed = run("list", library=library_dir)
    assert listed.returncode == 0
    assert listed.stdout.split("\t")[:3] == ["checkout", "SEV2", "draft"]
    exported = run("export", "checkout", "--format", "json", library=library_dir)
    assert exported.returncode == 0, exported.stderr
    data = json.loads(exported.stdout)
    assert data["title"] == "Checkout latency" and data["scope"]["depth"] == "full"
    assert Postmortem.from_dict(data).id == "checkout"


def test_new_derives_an_id_from_the_title(library_dir):
    first = run("new", "Payment 支付 outage!", library=library_dir)
    second = run("new", "Payment 支付 outage!", library=library_dir)
    assert first.returncode == second.returncode == 0
    names = files(library_dir)
    assert len([n for n in names if n.endswith(".json")]) == 2
    assert all("payment-outage" in n for n in names if n.endswith(".json"))


def test_library_from_environment(library_dir):
    via_env = subprocess.run([sys.executable, "-m", "tui.cli", "new", "Env", "--id", "env-two"],
                             capture_output=True, text=True,
                             env={**os.environ, "POSTMORTEM_LIBRARY": str(library_dir)})
    assert via_env.returncode == 0, via_env.stderr
    assert (library_dir / "env-two.json").exists()


@pytest.mark.parametrize("args", [
    ("new", "", "--id", "x"),
    ("new", "Title", "--id", "../x"),
    ("new", "Title", "--id", "Bad Id"),
    ("new", "Title", "--severity", "SEV9"),
    ("open", "../../etc/passwd"),
    ("open", "../nowhere/x.json"),
    ("export", "missing-one"),
    ("export", "../x", "--format", "json"),
    ("list", "--bogus"),
    ("frobnicate",),
])
def test_bad_input_is_one_sentence_and_exit_2(library_dir, args):
    result = run(*args, library=library_dir)
    assert_one_sentence_error(result)
    assert files(library_dir) == []


def test_import_valid_and_invalid(library_dir, tmp_path):
    imported = run("import", str(EXAMPLE), library=library_dir)
    assert imported.returncode == 0, imported.stderr
    assert (library_dir / "2026-03-04-checkout-latency.json").exists()
    again = run("import", str(EXAMPLE), library=library_dir)
    assert_one_sentence_error(again)

    broken = json.loads(EXAMPLE.read_text())
    broken["id"] = "another"
    broken["timeline"].append({**broken["timeline"][0], "id": "e9", "at": "25:61"})
    bad_file = tmp_path / "bad.json"
    bad_file.write_text(json.dumps(broken))
    before = files(library_dir)
    refused = run("import", str(bad_file), library=library_dir)
    assert_one_sentence_error(refused)
    assert 'timeline[1].at: "25:61" is not a time' in refused.stderr
    assert files(library_dir) == before

    not_json = tmp_path / "notes.json"
    not_json.write_text("this is { not json")
    assert_one_sentence_error(run("import", str(not_json), library=library_dir))
    assert_one_sentence_error(run("import", str(tmp_path / "absent.json"), library=library_dir))
    assert files(library_dir) == before


def test_export_json_round_trips_the_interchange_format(library_dir, tmp_path):
    run("import", str(EXAMPLE), library=library_dir)
    out = tmp_path / "out.json"
    result = run("export", "2026-03-04-checkout-latency", "--format", "json", "-o", str(out),
                 library=library_dir)
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text("utf-8")) == json.loads(EXAMPLE.read_text("utf-8"))
    # Deterministic: the same document gives the same bytes.
    again = tmp_path / "again.json"
    run("export", "2026-03-04-checkout-latency", "--format", "json", "-o", str(again), library=library_dir)
    assert out.read_bytes() == again.read_bytes()


def test_export_by_path_outside_the_library(library_dir, tmp_path):
    run("import", str(EXAMPLE), library=library_dir)
    path = library_dir / "2026-03-04-checkout-latency.json"
    result = run("export", str(path), "--format", "json", library=tmp_path / "elsewhere")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["incident_ref"] == "INC-4821"


def test_corrupt_file_is_reported_and_left_alone(library_dir):
    path = library_dir / "broken.json"
    path.write_text("{ not json")
    result = run("export", "broken", "--format", "json", library=library_dir)
    assert_one_sentence_error(result)
    assert "broken.json" in result.stderr
    assert path.read_text() == "{ not json"


def demo_file(folder, **changes) -> Path:
    """The demo as an interchange file, its follow-up reviews marked held (they are in the past)."""
    from postmortem.demo import demo_dict
    data = demo_dict()
    for review in data["communication"]["follow_ups"]:
        review["done"] = True
    for key, value in changes.items():
        data[key] = value
    path = folder / f"{data['id']}.json"
    path.write_text(json.dumps(data), "utf-8")
    return path


def test_check_exit_codes(library_dir, tmp_path):
    good = demo_file(tmp_path)
    passing = run("check", str(good), library=library_dir)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert passing.stdout.count("✓") == 5 and "✗" not in passing.stdout

    from postmortem.demo import demo_dict
    data = demo_dict()
    data["id"] = "failing"
    data["actions"][0]["owner"] = ""
    data["communication"]["follow_ups"] = []
    (tmp_path / "failing.json").write_text(json.dumps(data), "utf-8")
    failing = run("check", str(tmp_path / "failing.json"), library=library_dir)
    assert failing.returncode == 1
    lines = failing.stdout.splitlines()
    assert "✗ Action items owned, dated, and tracked" in lines
    assert "✗ Follow-up review scheduled" in lines
    # each reason is indented under its line
    owner_line = lines.index("✗ Action items owned, dated, and tracked")
    assert lines[owner_line + 1].startswith("    ") or lines[owner_line + 1].startswith("  ")

    assert_one_sentence_error(run("check", "no-such-id", library=library_dir))
    assert_one_sentence_error(run("check", "../x", library=library_dir))


def test_check_in_a_library_points_out_a_repeated_failure(library_dir, tmp_path):
    run("import", str(demo_file(tmp_path)), library=library_dir)
    again = demo_file(tmp_path, id="repeat-of-demo")  # same root causes and tags, another id
    result = run("check", str(again), library=library_dir)
    assert "demo-checkout-latency" in result.stdout
    assert "architecture" in result.stdout or "SLO" in result.stdout
