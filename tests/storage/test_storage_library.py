"""The library folder: ids that cannot escape it, listing, delete to trash, import."""

import json
import os
import stat
from datetime import datetime, timezone
from pathlib import Path

import pytest

from postmortem.fields import ValidationError
from postmortem.model import Postmortem
from storage.atomic import document_bytes
from storage.errors import (AlreadyExistsError, CorruptFileError, InvalidIdError, LockedError,
                            NotFoundError, StorageError)
from storage.library import Library, default_library_dir, load_document
from storage.reading import read_recurrence


@pytest.fixture
def library(tmp_path) -> Library:
    return Library(tmp_path / "library")


def add(library: Library, doc_id: str, title: str = "", meeting: datetime | None = None) -> Postmortem:
    doc = Postmortem(id=doc_id, title=title or doc_id, meeting_at=meeting)
    library.create(doc).close()
    return doc


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def interchange(tmp_path: Path, data: dict, name: str = "in.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


# Ids and paths ------------------------------------------------------------------------------

@pytest.mark.parametrize("bad_id", ["../x", "/etc/passwd", "A", "", "x" * 65, "a/b", ".hidden", "-x", "x.json"])
def test_ids_that_are_not_slugs_are_refused(library, bad_id):
    with pytest.raises(InvalidIdError) as caught:
        library.path_for(bad_id)
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, StorageError)
    assert "is not a valid postmortem id" in str(caught.value)


def test_a_valid_id_names_a_file_inside_the_library(library):
    assert library.path_for("x" * 64) == library.root / f"{'x' * 64}.json"
    assert library.path_for("2026-03-04-checkout").parent == library.root


def test_library_folder_is_created_owner_only(tmp_path):
    previous = os.umask(0)
    try:
        library = Library(tmp_path / "deep" / "library")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(library.root.stat().st_mode) == 0o700


def test_default_library_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("POSTMORTEM_LIBRARY", str(tmp_path / "team"))
    assert default_library_dir() == tmp_path / "team"
    monkeypatch.delenv("POSTMORTEM_LIBRARY")
    default = default_library_dir()
    assert default.name == "library" and "postmortem-tui" in str(default)


def test_resolve(library, tmp_path):
    add(library, "known")
    assert library.resolve("known") == library.root / "known.json"
    elsewhere = interchange(tmp_path, Postmortem(id="outside").to_dict(), "outside.json")
    assert library.resolve(str(elsewhere)) == elsewhere
    with pytest.raises(NotFoundError, match=r"no postmortem with id unknown in the library"):
        library.resolve("unknown")
    with pytest.raises(NotFoundError, match="missing.json"):
        library.resolve(str(tmp_path / "missing.json"))
    with pytest.raises(InvalidIdError):
        library.resolve("Not An Id")


def test_create_refuses_an_id_that_exists(library):
    add(library, "dup", "first")
    before = files_under(library.root)
    with pytest.raises(AlreadyExistsError, match="dup"):
        library.create(Postmortem(id="dup", title="second"))
    assert files_under(library.root) == before
    assert library.exists("dup") and library.taken_ids() == {"dup"}


# Listing ------------------------------------------------------------------------------------

def test_entries_newest_meeting_first_and_a_corrupt_file_is_listed_not_fatal(library):
    march = datetime(2026, 3, 9, 15, 0, tzinfo=timezone.utc)
    april = datetime(2026, 4, 1, 9, 0, tzinfo=timezone.utc)
    add(library, "b-march", "March", march)
    add(library, "a-march", "Also March", march)
    add(library, "april", "April", april)
    add(library, "undated", "No meeting yet")
    with library.open("april") as document_file:  # leaves april.json.bak behind
        document_file.save(document_file.document.to_dict())
    (library.root / "broken.json").write_text("{ half a file", encoding="utf-8")
    (library.root / ".a.json.tmp-abcd").write_text("half")
    (library.root / ".trash").mkdir()
    (library.root / ".trash" / "old.json").write_bytes(document_bytes(Postmortem(id="old").to_dict()))
    entries = library.entries()
    assert [e.id for e in entries] == ["april", "a-march", "b-march", "broken", "undated"]
    april_entry = entries[0]
    assert (april_entry.title, april_entry.meeting_at, april_entry.status, april_entry.problem) == (
        "April", april, "draft", None)
    broken = entries[3]
    assert broken.problem and "broken.json does not parse" in broken.problem
    # The repeated-failure check reads the same files, and names the one it could not.
    compared = read_recurrence(library.root)
    assert [p.id for p in compared.postmortems] == ["a-march", "april", "b-march", "undated"]
    assert compared.unreadable == ["broken.json"]
    assert library.taken_ids() == {"april", "a-march", "b-march", "broken", "undated"}


def test_entry_fields(library):
    doc = Postmortem(id="full", title="Full", severity="SEV2", tags=["cache", "checkout"])
    doc.scope.owner = "Priya N."
    library.create(doc).close()
    (entry,) = library.entries()
    assert (entry.severity, entry.owner, entry.tags, entry.path) == (
        "SEV2", "Priya N.", ("cache", "checkout"), library.root / "full.json")


# Delete to trash ------------------------------------------------------------------------------

def test_delete_moves_the_file_and_its_backup_to_the_trash_and_never_unlinks(library):
    add(library, "gone", "first copy")
    with library.open("gone") as document_file:
        document_file.save(Postmortem(id="gone", title="edited").to_dict())
    path, backup = library.path_for("gone"), library.root / "gone.json.bak"
    inodes = {path.stat().st_ino, backup.stat().st_ino}
    content = path.read_bytes()
    moved = library.delete("gone")
    assert moved == library.root / ".trash" / "gone.json"
    assert moved.read_bytes() == content
    assert {moved.stat().st_ino, (library.root / ".trash" / "gone.json.bak").stat().st_ino} == inodes
    assert not path.exists() and not backup.exists() and library.entries() == []
    assert sorted(p.name for p in library.root.iterdir()) == [".trash"]  # no lock file left


def test_deleting_the_same_id_twice_keeps_both_copies(library):
    add(library, "demo", "first")
    library.delete("demo")
    add(library, "demo", "second")
    second = library.delete("demo")
    assert second.parent == library.root / ".trash" and second.name != "demo.json"
    assert second.name.startswith("demo.") and second.suffix == ".json"
    titles = sorted(load_document(p).title for p in (library.root / ".trash").glob("*.json"))
    assert titles == ["first", "second"]


def test_delete_is_refused_while_another_window_writes(library):
    add(library, "busy")
    with library.open("busy"):
        with pytest.raises(LockedError, match="close it there before deleting"):
            library.delete("busy")
    assert library.exists("busy")


def test_delete_unknown_or_bad_id(library):
    with pytest.raises(NotFoundError):
        library.delete("nothing")
    with pytest.raises(InvalidIdError):
        library.delete("../library")


# Import -------------------------------------------------------------------------------------

def test_import_a_valid_interchange_file(library, tmp_path):
    doc = Postmortem(id="imported", title="导入的复盘", severity="SEV3")
    src = interchange(tmp_path, doc.to_dict())
    assert library.import_file(src).to_dict() == doc.to_dict()
    with library.open("imported") as document_file:
        assert document_file.document.to_dict() == doc.to_dict()


def test_import_accepts_a_library_file_too(library, tmp_path):
    doc = Postmortem(id="wrapped", title="From another library")
    src = interchange(tmp_path, {"postmortem": {"1": doc.to_dict()}})
    assert library.import_file(src).id == "wrapped" and library.exists("wrapped")


def test_import_of_an_invalid_document_names_the_field_and_writes_nothing(library, tmp_path):
    data = Postmortem(id="bad-time").to_dict()
    data["timeline"] = [{"id": "e1", "at": "25:61", "text": "", "milestone": None, "source": "",
                         "internal": False}]
    src = interchange(tmp_path, data)
    before = files_under(library.root)
    with pytest.raises(ValidationError) as caught:
        library.import_file(src)
    assert str(caught.value).startswith('timeline[0].at: "25:61" is not a time')
    assert files_under(library.root) == before == {}


def test_import_refuses_an_id_that_exists_and_keeps_the_old_one(library, tmp_path):
    add(library, "taken", "the original")
    before = files_under(library.root)
    src = interchange(tmp_path, Postmortem(id="taken", title="an impostor").to_dict())
    with pytest.raises(AlreadyExistsError, match="taken"):
        library.import_file(src)
    assert files_under(library.root) == before


@pytest.mark.parametrize("content, error", [
    (b"not json at all", CorruptFileError),
    (b"", CorruptFileError),
])
def test_import_of_a_file_that_does_not_parse(library, tmp_path, content, error):
    src = tmp_path / "in.json"
    src.write_bytes(content)
    with pytest.raises(error, match="in.json"):
        library.import_file(src)
    assert files_under(library.root) == {}


def test_import_of_a_missing_file(library, tmp_path):
    with pytest.raises(NotFoundError):
        library.import_file(tmp_path / "absent.json")


# Reading any file -----------------------------------------------------------------------------

def test_load_document_reads_both_formats_without_locking(library, tmp_path):
    doc = add(library, "both", "Both formats")
    bare = interchange(tmp_path, doc.to_dict(), "bare.json")
    with library.open("both"):  # a writer holds it; reading still works
        assert load_document(library.path_for("both")).to_dict() == doc.to_dict()
    assert load_document(bare).to_dict() == doc.to_dict()


def test_load_document_turns_validation_errors_into_a_corrupt_file_error(tmp_path):
    data = Postmortem(id="x").to_dict()
    data["severity"] = "SEV9"
    path = interchange(tmp_path, data)
    with pytest.raises(CorruptFileError, match=r'in.json does not parse as a postmortem: severity: "SEV9"'):
        load_document(path)
