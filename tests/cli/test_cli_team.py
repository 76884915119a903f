"""``actions``, ``check --all`` and ``stats`` (issue 17 §4), run in-process with a fixed today."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from markdown_it import MarkdownIt

from postmortem.demo import WRITTEN_FOR, demo_document
from postmortem.model import Action, Postmortem
from storage.library import Library
from tui import cli

TODAY = date(2026, 3, 30)   # after a1 (27 Mar) and a3 (24 Mar), before a5 (3 Apr)


@pytest.fixture
def library(library_dir, monkeypatch) -> Library:
    monkeypatch.setattr(cli, "today", lambda: TODAY)
    library = Library(library_dir)
    library.create(demo_document(WRITTEN_FOR)).close()
    library.create(Postmortem(id="small", title="Small | pipe", actions=[
        Action("a1", "Rotate the =SUM(A1) key", owner="Zoë K.", due=date(2026, 3, 2),
               tracker="SEC-9", status="wont-do"),
        Action("a2", "Add a disk alert at 90% for 5 min", owner="lee w.", due=date(2026, 3, 29),
               tracker="OPS-7", status="open")])).close()
    return library


def run(library, capsys, *args) -> tuple[int, str, str]:
    code = cli.main(["--library", str(library.root), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_overdue_against_a_fixed_today(library, capsys):
    code, out, _ = run(library, capsys, "actions", "--overdue", "--format", "json")
    rows = json.loads(out)
    assert code == 0
    # Open or in progress and due before 30 March; done and won't-do items never are.
    assert [(r["postmortem"]["id"], r["action"]["id"]) for r in rows] == [
        ("demo-checkout-latency", "a3"), ("demo-checkout-latency", "a1"), ("small", "a2")]
    assert all(r["overdue"] for r in rows)


def test_table_lists_every_action_with_its_postmortem_by_due_date(library, capsys):
    code, out, _ = run(library, capsys, "actions")
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["Postmortem", "Action", "Title", "Owner", "Due",
                                              "Tracker", "Status"]
    assert len(lines) == 1 + 9 + 2
    assert lines[1].startswith("small") and "won't do" in lines[1]       # 2 March: first
    assert lines[5].split()[:2] == ["small", "a2"] and lines[5].endswith("2026-03-29  OPS-7     open, overdue")
    assert lines[-1].split()[:2] == ["demo-checkout-latency", "a9"]


def test_owner_and_status_filters(library, capsys):
    _, out, _ = run(library, capsys, "actions", "--owner", "LEE", "--format", "json")
    assert sorted((r["postmortem"]["id"], r["action"]["id"]) for r in json.loads(out)) == [
        ("demo-checkout-latency", "a1"), ("demo-checkout-latency", "a4"), ("small", "a2")]
    _, out, _ = run(library, capsys, "actions", "--owner", "w.", "--format", "json")
    assert {r["action"]["owner"] for r in json.loads(out)} == {"Lee W.", "lee w."}
    _, out, _ = run(library, capsys, "actions", "--owner", "ee", "--format", "json")
    assert json.loads(out) == []   # a word is matched from its start, not inside it
    _, out, _ = run(library, capsys, "actions", "--status", "done", "--status", "wont-do",
                    "--format", "json")
    assert {r["action"]["status"] for r in json.loads(out)} == {"done", "wont-do"}


def test_csv_has_the_columns_tracker_importers_accept(library, capsys):
    code, out, _ = run(library, capsys, "actions", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 11
    assert list(rows[0]) == ["Summary", "Description", "Assignee", "Due date", "Labels", "Status"]
    first = rows[0]
    assert first["Summary"] == "Rotate the =SUM(A1) key" and first["Assignee"] == "Zoë K."
    assert first["Due date"] == "2026-03-02" and first["Labels"] == "small"
    assert first["Status"] == "Won't Do"
    assert "“Small | pipe” (small)" in first["Description"] and "SEC-9" in first["Description"]
    assert {row["Status"] for row in rows} == {"To Do", "In Progress", "Done", "Won't Do"}


def test_markdown_is_a_table_whose_cells_survive_user_text(library, capsys):
    code, out, _ = run(library, capsys, "actions", "--format", "md", "--owner", "zoë")
    tokens = MarkdownIt("commonmark").enable("table").parse(out)
    cells = [t.content for t in tokens if t.type == "inline"]
    assert code == 0 and cells[0] == "Action items"
    assert "Postmortem" in cells and "Rotate the =SUM(A1) key" in cells
    assert len([t for t in tokens if t.type == "tr_open"]) == 2   # the header and one row


def test_no_match_says_so(library, capsys):
    code, out, _ = run(library, capsys, "actions", "--owner", "nobody")
    assert code == 0 and out.strip() == "No action items match."


def test_a_bad_status_is_one_sentence_and_exit_2(library, capsys):
    code, out, err = run(library, capsys, "actions", "--status", "later")
    assert code == 2 and out == "" and err.count("\n") == 1 and "Traceback" not in err


# check --all -----------------------------------------------------------------------------


def test_check_all_passes_when_every_postmortem_passes(library_dir, monkeypatch, capsys):
    monkeypatch.setattr(cli, "today", lambda: WRITTEN_FOR)
    library = Library(library_dir)
    library.create(demo_document(WRITTEN_FOR)).close()
    code, out, _ = run(library, capsys, "check", "--all")
    assert code == 0
    assert out.splitlines() == [
        "✓ demo-checkout-latency: Checkout latency and failures after a cache node replacement",
        "1 checked: 1 pass, 0 need work."]


def test_check_all_fails_with_one_line_each(library, capsys):
    code, out, _ = run(library, capsys, "check", "--all")
    lines = out.splitlines()
    assert code == 1 and len(lines) == 3
    assert lines[0] == ("✓ demo-checkout-latency: Checkout latency and failures after a cache "
                        "node replacement")
    assert lines[1].startswith("✗ small: Small | pipe — needs work: Blameless tone")
    assert "Follow-up review scheduled" in lines[1]
    assert lines[2] == "2 checked: 1 pass, 1 need work."


def test_check_all_counts_a_file_that_does_not_read_as_a_failure(library_dir, monkeypatch, capsys):
    monkeypatch.setattr(cli, "today", lambda: WRITTEN_FOR)
    library = Library(library_dir)
    library.create(demo_document(WRITTEN_FOR)).close()
    (library_dir / "broken.json").write_text("{", "utf-8")
    code, out, _ = run(library, capsys, "check", "--all")
    assert code == 1
    assert out.splitlines()[0].startswith("✗ broken.json: cannot be read:")
    assert "✓ demo-checkout-latency" in out


def test_check_all_of_an_empty_library_and_bad_arguments(library_dir, capsys):
    library = Library(library_dir)
    assert run(library, capsys, "check", "--all")[0] == 0
    for args in (("check",), ("check", "x", "--all")):
        code, out, err = run(library, capsys, *args)
        assert code == 2 and out == "" and "--all" in err


# stats -----------------------------------------------------------------------------------


def test_stats(library, capsys):
    code, out, _ = run(library, capsys, "stats")
    assert code == 0
    assert out.startswith("2 postmortems.")
    assert "  SEV2               1" in out and "  (no severity)      1" in out
    quarter = next(line for line in out.splitlines() if line.strip().startswith("2026-Q1"))
    assert quarter.split()[:2] == ["2026-Q1", "1"]
    # 1 done of 10 counted (11 actions, one won't do).
    assert "Action completion: 10% (1 of 10 done" in out
    assert "3 open actions are overdue." in out
    assert "0 follow-up reviews are overdue." in out


def test_a_file_that_does_not_read_is_named_and_left_out(library, capsys):
    (library.root / "broken.json").write_text("{", "utf-8")
    code, out, err = run(library, capsys, "actions", "--format", "json")
    assert code == 0 and len(json.loads(out)) == 11
    assert err.startswith("postmortem: left out: ") and "broken.json" in err


def test_check_all_prepares_the_library_once(library, capsys, monkeypatch):
    import postmortem.recurrence_index as recurrence
    built = []
    real = recurrence.RecurrenceIndex.__init__

    def counting(self, summaries):
        built.append(1)
        real(self, summaries)
    monkeypatch.setattr(recurrence.RecurrenceIndex, "__init__", counting)
    for n in range(3):
        library.create(Postmortem(id=f"more-{n}", title=f"More {n}")).close()
    assert run(library, capsys, "check", "--all")[0] == 1
    assert built == [1]   # once for the library, not once per postmortem checked


# CSV formula injection ------------------------------------------------------------------


# A document cannot hold a carriage return (fields.text_problem), so it is tested on the cell.
HOSTILE = ['=HYPERLINK("http://x")', "+1", "@SUM(A1)", "-2+3", "\tcmd", "=1+2"]


def test_csv_cells_never_start_a_spreadsheet_formula(library_dir, monkeypatch, capsys):
    """OWASP's rule: a cell starting with = + - @ tab or CR gets a leading apostrophe, so a
    spreadsheet opening the file (or a tracker importing it) shows the text, not a formula."""
    monkeypatch.setattr(cli, "today", lambda: TODAY)
    library = Library(library_dir)
    library.create(Postmortem(id="hostile", title="=cmd|' /C calc'!A0", actions=[
        Action(f"a{n}", text, owner=HOSTILE[-1 - n], due=date(2026, 3, n + 1))
        for n, text in enumerate(HOSTILE)])).close()
    code, out, _ = run(library, capsys, "actions", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and rows[0] == ["Summary", "Description", "Assignee", "Due date", "Labels",
                                     "Status"]
    body = rows[1:]
    assert [row[0] for row in body] == ["'" + text for text in HOSTILE]
    assert [row[2] for row in body] == ["'" + owner for owner in reversed(HOSTILE)]
    for row in body:
        assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for cell in row), row
    # Plain text is left as it was, also text with a formula character inside it.
    assert body[0][3] == "2026-03-01" and body[0][4] == "hostile" and body[0][5] == "To Do"
    assert "=cmd|' /C calc'!A0" in body[0][1]


def test_the_csv_cell_rule_itself():
    from postmortem.library_views import spreadsheet_cell
    assert spreadsheet_cell("\rcmd") == "'\rcmd" and spreadsheet_cell("\tx") == "'\tx"
    assert spreadsheet_cell("") == "" and spreadsheet_cell("a=b") == "a=b"
    assert spreadsheet_cell("'=x") == "'=x"   # already quoted text stays as it was


# list: the postmortems a merge left conflicts in -------------------------------------------


def test_list_marks_the_postmortems_with_merge_conflicts(library, capsys):
    from postmortem.sections.conflicts import Conflict
    library.create(Postmortem(id="merged", title="Merged by git", conflicts=[
        Conflict("title", "Ours", "Theirs", "Base"),
        Conflict('actions[id="a1"]', None, {"id": "a1"}, {"id": "a1"})])).close()
    code, out, _ = run(library, capsys, "list")
    lines = {line.split("\t")[0]: line.split("\t") for line in out.splitlines()}
    assert code == 0
    assert lines["merged"][1:] == ["—", "draft", "—", "Merged by git",
                                   "⚠ 2 merge conflicts to settle"]
    assert len(lines["small"]) == 5   # no conflicts: the row as it always was
