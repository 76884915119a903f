"""The TinyDB storage reads what the file holds, and a save never goes over a file it did not write."""

import json
import os

import pytest
from tinydb import TinyDB

from postmortem.model import Postmortem
from storage import tinydb_storage
from storage.atomic import document_bytes
from storage.document_file import DocumentFile
from storage.errors import CorruptFileError, SaveError
from storage.outside import OutsideChangeError
from storage.tinydb_storage import DurableStorage


def doc(title: str) -> Postmortem:
    return Postmortem(id="doc", title=title)


def on_disk(path) -> dict:
    return json.loads(path.read_text("utf-8"))


def test_reading_again_gives_what_the_file_holds(tmp_path):
    path = tmp_path / "doc.json"
    db = TinyDB(path, storage=DurableStorage)
    db.table("postmortem").insert({"title": "缓存", "tags": ["a"]})
    db.table("notes").insert({"n": 1})
    assert db.storage.read() == on_disk(path)
    assert db.storage.read() == on_disk(path)  # twice: what was handed out is not what is kept
    handed = db.storage.read()
    handed["postmortem"]["1"]["title"] = "changed by a caller"
    handed["notes"] = {}
    assert db.storage.read() == on_disk(path)


def test_a_file_replaced_by_another_program_is_read_again(tmp_path):
    path = tmp_path / "doc.json"
    with DocumentFile.create(path, doc("ours")) as document_file:
        document_file.save(doc("ours, edited").to_dict())
        theirs = {"postmortem": {"1": doc("theirs").to_dict()}, "extra": {"7": {"kept": True}}}
        replacement = tmp_path / "elsewhere.json"
        replacement.write_bytes(document_bytes(theirs))
        os.replace(replacement, path)
        with pytest.raises(OutsideChangeError) as refused:  # never written over without a choice
            document_file.save(doc("ours again").to_dict())
        assert refused.value.theirs.title == "theirs"
        document_file.keep_mine(doc("ours again").to_dict())
    assert on_disk(path)["extra"] == {"7": {"kept": True}}  # TinyDB kept the table it read
    assert on_disk(path)["postmortem"]["1"]["title"] == "ours again"


def test_a_file_edited_in_place_with_the_same_size_is_read_again(tmp_path):
    path = tmp_path / "doc.json"
    with DocumentFile.create(path, doc("aaaa")) as document_file:
        document_file.save(doc("bbbb").to_dict())
        status = os.stat(path)
        with open(path, "r+b") as file:  # same inode, same size: only the mtime tells
            content = file.read()
            file.seek(0)
            file.write(content.replace(b'"title": "bbbb"', b'"title": nope!'))
        os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000))
        assert os.stat(path).st_size == status.st_size and os.stat(path).st_ino == status.st_ino
        with pytest.raises(OutsideChangeError, match="cannot be read now"):
            document_file.save(doc("cccc").to_dict())
    assert b'"title": nope!' in path.read_bytes()  # the file it could not read is left alone


def test_a_file_that_became_corrupt_after_a_save_is_never_written_over(tmp_path):
    path = tmp_path / "doc.json"
    with DocumentFile.create(path, doc("first")) as document_file:
        document_file.save(doc("second").to_dict())
        path.write_bytes(b"{ not json")
        with pytest.raises(OutsideChangeError, match="not JSON"):
            document_file.save(doc("third").to_dict())
        with pytest.raises(CorruptFileError):  # not even when the facilitator wants theirs kept
            document_file.keep_mine(doc("third").to_dict())
    assert path.read_bytes() == b"{ not json"


def test_a_file_deleted_after_a_save_is_written_back_whole_only_when_asked(tmp_path):
    path = tmp_path / "doc.json"
    with DocumentFile.create(path, doc("first")) as document_file:
        document_file.save(doc("second").to_dict())
        path.unlink()
        with pytest.raises(OutsideChangeError, match="deleted or moved") as refused:
            document_file.save(doc("third").to_dict())
        assert refused.value.deleted and not path.exists()
        assert document_file.keep_mine(doc("third").to_dict()) is None  # nothing of theirs to keep
    assert on_disk(path) == {"postmortem": {"1": doc("third").to_dict()}}


def test_after_a_save_that_failed_half_way_the_file_it_wrote_is_its_own(tmp_path, monkeypatch):
    """The rename happened but the folder fsync failed: the file is new, the save reported failed;
    it is not an outside change, and the next save replaces it."""
    path = tmp_path / "doc.json"
    real_write = tinydb_storage.atomic_write

    def write_then_fail(target, data, **options):
        real_write(target, data, **options)
        raise SaveError(target, "folder fsync failed")

    with DocumentFile.create(path, doc("first")) as document_file:
        monkeypatch.setattr(tinydb_storage, "atomic_write", write_then_fail)
        with pytest.raises(SaveError):
            document_file.save(doc("second").to_dict())
        monkeypatch.undo()
        assert on_disk(path) == {"postmortem": {"1": doc("second").to_dict()}}
        assert document_file.outside_change() is None
        document_file.save(doc("third").to_dict())
    assert on_disk(path) == {"postmortem": {"1": doc("third").to_dict()}}


def test_values_that_are_not_plain_json_are_read_back_from_the_file(tmp_path):
    path = tmp_path / "doc.json"
    db = TinyDB(path, storage=DurableStorage)
    db.table("t").insert({"pair": (1, 2), "ratio": 1e-05})
    assert db.storage.read() == {"t": {"1": {"pair": [1, 2], "ratio": 1e-05}}}
