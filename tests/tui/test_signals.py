"""Quit, SIGTERM and SIGHUP flush pending edits: the app runs in a real pseudo-terminal."""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import sys
import time

import pytest

from postmortem.factory import new_postmortem
from storage.library import Library


def read_until(fd: int, needle: bytes, deadline: float) -> bytes:
    seen = b""
    while needle not in seen:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError(f"{needle!r} never appeared; screen so far ends with {seen[-300:]!r}")
        ready, _, _ = select.select([fd], [], [], remaining)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


def tab_to_title(fd: int) -> None:
    """Stage 1 opens on the stage strip: Tab to the preamble, Tab to the title. A key that
    follows a Tab at once would reach the widget the Tab leaves (Textual moves the focus after
    the keys already read are handed out), so each Tab gets a moment, as a person's would."""
    for _ in range(2):
        os.write(fd, b"\t")
        time.sleep(0.4)


def run_app_and_type(library_dir, text: str):
    """Start the app on a postmortem, type into the title field, wait until it shows."""
    Library(library_dir).create(new_postmortem("live", "Live", "SEV2")).close()
    pid, fd = pty.fork()
    if pid == 0:  # child: the app, with saves held back so only a flush can write
        os.environ.update(POSTMORTEM_SAVE_DELAY="60", TERM="xterm-256color", COLUMNS="100", LINES="30")
        os.execv(sys.executable, [sys.executable, "-m", "tui.cli", "--library", str(library_dir),
                                  "open", "live"])
    deadline = time.monotonic() + 30
    read_until(fd, b"Exit condition", deadline)
    tab_to_title(fd)
    os.write(fd, text.encode())
    read_until(fd, b"editing", deadline)
    return pid, fd


def wait_exit(pid: int, fd: int) -> int:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            select.select([fd], [], [], 0.2) and os.read(fd, 65536)
        except OSError:
            pass
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
    os.kill(pid, signal.SIGKILL)
    raise AssertionError("the app did not exit")


def stored_title(library_dir) -> str:
    return json.loads((library_dir / "live.json").read_text("utf-8"))["postmortem"]["1"]["title"]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_signal_flushes_pending_edits(library_dir, signum):
    pid, fd = run_app_and_type(library_dir, " typed")
    assert stored_title(library_dir) == "Live"  # nothing saved yet: the save delay is long
    os.kill(pid, signum)
    wait_exit(pid, fd)
    os.close(fd)
    assert stored_title(library_dir) == "Live typed"


def test_quit_flushes_pending_edits(library_dir):
    pid, fd = run_app_and_type(library_dir, " quit")
    os.write(fd, b"\x11")  # ctrl+q
    wait_exit(pid, fd)
    os.close(fd)
    assert stored_title(library_dir) == "Live quit"
