"""The repeated-failure check reads the library as summaries (issue 13, `check` in a large
library): every file once, only the document checked validated in full — for `check`, the
internal export and F5 alike. Counted, never timed."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

import storage.reading
import storage.summary_cache
from postmortem.demo import demo_document
from postmortem.fields import ValidationError
from postmortem.model import Postmortem
from postmortem.recurrence import read_recurrence_summary, recurrence_summary
from storage.library import Library
from tui import cli

OTHERS = 6
DEMO_ID = demo_document().id   # demo_document() validates: never called while counting


@pytest.fixture
def library(library_dir) -> Library:
    """The demo and six others: one repeats its root cause, one shares a tag, one is broken
    where the check does not look (an action's due date), one where a row looks (its title)."""
    library = Library(library_dir)
    library.create(demo_document()).close()
    for n in range(OTHERS - 2):
        other = Postmortem(id=f"other-{n}", title=f"Other {n}", tags=[f"tag-{n}"])
        library.create(other).close()
    repeat = demo_document()
    repeat.id, repeat.title, repeat.tags = "repeat", "Earlier outage", []
    library.create(repeat).close()
    shared = Postmortem(id="shared", title="Shared tag", tags=[demo_document().tags[0].upper()])
    library.create(shared).close()
    write_broken(library, "bad-due", lambda d: d["actions"][0].update(due="someday"))
    write_broken(library, "bad-title", lambda d: d.update(title=17))
    return library


def write_broken(library: Library, doc_id: str, breaking) -> None:
    data = demo_document().to_dict()
    data["id"] = doc_id
    breaking(data)
    library.path_for(doc_id).write_text(json.dumps({"postmortem": {"1": data}}), "utf-8")


@pytest.fixture
def counted(monkeypatch, library) -> tuple[Counter, list]:
    """Files read (by name) and documents validated in full (by id), once the library is made."""
    return count_work(monkeypatch)


def count_work(monkeypatch) -> tuple[Counter, list]:
    reads, validated = Counter(), []
    read_bytes = storage.reading.read_regular_bytes
    from_dict = Postmortem.from_dict.__func__

    def counting_read(path, *args, **kwargs):
        reads[Path(path).name] += 1
        return read_bytes(path, *args, **kwargs)

    def counting_from_dict(cls, data):
        validated.append(data.get("id") if isinstance(data, dict) else None)
        return from_dict(cls, data)

    monkeypatch.setattr(storage.reading, "read_regular_bytes", counting_read)
    read_with_status = storage.summary_cache.read_regular   # the library, through the cache

    def counting_read_with_status(path, *args, **kwargs):
        if Path(path).parent.name != ".cache":   # the cache itself is one file, not the library
            reads[Path(path).name] += 1
        return read_with_status(path, *args, **kwargs)

    monkeypatch.setattr(storage.summary_cache, "read_regular", counting_read_with_status)
    monkeypatch.setattr(Postmortem, "from_dict", classmethod(counting_from_dict))
    return reads, validated


def library_names(library: Library) -> set[str]:
    return {path.name for path in library.root.glob("*.json")}


def test_check_reads_each_file_once_and_validates_only_the_checked_one(library, counted, capsys):
    reads, validated = counted
    doc_id = DEMO_ID
    assert cli.main(["--library", str(library.root), "check", doc_id]) in (0, 1)
    out = capsys.readouterr().out
    # The checked file twice: in full, and its summary for the library's index that the
    # cache keeps (the index is the whole library's, whichever file is checked next).
    assert set(reads) == library_names(library)
    assert reads.pop(f"{doc_id}.json") == 2 and set(reads.values()) == {1}
    assert validated == [doc_id]
    # What the summaries are read for still happens: the repeat, the shared tag, and the one
    # file whose compared fields do not read named in the note.
    assert "“Earlier outage” (repeat)" in out and "“Shared tag” (shared)" in out
    assert "(bad-due)" in out   # broken where the check does not look: compared all the same
    assert "could not be read and was not compared for repeated failures: bad-title.json." in out


def test_a_second_check_reads_the_library_from_the_summary_cache(library, counted, capsys):
    """``check`` records what it read in the library's summary cache: the next one reads only
    the checked file and the files changed since, and says the same."""
    reads, validated = counted
    assert cli.main(["--library", str(library.root), "check", DEMO_ID]) in (0, 1)
    first = capsys.readouterr().out
    reads.clear()
    changed = library.root / "other-1.json"
    changed.write_bytes(changed.read_bytes())   # another identity: read again
    assert cli.main(["--library", str(library.root), "check", DEMO_ID]) in (0, 1)
    assert capsys.readouterr().out == first
    # bad-due's summary does not read (its action's date): never cached, read each time.
    assert set(reads) == {f"{DEMO_ID}.json", "other-1.json", "bad-due.json", "bad-title.json"}


def test_the_internal_export_reads_the_library_as_check_does(library, counted, capsys):
    reads, validated = counted
    doc_id = DEMO_ID
    assert cli.main(["--library", str(library.root), "export", doc_id]) == 0
    assert "Repeats a failure recorded in “Earlier outage”" in capsys.readouterr().out
    assert set(reads) == library_names(library) and set(reads.values()) == {1}
    assert validated == [doc_id]


def test_other_exports_do_not_read_the_library(library, counted, capsys):
    reads, validated = counted
    doc_id = DEMO_ID
    for options in (["--audience", "external"], ["--format", "json"], ["--format", "ics"]):
        reads.clear()
        assert cli.main(["--library", str(library.root), "export", doc_id, *options]) == 0
        assert set(reads) == {f"{doc_id}.json"}
    capsys.readouterr()


async def test_f5_reads_the_other_files_once_and_validates_none(library, make_app, monkeypatch):
    from tui.screens.review import FinalReviewScreen
    from tui.screens.workspace import WorkspaceScreen
    app = make_app(DEMO_ID)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        reads, validated = count_work(monkeypatch)  # the open document is read already
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, FinalReviewScreen)
        # The open document is in memory: its own file is neither read again nor compared.
        assert set(reads) == library_names(library) - {f"{DEMO_ID}.json"}
        assert set(reads.values()) == {1} and validated == []
        assert {d.other_id for d in app.screen.review.deviations if d.kind == "repeated"} == {
            "repeat", "shared", "bad-due"}
        assert app.screen.review.unreadable == ("bad-title.json",)


# The summary itself ------------------------------------------------------------------------


def test_the_summary_read_from_a_file_is_the_summary_of_the_document():
    doc = demo_document()
    assert read_recurrence_summary(doc.to_dict()) == recurrence_summary(doc)
    assert recurrence_summary(doc).root_causes  # the demo marks root causes: compared


@pytest.mark.parametrize("breaking, path", [
    (lambda d: d.update(id="Not An Id"), "id"),
    (lambda d: d.pop("id"), "id"),
    (lambda d: d.update(tags="cache"), "tags"),
    (lambda d: d["scope"].update(owner=3), "scope.owner"),
    (lambda d: d["analysis"]["whys"][0].update(role="culprit"), "analysis.whys[0].role"),
    (lambda d: d["analysis"]["fishbone"][0]["causes"][0].update(text=None),
     "analysis.fishbone[0].causes[0].text"),
    (lambda d: d["analysis"].update(whys={}), "analysis.whys"),
])
def test_a_field_the_check_reads_is_checked_by_the_rules_of_the_document(breaking, path):
    data = demo_document().to_dict()
    if path.endswith("causes[0].text"):
        data["analysis"]["fishbone"][0]["causes"][0]["role"] = "root-cause"
    breaking(data)
    with pytest.raises(ValidationError) as raised:
        read_recurrence_summary(data)
    assert raised.value.path == path


def test_fields_the_check_does_not_read_are_not_validated():
    data = demo_document().to_dict()
    data["timeline"][0]["at"] = "25:61"
    data["actions"][0]["due"] = "someday"
    data["analysis"]["whys"][0]["evidence"] = 5
    assert read_recurrence_summary(data).id == demo_document().id
