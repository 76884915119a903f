"""Pilot: the library's delete keeps the cursor, undoes, and has a trash to restore from
(issue 12 item 8)."""

from __future__ import annotations

from datetime import datetime, timezone

from textual.widgets import DataTable

from postmortem.factory import new_postmortem
from storage.library import Library
from tui.screens.library import LibraryScreen
from tui.screens.trash import TrashScreen
from helpers import shown, stored


def seed(library_dir, *docs):
    library = Library(library_dir)
    for doc_id, title in docs:
        library.create(new_postmortem(doc_id, title, "SEV2")).close()


def titles(app) -> list[str]:
    table = app.screen.query_one(DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


def cursor_title(app) -> str:
    table = app.screen.query_one(DataTable)
    return str(table.get_row_at(table.cursor_row)[0])


def status(app) -> str:
    return app.screen.query_one("#status-line").text


async def test_cancelling_a_delete_keeps_the_cursor_on_the_same_postmortem(library_dir, make_app):
    seed(library_dir, ("alpha", "Alpha outage"), ("bravo", "Bravo outage"),
         ("charlie", "Charlie outage"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert titles(app) == ["Alpha outage", "Bravo outage", "Charlie outage"]
        await pilot.press("down")
        assert cursor_title(app) == "Bravo outage"
        await pilot.press("delete")
        await pilot.pause()
        assert "Bravo outage" in shown(app.screen.query_one(".dialog-question"))
        await pilot.press("n")
        await pilot.pause()
        assert cursor_title(app) == "Bravo outage"      # not back on the first row
        await pilot.press("delete")
        await pilot.pause()
        assert "Bravo outage" in shown(app.screen.query_one(".dialog-question"))
        await pilot.press("y")
        await pilot.pause()
        assert titles(app) == ["Alpha outage", "Charlie outage"]
        assert cursor_title(app) == "Charlie outage"    # the next one, where the cursor was
    assert not (library_dir / "bravo.json").exists()
    assert (library_dir / "alpha.json").exists() and (library_dir / "charlie.json").exists()


async def test_undo_right_after_a_delete_puts_it_back(library_dir, make_app):
    seed(library_dir, ("alpha", "Alpha outage"), ("bravo", "Bravo outage"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert titles(app) == ["Alpha outage"]
        assert "moved to the trash; u undoes" in status(app)
        assert not app._notifications   # a routine confirmation: the status line, no toast
        await pilot.press("u")
        await pilot.pause()
        assert titles(app) == ["Alpha outage", "Bravo outage"]
        assert cursor_title(app) == "Bravo outage"
        assert "“Bravo outage” is back in the library" in status(app)
    assert stored(library_dir, "bravo")["title"] == "Bravo outage"
    assert not list((library_dir / ".trash").glob("*.json"))


async def test_the_trash_lists_what_was_moved_with_the_date_and_restores_it(library_dir,
                                                                           make_app):
    seed(library_dir, ("alpha", "Alpha outage"), ("bravo", "Bravo outage"))
    Library(library_dir).delete("bravo")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        assert titles(app) == ["Alpha outage"]
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TrashScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        moved, title, doc_id = (str(cell) for cell in table.get_row_at(0))
        assert (title, doc_id) == ("Bravo outage", "bravo")
        today = datetime.now(timezone.utc).strftime("%Y-%m-%d")
        assert moved.startswith(today)
        await pilot.press("r")
        await pilot.pause()
        assert table.row_count == 0
        assert "is back in the library" in status(app)
        assert "The trash is empty" in str(app.screen.query_one("#trash-count").render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert titles(app) == ["Alpha outage", "Bravo outage"]
    assert stored(library_dir, "bravo")["title"] == "Bravo outage"


async def test_restore_refuses_to_replace_a_postmortem_of_the_same_id(library_dir, make_app):
    seed(library_dir, ("bravo", "Bravo outage (old)"))
    trashed = Library(library_dir).delete("bravo")
    seed(library_dir, ("bravo", "Bravo outage (new)"))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert app.screen.query_one(DataTable).row_count == 1   # still in the trash
        warnings = [n.message for n in app._notifications if n.severity == "warning"]
        assert any("already has a postmortem with the id bravo" in m for m in warnings)
    assert stored(library_dir, "bravo")["title"] == "Bravo outage (new)"
    assert trashed.exists()


async def test_the_trash_fits_the_screen_whatever_the_id(library_dir, make_app):
    """Found looking at every screen at 80×24: the Id column ran off the right edge
    ("demo-checko") under a sideways scrollbar, and a resize kept the old widths."""
    # A 64-character id: the longest there is.
    long_id = "2021-06-08-global-cdn-errors-after-a-customer-configuration-change"[:64]
    seed(library_dir, ("demo-checkout-latency", "Checkout latency and failures after a cache "
                                                "node replacement"),
         (long_id, "Global CDN errors after a customer configuration change"))
    Library(library_dir).delete("demo-checkout-latency")
    Library(library_dir).delete(long_id)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TrashScreen)
        table = app.screen.query_one(DataTable)

        def cells() -> str:
            return " ".join(str(cell) for i in range(table.row_count) for cell in table.get_row_at(i))
        # The titles first, whole when there is room; an id that does not fit ends in "…".
        assert "after a cache node replacement demo-checkout-latency" in cells()
        assert "customer configuration change 2021-06-08-global-cdn-errors" in cells()
        for size in ((80, 24), (120, 40), (60, 20)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert table.virtual_size.width <= table.scrollable_content_region.width, size
            assert "Checkout la" in cells() and "Global CDN" in cells(), size
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert "demo-checkout-latency" in cells()            # a short id stays whole at 80
        drawn = shown(table)                                  # and is drawn so, not cut
        assert "Checkout latency and failures" in drawn and "demo-checkout-latency" in drawn
