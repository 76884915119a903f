"""Atomic writes: injected disk errors leave the previous file intact; output is deterministic."""

import errno
import os
import stat
from pathlib import Path

import pytest

from postmortem.model import Postmortem
from storage.atomic import atomic_write, clean_temp_files, document_bytes
from storage.document_file import DocumentFile
from storage.errors import SaveError, StorageError

OLD = b'{"version": "old"}\n'
NEW = b'{"version": "new"}\n'


@pytest.fixture
def open_umask():
    """Files must be 0600 because we say so, not because the umask happens to be strict."""
    previous = os.umask(0)
    yield
    os.umask(previous)


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tmp-" in p.name)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def fail_with(code: int):
    def fake(*args, **kwargs):
        raise OSError(code, os.strerror(code))
    return fake


# Success ---------------------------------------------------------------------------------

def test_write_replaces_and_keeps_the_previous_version_as_bak(tmp_path):
    path = tmp_path / "doc.json"
    atomic_write(path, OLD)
    assert not (tmp_path / "doc.json.bak").exists()  # nothing to back up the first time
    atomic_write(path, NEW)
    assert path.read_bytes() == NEW
    assert (tmp_path / "doc.json.bak").read_bytes() == OLD
    atomic_write(path, b"third\n")
    assert (tmp_path / "doc.json.bak").read_bytes() == NEW
    assert temp_files(tmp_path) == []


def test_no_backup_when_asked(tmp_path):
    path = tmp_path / "export.md"
    atomic_write(path, OLD, keep_backup=False)
    atomic_write(path, NEW, keep_backup=False)
    assert path.read_bytes() == NEW
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.md"]


def test_created_files_are_owner_only_whatever_the_umask(tmp_path, open_umask):
    path = tmp_path / "doc.json"
    atomic_write(path, OLD)
    atomic_write(path, NEW)
    assert mode(path) == 0o600
    assert mode(tmp_path / "doc.json.bak") == 0o600


def test_backup_is_copied_where_hard_links_are_not_supported(tmp_path, monkeypatch, open_umask):
    path = tmp_path / "doc.json"
    atomic_write(path, OLD)
    monkeypatch.setattr(os, "link", fail_with(errno.EPERM))
    atomic_write(path, NEW)
    assert path.read_bytes() == NEW
    assert (tmp_path / "doc.json.bak").read_bytes() == OLD
    assert mode(tmp_path / "doc.json.bak") == 0o600
    assert temp_files(tmp_path) == []


def test_a_symlink_is_refused_never_written_through_and_kept(tmp_path):
    """The policy changed (issue 11): a link may point outside the library, so saves refuse it."""
    real = tmp_path / "real.json"
    atomic_write(real, OLD)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    with pytest.raises(SaveError) as refused:
        atomic_write(link, NEW)
    assert "symbolic link" in str(refused.value) and "intact" in str(refused.value)
    assert link.is_symlink() and real.read_bytes() == OLD
    assert temp_files(tmp_path) == []


# Injected errors -------------------------------------------------------------------------

@pytest.mark.parametrize("function, code", [
    ("write", errno.ENOSPC),   # full disk while writing the temporary file
    ("fsync", errno.EIO),      # the disk reports an I/O error on flush
    ("replace", errno.EACCES),  # the rename is refused
    ("open", errno.EROFS),     # read-only file system: no temporary file at all
    ("link", errno.ENOSPC),    # the backup cannot be made
])
def test_failed_save_raises_and_leaves_the_previous_files_intact(tmp_path, monkeypatch, function, code):
    path = tmp_path / "doc.json"
    atomic_write(path, b"older\n")
    atomic_write(path, OLD)
    monkeypatch.setattr(os, function, fail_with(code))
    with pytest.raises(SaveError) as caught:
        atomic_write(path, NEW)
    monkeypatch.undo()
    error = caught.value
    assert error.errno == code and isinstance(error.__cause__, OSError)
    assert str(path) in str(error) and os.strerror(code) in str(error) and "intact" in str(error)
    assert path.read_bytes() == OLD
    assert (tmp_path / "doc.json.bak").read_bytes() == b"older\n"
    assert temp_files(tmp_path) == []


def test_only_the_final_rename_fails(tmp_path, monkeypatch):
    """The backup rename succeeds, the one that would install the new version does not."""
    path = tmp_path / "doc.json"
    atomic_write(path, OLD)
    real_replace = os.replace

    def replace(src, dst):
        if Path(dst) == path:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_replace(src, dst)
    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(SaveError):
        atomic_write(path, NEW)
    assert path.read_bytes() == OLD
    assert temp_files(tmp_path) == []


def test_document_file_reports_the_failure_and_saves_again_once_the_disk_is_fixed(tmp_path, monkeypatch):
    path = tmp_path / "doc.json"
    document_file = DocumentFile.create(path, Postmortem(id="doc", title="first"))
    before = path.read_bytes()
    changed = Postmortem(id="doc", title="second").to_dict()
    monkeypatch.setattr(os, "write", fail_with(errno.ENOSPC))
    with pytest.raises(SaveError, match="No space left on device"):
        document_file.save(changed)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert temp_files(tmp_path) == []
    document_file.save(changed)  # the same open file keeps working
    document_file.close()
    with DocumentFile.open(path) as reopened:
        assert reopened.document.title == "second"


def test_a_save_error_is_a_storage_error():
    assert issubclass(SaveError, StorageError)


# Temporary files ---------------------------------------------------------------------------

def test_clean_temp_files_removes_only_leftovers(tmp_path):
    (tmp_path / "a.json").write_text("{}")
    (tmp_path / "a.json.bak").write_text("{}")
    (tmp_path / ".a.json.tmp-1234").write_text("half")
    (tmp_path / ".a.json.bak.tmp-99").write_text("half")
    (tmp_path / ".b.json.tmp-5678").write_text("half")
    (tmp_path / "notes.tmp-1.txt").write_text("user file, not hidden")
    removed = clean_temp_files(tmp_path, "a.json")
    assert sorted(p.name for p in removed) == [".a.json.bak.tmp-99", ".a.json.tmp-1234"]
    assert not (tmp_path / ".a.json.tmp-1234").exists() and not (tmp_path / ".a.json.bak.tmp-99").exists()
    assert (tmp_path / ".b.json.tmp-5678").exists()  # another document's save may be in flight
    removed = clean_temp_files(tmp_path)
    assert [p.name for p in removed] == [".b.json.tmp-5678"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "a.json.bak", "notes.tmp-1.txt"]


# Deterministic JSON ----------------------------------------------------------------------

def test_document_bytes_sort_keys_indent_by_two_and_keep_non_ascii():
    text = document_bytes({"b": 1, "a": {"d": [1, 2], "c": "根因 é"}}).decode("utf-8")
    assert text == '{\n  "a": {\n    "c": "根因 é",\n    "d": [\n      1,\n      2\n    ]\n  },\n  "b": 1\n}\n'


def test_same_document_gives_identical_bytes_and_chinese_stays_readable(tmp_path):
    doc = Postmortem(id="cache", title="缓存节点替换后结账延迟", tags=["缓存"])
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    DocumentFile.create(tmp_path / "one" / "cache.json", doc).close()
    with DocumentFile.create(tmp_path / "two" / "cache.json", doc) as second:
        second.save(doc.to_dict())  # saving the same content again changes nothing
    one = (tmp_path / "one" / "cache.json").read_bytes()
    two = (tmp_path / "two" / "cache.json").read_bytes()
    assert one == two
    assert "缓存节点替换后结账延迟".encode("utf-8") in one
    assert b"\\u" not in one
    assert one == document_bytes({"postmortem": {"1": doc.to_dict()}})
