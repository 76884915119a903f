"""What every benchmark shares: the run's settings, medians and ratios, the printed figures, and
running a whole process (wall time, its own CPU time and peak memory; or its first frame in a
pseudo-terminal)."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.fixtures import Fixtures

REPO = Path(__file__).resolve().parent.parent
SIZE = (120, 40)   # columns × lines of every run, headless or in a pseudo-terminal


@dataclass
class Settings:
    """How long a run is: ``quick`` takes fewer rounds (for a look, not for a closing note)."""

    fixtures: Fixtures
    quick: bool = False

    def rounds(self, full: int, quick: int) -> int:
        return quick if self.quick else full


@dataclass
class Figure:
    """One row of the summary: ``value`` is the ratio against the baseline of the same run."""

    benchmark: str
    what: str
    value: float
    budget: float | None          # the ceiling of the table, as a ratio
    detail: str = ""              # the absolute figures behind the ratio

    @property
    def verdict(self) -> str:
        if self.budget is None:
            return ""
        return "within" if self.value <= self.budget else "OVER"


@dataclass
class Paired:
    """Samples of a baseline and of the app, taken in interleaved rounds (one pair a round)."""

    baseline: list[float] = field(default_factory=list)
    app: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        """The ratio of the medians: the figure compared with the budget."""
        return statistics.median(self.app) / statistics.median(self.baseline)

    @property
    def per_round(self) -> float:
        """The median of each round's own ratio (a slow spell weighs on both sides of a round)."""
        return statistics.median(a / b for a, b in zip(self.app, self.baseline))


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f} ms"


def mib(kib: float) -> str:
    return f"{kib / 1024:8.1f} MiB"


def heading(name: str, text: str, rounds: int) -> None:
    print(f"{name} — {text}")
    print(f"  ({rounds} interleaved rounds; medians)")


def row(label: str, figure: str, note: str = "") -> None:
    print(f"  {label:<44} {figure}  {note}".rstrip())


def ratio_note(paired: Paired, budget: float | None) -> str:
    ceiling = f"   budget ≤ {budget:.2f}×" if budget is not None else ""
    return f"{paired.ratio:5.2f}×  (per round {paired.per_round:4.2f}×){ceiling}"


# Whole processes ---------------------------------------------------------------------------------


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a child process: this checkout's code first, as in the tests."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    env.update(extra)
    return env


def python(*args: str) -> list[str]:
    return [sys.executable, *args]


@dataclass
class ProcessRun:
    wall: float        # seconds from start to exit
    cpu: float         # seconds of CPU (user + system) the process itself used
    output: str        # what it wrote on stdout, when asked for


def run_process(command: list[str], env: dict[str, str] | None = None,
                ok_codes: tuple[int, ...] = (0,), output: bool = False) -> ProcessRun:
    """Run ``command`` to its end; its wall time, and its own CPU time from wait4. Its standard
    output is discarded unless ``output``. (Not its peak memory: Linux carries the parent's
    high-water mark over fork and exec into ``ru_maxrss``; see memory_timeline.)"""
    with tempfile.TemporaryFile() as written, tempfile.TemporaryFile() as errors:
        began = time.perf_counter()
        process = subprocess.Popen(command, stdout=written if output else subprocess.DEVNULL,
                                   stderr=errors, env=env or child_env())
        _, status, usage = os.wait4(process.pid, 0)   # reaped here, with its resource usage
        wall = time.perf_counter() - began
        process.returncode = os.waitstatus_to_exitcode(status)
        written.seek(0)
        errors.seek(0)
        printed, complaint = written.read().decode(errors="replace"), errors.read().decode(errors="replace")
    if process.returncode not in ok_codes:
        raise RuntimeError(f"{' '.join(command)} exited with {process.returncode}: {complaint[-600:]}")
    return ProcessRun(wall, usage.ru_utime + usage.ru_stime, printed)


def first_frame(command: list[str], text: str, env: dict[str, str] | None = None,
                timeout: float = 60.0) -> float:
    """Seconds from starting ``command`` in a pseudo-terminal of ``SIZE`` until ``text`` has
    been written to the terminal (the first frame that shows it); then the process is asked
    to quit (Ctrl+Q) and, failing that, ended."""
    environment = child_env(TERM="xterm-256color", COLUMNS=str(SIZE[0]), LINES=str(SIZE[1]),
                            **(env or {}))
    needle, seen = text.encode(), b""
    began = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal of the benchmark's size, then the command
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
        os.execve(command[0], command, environment)
    try:
        deadline = began + timeout
        while needle not in seen:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise RuntimeError(f"{text!r} never appeared; the screen ends with {seen[-300:]!r}")
            ready, _, _ = select.select([fd], [], [], remaining)
            if ready:
                try:
                    seen += os.read(fd, 1 << 16)
                except OSError:  # the child is gone
                    raise RuntimeError(f"exited before {text!r} appeared: {seen[-300:]!r}") from None
        elapsed = time.perf_counter() - began
        os.write(fd, b"\x11")  # Ctrl+Q
        end_child(pid, fd)
        return elapsed
    finally:
        os.close(fd)


def end_child(pid: int, fd: int, grace: float = 10.0) -> None:
    """Wait for the child we started to exit (reading its terminal meanwhile); end it if not."""
    deadline = time.perf_counter() + grace
    while time.perf_counter() < deadline:
        try:
            if select.select([fd], [], [], 0.05)[0]:
                os.read(fd, 1 << 16)
        except OSError:
            pass
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            return
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
