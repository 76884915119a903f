"""Another process changes the open postmortem file: the real app, in a pseudo-terminal, notices
without a key being pressed and never writes over that change."""

from __future__ import annotations

import json
import os
import pty
import sys
import time

from postmortem.factory import new_postmortem
from storage.document_file import DocumentFile
from storage.library import Library
from test_signals import read_until, tab_to_title, wait_exit


def create_live(library_dir) -> None:
    Library(library_dir).create(new_postmortem("live", "Live", "SEV2")).close()


def start_app(library_dir, ready: bytes = b"Exit condition", **env: str) -> tuple[int, int]:
    """The app open on the postmortem "live", in a pseudo-terminal, once ``ready`` shows."""
    pid, fd = pty.fork()
    if pid == 0:  # child: the app
        os.environ.update(TERM="xterm-256color", COLUMNS="100", LINES="30", **env)
        os.execv(sys.executable, [sys.executable, "-m", "tui.cli", "--library", str(library_dir),
                                  "open", "live"])
    read_until(fd, ready, time.monotonic() + 30)
    return pid, fd


def another_process_writes(library_dir, title: str) -> None:
    """A `git pull`: a new version renamed over the file, by a process that is not the app."""
    path = library_dir / "live.json"
    data = json.loads(path.read_text("utf-8"))
    data["postmortem"]["1"]["title"] = title
    script = ("import json, os, sys; path, text = sys.argv[1], sys.argv[2]; "
              "open(path + '.new', 'w').write(text); os.replace(path + '.new', path)")
    pid = os.spawnv(os.P_WAIT, sys.executable, [sys.executable, "-c", script, str(path), json.dumps(data)])
    assert pid == 0


def wait_for(condition, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the app did not do it in time"
        time.sleep(0.05)


def title_of(path) -> str:
    return json.loads(path.read_text("utf-8"))["postmortem"]["1"]["title"]


def test_an_outside_change_is_reloaded_and_never_written_over(library_dir):
    create_live(library_dir)
    pid, fd = start_app(library_dir)
    try:
        another_process_writes(library_dir, "Outside")
        # No key pressed: the app notices by itself (it looks every second).
        read_until(fd, b"Reloaded", time.monotonic() + 10)
        os.write(fd, b"!")  # an edit after the reload: it applies to their version
        read_until(fd, b"saved", time.monotonic() + 10)
        assert title_of(library_dir / "live.json") == "Outside!"
    finally:
        os.write(fd, b"\x11")  # ctrl+q
        wait_exit(pid, fd)
        os.close(fd)
    assert title_of(library_dir / "live.json") == "Outside!"


def test_with_unsaved_edits_both_versions_are_kept(library_dir):
    create_live(library_dir)
    pid, fd = start_app(library_dir, POSTMORTEM_SAVE_DELAY="60")  # the edit stays unsaved
    try:
        tab_to_title(fd)
        os.write(fd, b" mine")
        read_until(fd, b"editing", time.monotonic() + 10)
        another_process_writes(library_dir, "Outside")
        read_until(fd, b"Keep mine", time.monotonic() + 10)  # the choice, unasked for a key
        assert title_of(library_dir / "live.json") == "Outside"
        os.write(fd, b"m")  # keep mine in the file, theirs beside it
        wait_for(lambda: title_of(library_dir / "live.json") == "Live mine")
    finally:
        os.write(fd, b"\x11")
        wait_exit(pid, fd)
        os.close(fd)
    assert title_of(library_dir / "live.json") == "Live mine"
    copies = list(library_dir.glob("live.theirs-*.json"))
    assert [title_of(copy) for copy in copies] == ["Outside"]


def test_the_read_only_window_shows_a_change_within_two_seconds(library_dir):
    create_live(library_dir)
    with DocumentFile.open(library_dir / "live.json") as writer:  # another window holds the lock
        pid, fd = start_app(library_dir, ready=b"refreshed")
        try:
            document = writer.document
            document.title = "Written elsewhere"
            writer.save(document)
            read_until(fd, b"Written elsewhere", time.monotonic() + 2)
        finally:
            os.write(fd, b"\x11")
            wait_exit(pid, fd)
            os.close(fd)
    assert title_of(library_dir / "live.json") == "Written elsewhere"
