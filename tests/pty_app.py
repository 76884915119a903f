"""The real app in a pseudo-terminal: start it, type into it, read what it shows, wait for it.

Shared by the process-level tests of durability (autosave deadline, failing saves, signals).
Everything the child writes (screen and stderr) arrives on the one pty descriptor.
"""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import sys
import time
from pathlib import Path

_ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]")


class PtyApp:
    def __init__(self, pid: int, fd: int) -> None:
        self.pid, self.fd = pid, fd
        self.seen = b""
        self.status: int | None = None

    @classmethod
    def start(cls, args: list[str], env: dict[str, str] | None = None) -> "PtyApp":
        """``python -m tui.cli ARGS`` in a 100x30 pseudo-terminal, with ``env`` added."""
        pid, fd = pty.fork()
        if pid == 0:  # child
            os.environ.update(TERM="xterm-256color", COLUMNS="100", LINES="30")
            os.environ.update(env or {})
            os.execv(sys.executable, [sys.executable, "-m", "tui.cli", *args])
        return cls(pid, fd)

    def read_until(self, needle: bytes, timeout: float = 30) -> bytes:
        """Read output until ``needle`` shows (escape sequences stripped); returns all seen."""
        deadline = time.monotonic() + timeout
        while needle not in self.text():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"{needle!r} never appeared; the screen ends with "
                                     f"{self.text()[-400:]!r}")
            self.drain(remaining)
        return self.seen

    def drain(self, wait: float = 0.0) -> None:
        ready, _, _ = select.select([self.fd], [], [], wait)
        if ready:
            try:
                self.seen += os.read(self.fd, 65536)
            except OSError:
                pass

    def text(self) -> bytes:
        return _ESCAPES.sub(b"", self.seen)

    def type(self, text: str | bytes) -> None:
        os.write(self.fd, text.encode() if isinstance(text, str) else text)

    def wait_exit(self, timeout: float = 30) -> int:
        """The exit status (``os.waitstatus_to_exitcode``); kills the app if it does not exit."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.drain(0.1)
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.drain(0.1)
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
        self.kill()
        raise AssertionError(f"the app did not exit; the screen ends with {self.text()[-400:]!r}")

    def kill(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass

    def close(self) -> None:
        if self.status is None:
            self.kill()
        try:
            os.close(self.fd)
        except OSError:
            pass


def child_env(tmp_path: Path) -> dict[str, str]:
    """A home, data and temp folder of the test's own: whatever the app writes outside the
    library (rescue copies) lands inside ``tmp_path``."""
    env = {}
    for name, folder in (("HOME", "home"), ("XDG_DATA_HOME", "data"), ("TMPDIR", "tmp")):
        path = tmp_path / folder
        path.mkdir(exist_ok=True)
        env[name] = str(path)
    return env
