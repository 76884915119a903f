"""Pilot: another program changes the open postmortem file — the app never writes over it."""

from __future__ import annotations

import json
import os

import pytest
from textual.widgets import Input

from postmortem.factory import new_postmortem
from storage.document_file import DocumentFile
from storage.library import Library
from tui.screens import workspace
from tui.screens.outside_change import ChooseVersionScreen
from tui.widgets.doc_header import DocumentHeader
from helpers import stored, focus_title


def their_edit(library_dir, doc_id: str, title: str) -> bytes:
    """What a `git pull` does to the file: a new version renamed over it. Returns its bytes."""
    path = library_dir / f"{doc_id}.json"
    data = json.loads(path.read_text("utf-8"))
    data["postmortem"]["1"]["title"] = title
    data["postmortem"]["1"]["tags"] = ["pulled"]
    incoming = library_dir / "incoming.tmp"
    incoming.write_text(json.dumps(data, indent=1), "utf-8")
    os.replace(incoming, path)
    return path.read_bytes()


def messages(app) -> str:
    """The toasts, and the status line where routine confirmations go."""
    from tui.widgets.status_line import StatusLine
    lines = [line.text for line in app.screen.query(StatusLine)]
    return "\n".join([*(str(n.message) for n in app._notifications), *lines])


def title_of(path) -> str:
    with DocumentFile.open(path, read_only=True) as document_file:  # opens as `postmortem open PATH`
        return document_file.document.title


@pytest.fixture
def slow_saves(monkeypatch):
    """Edits stay unsaved until a flush: the test decides when the app tries to save."""
    monkeypatch.setattr(workspace, "SAVE_QUIET", 60.0)
    monkeypatch.setattr(workspace, "SAVE_MAX_WAIT", 60.0)


async def test_without_unsaved_edits_the_app_reloads_and_says_so(library_dir, make_app):
    Library(library_dir).create(new_postmortem("live", "Live", "SEV2")).close()
    app = make_app("live")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await focus_title(pilot)
        await pilot.press(*" ours", "tab")
        assert screen.flush() and app.focused.id == "incident_ref"
        theirs = their_edit(library_dir, "live", "Pulled title")
        await screen.outside.check()
        await pilot.pause()
        assert screen.query_one("#title", Input).value == "Pulled title"
        assert app.focused.id == "incident_ref"  # still where the facilitator was
        assert screen.document.tags == ["pulled"]
        assert f"Reloaded: {library_dir / 'live.json'} was changed outside the app" in messages(app)
        assert screen.query_one(DocumentHeader).save_state.startswith("reloaded")
        assert (library_dir / "live.json").read_bytes() == theirs  # the app wrote nothing
        await pilot.press("shift+tab", "end", *"!")  # editing goes on, on their version
        assert screen.flush()
    assert stored(library_dir, "live")["title"] == "Pulled title!"
    assert stored(library_dir, "live")["tags"] == ["pulled"]
    assert title_of(library_dir / "live.json.bak") == "Pulled title"  # their version, not dropped


async def test_with_unsaved_edits_keep_mine_saves_theirs_beside_it(library_dir, make_app, slow_saves):
    Library(library_dir).create(new_postmortem("live", "Live", "SEV2")).close()
    app = make_app("live")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await focus_title(pilot)
        await pilot.press(*" mine")
        theirs = their_edit(library_dir, "live", "Theirs")
        await screen.outside.check()
        await pilot.pause()
        assert isinstance(app.screen, ChooseVersionScreen)
        assert "title, tags" in str(app.screen.query_one("#outside-differs").render())
        assert (library_dir / "live.json").read_bytes() == theirs  # nothing written while asking
        await pilot.press("m")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#title", Input).value == "Live mine"
        copies = list(library_dir.glob("live.theirs-*.json"))
        assert len(copies) == 1 and copies[0].read_bytes() == theirs
        assert f"theirs is saved as {copies[0]}" in messages(app)
        assert screen.query_one(DocumentHeader).save_state == "saved"
    assert stored(library_dir, "live")["title"] == "Live mine"
    assert title_of(copies[0]) == "Theirs"
    assert title_of(library_dir / "live.json.bak") == "Theirs"  # the version replaced


async def test_with_unsaved_edits_take_theirs_saves_mine_beside_it(library_dir, make_app, slow_saves):
    Library(library_dir).create(new_postmortem("live", "Live", "SEV2")).close()
    app = make_app("live")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await focus_title(pilot)
        await pilot.press(*" mine")
        theirs = their_edit(library_dir, "live", "Theirs")
        assert screen.flush() is False  # the save is refused; the refusal leads to the choice
        await pilot.pause()
        assert isinstance(app.screen, ChooseVersionScreen)
        await pilot.press("t")
        await pilot.pause()
        assert screen.query_one("#title", Input).value == "Theirs"
        copies = list(library_dir.glob("live.mine-*.json"))
        assert len(copies) == 1
        assert f"yours is saved as {copies[0]}" in messages(app)
        assert (library_dir / "live.json").read_bytes() == theirs
        await pilot.press("end", *"?")
        assert screen.flush()
    assert stored(library_dir, "live")["title"] == "Theirs?"
    assert title_of(copies[0]) == "Live mine"
    assert title_of(library_dir / "live.json.bak") == "Theirs"


async def test_a_deleted_file_is_written_back_only_on_ctrl_s(library_dir, make_app):
    Library(library_dir).create(new_postmortem("live", "Live", "SEV2")).close()
    path = library_dir / "live.json"
    app = make_app("live")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        path.unlink()
        await screen.outside.check()
        await focus_title(pilot)
        await pilot.press(*" typed")
        assert screen.flush() is False
        await pilot.pause()
        assert not path.exists()
        assert "was deleted or moved outside the app" in messages(app)
        assert "press Ctrl+S to write it back" in messages(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert f"Written back to {path}" in messages(app)
        assert stored(library_dir, "live")["title"] == "Live typed"


async def test_a_file_that_no_longer_parses_is_left_alone_and_edits_saved_beside_it(
        library_dir, make_app, slow_saves):
    Library(library_dir).create(new_postmortem("live", "Live", "SEV2")).close()
    path = library_dir / "live.json"
    app = make_app("live")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await focus_title(pilot)
        await pilot.press(*" mine")
        path.write_text("<<<<<<< HEAD\n", "utf-8")  # a merge conflict left in the file
        await screen.outside.check()
        await screen.outside.check()  # said once, not every second
        await pilot.pause()
        assert path.read_text("utf-8") == "<<<<<<< HEAD\n"
        copies = list(library_dir.glob("live.mine-*.json"))
        assert len(copies) == 1 and title_of(copies[0]) == "Live mine"
        assert messages(app).count("cannot be read now") == 1
    assert path.read_text("utf-8") == "<<<<<<< HEAD\n"


async def test_the_read_only_window_follows_the_file(library_dir, make_app):
    Library(library_dir).create(new_postmortem("live", "Live", "SEV2")).close()
    with DocumentFile.open(library_dir / "live.json") as writer:  # another window writes
        app = make_app("live")
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert screen.read_only
            header = screen.query_one(DocumentHeader)
            assert header.save_state == "refreshed --:--:--"
            opened_at = screen.outside.loaded_at
            await screen.outside.check()
            assert screen.outside.loaded_at == opened_at  # nothing changed: nothing reloaded
            document = writer.document
            document.title = "Written elsewhere"
            writer.save(document)
            await screen.outside.check()
            await pilot.pause()
            assert screen.query_one("#title", Input).value == "Written elsewhere"
            assert screen.outside.loaded_at > opened_at
            assert header.save_state == "refreshed --:--:--" and header.read_only
            assert stored(library_dir, "live")["title"] == "Written elsewhere"
