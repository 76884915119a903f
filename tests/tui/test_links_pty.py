"""The real app in a pseudo-terminal with links planted in the library (DESIGN §8): it opens,
says why it will not write, quits, and the links' targets outside the library are untouched."""

from __future__ import annotations

import os
import pty
import stat
import sys
import time

from postmortem.factory import new_postmortem
from storage.library import Library
from test_signals import read_until, wait_exit

PRECIOUS = b"precious data outside the library\n"
NEXT_STAGE = b"\x1b[6;5~"  # ctrl+pagedown
QUIT = b"\x11"  # ctrl+q


def start_app(library_dir, *args: str) -> tuple[int, int]:
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(TERM="xterm-256color", COLUMNS="100", LINES="30")
        os.execv(sys.executable, [sys.executable, "-m", "tui.cli", "--library", str(library_dir),
                                  *args])
    return pid, fd


def planted_target(tmp_path):
    target = tmp_path / "outside" / "target.txt"
    target.parent.mkdir()
    target.write_bytes(PRECIOUS)
    os.chmod(target, 0o644)
    return target


def untouched(target) -> bool:
    return target.read_bytes() == PRECIOUS and stat.S_IMODE(target.stat().st_mode) == 0o644


def test_a_planted_lock_link_opens_read_only_and_its_target_is_untouched(library_dir, tmp_path):
    Library(library_dir).create(new_postmortem("live", "Live", "SEV2")).close()
    target = planted_target(tmp_path)
    (library_dir / "live.json.lock").symlink_to(target)
    pid, fd = start_app(library_dir, "open", "live")
    deadline = time.monotonic() + 30
    screen = read_until(fd, b"READ-ONLY", deadline)
    os.write(fd, b" typed" + NEXT_STAGE)
    os.write(fd, QUIT)
    status = wait_exit(pid, fd)
    os.close(fd)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, screen[-500:]
    assert untouched(target) and (library_dir / "live.json.lock").is_symlink()
    assert not (library_dir / ".last-stages.json").exists()


def test_a_planted_state_file_link_is_not_written_through(library_dir, tmp_path):
    Library(library_dir).create(new_postmortem("live", "Live", "SEV2")).close()
    target = planted_target(tmp_path)
    (library_dir / ".last-stages.json").symlink_to(target)
    pid, fd = start_app(library_dir, "open", "live")
    deadline = time.monotonic() + 30
    read_until(fd, b"Exit condition", deadline)
    os.write(fd, NEXT_STAGE + NEXT_STAGE)  # leave the postmortem on stage 3: quitting remembers it
    os.write(fd, QUIT)
    wait_exit(pid, fd)
    os.close(fd)
    assert untouched(target) and (library_dir / ".last-stages.json").is_symlink()
