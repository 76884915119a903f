"""The library's start-up does its work once (issue 13, library start-up to the first frame):
each file read once, the table filled once, nothing imported that the list does not show.
Counted, never timed."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

from textual.widgets import DataTable

import storage.reading
import storage.summary_cache
from postmortem.factory import new_postmortem
from storage.library import Library
from tui.screens.library import LibraryScreen
from helpers import shown

LONG_TITLE = "Checkout latency after the cache node was replaced without its warm-up job " * 2


def seed(library_dir: Path, count: int) -> None:
    library = Library(library_dir)
    for n in range(count):
        library.create(new_postmortem(f"incident-{n}", f"{LONG_TITLE} {n}", "SEV2")).close()


def title_cells(table: DataTable) -> list[str]:
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


def count_reads_through_the_cache(monkeypatch, reads: Counter) -> None:
    """Count the library's files read, straight or through the summary cache."""
    read_bytes = storage.reading.read_regular_bytes

    def counting_bytes(path, *args, **kwargs):
        reads[Path(path).name] += 1
        return read_bytes(path, *args, **kwargs)

    monkeypatch.setattr(storage.reading, "read_regular_bytes", counting_bytes)
    read_with_status = storage.summary_cache.read_regular

    def counting(path, *args, **kwargs):
        if Path(path).parent.name != ".cache":   # the cache itself is one file, not the library
            reads[Path(path).name] += 1
        return read_with_status(path, *args, **kwargs)

    monkeypatch.setattr(storage.summary_cache, "read_regular", counting)


async def test_the_next_start_reads_only_the_files_changed_since(library_dir, make_app,
                                                                 monkeypatch):
    """The rows a start-up read are kept in the library's summary cache: the next start reads
    no postmortem file but one changed since, and shows the same rows."""
    seed(library_dir, 4)
    async with make_app().run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        first = title_cells(pilot.app.screen.query_one(DataTable))
    retitled = new_postmortem("incident-2", "Retitled elsewhere", "SEV1")
    (library_dir / "incident-2.json").unlink()
    Library(library_dir).create(retitled).close()   # as a git pull would change it
    reads: Counter = Counter()
    count_reads_through_the_cache(monkeypatch, reads)
    async with make_app().run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        again = title_cells(pilot.app.screen.query_one(DataTable))
    assert reads == Counter({"incident-2.json": 1})
    assert len(again) == 4 and "Retitled elsewhere" in again
    assert set(again) - {"Retitled elsewhere"} <= set(first)   # the others as they were


async def test_each_file_is_read_once_and_each_row_added_once(library_dir, make_app, monkeypatch):
    seed(library_dir, 5)
    reads, added = Counter(), []
    add_row = DataTable.add_row

    def counting_add_row(table, *cells, **options):
        added.append(options.get("key"))
        return add_row(table, *cells, **options)

    count_reads_through_the_cache(monkeypatch, reads)
    monkeypatch.setattr(DataTable, "add_row", counting_add_row)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert reads == Counter({f"incident-{n}.json": 1 for n in range(5)})
        assert sorted(added) == [f"incident-{n}" for n in range(5)]
        wide = title_cells(app.screen.query_one(DataTable))

        # Taller: the titles keep their cut, nothing is rebuilt or read.
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        assert len(added) == 5 and sum(reads.values()) == 5

        # Narrower: the titles are cut again from what was read (the folder is not read again).
        await pilot.resize_terminal(90, 30)
        await pilot.pause()
        assert len(added) == 10 and sum(reads.values()) == 5
        narrow = title_cells(app.screen.query_one(DataTable))
        assert all(len(cut) < len(was) and cut.endswith("…") for cut, was in zip(narrow, wide))


async def test_the_first_frame_shows_the_whole_list_focused(library_dir, make_app):
    """The library comes after the app's own mount and takes its focus as it is composed:
    its first frame has every row, the table focused (the arrows move in it at once) and
    the count under it."""
    seed(library_dir, 3)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        table = app.screen.query_one(DataTable)
        assert app.focused is table and table.row_count == 3
        assert "3 of 3 postmortems" in shown(app.screen.query_one("#library-empty"))
        await pilot.press("down")
        assert table.cursor_row == 1


async def test_the_list_is_read_again_each_time_it_is_shown_again(library_dir, make_app):
    """Filled once as the screen is mounted, and read again on the way back from a postmortem:
    a file changed meanwhile (another window, a git pull) shows as it is now."""
    from tui.screens.workspace import WorkspaceScreen
    seed(library_dir, 2)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        other = ({"incident-0", "incident-1"} - {app.screen.document.id}).pop()
        (library_dir / f"{other}.json").unlink()
        Library(library_dir).create(new_postmortem(other, "Retitled elsewhere", "SEV1")).close()
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        titles = title_cells(app.screen.query_one(DataTable))
        assert len(titles) == 2 and "Retitled elsewhere" in titles


def test_the_first_frame_imports_no_stage_export_or_rule(library_dir):
    """The list shows summaries: the stages, the Markdown export, the writing rules and the
    review checklist wait until a postmortem is opened; opening and writing files (TinyDB),
    the library's dialogs, the trash and the sensitive-data scanner until a key needs them;
    the document model and the views' summaries until something reads more than rows."""
    seed(library_dir, 2)
    probe = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "from tui.app import create_app\n"
        "async def main():\n"
        "    app = create_app(Path(sys.argv[1]), clock=False)\n"
        "    async with app.run_test(size=(120, 40)) as pilot:\n"
        "        await pilot.pause()\n"
        "        assert app.screen.query_one('#library-table').row_count == 2\n"
        "        print(' '.join(sorted(sys.modules)))\n"
        "asyncio.run(main())\n")
    result = subprocess.run([sys.executable, "-c", probe, str(library_dir)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    loaded = set(result.stdout.split())
    later = {"postmortem.markdown", "postmortem.checklist", "postmortem.blame",
             "postmortem.vagueness", "postmortem.hindsight", "postmortem.stages",
             "postmortem.whys", "postmortem.fishbone", "tui.stages",
             "tui.screens.workspace", "tui.screens.review", "tui.screens.export",
             "storage.document_file", "tinydb", "tui.screens.dialogs", "storage.trash",
             "postmortem.scanner", "postmortem.factory", "postmortem.model",
             "postmortem.library_summary"}
    assert loaded & later == set()



async def test_the_library_fits_the_screen_after_it_narrows(library_dir, make_app):
    """120 → 80 columns: the table is no wider than the screen (no sideways scrollbar, the
    owner column on screen); the titles give up the room."""
    seed(library_dir, 3)
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert table.virtual_size.width <= table.scrollable_content_region.width, (
            f"{table.virtual_size.width} cells of table on a {table.scrollable_content_region.width}-cell screen")
        assert not table.show_horizontal_scrollbar
