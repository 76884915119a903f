"""The open postmortem file: corrupt files refused and kept, one writer, TinyDB on disk."""

import errno
import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from tinydb import TinyDB

from postmortem.model import Postmortem
from storage.atomic import document_bytes
from storage.document_file import DocumentFile
from storage.errors import CorruptFileError, LockedError, NotFoundError, StorageError
from storage.lock import WriterLock
from storage.tinydb_storage import DurableStorage

REPO = Path(__file__).resolve().parents[2]


def doc(title: str = "Checkout latency", doc_id: str = "doc") -> Postmortem:
    return Postmortem(id=doc_id, title=title)


def made(path: Path, title: str = "Checkout latency") -> Path:
    DocumentFile.create(path, doc(title, path.stem)).close()
    return path


def wrapped(data: dict) -> str:
    return json.dumps({"postmortem": {"1": data}})


# Opening, saving, the format on disk --------------------------------------------------------

def test_create_save_reopen(tmp_path):
    path = tmp_path / "doc.json"
    with DocumentFile.create(path, doc("first")) as document_file:
        assert document_file.path == path and not document_file.read_only
        changed = doc("second")
        changed.tags = ["cache"]
        document_file.save(changed.to_dict())
    on_disk = json.loads(path.read_text("utf-8"))
    assert on_disk == {"postmortem": {"1": changed.to_dict()}}
    with DocumentFile.open(path) as reopened:
        assert reopened.document.to_dict() == changed.to_dict()


def test_removed_fields_do_not_linger(tmp_path):
    """A save replaces the record; a merge would keep a dismissed finding that was restored."""
    path = tmp_path / "doc.json"
    data = doc().to_dict()
    data["dismissed_findings"] = [{"key": "blame:x", "reason": "quoted from the log"}]
    with DocumentFile.create(path, Postmortem.from_dict(data)) as document_file:
        document_file.save(doc().to_dict())
    assert "dismissed_findings" not in json.loads(path.read_text("utf-8"))["postmortem"]["1"]


def test_create_refuses_an_existing_file(tmp_path):
    path = made(tmp_path / "doc.json")
    before = path.read_bytes()
    with pytest.raises(StorageError, match="already exists"):
        DocumentFile.create(path, doc("other"))
    assert path.read_bytes() == before


def test_open_a_missing_file(tmp_path):
    with pytest.raises(NotFoundError, match="nope.json"):
        DocumentFile.open(tmp_path / "nope.json")
    assert list(tmp_path.iterdir()) == []  # not even a lock file


def test_save_refuses_a_document_that_could_not_be_opened_again(tmp_path):
    path = made(tmp_path / "doc.json")
    before = path.read_bytes()
    data = doc().to_dict()
    data["actions"] = [{"id": "a1", "title": "x", "type": "detect", "owner": "", "due": None,
                        "tracker": "", "status": "open", "causes": ["w9"]}]
    with DocumentFile.open(path) as document_file, pytest.raises(StorageError, match=r"actions\[0\]"):
        document_file.save(data)
    assert path.read_bytes() == before


def test_saves_from_several_threads_leave_one_whole_version(tmp_path):
    path = made(tmp_path / "doc.json")
    versions = {f"t{t}-{i}": doc(f"t{t}-{i}").to_dict() for t in range(4) for i in range(15)}
    with DocumentFile.open(path) as document_file:
        threads = [threading.Thread(target=lambda t=t: [document_file.save(versions[f"t{t}-{i}"])
                                                         for i in range(15)]) for t in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    with DocumentFile.open(path) as reopened:
        assert reopened.document.to_dict() == versions[reopened.document.title]


def test_save_after_close_is_refused(tmp_path):
    document_file = DocumentFile.open(made(tmp_path / "doc.json"))
    document_file.close()
    document_file.close()  # twice is harmless
    with pytest.raises(StorageError, match="closed"):
        document_file.save(doc().to_dict())


# Corrupt files ------------------------------------------------------------------------------

@pytest.mark.parametrize("content, reason", [
    (b"{\"postmortem\": {\"1\": {\"id\": ", "not JSON"),
    (b"\xff\xfe garbage", "not UTF-8"),
    (b"", "empty"),
    (b"[1, 2]", "not a postmortem file"),
    (b'{"postmortem": {}}', "holds no postmortem"),
    (wrapped({**doc().to_dict(), "timeline": [
        {"id": "e1", "at": "25:61", "text": "", "milestone": None, "source": "", "internal": False}]})
     .encode(), 'timeline[0].at: "25:61" is not a time'),
    (document_bytes(doc().to_dict()), "postmortem import"),  # a bare exported document
])
def test_a_file_that_does_not_parse_is_refused_named_and_untouched(tmp_path, content, reason):
    path = tmp_path / "doc.json"
    path.write_bytes(content)
    with pytest.raises(CorruptFileError) as caught:
        DocumentFile.open(path)
    error = caught.value
    assert error.path == path and error.backup is None
    assert str(path) in str(error) and reason in str(error)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.json"]  # no lock or temp file left


def test_the_backup_is_offered_when_it_parses(tmp_path):
    path = made(tmp_path / "doc.json", "good")
    with DocumentFile.open(path) as document_file:
        document_file.save(doc("better").to_dict())  # doc.json.bak now holds "good"
    path.write_text("{ truncated", encoding="utf-8")
    with pytest.raises(CorruptFileError) as caught:
        DocumentFile.open(path)
    backup = tmp_path / "doc.json.bak"
    assert caught.value.backup == backup
    assert f"A backup exists: {backup}" in str(caught.value)
    assert path.read_text("utf-8") == "{ truncated"


def test_a_backup_that_does_not_parse_is_not_offered(tmp_path):
    path = tmp_path / "doc.json"
    path.write_text("nope", encoding="utf-8")
    (tmp_path / "doc.json.bak").write_text("nope either", encoding="utf-8")
    with pytest.raises(CorruptFileError) as caught:
        DocumentFile.open(path)
    assert caught.value.backup is None and "A backup exists" not in str(caught.value)


def test_durable_storage_never_writes_over_a_file_it_could_not_read(tmp_path):
    path = tmp_path / "doc.json"
    path.write_bytes(b"{ not json")
    db = TinyDB(path, storage=DurableStorage)
    with pytest.raises(CorruptFileError):
        db.table("postmortem").insert({"title": "would replace the file"})
    with pytest.raises(CorruptFileError):
        db.storage.write({"postmortem": {}})  # even when asked directly, after a failed read
    assert path.read_bytes() == b"{ not json"
    fresh = DurableStorage(path)
    with pytest.raises(CorruptFileError):
        fresh.write({"postmortem": {}})  # a write without any read looks first
    assert path.read_bytes() == b"{ not json"


def test_durable_storage_starts_a_new_file_and_writes_deterministically(tmp_path):
    path = tmp_path / "new.json"
    db = TinyDB(path, storage=DurableStorage)
    assert db.storage.read() is None
    db.table("t").insert({"b": "缓存", "a": 1})
    assert path.read_text("utf-8") == '{\n  "t": {\n    "1": {\n      "a": 1,\n      "b": "缓存"\n    }\n  }\n}\n'


# One writer ---------------------------------------------------------------------------------

def test_second_writer_is_refused_and_read_only_still_works(tmp_path):
    path = made(tmp_path / "doc.json", "shared")
    with DocumentFile.open(path) as writer:
        with pytest.raises(LockedError) as caught:
            DocumentFile.open(path)
        error = caught.value
        assert error.path == path and error.pid == os.getpid()
        assert f"pid {os.getpid()}" in str(error) and "read-only" in str(error)
        with DocumentFile.open(path, read_only=True) as viewer:
            assert viewer.read_only and viewer.document.title == "shared"
            with pytest.raises(StorageError, match="read-only"):
                viewer.save(doc("sneaky").to_dict())
        writer.save(doc("still writing").to_dict())
    with DocumentFile.open(path) as next_writer:  # the lock went with the first writer
        assert next_writer.document.title == "still writing"


SECOND_PROCESS = """
import sys
from pathlib import Path
from storage.document_file import DocumentFile
from storage.errors import LockedError
path = Path(sys.argv[1])
try:
    DocumentFile.open(path)
except LockedError as error:
    print("refused:", error)
else:
    print("opened as a second writer")
with DocumentFile.open(path, read_only=True) as viewer:
    print("read-only:", viewer.document.title)
"""


def test_second_writer_in_another_process_is_refused(tmp_path):
    path = made(tmp_path / "doc.json", "held by the parent")
    with DocumentFile.open(path):
        result = subprocess.run([sys.executable, "-c", SECOND_PROCESS, str(path)], cwd=REPO,
                                env={**os.environ, "PYTHONPATH": str(REPO)},
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert f"refused: {path} is open in another postmortem window (pid {os.getpid()}" in result.stdout
    assert "read-only: held by the parent" in result.stdout


def test_lock_file_is_owner_only_while_held_and_gone_after(tmp_path):
    previous = os.umask(0)
    try:
        path = made(tmp_path / "doc.json")
        with DocumentFile.open(path):
            lock = tmp_path / "doc.json.lock"
            assert stat.S_IMODE(lock.stat().st_mode) == 0o600
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
    finally:
        os.umask(previous)
    assert not lock.exists()


def test_a_lock_file_left_by_a_dead_process_does_not_block(tmp_path):
    path = made(tmp_path / "doc.json")
    (tmp_path / "doc.json.lock").write_text("999999 elsewhere\n")
    with DocumentFile.open(path) as document_file:
        assert not document_file.read_only


def test_a_lock_on_a_lock_file_removed_meanwhile_does_not_count(tmp_path, monkeypatch):
    """Race: B opens the lock file, A releases (removing it), B's flock then succeeds on a file
    nobody can find any more. B must start over, or C would become a second writer."""
    import fcntl

    from storage import lock as lock_module

    path = made(tmp_path / "doc.json")
    first = WriterLock(path).acquire()
    real_flock = fcntl.flock
    calls = []

    def flock_after_the_holder_left(fd, operation):
        calls.append(operation)
        if len(calls) == 1:
            first.release()  # between B's open and B's flock (its own unlock goes to the real flock)
        return real_flock(fd, operation)
    monkeypatch.setattr(lock_module.fcntl, "flock", flock_after_the_holder_left)
    second = WriterLock(path).acquire()
    monkeypatch.undo()
    assert second.held and calls.count(fcntl.LOCK_EX | fcntl.LOCK_NB) == 2  # it went round again
    assert (tmp_path / "doc.json.lock").exists()
    with pytest.raises(LockedError):
        WriterLock(path).acquire()
    second.release()


def test_a_folder_that_refuses_the_lock_file_means_read_only(tmp_path, monkeypatch):
    path = made(tmp_path / "doc.json")
    real_open = os.open

    def read_only_fs(name, flags, *args):
        if str(name).endswith(".lock"):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real_open(name, flags, *args)
    monkeypatch.setattr(os, "open", read_only_fs)
    with pytest.raises(LockedError) as caught:
        DocumentFile.open(path)
    assert "Read-only file system" in str(caught.value) and "opened read-only" in str(caught.value)
    with DocumentFile.open(path, read_only=True) as viewer:
        assert viewer.document.title == "Checkout latency"
