"""The library read as summaries through a cache keyed by file identity (issue 17 §7):
counted, never timed."""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest

import storage.summary_cache as summary_cache
from postmortem.demo import demo_document
from postmortem.fields import ValidationError
from postmortem.library_summary import cache_data, document_summary, read_document_summary
from postmortem.model import Postmortem
from postmortem.sections.conflicts import Conflict
from postmortem.summary import read_summary, summary_data
from storage.library import Library
from storage.summary_cache import cache_path, read_documents, read_summaries


@pytest.fixture
def library(library_dir) -> Library:
    library = Library(library_dir)
    library.create(demo_document()).close()
    for n in range(3):
        library.create(Postmortem(id=f"other-{n}", title=f"Other {n}")).close()
    return library


@pytest.fixture
def reads(monkeypatch) -> Counter:
    counted = Counter()
    real = summary_cache.read_regular

    def counting(path, *args, **kwargs):
        if Path(path).parent.name != ".cache":   # postmortem files only, not the cache itself
            counted[Path(path).name] += 1
        return real(path, *args, **kwargs)
    monkeypatch.setattr(summary_cache, "read_regular", counting)
    return counted


def test_the_summary_of_a_file_is_the_summary_of_its_document_and_survives_the_cache():
    doc = demo_document()
    summary = read_document_summary(doc.to_dict())
    assert summary == document_summary(doc)
    assert read_document_summary(cache_data(summary)) == summary
    assert summary.actions and summary.follow_ups and summary.root_causes and summary.contributing
    assert [name for name, _ in summary.milestones] == ["start", "detected", "mitigated", "resolved"]


def test_a_field_the_summary_reads_is_checked_by_the_rules_of_the_document():
    data = demo_document().to_dict()
    data["actions"][0]["due"] = "someday"
    with pytest.raises(ValidationError) as raised:
        read_document_summary(data)
    assert raised.value.path == "actions[0].due"


def test_a_second_read_uses_the_cache_and_reads_no_file(library, reads):
    first = read_summaries(library.root)
    assert set(reads) == {p.name for p in library.root.glob("*.json")}
    assert cache_path(library.root).is_file()
    assert (library.root / ".cache" / ".gitignore").read_text().strip().endswith("*")
    reads.clear()
    second = read_summaries(library.root)
    assert reads == Counter() and second == first


def test_a_changed_file_is_read_again_never_the_cached_summary(library, reads):
    read_summaries(library.root)
    with library.open("other-1") as document_file:
        document = document_file.document
        document.title = "Renamed"
        document_file.save(document)
    reads.clear()
    summaries = {s.id: s for s in read_summaries(library.root).summaries}
    assert summaries["other-1"].row.title == "Renamed"
    assert set(reads) == {"other-1.json"}


def test_a_missing_or_corrupt_cache_is_rebuilt(library, reads):
    expected = read_summaries(library.root)
    for damage in (b"{not json", b'{"version": 1, "files": {"other-0.json": {"identity": 3}}}', None):
        if damage is None:
            cache_path(library.root).unlink()
        else:
            cache_path(library.root).write_bytes(damage)
        reads.clear()
        assert read_summaries(library.root) == expected
        assert "other-2.json" in reads
        assert json.loads(cache_path(library.root).read_text())["version"] == summary_cache.VERSION


def test_a_cache_entry_that_does_not_read_is_not_used(library, reads):
    read_summaries(library.root)
    cached = json.loads(cache_path(library.root).read_text())
    cached["files"]["other-0.json"]["summary"]["title"] = 17   # same identity, broken entry
    cache_path(library.root).write_text(json.dumps(cached))
    reads.clear()
    summaries = {s.id: s for s in read_summaries(library.root).summaries}
    assert summaries["other-0"].row.title == "Other 0" and set(reads) == {"other-0.json"}


def test_a_cache_folder_that_is_a_symlink_is_neither_read_nor_written(library, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.symlink(elsewhere, library.root / ".cache")
    assert len(read_summaries(library.root).summaries) == 4
    assert list(elsewhere.iterdir()) == []


def test_unreadable_files_are_named_and_never_cached(library):
    (library.root / "broken.json").write_text('{"postmortem": {"1": {"schema": 3}}}')
    read = read_summaries(library.root)
    assert [u.path.name for u in read.unreadable] == ["broken.json"]
    assert "broken.json" not in json.loads(cache_path(library.root).read_text())["files"]


def test_check_all_reads_each_file_once_and_fills_the_cache(library, reads):
    (library.root / "broken.json").write_text("{}")
    results = read_documents(library.root)
    assert set(reads.values()) == {1} and len(reads) == 5
    assert [r.path.name for r in results if r.document is None] == ["broken.json"]
    reads.clear()
    read_summaries(library.root)
    assert set(reads) == {"broken.json"}   # the others came from the cache check --all wrote


def conflicted(doc_id: str, count: int) -> Postmortem:
    return Postmortem(id=doc_id, title="Merged", conflicts=[
        Conflict(f"actions[id=\"a{n}\"].title", f"ours {n}", f"theirs {n}", "base")
        for n in range(count)])


def test_the_summary_carries_the_number_of_merge_conflicts_through_the_cache(library, reads):
    summary = read_document_summary(conflicted("merged", 2).to_dict())
    assert summary.row.conflicts == 2
    assert read_document_summary(cache_data(summary)) == summary
    library.create(conflicted("merged", 3)).close()
    first = {s.id: s.row.conflicts for s in read_summaries(library.root).summaries}
    reads.clear()
    second = {s.id: s.row.conflicts for s in read_summaries(library.root).summaries}
    assert reads == Counter()   # from the cache, which carries the count
    assert first == second and second["merged"] == 3 and second["other-0"] == 0


def test_a_cache_of_the_version_before_conflicts_is_rebuilt(library, reads):
    """A cache written before summaries carried conflicts would say 0 for every file: its
    entries are not used, the files are read again."""
    library.create(conflicted("merged", 1)).close()
    read_summaries(library.root)
    cached = json.loads(cache_path(library.root).read_text())
    assert cached["version"] == summary_cache.VERSION > 1
    cached["version"] = 1
    for entry in cached["files"].values():
        entry["summary"].pop("conflicts", None)
    cache_path(library.root).write_text(json.dumps(cached))
    reads.clear()
    summaries = {s.id: s for s in read_summaries(library.root).summaries}
    assert summaries["merged"].row.conflicts == 1
    assert set(reads) == {p.name for p in library.root.glob("*.json")}


def test_a_row_survives_the_rows_cache():
    for doc in (demo_document(), conflicted("merged", 2), Postmortem(id="bare", title="")):
        row = read_summary(doc.to_dict())
        assert read_summary(summary_data(row)) == row == read_document_summary(doc.to_dict()).row


def test_the_list_reads_the_rows_cache_not_the_summaries(library, reads, monkeypatch):
    """The library's list (screen and ``list``) parses the small rows.json: the summaries of
    the views, with every action and cause, are not read for it."""
    caches: Counter = Counter()
    real = summary_cache.read_regular

    def counting(path, *args, **kwargs):
        if Path(path).parent.name == ".cache":
            caches[Path(path).name] += 1
        return real(path, *args, **kwargs)
    monkeypatch.setattr(summary_cache, "read_regular", counting)
    first = library.entries()
    assert set(reads) == {p.name for p in library.root.glob("*.json")}
    assert cache_path(library.root, summary_cache.ROWS_NAME).is_file()
    assert not cache_path(library.root).exists()   # the views' summaries: not made for a list
    reads.clear()
    caches.clear()
    assert library.entries() == first
    assert reads == Counter() and caches == Counter({summary_cache.ROWS_NAME: 1})


def test_the_summaries_keep_the_rows_in_step(library, reads):
    """``actions``, ``stats``, ``check --all`` write the summaries, and the rows with them: a
    list afterwards reads no file, though it has never run."""
    (library.root / "broken.json").write_text("{}")
    for read in (read_summaries, read_documents):
        shutil.rmtree(library.root / ".cache", ignore_errors=True)
        read(library.root)
        reads.clear()
        entries = {entry.id: entry for entry in library.entries()}
        assert set(reads) == {"broken.json"}   # unreadable files are never cached
        assert entries["other-1"].title == "Other 1" and entries["broken"].problem
    rows = len(cache_path(library.root, summary_cache.ROWS_NAME).read_bytes())
    assert rows * 4 < len(cache_path(library.root).read_bytes())


def test_a_row_that_reads_is_kept_though_an_action_of_its_file_does_not(library, reads):
    """A wrong action date keeps the postmortem out of the views' cache, never off the list,
    whose row is cached."""
    path = library.root / "other-0.json"
    data = json.loads(path.read_text())
    data["postmortem"]["1"]["actions"] = [{"id": "a1", "title": "Fix", "due": "someday"}]
    path.write_text(json.dumps(data))
    first = {entry.id: entry for entry in library.entries()}
    assert first["other-0"].title == "Other 0" and first["other-0"].problem is None
    reads.clear()
    assert {entry.id: entry for entry in library.entries()} == first and reads == Counter()
