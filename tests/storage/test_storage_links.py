"""Links and special files in the library (DESIGN §8): the app writes only regular files it
owns, never through a symlink or a hard link, and reading a FIFO never hangs."""

from __future__ import annotations

import os
import secrets
import stat
import threading
from pathlib import Path

import pytest

from postmortem.factory import new_postmortem
from storage.atomic import atomic_write
from storage.document_file import DocumentFile
from storage.errors import LockedError, SaveError, StorageError
from storage.last_stage import STATE_NAME, last_stage, remember_stage
from storage.library import Library
from storage.reading import load_document

OUTSIDE = b"precious data outside the library\n"


@pytest.fixture
def library(library_dir) -> Library:
    lib = Library(library_dir)
    lib.create(new_postmortem("live", "Live", "SEV2")).close()
    return lib


@pytest.fixture
def outside(tmp_path) -> Path:
    """A file outside the library that links in the library point at."""
    target = tmp_path / "outside" / "target.txt"
    target.parent.mkdir()
    target.write_bytes(OUTSIDE)
    os.chmod(target, 0o644)
    return target


@pytest.fixture
def open_umask():
    """Backups must be 0600 because we say so, not because the umask happens to be strict."""
    previous = os.umask(0)
    yield
    os.umask(previous)


def unchanged(target: Path) -> bool:
    return target.read_bytes() == OUTSIDE and stat.S_IMODE(target.stat().st_mode) == 0o644


def promptly(function, *args, seconds: float = 10):
    """Run ``function`` in a thread: a broken implementation that blocks fails the test, not the suite."""
    outcome: dict = {}

    def call():
        try:
            outcome["value"] = function(*args)
        except BaseException as error:  # noqa: BLE001 - handed to the test
            outcome["error"] = error
    worker = threading.Thread(target=call, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"{getattr(function, '__name__', function)} blocked"
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


# The lock file ----------------------------------------------------------------------------

def test_a_symlinked_lock_file_is_not_written_through(library, outside):
    lock = library.root / "live.json.lock"
    lock.symlink_to(outside)
    with pytest.raises(LockedError) as caught:
        DocumentFile.open(library.path_for("live"))
    assert unchanged(outside) and lock.is_symlink()
    message = str(caught.value)
    assert str(lock) in message and "symbolic link" in message and "read-only" in message
    # The read-only view still opens; delete and create are refused the same way.
    with DocumentFile.open(library.path_for("live"), read_only=True) as view:
        assert view.document.title == "Live"
    with pytest.raises(LockedError):
        library.delete("live")
    assert library.path_for("live").exists()
    (library.root / "fresh.json.lock").symlink_to(outside)
    with pytest.raises(LockedError):
        library.create(new_postmortem("fresh", "Fresh", "SEV3"))
    assert unchanged(outside) and not (library.root / "fresh.json").exists()


def test_a_hard_linked_lock_file_is_not_truncated(library, outside):
    lock = library.root / "live.json.lock"
    os.link(outside, lock)
    with pytest.raises(LockedError) as caught:
        DocumentFile.open(library.path_for("live"))
    assert unchanged(outside)
    assert str(lock) in str(caught.value)


def test_a_fifo_lock_file_is_refused_without_blocking(library):
    lock = library.root / "live.json.lock"
    os.mkfifo(lock)
    with pytest.raises(LockedError) as caught:
        promptly(DocumentFile.open, library.path_for("live"))
    assert "FIFO" in str(caught.value)
    assert stat.S_ISFIFO(lock.lstat().st_mode)


# The document, its backup and temporary files ---------------------------------------------

def test_a_symlinked_document_is_opened_read_only_and_never_written_through(library, outside):
    real = library.root / "live.json"
    away = outside.parent / "live.json"
    away.write_bytes(real.read_bytes())
    os.chmod(away, 0o644)
    before = away.read_bytes()
    real.unlink()
    real.symlink_to(away)
    with pytest.raises(LockedError) as caught:
        DocumentFile.open(real)
    assert "symbolic link" in str(caught.value) and "read-only" in str(caught.value)
    with DocumentFile.open(real, read_only=True) as view:
        assert view.document.title == "Live"
    with pytest.raises(SaveError) as refused:
        atomic_write(real, b"{}\n")
    assert "symbolic link" in str(refused.value)
    assert away.read_bytes() == before and real.is_symlink()
    assert not (library.root / "live.json.lock").exists()  # a view takes no lock


def test_a_symlinked_backup_is_refused_by_name(library, outside):
    backup = library.root / "live.json.bak"
    backup.symlink_to(outside)
    with pytest.raises(LockedError) as caught:
        DocumentFile.open(library.path_for("live"))
    assert str(backup) in str(caught.value)
    before = library.path_for("live").read_bytes()
    with pytest.raises(SaveError) as refused:
        atomic_write(library.path_for("live"), b"{}\n")
    assert str(backup) in str(refused.value)
    assert unchanged(outside) and backup.is_symlink()
    assert library.path_for("live").read_bytes() == before


def test_a_symlink_at_a_temporary_name_neither_receives_data_nor_stops_the_save(
        library_dir, outside, monkeypatch):
    """Both temporary names of a save (the new file, the backup's link) are taken by links."""
    path = library_dir / "doc.json"
    atomic_write(path, b"old\n")
    for planted in (f".doc.json.tmp-{'a' * 12}", f".doc.json.bak.tmp-{'a' * 12}"):
        (library_dir / planted).symlink_to(outside)
    # The new file's name is tried first (taken), then a free one; then the backup's link name.
    tokens = iter(["a" * 12, "b" * 12, "a" * 12])
    real_token = secrets.token_hex
    monkeypatch.setattr(secrets, "token_hex", lambda n: next(tokens, None) or real_token(n))
    atomic_write(path, b"new\n")
    assert path.read_bytes() == b"new\n" and (library_dir / "doc.json.bak").read_bytes() == b"old\n"
    assert unchanged(outside)


def test_the_first_backup_of_a_hand_made_0644_file_is_0600(library_dir, open_umask):
    path = library_dir / "doc.json"
    path.write_bytes(b"made by hand\n")
    os.chmod(path, 0o644)
    atomic_write(path, b"saved\n")
    backup = library_dir / "doc.json.bak"
    assert backup.read_bytes() == b"made by hand\n"
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_backup_of_a_hard_linked_file_leaves_the_other_name_alone(library_dir, tmp_path):
    path = library_dir / "doc.json"
    atomic_write(path, b"old\n")
    other = tmp_path / "other-name.json"
    os.link(path, other)
    os.chmod(other, 0o644)
    atomic_write(path, b"new\n")
    assert other.read_bytes() == b"old\n" and stat.S_IMODE(other.stat().st_mode) == 0o644
    assert stat.S_IMODE((library_dir / "doc.json.bak").stat().st_mode) == 0o600


def test_a_read_only_file_is_opened_read_only_and_never_replaced(library):
    path = library.path_for("live")
    os.chmod(path, 0o400)
    before = path.read_bytes()
    with pytest.raises(LockedError) as caught:
        DocumentFile.open(path)
    assert str(path) in str(caught.value) and "mode 0400" in str(caught.value)
    assert "read-only" in str(caught.value)
    with pytest.raises(SaveError) as refused:
        atomic_write(path, b"{}\n")
    assert "mode 0400" in str(refused.value)
    assert path.read_bytes() == before and stat.S_IMODE(path.stat().st_mode) == 0o400
    assert not (library.root / "live.json.lock").exists()


# State files --------------------------------------------------------------------------------

def test_a_symlinked_state_file_is_not_written_through(library, outside):
    state = library.root / STATE_NAME
    state.symlink_to(outside)
    remember_stage(library.root, "live", 4)
    assert unchanged(outside) and state.is_symlink()
    assert last_stage(library.root, "live") == 1


def test_a_fifo_state_file_does_not_block(library):
    os.mkfifo(library.root / STATE_NAME)
    assert promptly(last_stage, library.root, "live") == 1
    promptly(remember_stage, library.root, "live", 3)
    assert stat.S_ISFIFO((library.root / STATE_NAME).lstat().st_mode)


# The trash ------------------------------------------------------------------------------------

def test_a_symlinked_trash_folder_moves_nothing_outside(library, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (library.root / ".trash").symlink_to(elsewhere)
    with pytest.raises(StorageError) as caught:
        library.delete("live")
    assert str(library.root / ".trash") in str(caught.value)
    assert list(elsewhere.iterdir()) == []
    assert load_document(library.path_for("live")).title == "Live"


@pytest.mark.parametrize("kind", ["symlink", "fifo"])
def test_only_regular_files_are_moved_to_the_trash(library_dir, outside, kind):
    library = Library(library_dir)
    odd = library_dir / "odd.json"
    odd.symlink_to(outside) if kind == "symlink" else os.mkfifo(odd)
    with pytest.raises(StorageError) as caught:
        promptly(library.delete, "odd")
    assert str(odd) in str(caught.value)
    assert os.path.lexists(odd) and not (library_dir / ".trash" / "odd.json").exists()


# Reading special files --------------------------------------------------------------------------

def test_reading_a_fifo_is_refused_without_blocking(library, tmp_path):
    fifo = library.root / "piped.json"
    os.mkfifo(fifo)
    with pytest.raises(StorageError) as caught:
        promptly(load_document, fifo)
    assert str(fifo) in str(caught.value) and "FIFO" in str(caught.value)
    with pytest.raises(StorageError):
        promptly(lambda: DocumentFile.open(fifo, read_only=True))
    outside_fifo = tmp_path / "import.json"
    os.mkfifo(outside_fifo)
    with pytest.raises(StorageError) as refused:
        promptly(library.import_file, outside_fifo)
    assert "FIFO" in str(refused.value)
    entries = {entry.id: entry for entry in promptly(library.entries)}
    assert "FIFO" in entries["piped"].problem and entries["live"].problem is None


# Names that are not ids -------------------------------------------------------------------------

def test_files_whose_names_are_not_ids_are_listed_and_can_be_trashed(library, outside):
    for name in ("café.json", "UPPER.json"):
        (library.root / name).write_bytes(library.path_for("live").read_bytes())
    entries = {entry.path.name: entry for entry in library.entries()}
    for name in ("café.json", "UPPER.json"):
        assert "not a postmortem id: rename it to open it" in entries[name].problem
    assert entries["live.json"].problem is None
    moved = library.trash(entries["UPPER.json"].path)
    assert moved.parent == library.root / ".trash" and moved.exists()
    assert not (library.root / "UPPER.json").exists()
    assert {entry.path.name for entry in library.entries()} == {"café.json", "live.json"}
    with pytest.raises(StorageError):
        library.trash(outside)  # only a file listed in this library
    assert unchanged(outside)


def test_a_library_folder_given_as_a_symlink_is_used_normally(tmp_path):
    """Only links inside the library are refused; the folder the user names may be one."""
    real = tmp_path / "real-library"
    real.mkdir()
    named = tmp_path / "named-library"
    named.symlink_to(real, target_is_directory=True)
    library = Library(named)
    with library.create(new_postmortem("live", "Live", "SEV2")) as document_file:
        document_file.save({**document_file.document.to_dict(), "title": "Saved"})
    assert load_document(real / "live.json").title == "Saved"
    assert (real / "live.json.bak").exists() and not (real / "live.json.lock").exists()
    remember_stage(named, "live", 3)
    assert last_stage(real, "live") == 3
    moved = library.delete("live")
    assert moved.parent == named / ".trash" and (real / ".trash" / "live.json").exists()
