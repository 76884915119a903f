"""``postmortem export-library -o DIR`` (issue 17 §6): the README parsed with markdown-it-py
and linted, one file per postmortem linked from it, the customer version's gate, and the
folder rules (never a symlink or a file)."""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from postmortem.demo import WRITTEN_FOR, demo_document
from postmortem.model import Postmortem
from storage.library import Library
from tui import cli

sys.path.insert(0, str(Path(__file__).parents[1]))
from lint_markdown import find_markdownlint, lint  # noqa: E402

TODAY = date(2026, 3, 30)
MANIFEST = ".postmortem-export.json"   # the files export-library wrote into the folder


@pytest.fixture
def library(library_dir, monkeypatch) -> Library:
    monkeypatch.setattr(cli, "today", lambda: TODAY)
    library = Library(library_dir)
    library.create(demo_document(WRITTEN_FOR)).close()   # wants a customer version: has one
    secret = demo_document(WRITTEN_FOR)
    secret.id, secret.title = "token-leak", "Token leak | seen by Priya N."
    secret.scope.sensitivity.security = True
    secret.communication.legal_review = "pending"          # the legal gate holds it back
    library.create(secret).close()
    library.create(Postmortem(id="draft-only", title="Draft [only] <b>x</b>")).close()
    (library_dir / "broken.json").write_text("{", "utf-8")
    return library


def export(library, capsys, target: Path, *options: str) -> tuple[int, str]:
    code = cli.main(["--library", str(library.root), "export-library", "-o", str(target), *options])
    return code, capsys.readouterr().err


def table(markdown: str) -> list[list[str]]:
    """The index table's rows as their inline source (the header first)."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    rows, current = [], None
    for token in tokens:
        if token.type == "tr_open":
            current = []
        elif token.type == "inline" and current is not None:
            current.append(token.content)
        elif token.type == "tr_close":
            rows.append(current)
            current = None
    return rows


def links(markdown: str) -> list[str]:
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    return [child.attrs["href"] for token in tokens if token.type == "inline"
            for child in token.children or () if child.type == "link_open"]


def test_internal_export_indexes_every_postmortem_that_reads(library, capsys, tmp_path):
    target = tmp_path / "published"
    code, err = export(library, capsys, target)
    assert code == 0 and "Exported 3 postmortems" in err and "broken.json" in err
    readme = (target / "README.md").read_text("utf-8")
    rows = table(readme)
    assert rows[0] == ["Date", "Title", "Severity", "Status", "Owner", "Time to resolve",
                       "Open actions"]
    body = {row[1]: row for row in rows[1:] if row[1].startswith("[")}
    demo = body["[Checkout latency and failures after a cache node replacement]"
                "(demo-checkout-latency.md)"]
    assert demo == [demo[0], demo[1], "SEV2", "in review", "Priya N.", "2h 10m", "8"]
    # A title with a pipe, brackets and HTML stays one cell and one link.
    assert all(len(row) == 7 for row in rows[:4]) and rows[4] == ["Severity", "Count"]
    assert any(row[1] == "[Token leak | seen by Priya N.](token-leak.md)" for row in rows)
    assert any(row[1] == "[Draft \\[only\\] &lt;b&gt;x&lt;/b&gt;](draft-only.md)" for row in rows)
    assert sorted(links(readme)[:3]) == ["demo-checkout-latency.md", "draft-only.md", "token-leak.md"]
    for name in links(readme)[:3]:
        assert (target / name).read_text("utf-8").startswith("# ")
    assert "## Figures" in readme and "Recurring root causes" in readme
    assert sorted(p.name for p in target.iterdir()) == [
        MANIFEST, "README.md", "demo-checkout-latency.md", "draft-only.md", "token-leak.md"]


def test_external_export_holds_only_customer_versions_that_pass_their_gate(library, capsys, tmp_path):
    target = tmp_path / "public"
    code, err = export(library, capsys, target, "--audience", "external")
    assert code == 0
    assert "token-leak: " in err and "legal review" in err
    assert "draft-only: no customer-facing version." in err
    readme = (target / "README.md").read_text("utf-8")
    rows = table(readme)
    assert rows[0] == ["Date", "Title", "Severity", "Time to resolve"]
    assert len(rows) == 2 and links(readme) == ["demo-checkout-latency.md"]
    assert "Priya" not in readme and "Figures" not in readme
    published = (target / "demo-checkout-latency.md").read_text("utf-8")
    assert "OPS-1184" not in published   # the customer version: no tracker references
    assert sorted(p.name for p in target.iterdir()) == [MANIFEST, "README.md",
                                                        "demo-checkout-latency.md"]


@pytest.mark.skipif(find_markdownlint() is None, reason="markdownlint is not installed")
def test_the_exported_folder_is_clean_under_markdownlint(library, capsys, tmp_path):
    for audience in ("internal", "external"):
        export(library, capsys, tmp_path / audience, "--audience", audience)
    # `actions --format md` is Markdown to paste into a wiki: linted too.
    assert cli.main(["--library", str(library.root), "actions", "--format", "md"]) == 0
    (tmp_path / "actions").mkdir()
    (tmp_path / "actions" / "actions.md").write_text(capsys.readouterr().out, "utf-8")
    result = lint([str(p) for p in sorted(tmp_path.glob("*/*.md"))])
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_symlink_or_a_file_as_the_folder_is_refused(library, capsys, tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    os.symlink(real, tmp_path / "link")
    (tmp_path / "file").write_text("keep", "utf-8")
    for name, said in (("link", "is a symbolic link"), ("file", "is not a folder")):
        code, err = export(library, capsys, tmp_path / name)
        assert code == 2 and said in err and err.count("\n") == 1
    assert list(real.iterdir()) == [] and (tmp_path / "file").read_text("utf-8") == "keep"


def test_a_folder_of_the_library_is_refused(library, capsys):
    code, err = export(library, capsys, library.root / ".trash")
    assert code == 2 and "library" in err
    assert not (library.root / ".trash" / "README.md").exists()


def test_the_library_folder_itself_is_refused_and_a_folder_inside_it_is_fine(library, capsys):
    before = sorted(p.name for p in library.root.iterdir())
    code, err = export(library, capsys, library.root)
    assert code == 2 and "is the library folder itself" in err and err.count("\n") == 1
    assert sorted(p.name for p in library.root.iterdir()) == before
    code, _ = export(library, capsys, library.root / "published")
    assert code == 0 and (library.root / "published" / MANIFEST).is_file()


# Exporting again into the same folder ------------------------------------------------------


def test_a_deleted_postmortem_leaves_the_folder_on_the_next_export(library, capsys, tmp_path):
    target = tmp_path / "published"
    export(library, capsys, target)
    (target / "my-notes.md").write_text("mine", "utf-8")        # the user's own files
    (target / "team.txt").write_text("ours", "utf-8")
    library.delete("draft-only")
    code, err = export(library, capsys, target)
    assert code == 0 and "Removed draft-only.md" in err and err.count("Removed") == 1
    readme = (target / "README.md").read_text("utf-8")
    assert "draft-only.md" not in links(readme) and "draft-only" not in readme
    assert sorted(p.name for p in target.iterdir()) == [
        MANIFEST, "README.md", "demo-checkout-latency.md", "my-notes.md", "team.txt",
        "token-leak.md"]
    assert (target / "my-notes.md").read_text("utf-8") == "mine"


def test_the_external_export_removes_what_it_no_longer_publishes(library, capsys, tmp_path):
    target = tmp_path / "site"
    export(library, capsys, target)
    code, err = export(library, capsys, target, "--audience", "external")
    assert code == 0 and "Removed draft-only.md" in err and "Removed token-leak.md" in err
    # The legal gate holds token-leak back: its internal version must not stay published.
    assert sorted(p.name for p in target.iterdir()) == [MANIFEST, "README.md",
                                                        "demo-checkout-latency.md"]
    assert "OPS-1184" not in (target / "demo-checkout-latency.md").read_text("utf-8")


def test_a_file_of_the_same_name_the_user_made_before_is_not_removed(library, capsys, tmp_path):
    target = tmp_path / "published"
    target.mkdir()
    (target / "old-incident.md").write_text("written by hand", "utf-8")
    export(library, capsys, target)
    export(library, capsys, target)
    assert (target / "old-incident.md").read_text("utf-8") == "written by hand"


def test_a_manifest_naming_paths_outside_the_folder_is_never_followed(library, capsys, tmp_path):
    target = tmp_path / "published"
    target.mkdir()
    outside = tmp_path / "outside.md"
    outside.write_text("keep", "utf-8")
    (target / "sub").mkdir()
    (target / "sub" / "x.md").write_text("keep", "utf-8")
    (target / "folder.md").mkdir()
    os.symlink(outside, target / "link.md")
    (library.root / "notes.md").write_text("keep", "utf-8")
    hostile = ["../outside.md", str(outside), "sub/x.md", "sub\\x.md", "..", ".", "",
               "folder.md", "link.md", "../" + library.root.name + "/notes.md", 7, None,
               MANIFEST, "../" + library.root.name + "/draft-only.json"]
    (target / MANIFEST).write_text(json.dumps({"files": hostile}), "utf-8")
    code, err = export(library, capsys, target)
    assert code == 0 and "Removed" not in err
    assert outside.read_text("utf-8") == "keep" and (target / "sub" / "x.md").exists()
    assert (target / "folder.md").is_dir() and os.path.islink(target / "link.md")
    assert (library.root / "notes.md").exists() and (library.root / "draft-only.json").exists()
    # The manifest now names only what this export wrote, as plain names.
    assert json.loads((target / MANIFEST).read_text("utf-8"))["files"] == [
        "README.md", "demo-checkout-latency.md", "draft-only.md", "token-leak.md"]


def test_a_manifest_that_does_not_read_removes_nothing(library, capsys, tmp_path):
    target = tmp_path / "published"
    export(library, capsys, target)
    (target / MANIFEST).write_text("{not json", "utf-8")
    library.delete("draft-only")
    code, err = export(library, capsys, target)
    assert code == 0 and "Removed" not in err and (target / "draft-only.md").exists()
    assert "does not read as the list of files an earlier export wrote" in err
    assert "draft-only.md" not in json.loads((target / MANIFEST).read_text("utf-8"))["files"]


def test_a_manifest_that_is_a_symlink_is_refused_before_anything_is_written(library, capsys,
                                                                            tmp_path):
    target = tmp_path / "published"
    target.mkdir()
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text('{"files": ["../outside.md"]}', "utf-8")
    os.symlink(elsewhere, target / MANIFEST)
    code, err = export(library, capsys, target)
    assert code == 2 and "symbolic link" in err and err.count("\n") == 1
    assert sorted(p.name for p in target.iterdir()) == [MANIFEST]
    assert elsewhere.read_text("utf-8") == '{"files": ["../outside.md"]}'
