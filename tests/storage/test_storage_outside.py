"""A change another program makes to an open postmortem file is never written over (DESIGN §8)."""

import json
import os

import pytest

from postmortem.model import Postmortem
from storage import tinydb_storage
from storage.atomic import document_bytes
from storage.document_file import DocumentFile
from storage.library import Library
from storage.outside import OutsideChangeError

ID = "doc"


def doc(title: str) -> Postmortem:
    return Postmortem(id=ID, title=title)


def library_bytes(title: str) -> bytes:
    return document_bytes({"postmortem": {"1": doc(title).to_dict()}})


def title_in(path) -> str:
    return json.loads(path.read_text("utf-8"))["postmortem"]["1"]["title"]


def opened_with_two_saves(tmp_path) -> DocumentFile:
    """An open file whose backup holds "first" and whose file holds "ours" (as the app leaves it)."""
    path = tmp_path / f"{ID}.json"
    DocumentFile.create(path, doc("first")).close()
    document_file = DocumentFile.open(path)
    document_file.save(doc("ours"))
    return document_file


def rewrite_in_place_keeping_identity(path, title: str) -> None:
    """What an editor writing in place does, followed by a tool restoring the mtime: same inode,
    same size, same mtime; only the bytes differ."""
    before = os.stat(path)
    content = path.read_bytes()
    changed = content.replace(b'"title": "ours"', f'"title": "{title}"'.encode())
    assert len(changed) == len(content) and changed != content
    with open(path, "r+b") as file:
        file.write(changed)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(path)
    assert (after.st_dev, after.st_ino, after.st_size, after.st_mtime_ns) == \
        (before.st_dev, before.st_ino, before.st_size, before.st_mtime_ns)


def replace_keeping_mtime(path, title: str) -> None:
    """What `git checkout` does: a new file renamed over the old one, the old mtime restored."""
    before = os.stat(path)
    new = path.with_name("incoming")
    new.write_bytes(library_bytes(title))
    os.utime(new, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(new, path)


# The guard -----------------------------------------------------------------------------------

@pytest.mark.parametrize("change", [rewrite_in_place_keeping_identity, replace_keeping_mtime])
def test_a_change_that_keeps_size_and_mtime_is_refused(tmp_path, change):
    """The identity alone would say "unchanged" for the in-place rewrite: the hash catches it."""
    with opened_with_two_saves(tmp_path) as document_file:
        change(document_file.path, "they")
        theirs = document_file.path.read_bytes()
        with pytest.raises(OutsideChangeError) as refused:
            document_file.save(doc("mine"))
        assert refused.value.theirs.title == "they"
        assert "changed outside the app" in str(refused.value)
        with pytest.raises(OutsideChangeError):  # and the next save (today: drops it from .bak too)
            document_file.save(doc("mine again"))
        assert document_file.path.read_bytes() == theirs
        assert title_in(tmp_path / f"{ID}.json.bak") == "first"


def test_without_outside_changes_saves_go_on(tmp_path):
    with opened_with_two_saves(tmp_path) as document_file:
        for title in ("two", "three"):
            document_file.save(doc(title))
        os.utime(document_file.path)  # touched: other mtime, same bytes, nothing to lose
        document_file.save(doc("four"))
        assert document_file.outside_change() is None
        assert title_in(document_file.path) == "four"
        assert title_in(tmp_path / f"{ID}.json.bak") == "three"


def test_the_write_itself_checks_the_bytes(tmp_path, monkeypatch):
    """Between TinyDB's read and its write another program may write: the write hashes again."""
    with opened_with_two_saves(tmp_path) as document_file:
        storage = document_file._db.storage
        real_read = storage.read

        def read_then_they_write():
            tables = real_read()
            if title_in(document_file.path) == "ours":
                rewrite_in_place_keeping_identity(document_file.path, "late")
            return tables

        monkeypatch.setattr(storage, "read", read_then_they_write)
        with pytest.raises(OutsideChangeError):
            document_file.save(doc("mine"))
        assert title_in(document_file.path) == "late"


def test_a_new_file_is_not_written_over_one_that_appeared_meanwhile(tmp_path):
    path = tmp_path / f"{ID}.json"
    DocumentFile.create(path, doc("first")).close()
    with DocumentFile.open(path) as document_file:
        path.unlink()
        path.write_bytes(library_bytes("theirs"))
        with pytest.raises(OutsideChangeError):
            document_file.save(doc("mine"))
    assert title_in(path) == "theirs"


# Watching the file ---------------------------------------------------------------------------

def test_watching_costs_one_stat_until_the_file_changes(tmp_path, monkeypatch):
    with opened_with_two_saves(tmp_path) as document_file:
        reads = []
        real = tinydb_storage.take_snapshot
        monkeypatch.setattr(tinydb_storage, "take_snapshot", lambda path: reads.append(path) or real(path))
        for _ in range(3):
            assert document_file.outside_change() is None
        assert reads == []  # our own save was noted: no reading, no hashing
        rewrite_in_place_keeping_identity(document_file.path, "they")
        change = document_file.outside_change()  # the ctime moved: read and hashed
        assert change is not None and change.theirs.title == "they" and len(reads) == 1


def test_watching_tells_deleted_and_unreadable_files(tmp_path):
    with opened_with_two_saves(tmp_path) as document_file:
        document_file.path.write_bytes(b"{ half written")
        change = document_file.outside_change()
        assert change.theirs is None and "not JSON" in change.problem
        document_file.path.unlink()
        assert document_file.outside_change().deleted


# Resolving: both versions kept, the backup holds the version replaced ------------------------

def test_keep_mine_saves_theirs_beside_it_first(tmp_path):
    with opened_with_two_saves(tmp_path) as document_file:
        replace_keeping_mtime(document_file.path, "theirs")
        theirs = document_file.path.read_bytes()
        copy = document_file.keep_mine(doc("mine"))
        document_file.save(doc("mine, later"))  # editing goes on normally after the choice
    assert copy.parent == tmp_path and copy.name.startswith(f"{ID}.theirs-") and copy.suffix == ".json"
    assert copy.read_bytes() == theirs
    assert title_in(tmp_path / f"{ID}.json") == "mine, later"
    assert title_in(tmp_path / f"{ID}.json.bak") == "mine"
    with Library(tmp_path).open(str(copy)) as reopened:  # what `postmortem open PATH` does
        assert reopened.document.title == "theirs"


def test_keep_mine_makes_theirs_the_backup(tmp_path):
    with opened_with_two_saves(tmp_path) as document_file:
        replace_keeping_mtime(document_file.path, "theirs")
        document_file.keep_mine(doc("mine"))
    assert title_in(tmp_path / f"{ID}.json") == "mine"
    assert title_in(tmp_path / f"{ID}.json.bak") == "theirs"


def test_keep_theirs_saves_mine_beside_it(tmp_path):
    with opened_with_two_saves(tmp_path) as document_file:
        replace_keeping_mtime(document_file.path, "theirs")
        copy, document = document_file.keep_theirs(doc("mine"))
        assert document.title == "theirs" and document_file.document.title == "theirs"
        document_file.save(doc("theirs, edited"))  # their version is now this window's
    assert copy.name.startswith(f"{ID}.mine-") and copy.parent == tmp_path
    with Library(tmp_path).open(str(copy)) as reopened:
        assert reopened.document.title == "mine"
    assert title_in(tmp_path / f"{ID}.json") == "theirs, edited"
    assert title_in(tmp_path / f"{ID}.json.bak") == "theirs"


@pytest.mark.parametrize("resolve", ["reload", "keep_theirs"])
def test_taking_theirs_keeps_the_version_they_replaced_as_the_backup(tmp_path, resolve):
    """The backup is always the version before the one in the file: theirs replaced "ours"."""
    with opened_with_two_saves(tmp_path) as document_file:
        replace_keeping_mtime(document_file.path, "theirs")
        if resolve == "reload":
            assert document_file.reload().title == "theirs"
        else:
            document_file.keep_theirs(doc("mine"))
        assert document_file.outside_change() is None
    assert title_in(tmp_path / f"{ID}.json") == "theirs"
    assert title_in(tmp_path / f"{ID}.json.bak") == "ours"


def test_a_deleted_file_is_written_back_only_when_asked(tmp_path):
    with opened_with_two_saves(tmp_path) as document_file:
        document_file.path.unlink()
        with pytest.raises(OutsideChangeError):
            document_file.reload()
        assert not document_file.path.exists()
        assert document_file.keep_mine(doc("mine")) is None
    assert title_in(tmp_path / f"{ID}.json") == "mine"
    assert [p.name for p in tmp_path.iterdir() if ".theirs-" in p.name] == []


# The read-only window follows the file -------------------------------------------------------

def test_a_read_only_file_follows_the_writer(tmp_path):
    with opened_with_two_saves(tmp_path) as writer:
        with DocumentFile.open(writer.path, read_only=True) as viewer:
            assert viewer.refresh() is None
            writer.save(doc("newer"))
            assert viewer.refresh().title == "newer" and viewer.document.title == "newer"
            assert viewer.refresh() is None
            writer.save(doc("ours"))
            assert viewer.refresh().title == "ours"
            rewrite_in_place_keeping_identity(writer.path, "they")
            assert viewer.refresh().title == "they"
        assert title_in(writer.path) == "they"
