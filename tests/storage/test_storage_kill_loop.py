"""kill -9 in the middle of saves never costs the file (DESIGN §8).

A child process saves versions 1, 2, 3, ... of one postmortem as fast as it can; the parent
kills it with SIGKILL at a random moment, over and over (the children are forked from one
server process that has the app imported, so a kill costs a fork, not a Python start-up).
After every kill the file must load, be exactly one version the child wrote (never older than
the last one seen), its backup must be a whole earlier version too, the lock must be free
again and opening must leave no temporary file behind.
"""

import importlib.util
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from postmortem.model import Postmortem
from storage.atomic import document_bytes
from storage.document_file import DocumentFile
from storage.library import load_document

REPO = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).resolve().parents[1] / "storage" / "kill_child.py"
KILLS = 120

_spec = importlib.util.spec_from_file_location("kill_child", CHILD)
kill_child = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(kill_child)


def temp_files(folder: Path) -> list[str]:
    return [name for name in os.listdir(folder) if ".tmp-" in name]


class Savers:
    """kill_child.py's fork server: start() forks a saver, kill() sends it SIGKILL and says how
    it ended. A saver's traceback, if any, goes to the test's captured stderr."""

    def __init__(self) -> None:
        self.server = subprocess.Popen([sys.executable, str(CHILD)], cwd=REPO, text=True,
                                       env={**os.environ, "PYTHONPATH": str(REPO)},
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.pid: int | None = None

    def tell(self, line: str) -> str:
        self.server.stdin.write(line)
        self.server.stdin.flush()
        return self.server.stdout.readline()

    def start(self, path: Path) -> str:
        ready = self.tell(f"start {path}\n")
        if ready.startswith("ready "):
            self.pid = int(ready.split()[2])
        return ready

    def kill(self) -> str:
        os.kill(self.pid, signal.SIGKILL)  # not reaped until told: still the saver's PID
        self.pid = None
        return self.tell("reap\n")

    def close(self) -> None:
        if self.pid is not None:  # a check failed between start and kill
            self.kill()
        self.server.stdin.close()
        self.server.wait(timeout=30)
        self.server.stdout.close()


@pytest.fixture
def savers():
    server = Savers()
    yield server
    server.close()


def test_kill_9_during_saves_never_loses_the_file(tmp_path, record_property, savers):
    path = tmp_path / "kill-loop.json"
    DocumentFile.create(path, Postmortem.from_dict(kill_child.version(0))).close()
    rng = random.Random(20260304)
    outcomes: Counter[str] = Counter()
    last_seen = 0

    for _ in range(KILLS):
        ready = savers.start(path)
        assert ready.startswith(f"ready {last_seen} "), ready
        # Let it save for a random 0–30 ms, then pull the plug. The delay waits for nothing:
        # it only picks where in a save the kill lands.
        time.sleep(rng.uniform(0, 0.03))
        ended = savers.kill()
        assert ended == f"ended {-signal.SIGKILL}\n", "the child stopped before it was killed"

        if temp_files(tmp_path):
            outcomes["killed mid-save (temp file left)"] += 1
        # Opening as the writer proves the kernel released the dead child's lock,
        # and cleans the temporary file of the interrupted save.
        with DocumentFile.open(path) as document_file:
            seen = kill_child.counter(document_file.document)
            assert document_file.document.to_dict() == kill_child.version(seen)
        assert seen >= last_seen, "an older version came back"
        assert path.read_bytes() == document_bytes({"postmortem": {"1": kill_child.version(seen)}})
        assert temp_files(tmp_path) == []
        backup_file = tmp_path / "kill-loop.json.bak"
        # A child killed before its first save finished leaves no backup yet; any save that
        # completed made one, and it must be a whole, older version.
        assert backup_file.exists() or seen == 0
        if backup_file.exists():
            backup = load_document(backup_file)
            assert backup.to_dict() == kill_child.version(kill_child.counter(backup))
            assert kill_child.counter(backup) <= seen
        outcomes["file advanced" if seen > last_seen else "file unchanged"] += 1
        last_seen = seen

    summary = f"{KILLS} kills, {last_seen} versions written, outcomes: {dict(outcomes)}"
    print(summary)
    record_property("kill_loop", summary)
    assert outcomes["file advanced"] + outcomes["file unchanged"] == KILLS
    assert outcomes["file advanced"] > 0  # the loop really exercised saves

