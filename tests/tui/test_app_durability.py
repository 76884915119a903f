"""Pilot: what the app does when the disk or the file misbehaves — nothing is lost."""

from __future__ import annotations


from postmortem.factory import new_postmortem
from storage.errors import SaveError
from storage.library import Library
from tui.screens.library import LibraryScreen
from tui.screens.workspace import WorkspaceScreen
from tui.widgets.doc_header import DocumentHeader
from helpers import shown, stored


async def test_a_failing_disk_shows_an_error_and_saves_once_it_is_fixed(library_dir, make_app, monkeypatch):
    Library(library_dir).create(new_postmortem("disk", "Disk", "SEV2")).close()
    app = make_app("disk")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        real_save = screen.document_file.save
        failing = {"on": True}

        def save(data):
            if failing["on"]:
                raise SaveError(screen.document_file.path, "No space left on device")
            real_save(data)

        monkeypatch.setattr(screen.document_file, "save", save)
        await pilot.press("tab", "tab", *" full")   # stage 1 opens on the strip: to the title
        assert screen.flush() is False
        await pilot.pause()
        assert screen.query_one(DocumentHeader).save_state == "NOT SAVED"
        assert any("No space left" in str(n.message) for n in app._notifications)
        assert stored(library_dir, "disk")["title"] == "Disk"  # the last good file is intact
        await pilot.press(*" disk")  # editing goes on while the disk is full
        failing["on"] = False
        screen._retry_failed_save()
        assert screen.flush() is True
        await pilot.pause()
        assert screen.query_one(DocumentHeader).save_state == "saved"
    assert stored(library_dir, "disk")["title"] == "Disk full disk"


async def test_a_file_that_does_not_parse_is_left_alone_and_its_backup_offered(library_dir, make_app):
    library = Library(library_dir)
    with library.create(new_postmortem("broken", "First", "SEV2")) as document_file:
        document = document_file.document
        document.title = "Second"
        document_file.save(document.to_dict())  # now broken.json.bak holds "First"
    path = library_dir / "broken.json"
    path.write_text("{ this is not json", "utf-8")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_postmortem("broken")
        await pilot.pause()
        assert "broken.json" in shown(app.screen.query_one(".dialog-question"))
        await pilot.press("escape")  # not now: nothing changes
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert path.read_text("utf-8") == "{ this is not json"
        app.open_postmortem("broken")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        assert app.screen.document.title == "First"
    kept = list((library_dir / ".trash").glob("broken.json.broken*"))
    assert [p.read_text("utf-8") for p in kept] == ["{ this is not json"]


async def test_opened_at_start_a_file_that_does_not_parse_has_its_backup_offered(library_dir,
                                                                                 make_app):
    """``postmortem open broken``: the offer comes over the library, and stays there."""
    library = Library(library_dir)
    with library.create(new_postmortem("broken", "First", "SEV2")) as document_file:
        document_file.save(document_file.document.to_dict())   # broken.json.bak holds "First"
    (library_dir / "broken.json").write_text("{ this is not json", "utf-8")
    app = make_app("broken")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert "broken.json" in shown(app.screen.query_one(".dialog-question"))
        assert isinstance(app.screen_stack[-2], LibraryScreen)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        assert app.screen.document.title == "First"
    assert stored(library_dir, "broken")["title"] == "First"


async def test_unparsable_file_without_backup_is_only_reported(library_dir, make_app):
    (library_dir / "junk.json").write_text("[]", "utf-8")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_postmortem("junk")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert any("junk.json" in str(n.message) for n in app._notifications)
    assert (library_dir / "junk.json").read_text("utf-8") == "[]"
