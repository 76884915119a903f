"""Pilot: leaving (Ctrl+Q, Ctrl+L) while saves fail never drops the edits without a word.

The failure is a save that raises as a full disk does (no space left on device); the file on
disk keeps its last good version, which every test checks by reading it back.
"""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from postmortem.factory import new_postmortem
from postmortem.model import Postmortem
from storage.errors import SaveError
from storage.library import Library
from tui.screens.dialogs import ConfirmScreen
from tui.screens.export import ExportPathScreen
from tui.screens.library import LibraryScreen
from tui.screens.unsaved import UnsavedEditsScreen
from helpers import shown, stored, focus_title


class FullDisk:
    """Stands in for ``DocumentFile.save``: raises like a full disk while ``full``."""

    def __init__(self, document_file) -> None:
        self.real_save = document_file.save
        self.path = document_file.path
        self.full = True

    def __call__(self, data) -> None:
        if self.full:
            raise SaveError.from_os_error(self.path, OSError(errno.ENOSPC, "No space left on device"))
        self.real_save(data)


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """The user's home and data folders inside the test's own folder."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return folder


async def edit_with_a_full_disk(app, pilot, monkeypatch) -> FullDisk:
    screen = app.screen
    disk = FullDisk(screen.document_file)
    monkeypatch.setattr(screen.document_file, "save", disk)
    await focus_title(pilot)
    await pilot.press(*" unsaved")
    assert screen.flush() is False
    await pilot.pause()
    return disk


def open_disk(library_dir, make_app):
    Library(library_dir).create(new_postmortem("disk", "Disk", "SEV2")).close()
    return make_app("disk")


async def test_quit_with_unsaved_edits_says_what_is_unsaved_and_cancel_returns_to_editing(
        library_dir, make_app, monkeypatch, home):
    app = open_disk(library_dir, make_app)
    async with app.run_test(size=(100, 30)) as pilot:
        workspace = app.screen
        await edit_with_a_full_disk(app, pilot, monkeypatch)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedEditsScreen)  # today: the app had already exited
        report = shown(app.screen.query_one("#unsaved-report"))
        assert "Disk" in report and "disk" in report and "No space left on device" in report
        assert "since" in report
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is workspace and app.is_running
        assert workspace.document.title == "Disk unsaved"
        await pilot.press(*" more")  # editing goes on
        assert workspace.document.title == "Disk unsaved more"
    assert stored(library_dir, "disk")["title"] == "Disk"


async def test_retry_once_the_disk_has_room_saves_and_quits(library_dir, make_app, monkeypatch, home):
    app = open_disk(library_dir, make_app)
    async with app.run_test(size=(100, 30)) as pilot:
        disk = await edit_with_a_full_disk(app, pilot, monkeypatch)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("r")  # still full: the dialog stays, saying so
        await pilot.pause()
        assert isinstance(app.screen, UnsavedEditsScreen) and app.is_running
        disk.full = False
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.return_code == 0 and app.exit_notes == []
    assert stored(library_dir, "disk")["title"] == "Disk unsaved"


async def test_save_a_copy_writes_the_whole_document_outside_the_failing_folder(
        library_dir, make_app, monkeypatch, home):
    app = open_disk(library_dir, make_app)
    async with app.run_test(size=(100, 30)) as pilot:
        await edit_with_a_full_disk(app, pilot, monkeypatch)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ExportPathScreen)
        shown_path = app.screen.query_one("#export-path-input").value
        assert shown_path.startswith("~/")   # the home folder said as ~ (short at 80 columns)
        default = Path(shown_path).expanduser()
        assert default.parent == home and library_dir not in default.parents
        assert default.name.startswith("disk.rescue-") and default.name.endswith("Z.json")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    copy = json.loads(default.read_text("utf-8"))
    assert Postmortem.from_dict(copy).title == "Disk unsaved"  # a whole, valid document
    assert default.read_text("utf-8").endswith("}\n") and oct(default.stat().st_mode & 0o777) == "0o600"
    assert stored(library_dir, "disk")["title"] == "Disk"
    assert app.return_code == 1  # the library file does not hold the edits
    assert any(str(default) in note for note in app.exit_notes)


async def test_discard_needs_a_confirmation_and_exits_non_zero_saying_so(
        library_dir, make_app, monkeypatch, home):
    app = open_disk(library_dir, make_app)
    async with app.run_test(size=(100, 30)) as pilot:
        await edit_with_a_full_disk(app, pilot, monkeypatch)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # not confirmed: back to the choice, nothing discarded
        await pilot.pause()
        assert isinstance(app.screen, UnsavedEditsScreen) and app.is_running
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.return_code == 1
    assert any("discarded" in note and "disk" in note for note in app.exit_notes)
    assert stored(library_dir, "disk")["title"] == "Disk"


async def test_back_to_the_library_with_unsaved_edits_asks_first(library_dir, make_app, monkeypatch, home):
    app = open_disk(library_dir, make_app)
    async with app.run_test(size=(100, 30)) as pilot:
        workspace = app.screen
        disk = await edit_with_a_full_disk(app, pilot, monkeypatch)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedEditsScreen)  # today: the library, edits gone
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is workspace and not workspace.document_file.closed
        disk.full = False
        await pilot.press("ctrl+l")  # the retry timer is not needed: leaving flushes again
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
    assert stored(library_dir, "disk")["title"] == "Disk unsaved"


async def test_discarding_on_the_way_to_the_library_makes_the_exit_status_non_zero(
        library_dir, make_app, monkeypatch, home):
    app = open_disk(library_dir, make_app)
    async with app.run_test(size=(100, 30)) as pilot:
        await edit_with_a_full_disk(app, pilot, monkeypatch)
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 1
    assert any("discarded" in note for note in app.exit_notes)
    assert stored(library_dir, "disk")["title"] == "Disk"


async def test_quit_with_everything_saved_exits_at_once_with_status_0(library_dir, make_app, home):
    app = open_disk(library_dir, make_app)
    async with app.run_test(size=(100, 30)) as pilot:
        await focus_title(pilot)
        await pilot.press(*" saved")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0 and app.exit_notes == []
    assert stored(library_dir, "disk")["title"] == "Disk saved"


async def test_the_save_failure_toast_does_not_cover_the_dialog_that_says_the_same(
        library_dir, make_app, monkeypatch, home):
    """Found looking at every screen at 80×24: the "not saved" toast (12 s) lay over the
    dialog's Save a copy… and Discard… buttons; the dialog's report says the same thing."""
    app = open_disk(library_dir, make_app)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await edit_with_a_full_disk(app, pilot, monkeypatch)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query("Toast")                  # the failure was told as it happened
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedEditsScreen)
        assert "No space left on device" in shown(app.screen.query_one("#unsaved-report"))
        assert not app.screen.query("Toast")
        labels = [str(button.label) for button in app.screen.query("Button")]
        assert labels == ["Retry", "Save a copy…", "Discard…", "Keep editing"]
    assert stored(library_dir, "disk")["title"] == "Disk"
