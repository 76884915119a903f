"""DocumentFile.merge_outside: the window's version and another program's merged, from the
version the window last read or wrote."""

from __future__ import annotations

import json
import os

import pytest

from postmortem.demo import demo_dict
from storage.atomic import backup_path
from storage.document_file import DocumentFile
from storage.outside import OutsideChangeError, library_file_bytes
from storage.reading import load_document


def their_write(path, change) -> bytes:
    data = json.loads(path.read_text("utf-8"))["postmortem"]["1"]
    change(data)
    incoming = path.with_name("incoming.tmp")
    incoming.write_bytes(library_file_bytes(1, data))
    os.replace(incoming, path)
    return path.read_bytes()


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "demo-checkout-latency.json"
    path.write_bytes(library_file_bytes(1, demo_dict()))
    return path


def test_the_common_ancestor_is_the_version_last_saved_not_the_one_opened(path):
    original = demo_dict()["title"]
    with DocumentFile.open(path) as document_file:
        document = document_file.document
        document.title = "Saved by the window"
        document_file.save(document)
        # Another program puts the old title back and adds a tag: both are their changes.
        theirs = their_write(path, lambda data: data.update(title=original, tags=data["tags"] + ["pulled"]))
        document.lessons.lucky.append("typed after the save")
        result = document_file.merge_outside(document)
        assert result.clean
        assert document_file.document.title == original  # theirs: the window had not changed it since
        assert "pulled" in document_file.document.tags
        assert "typed after the save" in document_file.document.lessons.lucky
        assert backup_path(path).read_bytes() == theirs  # their version, kept as the backup
        assert load_document(path).to_dict() == document_file.document.to_dict()  # the merge is written
        document_file.document.tags.append("after")
        document_file.save(document_file.document)  # and the file is the window's again
    stored = load_document(path)
    assert stored.title == original and stored.tags[-2:] == ["pulled", "after"]


def test_merging_after_the_file_was_deleted_says_so_and_writes_nothing(path):
    with DocumentFile.open(path) as document_file:
        path.unlink()
        with pytest.raises(OutsideChangeError):
            document_file.merge_outside(document_file.document)
    assert not path.exists()
