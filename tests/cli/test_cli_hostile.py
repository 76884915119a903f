"""Every writer of the command line with hostile documents (issue 11 §5, §6, §7): text that
validated and then crashed import, list, export (md, json, ics) and check; one bad file
breaking the library for the others; hand-written drafts; a 20,000-node why chain."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).parents[1] / "fixtures" / "design_example.json"
GOOD_ID = "2026-03-04-checkout-latency"


def run(*args: str, library: Path, timeout: float = 60):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("POSTMORTEM_LIBRARY", None)
    return subprocess.run([sys.executable, "-m", "tui.cli", *args, "--library", str(library)],
                          capture_output=True, env=env, timeout=timeout)


def out(result) -> str:
    return result.stdout.decode("utf-8")


def err(result) -> str:
    return result.stderr.decode("utf-8")


def assert_one_sentence_error(result) -> str:
    message = err(result)
    assert result.returncode == 2, message
    assert "Traceback" not in message
    assert message.strip().count("\n") == 0, message
    return message


def example() -> dict:
    return json.loads(EXAMPLE.read_text("utf-8"))


def hostile_title(doc):
    doc["title"] = "Checkout \ud800 latency"


def hostile_owner(doc):
    doc["scope"]["owner"] = "Priya\x1b[2J"


def hostile_action_due(doc):
    doc["actions"][0]["due"] = "9999-12-31"


def hostile_meeting(doc):
    doc["meeting_at"] = "9999-12-31T15:00:00Z"  # its follow-ups would fall in year 10000


def hostile_follow_up(doc):
    doc["communication"]["follow_ups"][0]["due"] = "9999-12-31"


HOSTILE = {"surrogate": (hostile_title, "title: "),
           "control": (hostile_owner, "scope.owner: "),
           "action-due": (hostile_action_due, "actions[0].due: "),
           "meeting": (hostile_meeting, "meeting_at: "),
           "follow-up": (hostile_follow_up, "communication.follow_ups[0].due: ")}


def write(path: Path, doc: dict, *, library_file: bool) -> None:
    # ensure_ascii: a lone surrogate is written as the escape "\ud800", as a hand-written
    # file or another tool would have it.
    data = {"postmortem": {"1": doc}} if library_file else doc
    path.write_text(json.dumps(data, ensure_ascii=True), "utf-8")


@pytest.mark.parametrize("kind", HOSTILE)
def test_import_refuses_hostile_text_naming_the_field(kind, library_dir, tmp_path):
    mutate, path = HOSTILE[kind]
    doc = example()
    mutate(doc)
    source = tmp_path / "hostile.json"
    write(source, doc, library_file=False)
    message = assert_one_sentence_error(run("import", str(source), library=library_dir))
    assert path in message
    assert list(library_dir.iterdir()) == []  # nothing written


@pytest.mark.parametrize("kind", HOSTILE)
def test_one_hostile_file_in_the_library_breaks_nothing_else(kind, library_dir):
    assert run("import", str(EXAMPLE), library=library_dir).returncode == 0
    mutate, path = HOSTILE[kind]
    doc = example()
    doc["id"] = "hostile"
    mutate(doc)
    write(library_dir / "hostile.json", doc, library_file=True)  # as a git pull would bring it

    listed = run("list", library=library_dir)
    assert listed.returncode == 0, err(listed)
    rows = dict(line.split("\t", 1) for line in out(listed).splitlines())
    assert "Checkout latency after cache node replacement" in rows[GOOD_ID]
    if kind in ("surrogate", "control", "meeting"):  # a field a row shows: the row says why
        assert rows["hostile"].startswith("⚠ ") and path in rows["hostile"]
    else:  # list reads only what a row shows; the rest is checked when the file is read
        assert "Checkout" in rows["hostile"]

    for fmt in ("md", "json", "ics"):
        good = run("export", GOOD_ID, "--format", fmt, library=library_dir)
        assert good.returncode == 0, err(good)
        refused = run("export", "hostile", "--format", fmt, library=library_dir)
        assert path in assert_one_sentence_error(refused)

    checked = run("check", GOOD_ID, library=library_dir)
    assert checked.returncode in (0, 1), err(checked)
    assert "Traceback" not in err(checked)
    note = ("Note: 1 file of the library could not be read and was not compared for repeated "
            "failures: hostile.json.")
    if kind in ("surrogate", "control", "meeting"):  # the file the library lists with why
        assert note in out(checked)
    else:  # the check reads what it compares (as list does): the copy's root cause repeats
        assert note not in out(checked) and "(hostile)" in out(checked)
    assert path in assert_one_sentence_error(run("check", "hostile", library=library_dir))


def test_check_says_nothing_of_unreadable_files_when_all_read(library_dir):
    run("import", str(EXAMPLE), library=library_dir)
    checked = run("check", GOOD_ID, library=library_dir)
    assert checked.returncode in (0, 1) and "could not be read" not in out(checked)


def test_a_file_that_is_not_json_is_listed_as_unreadable_and_skipped_by_check(library_dir):
    run("import", str(EXAMPLE), library=library_dir)
    (library_dir / "broken.json").write_text("{ not json", "utf-8")
    listed = run("list", library=library_dir)
    rows = dict(line.split("\t", 1) for line in out(listed).splitlines())
    assert rows["broken"].startswith("⚠ ") and "does not parse as a postmortem" in rows["broken"]
    assert "broken.json" in out(run("check", GOOD_ID, library=library_dir))


def test_a_draft_with_an_empty_due_date_imports_as_unset(library_dir, tmp_path):
    doc = example()
    doc["actions"][0]["due"] = ""
    doc["meeting_at"] = ""
    source = tmp_path / "draft.json"
    write(source, doc, library_file=False)
    imported = run("import", str(source), library=library_dir)
    assert imported.returncode == 0, err(imported)
    exported = json.loads(out(run("export", GOOD_ID, "--format", "json", library=library_dir)))
    assert exported["actions"][0]["due"] is None and exported["meeting_at"] is None


def test_a_refused_draft_says_what_is_accepted(library_dir, tmp_path):
    doc = example()
    doc["actions"][0]["due"] = "tomorrow"
    source = tmp_path / "draft.json"
    write(source, doc, library_file=False)
    message = assert_one_sentence_error(run("import", str(source), library=library_dir))
    assert 'actions[0].due: "tomorrow" is not a date (YYYY-MM-DD or null)' in message


def chain(nodes: int) -> dict:
    doc = example()
    doc["id"] = "chain"
    doc["analysis"]["whys"] = [
        {"id": f"w{i}", "parent": f"w{i - 1}" if i else None, "text": f"Because {i}",
         "evidence": "", "role": "root-cause" if i == nodes - 1 else None}
        for i in range(nodes)]
    doc["actions"][0]["causes"] = [f"w{nodes - 1}"]
    return doc


def test_a_20000_node_why_chain_imports_lists_and_checks(library_dir, tmp_path):
    """Import took 37 s and list 17 s: each node's ancestors were walked. Linear work takes
    well under a second; the bound is generous for a loaded machine, and still far below
    what the quadratic walk needs."""
    source = tmp_path / "chain.json"
    write(source, chain(20_000), library_file=False)
    imported = run("import", str(source), library=library_dir, timeout=10)
    assert imported.returncode == 0, err(imported)
    listed = run("list", library=library_dir, timeout=10)
    assert out(listed).startswith("chain\t")
    checked = run("check", "chain", library=library_dir, timeout=10)
    assert checked.returncode in (0, 1), err(checked)


def test_list_shows_hidden_characters_as_marks_and_keeps_one_row_per_file(library_dir, tmp_path):
    doc = example()
    doc["title"] = "Invoice \u202egpj.exe\nsecond line"
    source = tmp_path / "odd.json"
    write(source, doc, library_file=False)
    assert run("import", str(source), library=library_dir).returncode == 0
    (row,) = out(run("list", library=library_dir)).splitlines()
    assert row.endswith("Invoice ⟨RLO⟩gpj.exe\\u000asecond line")
