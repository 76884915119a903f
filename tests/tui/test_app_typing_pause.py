"""Typing in a field does not work the whole document out again at every key: the exit
conditions (and the strip, the exit line, the header) follow after a pause or when the
field is left, and the undo history takes no copy of the document per key."""

from __future__ import annotations

from postmortem import stages
from postmortem.factory import new_postmortem
from storage.library import Library
import tui.screens.workspace as workspace_module
from tui.widgets import typing_pause
from tui.widgets.doc_header import DocumentHeader
from helpers import shown, stored


async def test_the_exit_conditions_wait_while_the_owner_is_typed_and_follow_when_it_is_left(
        library_dir, make_app, monkeypatch):
    monkeypatch.setattr(typing_pause, "PAUSE", 600)   # no pause in the typing here
    calls = []
    every_status = stages.stage_statuses
    monkeypatch.setattr(workspace_module, "stage_statuses",
                        lambda doc: calls.append(1) or every_status(doc))
    Library(library_dir).create(new_postmortem("live", "Live", "SEV2")).close()
    app = make_app("live")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        screen.query_one("#title").focus()
        await pilot.pause()
        before = len(calls)
        await pilot.press(*" outage")
        await pilot.pause()
        assert len(calls) == before                       # not once per key
        assert screen.document.title == "Live outage"     # the document has every key
        await pilot.press("tab")                          # the field is left: worked out now
        await pilot.pause()
        assert len(calls) == before + 1
        assert "Live outage" in shown(screen.query_one(DocumentHeader))
        await pilot.press("ctrl+z")                       # the visit is one undo step
        await pilot.pause()
        assert screen.document.title == "Live"
        assert "Live outage" not in shown(screen.query_one(DocumentHeader))
        assert screen.flush()
    assert stored(library_dir, "live")["title"] == "Live"
