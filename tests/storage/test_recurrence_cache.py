"""The repeated-failure index kept prepared in the library's cache (storage/recurrence_cache.py):
``check`` of one file reads it instead of preparing it, and it is used only while every file
of the library is the one it was prepared from. Counted, never timed."""

from __future__ import annotations

import json
import os

import pytest

import storage.recurrence_cache
from postmortem.checklist import evaluate
from postmortem.model import Analysis, Cause, FishboneCategory, Postmortem, WhyNode
from postmortem.recurrence import recurrence_summary
from postmortem.recurrence_index import RecurrenceIndex
from storage.library import Library
from storage.reading import load_document, read_recurrence
from storage.recurrence_cache import INDEX_NAME, read_index
from storage.summary_cache import CACHE_FOLDER
from tui import cli


def doc(doc_id: str, root: str = "", contributing: str = "", tags=()) -> Postmortem:
    whys = [WhyNode("w1", None, root, role="root-cause")] if root else []
    bones = [FishboneCategory("Process", [Cause("c1", contributing, "contributing")])] \
        if contributing else []
    return Postmortem(id=doc_id, title=doc_id.title(), tags=list(tags),
                      analysis=Analysis(whys=whys, fishbone=bones))


@pytest.fixture
def library(library_dir) -> Library:
    library = Library(library_dir)
    for made in (doc("checked", root="Cache warm-up was skipped for replaced nodes", tags=["dns"]),
                 doc("earlier", root="The cache warm-up is skipped for replaced nodes"),
                 doc("resolver", root="TLS certificate expired", tags=["DNS"]),
                 doc("zh", contributing="缓存预热被跳过", tags=["缓存"]),
                 *(doc(f"filler-{n}", root=f"Disk {n} filled up", tags=["database"])
                   for n in range(4))):
        library.create(made).close()
    return library


def kept(library: Library) -> dict:
    return json.loads((library.root / CACHE_FOLDER / INDEX_NAME).read_text("utf-8"))


def check(library: Library, capsys, doc_id: str = "checked") -> str:
    assert cli.main(["--library", str(library.root), "check", doc_id]) in (0, 1)
    return capsys.readouterr().out


def no_preparing(monkeypatch) -> None:
    def refused(*args, **kwargs):
        raise AssertionError("the index was prepared, not read from the cache")
    monkeypatch.setattr(storage.recurrence_cache, "read_parts", refused)


def expected_review(library: Library, doc_id: str):
    """What the check answers when every other postmortem is read and compared anew."""
    others = [recurrence_summary(load_document(path))
              for path in sorted(library.root.glob("*.json")) if path.stem != doc_id]
    return evaluate(load_document(library.path_for(doc_id)), library=others).deviations


def test_a_second_check_reads_the_kept_index_and_says_the_same(library, capsys, monkeypatch):
    first = check(library, capsys)
    assert "(earlier)" in first and "(resolver)" in first   # a reworded cause, a rare tag
    assert [entry[0] for entry in kept(library)["files"]] == sorted(
        path.name for path in library.root.glob("*.json"))
    no_preparing(monkeypatch)
    assert check(library, capsys) == first
    assert "(checked)" in check(library, capsys, "earlier")   # one index serves every file


def test_the_kept_index_answers_as_comparing_every_file_anew(library, capsys, monkeypatch):
    check(library, capsys)
    no_preparing(monkeypatch)
    for doc_id in ("checked", "earlier", "zh", "filler-0"):
        found = read_recurrence(library.root, skip=library.path_for(doc_id))
        assert isinstance(found.postmortems, RecurrenceIndex) and found.unreadable == []
        assert [s.id for s in found.postmortems] == sorted(
            p.stem for p in library.root.glob("*.json") if p.stem != doc_id)
        document = load_document(library.path_for(doc_id))
        assert evaluate(document, library=found.postmortems).deviations == \
            expected_review(library, doc_id)


@pytest.mark.parametrize("change", ["saved", "added", "removed"])
def test_a_file_saved_added_or_removed_prepares_the_index_again(library, capsys, change):
    check(library, capsys)
    if change == "saved":
        with library.open("resolver") as file:
            document = file.document
            document.tags = []
            document.analysis.whys[0].text = "Cache warm-up skipped for the replaced nodes"
            file.save(document)
    elif change == "added":
        library.create(doc("later", root="Cache warm-up was skipped again")).close()
    else:
        library.path_for("earlier").unlink()
    out = check(library, capsys)
    names = sorted(path.name for path in library.root.glob("*.json"))
    assert [entry[0] for entry in kept(library)["files"]] == names
    assert "(resolver)" in out and ("(earlier)" in out) == (change != "removed")
    assert ("(later)" in out) == (change == "added")
    found = read_recurrence(library.root, skip=library.path_for("checked"))
    assert evaluate(load_document(library.path_for("checked")),
                    library=found.postmortems).deviations == expected_review(library, "checked")


def test_the_checked_file_saved_since_still_reads_the_kept_index(library, capsys, monkeypatch):
    """The usual check follows an edit of the postmortem checked: it is left out of what is
    compared, so what the kept index holds of it does not matter."""
    check(library, capsys)
    no_preparing(monkeypatch)
    with library.open("checked") as file:
        document = file.document
        document.tags = ["dns", "database"]
        document.analysis.whys[0].text = "TLS certificate expired"
        file.save(document)
    out = check(library, capsys)
    assert "(resolver)" in out and "(earlier)" not in out   # the cause as saved now
    found = read_recurrence(library.root, skip=library.path_for("checked"))
    assert evaluate(load_document(library.path_for("checked")),
                    library=found.postmortems).deviations == expected_review(library, "checked")
    with pytest.raises(AssertionError, match="prepared"):   # a check of another file
        check(library, capsys, "earlier")


def test_a_new_file_checked_reads_the_kept_index(library, capsys, monkeypatch):
    check(library, capsys)
    no_preparing(monkeypatch)
    library.create(doc("new", root="The cache warm-up is skipped for replaced nodes")).close()
    assert "(earlier)" in check(library, capsys, "new")
    found = read_recurrence(library.root, skip=library.path_for("new"))
    assert evaluate(load_document(library.path_for("new")),
                    library=found.postmortems).deviations == expected_review(library, "new")


@pytest.mark.parametrize("spoil", [
    lambda data: "{",
    lambda data: json.dumps({**data, "index": {**data["index"], "version": 0}}),
    lambda data: json.dumps({**data, "index": {**data["index"], "texts": [["x", "zz"]]}}),
    lambda data: json.dumps({**data, "files": data["files"][1:]}),
    lambda data: json.dumps({**data, "files": [data["files"][0]] * len(data["files"])}),
    lambda data: json.dumps({**data, "files": [[n, 0, 0, 0, 0] for n, *_ in data["files"]]}),
])
def test_a_kept_index_that_does_not_describe_the_library_is_prepared_again(library, capsys, spoil):
    first = check(library, capsys)
    path = library.root / CACHE_FOLDER / INDEX_NAME
    path.write_text(spoil(kept(library)), "utf-8")
    assert check(library, capsys) == first
    assert RecurrenceIndex.from_state(kept(library)["index"]).state() == kept(library)["index"]
    assert len(kept(library)["files"]) == len(list(library.root.glob("*.json")))


def test_a_library_with_a_file_that_does_not_read_keeps_no_index(library, capsys):
    (library.root / "broken.json").write_text("{", "utf-8")
    out = check(library, capsys)
    assert "broken.json" in out and "(earlier)" in out
    assert not (library.root / CACHE_FOLDER / INDEX_NAME).exists()
    index, unreadable = read_index(library.root, skip="checked.json")
    assert [u.path.name for u in unreadable] == ["broken.json"]
    assert "checked" not in {s.id for s in index}


def test_only_the_checks_keep_the_index(library, capsys):
    """The export, the final review and the meeting read the library without writing in it."""
    assert cli.main(["--library", str(library.root), "export", "checked"]) == 0
    assert "Repeats a failure recorded in “Earlier”" in capsys.readouterr().out
    assert not os.path.exists(library.root / CACHE_FOLDER / INDEX_NAME)


def test_a_checked_file_outside_the_library_leaves_nothing_out(library, capsys, tmp_path):
    check(library, capsys)
    outside = tmp_path / "elsewhere.json"
    outside.write_bytes(library.path_for("earlier").read_bytes())
    found = read_recurrence(library.root, skip=outside)
    assert len(found.postmortems) == len(list(library.root.glob("*.json")))


def test_check_all_keeps_the_index_for_the_next_check(library, capsys, monkeypatch):
    # check --all prepared the index for itself and let it go: the check of one file after it
    # prepared it again.
    assert cli.main(["--library", str(library.root), "check", "--all"]) in (0, 1)
    every = capsys.readouterr().out
    assert [entry[0] for entry in kept(library)["files"]] == sorted(
        path.name for path in library.root.glob("*.json"))
    no_preparing(monkeypatch)
    first = check(library, capsys)
    assert "(earlier)" in first and "(resolver)" in first
    assert "checked" in every


def test_check_all_with_a_file_that_does_not_read_keeps_no_index(library, capsys):
    (library.root / "broken.json").write_text("{", "utf-8")
    assert cli.main(["--library", str(library.root), "check", "--all"]) == 1
    assert "broken.json" in capsys.readouterr().out
    assert not (library.root / CACHE_FOLDER / INDEX_NAME).exists()
