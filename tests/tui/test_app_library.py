"""Pilot: the library screen — create, filter as you type, delete to trash; and reopening."""

from __future__ import annotations

import json

from textual.widgets import DataTable, Input

from postmortem.factory import new_postmortem
from storage.library import Library
from tui.screens.library import LibraryScreen
from tui.screens.workspace import WorkspaceScreen
from helpers import stored


def seed(library_dir, *docs):
    library = Library(library_dir)
    for doc_id, title, severity in docs:
        library.create(new_postmortem(doc_id, title, severity)).close()


def table_titles(app) -> list[str]:
    table = app.screen.query_one(DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_library_lists_and_filters_as_you_type(library_dir, make_app):
    seed(library_dir, ("db-failover", "Database failover stalled", "SEV1"),
         ("cache-miss", "Checkout cache misses", "SEV2"), ("dns", "DNS near miss", "near-miss"))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, LibraryScreen)
        assert sorted(table_titles(app)) == ["Checkout cache misses", "DNS near miss",
                                             "Database failover stalled"]
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"check")
        assert table_titles(app) == ["Checkout cache misses"]
        await pilot.press(*["backspace"] * 5, *"sev1")
        assert table_titles(app) == ["Database failover stalled"]
        await pilot.press(*" zzz")
        assert table_titles(app) == []
        assert "Nothing matches" in str(app.screen.query_one("#library-empty").render())


async def test_delete_moves_the_file_to_trash_after_confirmation(library_dir, make_app):
    seed(library_dir, ("keep-me", "Keep me", "SEV2"), ("drop-me", "Drop me", "SEV3"))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.screen.query_one(DataTable)
        row = table_titles(app).index("Drop me")
        table.move_cursor(row=row)
        await pilot.press("delete")
        await pilot.press("n")  # first time: changed our mind
        await pilot.pause()
        assert (library_dir / "drop-me.json").exists()
        await pilot.press("delete", "y")
        await pilot.pause()
        assert table_titles(app) == ["Keep me"]
    assert not (library_dir / "drop-me.json").exists()
    trashed = list((library_dir / ".trash").glob("drop-me*.json"))
    assert len(trashed) == 1
    assert json.loads(trashed[0].read_text())["postmortem"]["1"]["title"] == "Drop me"


async def test_create_from_the_library_opens_the_new_postmortem(library_dir, make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.press("enter")  # empty title: refused with a sentence, dialog stays
        message = app.screen.query_one("#new-error")
        assert message.display and "title is needed" in str(message.render())
        await pilot.press(*"Queue backlog 积压 🔥", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        doc_id = app.screen.document.id
    assert stored(library_dir, doc_id)["title"] == "Queue backlog 积压 🔥"


async def test_back_to_the_library_from_a_postmortem_opened_directly(library_dir, make_app):
    seed(library_dir, ("direct", "Opened directly", "SEV2"))
    app = make_app("direct")
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, WorkspaceScreen)
        await pilot.press("tab", "tab", *" edit", "ctrl+l")   # stage 1 opens on the strip
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert table_titles(app) == ["Opened directly edit"]  # saved on the way out
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen) and not app.screen.read_only
    assert stored(library_dir, "direct")["title"] == "Opened directly edit"


async def test_the_list_marks_postmortems_with_merge_conflicts_to_settle(library_dir, make_app):
    from postmortem.sections.conflicts import Conflict
    seed(library_dir, ("calm", "Calm one", "SEV3"))
    merged = new_postmortem("merged", "Merged by git", "SEV2")
    merged.conflicts = [Conflict("title", "Ours", "Theirs", "Base")]
    Library(library_dir).create(merged).close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one(DataTable)
        rows = {str(table.get_row_at(i)[0]): table.get_row_at(i) for i in range(table.row_count)}
        assert str(rows["Merged by git"][2]) == "draft, 1 conflict"
        assert str(rows["Calm one"][2]) == "draft"
        table.move_cursor(row=table_titles(app).index("Merged by git"))
        await pilot.pause()
        status = str(app.screen.query_one("#library-empty").render())
        assert "1 merge conflict" in status and "settle" in status
        await pilot.press("slash", *"conflict")   # the filter finds them too
        assert table_titles(app) == ["Merged by git"]
    assert len(stored(library_dir, "merged")["conflicts"]) == 1   # listing settles nothing
