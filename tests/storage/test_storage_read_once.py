"""A postmortem file is read once per open, one way (bytes, JSON, the document or a
CorruptFileError), and once per save only to hash it; special files are never opened."""

from __future__ import annotations

import json
import os
import stat
from collections import Counter
from pathlib import Path

import pytest

from postmortem.model import Postmortem
from storage import reading
from storage.document_file import DocumentFile
from storage.errors import CorruptFileError
from storage.outside import OutsideChangeError
from storage.tinydb_storage import DurableStorage


def doc(title: str) -> Postmortem:
    return Postmortem(id="doc", title=title)


@pytest.fixture
def counted(monkeypatch):
    """Counts what is done to the document's files: opened for reading (``doc.json*`` only: a
    save also opens its folder, to fsync it), parsed, validated, and asked of the TinyDB storage."""
    counts: Counter[str] = Counter()
    real_open, real_loads, real_validate = os.open, json.loads, reading.validate
    real_read = DurableStorage.read

    def opening(path, flags, *args, **kwargs):
        name = Path(path).name
        if name.startswith("doc.json") and not flags & (os.O_WRONLY | os.O_RDWR):
            counts[f"read {name}"] += 1
        return real_open(path, flags, *args, **kwargs)

    def parsing(*args, **kwargs):
        counts["parse"] += 1
        return real_loads(*args, **kwargs)

    def validating(*args, **kwargs):
        counts["validate"] += 1
        return real_validate(*args, **kwargs)

    def storage_read(self):
        counts["storage read"] += 1
        return real_read(self)

    monkeypatch.setattr(os, "open", opening)
    monkeypatch.setattr(json, "loads", parsing)
    monkeypatch.setattr(reading, "validate", validating)
    monkeypatch.setattr(DurableStorage, "read", storage_read)
    return counts


def saved_twice(tmp_path) -> Path:
    """doc.json holding "second", doc.json.bak holding "first"."""
    path = tmp_path / "doc.json"
    with DocumentFile.create(path, doc("first")) as document_file:
        document_file.save(doc("second"))
    return path


@pytest.mark.parametrize("read_only", [False, True])
def test_opening_reads_parses_and_validates_the_file_once(tmp_path, counted, read_only):
    path = saved_twice(tmp_path)
    counted.clear()
    with DocumentFile.open(path, read_only=read_only) as document_file:
        assert document_file.document.title == "second"
        assert dict(counted) == {"read doc.json": 1, "parse": 1, "validate": 1}  # TinyDB is handed the tables


def test_a_save_reads_the_file_once_to_hash_it_and_parses_nothing(tmp_path, counted):
    path = saved_twice(tmp_path)
    with DocumentFile.open(path) as document_file:
        for title in ("third", "fourth"):
            counted.clear()
            document_file.save(doc(title))
            assert dict(counted) == {"read doc.json": 1}
        assert document_file.outside_change() is None
    assert json.loads(path.read_text("utf-8"))["postmortem"]["1"]["title"] == "fourth"
    assert json.loads((tmp_path / "doc.json.bak").read_text("utf-8"))["postmortem"]["1"]["title"] == "third"


def test_the_backup_is_read_only_where_it_is_offered(tmp_path, counted):
    path = saved_twice(tmp_path)
    with DocumentFile.open(path) as document_file:
        path.write_bytes(b"{ broken by an editor")
        counted.clear()
        with pytest.raises(OutsideChangeError, match="cannot be read now"):
            document_file.save(doc("mine"))
        assert document_file.outside_change().problem is not None
        assert "read doc.json.bak" not in counted  # not offered here: not looked at
    counted.clear()
    with pytest.raises(CorruptFileError) as refused:
        DocumentFile.open(path)
    assert refused.value.backup == tmp_path / "doc.json.bak" and counted["read doc.json.bak"] == 1
    assert path.read_bytes() == b"{ broken by an editor"


def test_a_save_that_failed_is_not_tried_again_when_the_file_closes(tmp_path):
    path = saved_twice(tmp_path)
    document_file = DocumentFile.open(path)
    theirs = path.read_bytes().replace(b'"second"', b'"theirs"')
    path.write_bytes(theirs)
    with pytest.raises(OutsideChangeError):
        document_file.save(doc("mine"))
    document_file.close()  # TinyDB's cache holds "mine": closing must not write it now
    assert path.read_bytes() == theirs
    with DocumentFile.open(path) as again:  # and it let go of the lock
        assert again.document.title == "theirs"


def test_a_device_put_in_place_of_the_file_is_never_opened(tmp_path, counted):
    path = saved_twice(tmp_path)
    with DocumentFile.open(path) as document_file:
        path.unlink()
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 3))
        counted.clear()
        change = document_file.outside_change()
        assert change is not None and "not a regular file" in change.problem
        with pytest.raises(OutsideChangeError):
            document_file.save(doc("mine"))
        assert counted["read doc.json"] == 0  # told by its status, never opened
    assert stat.S_ISCHR(path.lstat().st_mode)


@pytest.mark.parametrize("written_by", ["us", "hand"])
def test_the_version_read_at_open_becomes_the_backup_when_theirs_is_taken(tmp_path, written_by):
    """The backup is rebuilt from the tables read at open, only when that gives their bytes back."""
    path = saved_twice(tmp_path)
    if written_by == "hand":  # same document, other spacing: it cannot be rebuilt byte for byte
        path.write_text(json.dumps(json.loads(path.read_text("utf-8"))), "utf-8")
    read_at_open = path.read_bytes()
    with DocumentFile.open(path) as document_file:
        theirs = json.loads(read_at_open)
        theirs["postmortem"]["1"]["title"] = "theirs"
        path.write_text(json.dumps(theirs), "utf-8")
        assert document_file.reload().title == "theirs"
    backup = (tmp_path / "doc.json.bak").read_bytes()
    if written_by == "us":
        assert backup == read_at_open
    else:  # left as it was ("first"), never a guess at what the file held
        assert json.loads(backup)["postmortem"]["1"]["title"] == "first"
