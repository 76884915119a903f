"""Ctrl+Q straight after a key, as a terminal delivers them (both already waiting for the app):
the key reaches the field before the quit, but the field's message reaches the stage that
writes the document after the quit was handled — the last key was lost. Quitting now waits
for what the focused field posted to be handled."""

from __future__ import annotations

import json

from textual import events

from postmortem.factory import new_postmortem
from storage.library import Library
from helpers import stored
from pty_app import PtyApp, child_env
from test_signals import tab_to_title


def key(name: str, character: str | None, app) -> events.Key:
    event = events.Key(name, character)
    event.set_sender(app)
    return event


async def test_a_key_typed_right_before_ctrl_q_is_saved(library_dir, make_app):
    Library(library_dir).create(new_postmortem("race", "Live", "SEV2")).close()
    app = make_app("race")
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one("#title").focus()
        await pilot.press("end")
        await pilot.pause()
        for name in "xyz":                    # all posted at once: no wait between them
            app.post_message(key(name, name, app))
        app.post_message(key("ctrl+q", None, app))
        await pilot.pause()
    assert app.return_code == 0
    assert stored(library_dir, "race")["title"] == "Livexyz"


async def test_a_key_typed_right_before_ctrl_l_is_saved(library_dir, make_app):
    Library(library_dir).create(new_postmortem("race", "Live", "SEV2")).close()
    app = make_app("race")
    async with app.run_test(size=(100, 30)) as pilot:
        workspace = app.screen
        workspace.query_one("#title").focus()
        await pilot.press("end")
        await pilot.pause()
        for name in "xyz":
            app.post_message(key(name, name, app))
        app.post_message(key("ctrl+l", None, app))
        await pilot.pause()
        await pilot.pause()
        assert app.screen is not workspace               # back in the library
    assert stored(library_dir, "race")["title"] == "Livexyz"


def test_keys_and_ctrl_q_in_one_write_to_the_terminal_are_all_saved(library_dir, tmp_path):
    """The real app in a pseudo-terminal: the keys and Ctrl+Q arrive in one read."""
    Library(library_dir).create(new_postmortem("live", "Live", "SEV2")).close()
    app = PtyApp.start(["--library", str(library_dir), "open", "live"], child_env(tmp_path))
    try:
        app.read_until(b"Exit condition")
        tab_to_title(app.fd)
        app.type("\x05" + "outage\x11")                  # Ctrl+E (end), the word, Ctrl+Q
        assert app.wait_exit() == 0
    finally:
        app.close()
    title = json.loads((library_dir / "live.json").read_text("utf-8"))["postmortem"]["1"]["title"]
    assert title == "Liveoutage"
