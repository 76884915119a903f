"""`postmortem demo` and `open`: what they put in the library before the app starts."""

from __future__ import annotations

import errno
import os

import pytest

from storage.library import Library
from tui import cli


@pytest.fixture
def opened(monkeypatch):
    calls: list[str | None] = []
    monkeypatch.setattr(cli, "open_app", lambda args, target=None: calls.append(target) or 0)
    return calls


def test_demo_opens_a_fresh_copy_and_keeps_the_old_one_in_trash(library_dir, opened):
    assert cli.main(["--library", str(library_dir), "demo"]) == 0
    path = library_dir / "demo-checkout-latency.json"
    assert opened == ["demo-checkout-latency"] and path.exists()
    edited = path.read_text("utf-8").replace("Checkout latency", "Edited latency")
    path.write_text(edited, "utf-8")

    assert cli.main(["--library", str(library_dir), "demo"]) == 0
    assert "Edited latency" not in path.read_text("utf-8")  # a fresh copy
    trashed = list((library_dir / ".trash").glob("demo-checkout-latency*.json"))
    assert [p.read_text("utf-8") for p in trashed] == [edited]  # the edited copy is kept


def test_open_refuses_a_file_that_is_not_a_postmortem_before_starting(library_dir, opened, capsys, tmp_path):
    notes = tmp_path / "notes.json"
    notes.write_text("not json at all", "utf-8")
    assert cli.main(["--library", str(library_dir), "open", str(notes)]) == 2
    assert opened == []
    error = capsys.readouterr().err
    assert "notes.json" in error and error.count("\n") == 1


class FullDiskOs:
    """``os`` for storage.atomic on a full disk: every write of file contents fails."""

    def __getattr__(self, name):
        return getattr(os, name)

    @staticmethod
    def write(fd, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_demo_on_a_full_disk_leaves_the_existing_copy_in_place_as_it_says(
        library_dir, opened, capsys, monkeypatch):
    assert cli.main(["--library", str(library_dir), "demo"]) == 0
    path = library_dir / "demo-checkout-latency.json"
    edited = path.read_text("utf-8").replace("Checkout latency", "Edited latency")
    path.write_text(edited, "utf-8")
    capsys.readouterr()

    import storage.atomic
    monkeypatch.setattr(storage.atomic, "os", FullDiskOs())
    assert cli.main(["--library", str(library_dir), "demo"]) == 2
    error = capsys.readouterr().err
    assert "No space left on device" in error and "last good file is intact" in error
    assert path.read_text("utf-8") == edited  # today: moved to .trash, and nothing in its place
    assert not list((library_dir / ".trash").glob("demo-checkout-latency*"))
    assert [p.name for p in library_dir.iterdir() if p.name.startswith(".demo")] == []
    assert opened == ["demo-checkout-latency"]  # only the first, successful run opened the app


def test_demo_writes_the_same_file_as_creating_it(library_dir, opened, tmp_path):
    from postmortem.demo import demo_document
    assert cli.main(["--library", str(library_dir), "demo"]) == 0
    assert cli.main(["--library", str(library_dir), "demo"]) == 0  # the replacing path
    other = tmp_path / "other"
    Library(other).create(demo_document(cli.today())).close()
    name = "demo-checkout-latency.json"
    assert (library_dir / name).read_bytes() == (other / name).read_bytes()
    assert oct((library_dir / name).stat().st_mode & 0o777) == "0o600"


def test_demo_that_cannot_use_the_trash_leaves_the_existing_copy_and_no_litter(library_dir, opened, capsys):
    assert cli.main(["--library", str(library_dir), "demo"]) == 0
    path = library_dir / "demo-checkout-latency.json"
    before = path.read_bytes()
    (library_dir / ".trash").write_text("a file where the trash folder should be", "utf-8")
    assert cli.main(["--library", str(library_dir), "demo"]) == 2
    assert "demo-checkout-latency.json" in capsys.readouterr().err
    assert path.read_bytes() == before
    assert sorted(p.name for p in library_dir.iterdir()) == [".trash", "demo-checkout-latency.json"]


@pytest.mark.parametrize("today", [None, "2031-07-15", "2027-02-28"])
def test_the_demo_passes_check_on_any_day(library_dir, opened, capsys, monkeypatch, today):
    """Written relative to the day it is opened: nothing overdue, the final review passes."""
    from datetime import date
    if today is not None:
        monkeypatch.setattr(cli, "today", lambda: date.fromisoformat(today))
    assert cli.main(["--library", str(library_dir), "demo"]) == 0
    capsys.readouterr()
    assert cli.main(["--library", str(library_dir), "check", "demo-checkout-latency"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == "All 5 checklist items pass."
    day = date.fromisoformat(today) if today else date.today()
    stored = (library_dir / "demo-checkout-latency.json").read_text("utf-8")
    assert (day - timedelta_days(2)).isoformat() + "T15:00:00Z" in stored   # the meeting


def timedelta_days(days: int):
    from datetime import timedelta
    return timedelta(days=days)
