"""`postmortem import FILE.json --replace`: another tool writes a document into a library."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from postmortem.demo import demo_dict
from storage.atomic import document_bytes
from storage.document_file import DocumentFile
from storage.outside import library_file_bytes
from storage.reading import load_document

ROOT = Path(__file__).resolve().parents[2]
DOC_ID = "demo-checkout-latency"


def cli(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "POSTMORTEM_LIBRARY"}
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True,
                          env={**env, "PYTHONPATH": str(ROOT)}, cwd=ROOT, timeout=60)


def setup(tmp_path: Path) -> tuple[Path, Path, bytes]:
    """A library holding the demo, and an interchange file of it with another title."""
    library = tmp_path / "library"
    library.mkdir()
    path = library / f"{DOC_ID}.json"
    path.write_bytes(library_file_bytes(1, demo_dict()))
    incoming = demo_dict()
    incoming["title"] = "Written by another tool"
    source = tmp_path / "incoming.json"
    source.write_bytes(document_bytes(incoming))
    return library, source, path.read_bytes()


def test_replace_writes_the_document_and_keeps_the_previous_one_as_bak(tmp_path):
    library, source, before = setup(tmp_path)
    result = cli("import", str(source), "--replace", "--library", str(library))
    assert result.returncode == 0, result.stderr
    path = library / f"{DOC_ID}.json"
    assert f"Replaced {DOC_ID}" in result.stdout and str(path) + ".bak" in result.stdout
    assert load_document(path).title == "Written by another tool"
    assert (library / f"{DOC_ID}.json.bak").read_bytes() == before
    assert not (library / f"{DOC_ID}.json.lock").exists()


def test_without_replace_an_existing_id_is_refused(tmp_path):
    library, source, before = setup(tmp_path)
    result = cli("import", str(source), "--library", str(library))
    assert result.returncode == 2 and "already has a postmortem" in result.stderr
    assert (library / f"{DOC_ID}.json").read_bytes() == before


def test_replace_is_refused_while_the_postmortem_is_open_elsewhere(tmp_path):
    library, source, before = setup(tmp_path)
    path = library / f"{DOC_ID}.json"
    with DocumentFile.open(path):  # a window of the app holds the writer lock
        result = cli("import", str(source), "--replace", "--library", str(library))
    assert result.returncode == 2
    assert "is open in another postmortem window" in result.stderr and "nothing was written" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert path.read_bytes() == before
    assert not (library / f"{DOC_ID}.json.bak").exists()


def test_replace_with_a_document_that_does_not_validate_writes_nothing(tmp_path):
    library, source, before = setup(tmp_path)
    source.write_text(source.read_text(encoding="utf-8").replace('"SEV2"', '"SEV9"'), encoding="utf-8")
    result = cli("import", str(source), "--replace", "--library", str(library))
    assert result.returncode == 2 and "severity" in result.stderr
    assert (library / f"{DOC_ID}.json").read_bytes() == before


def test_replace_of_a_new_id_imports_it(tmp_path):
    library, source, _ = setup(tmp_path)
    (library / f"{DOC_ID}.json").unlink()
    result = cli("import", str(source), "--replace", "--library", str(library))
    assert result.returncode == 0 and f"Imported {DOC_ID}" in result.stdout
    assert load_document(library / f"{DOC_ID}.json").title == "Written by another tool"



def test_import_keeps_follow_ups_as_written(tmp_path):
    """The interchange format round-trips: a follow-up without an id stays without one (a
    tool that wants its reviews merged by id writes ids), and an id written is kept."""
    import json

    from storage.library import Library
    library = Library(tmp_path / "library")
    incoming = demo_dict()
    incoming["communication"]["follow_ups"][1]["id"] = "f1"
    source = tmp_path / "incoming.json"
    source.write_bytes(document_bytes(incoming))
    imported = library.import_file(source)
    assert [f.id for f in imported.communication.follow_ups] == ["", "f1"]
    stored = json.loads((library.root / f"{DOC_ID}.json").read_text("utf-8"))["postmortem"]["1"]
    assert stored["communication"]["follow_ups"] == incoming["communication"]["follow_ups"]
