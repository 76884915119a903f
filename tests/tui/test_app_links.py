"""Pilot: links, read-only files and names that are not ids, in the app (DESIGN §8)."""

from __future__ import annotations

import os
import stat

from textual.widgets import DataTable

from postmortem.factory import new_postmortem
from storage.library import Library
from tui.screens.library import LibraryScreen
from tui.screens.workspace import WorkspaceScreen
from tui.widgets.doc_header import DocumentHeader
from helpers import shown, stored


def seed(library_dir, doc_id="live", title="Live"):
    Library(library_dir).create(new_postmortem(doc_id, title, "SEV2")).close()


def messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def row_texts(app) -> list[str]:
    table = app.screen.query_one(DataTable)
    return [" ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]


async def test_a_read_only_file_opens_read_only_and_says_why(library_dir, make_app):
    seed(library_dir)
    path = library_dir / "live.json"
    os.chmod(path, 0o400)
    before = path.read_bytes()
    app = make_app("live")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, WorkspaceScreen) and screen.read_only
        assert any(str(path) in m and "mode 0400" in m and "read-only" in m for m in messages(app))
        assert "read-only" in shown(screen.query_one(DocumentHeader)).lower()
        await pilot.press(*" typed")
        screen.flush()
        await pilot.pause()
    assert path.read_bytes() == before and stat.S_IMODE(path.stat().st_mode) == 0o400
    assert not (library_dir / "live.json.lock").exists() and not (library_dir / "live.json.bak").exists()


async def test_a_symlinked_lock_file_opens_read_only_and_its_target_is_untouched(
        library_dir, make_app, tmp_path):
    seed(library_dir)
    target = tmp_path / "target.txt"
    target.write_bytes(b"keep\n")
    (library_dir / "live.json.lock").symlink_to(target)
    app = make_app("live")
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, WorkspaceScreen) and app.screen.read_only
        assert any("live.json.lock" in m and "symbolic link" in m for m in messages(app))
        await pilot.pause()
    assert target.read_bytes() == b"keep\n"
    assert stored(library_dir, "live")["title"] == "Live"


async def test_names_that_are_not_ids_are_listed_and_can_be_trashed(library_dir, make_app):
    seed(library_dir)
    for name in ("café.json", "UPPER.json"):
        (library_dir / name).write_bytes((library_dir / "live.json").read_bytes())
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        assert isinstance(app.screen, LibraryScreen)
        rows = row_texts(app)
        assert len(rows) == 3
        for stem in ("café", "UPPER"):
            row = next(row for row in rows if stem in row)
            assert "not a postmortem id: rename it to open it" in row
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=next(i for i, row in enumerate(rows) if "UPPER" in row))
        await pilot.press("enter")  # opening says why it cannot, and stays on the library
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert any("not a postmortem id" in m for m in messages(app))
        await pilot.press("delete", "y")
        await pilot.pause()
        assert not any("UPPER" in row for row in row_texts(app)) and len(row_texts(app)) == 2
    assert not (library_dir / "UPPER.json").exists()
    assert [p.name for p in (library_dir / ".trash").iterdir()] == ["UPPER.json"]
    assert (library_dir / "café.json").exists() and (library_dir / "live.json").exists()


async def test_the_export_screen_refuses_links_special_files_and_the_library_files(
        library_dir, make_app, tmp_path):
    from test_app_export import choose_path, open_export
    seed(library_dir)
    document_before = (library_dir / "live.json").read_bytes()
    target = tmp_path / "target.md"
    target.write_bytes(b"keep\n")
    os.chmod(target, 0o644)
    link = tmp_path / "link.md"
    link.symlink_to(target)
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    app = make_app("live")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot)
        cases = [(link, "symbolic link"), (fifo, "FIFO"),
                 (library_dir / "live.json", "belongs to"), (library_dir / "live.json.bak", "belongs to"),
                 (library_dir / ".last-stages.json", "library")]
        for path, words in cases:
            dialog = await choose_path(pilot, str(path))
            asked = str(dialog.query_one("#export-path-error").render())
            if app.screen is dialog and "already exists" in asked:
                await pilot.press("enter")  # a confirmed replace is refused all the same
                await pilot.pause()
            assert app.screen is dialog, path
            error = str(dialog.query_one("#export-path-error").render())
            assert str(path) in error and words in error, error
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen
    assert target.read_bytes() == b"keep\n" and stat.S_IMODE(target.stat().st_mode) == 0o644
    assert link.is_symlink() and stat.S_ISFIFO(fifo.lstat().st_mode)
    assert (library_dir / "live.json").read_bytes() == document_before
    assert not (library_dir / "live.json.bak").exists()
    assert b"#" not in (library_dir / ".last-stages.json").read_bytes()  # the app's state, no Markdown
