"""Pilot: the merge conflicts of a postmortem at the top of the workspace, settled with o and t."""

from __future__ import annotations

import copy
import io
import json
import os

import pytest

from rich.console import Console

from textual.widgets import Input, Static

from postmortem.demo import demo_dict
from postmortem.merge import merge
from storage.outside import library_file_bytes
from tui.screens import workspace
from tui.screens.outside_change import ChooseVersionScreen
from tui.widgets.status_line import StatusLine
from tui.widgets.conflict_banner import ConflictBanner, ConflictList
from helpers import focus_title, stored

DOC_ID = "demo-checkout-latency"


def as_text(renderable) -> str:
    console = Console(width=76, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def write_merged(library_dir) -> str:
    """The demo after a merge with two conflicts: the title (both edited) and the first action
    (deleted by ours, edited by theirs). Returns that action's id."""
    base = demo_dict()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours["title"], theirs["title"] = "Our title", "Their title"
    action = ours["actions"].pop(0)
    theirs["actions"][0]["owner"] = "Their owner"
    result = merge(base, ours, theirs)
    assert [c.path for c in result.conflicts] == ["title", f'actions[id="{action["id"]}"]']
    (library_dir / f"{DOC_ID}.json").write_bytes(library_file_bytes(1, result.document.to_dict()))
    return action["id"]


async def test_the_banner_lists_both_values_and_settling_is_saved(library_dir, make_app):
    action_id = write_merged(library_dir)
    app = make_app(DOC_ID)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        banner = screen.query_one(ConflictBanner)
        assert banner.display
        assert "2 merge conflicts" in str(banner.query_one("#conflict-heading", Static).render())
        rows = banner.query_one(ConflictList)
        shown = [as_text(rows.get_option_at_index(i).prompt) for i in range(rows.option_count)]
        assert "Our title" in shown[0] and "Their title" in shown[0]
        assert "(deleted)" in shown[1] and f"actions › {action_id}" in shown[1]
        assert app.focused is rows  # opened with conflicts: they come first
        await pilot.press("t")  # the title: take theirs
        await pilot.pause()
        assert screen.query_one("#title", Input).value == "Their title"
        assert "1 merge conflict" in str(banner.query_one("#conflict-heading", Static).render())
        await pilot.press("o")  # the action: ours deleted it
        await pilot.pause()
        assert not banner.display
        assert app.focused is not None and screen.query_one("#stage-1") in app.focused.ancestors
        assert screen.flush()
    data = stored(library_dir, DOC_ID)
    assert data["title"] == "Their title"
    assert action_id not in [a["id"] for a in data["actions"]]
    assert "conflicts" not in data


async def test_settling_is_undone_like_any_edit(library_dir, make_app):
    write_merged(library_dir)
    app = make_app(DOC_ID)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("t")
        await pilot.pause()
        assert screen.document.title == "Their title" and len(screen.document.conflicts) == 1
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen.document.title == "Our title" and len(screen.document.conflicts) == 2
        rows = screen.query_one(ConflictList)
        assert rows.option_count == 2
        assert screen.flush()
    assert len(stored(library_dir, DOC_ID)["conflicts"]) == 2


async def test_no_banner_without_conflicts(library_dir, make_app):
    (library_dir / f"{DOC_ID}.json").write_bytes(library_file_bytes(1, demo_dict()))
    app = make_app(DOC_ID)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one(ConflictBanner).display
        assert not isinstance(app.focused, ConflictList)


# The outside-change dialog's "merge both" ------------------------------------------------


def messages(app) -> str:
    """The toasts, and the status line where routine confirmations go."""
    lines = [line.text for line in app.screen.query(StatusLine)]
    return "\n".join([*(str(n.message) for n in app._notifications), *lines])


def their_pull(library_dir, change) -> None:
    """What a `git pull` does to the open file: their version renamed over it."""
    path = library_dir / f"{DOC_ID}.json"
    data = json.loads(path.read_text("utf-8"))["postmortem"]["1"]
    change(data)
    incoming = library_dir / "incoming.tmp"
    incoming.write_bytes(library_file_bytes(1, data))
    os.replace(incoming, path)


@pytest.fixture
def slow_saves(monkeypatch):
    """Edits stay unsaved until a flush: the test decides when the app tries to save."""
    monkeypatch.setattr(workspace, "SAVE_QUIET", 60.0)
    monkeypatch.setattr(workspace, "SAVE_MAX_WAIT", 60.0)


async def test_merge_both_after_an_outside_change_keeps_both_edits(library_dir, make_app, slow_saves):
    (library_dir / f"{DOC_ID}.json").write_bytes(library_file_bytes(1, demo_dict()))
    app = make_app(DOC_ID)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await focus_title(pilot)
        await pilot.press("end", *" (ours)")
        their_pull(library_dir, lambda data: data["tags"].append("pulled"))
        await screen.outside.check()
        await pilot.pause()
        assert isinstance(app.screen, ChooseVersionScreen)
        await pilot.press("b")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#title", Input).value.endswith(" (ours)")
        assert "pulled" in screen.document.tags
        assert not screen.query_one(ConflictBanner).display
        assert "has your edits and theirs" in messages(app)
        await pilot.press(*"!")  # editing goes on, saved over the merge
        assert screen.flush()
    data = stored(library_dir, DOC_ID)
    assert data["title"].endswith(" (ours)!") and "pulled" in data["tags"]
    assert not list(library_dir.glob("*.theirs-*.json")) and not list(library_dir.glob("*.mine-*.json"))


async def test_merge_both_with_the_same_field_edited_shows_the_conflict(library_dir, make_app, slow_saves):
    (library_dir / f"{DOC_ID}.json").write_bytes(library_file_bytes(1, demo_dict()))
    app = make_app(DOC_ID)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await focus_title(pilot)
        title = screen.query_one("#title", Input)
        title.value = ""
        await pilot.press(*"Our title")
        their_pull(library_dir, lambda data: data.__setitem__("title", "Their title"))
        assert screen.flush() is False  # refused: the file changed; the refusal leads to the choice
        await pilot.pause()
        assert isinstance(app.screen, ChooseVersionScreen)
        await pilot.press("b")
        await pilot.pause()
        banner = screen.query_one(ConflictBanner)
        assert banner.display and "1 merge conflict" in str(banner.query_one("#conflict-heading", Static).render())
        assert isinstance(app.focused, ConflictList)  # the new conflict comes first
        assert screen.query_one("#title", Input).value == "Our title"
        await pilot.pause()
        assert screen.flush()
    data = stored(library_dir, DOC_ID)
    assert data["title"] == "Our title"
    assert data["conflicts"] == [{"path": "title", "ours": "Our title", "theirs": "Their title",
                                  "base": demo_dict()["title"]}]


async def test_a_read_only_window_shows_the_conflicts_and_settles_none(library_dir, make_app):
    from storage.lock import WriterLock
    write_merged(library_dir)
    path = library_dir / f"{DOC_ID}.json"
    before = path.read_bytes()
    with WriterLock(path):  # another window writes this postmortem
        app = make_app(DOC_ID)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert screen.read_only
            heading = str(screen.query_one("#conflict-heading", Static).render())
            assert "read-only" in heading and "2 merge conflicts" in heading
            await pilot.press("t")
            await pilot.pause()
            assert screen.document.title == "Our title" and len(screen.document.conflicts) == 2
    assert path.read_bytes() == before
