"""Child processes of the kill -9 test: each saves versions of one postmortem as fast as it can.

``python kill_child.py`` is a fork server, so the test's 120 kills do not each pay for starting
Python and importing the app (that was most of the test's time). For each ``start FILE`` line
on stdin it forks a child that opens FILE as the writer, prints ``ready N PID`` (N = the
version on disk) and then saves N+1, N+2, ... until it is killed. The server reaps the child
only after the next line (the parent has sent SIGKILL by then, so the PID it kills is still
that child's), and prints ``ended CODE`` (-9 for SIGKILL). ``version(n)`` is the exact
document of version n, so the parent can check that what it finds on disk is one whole version.
"""

from __future__ import annotations

import os
import sys
import traceback
from datetime import datetime, timedelta, timezone
from pathlib import Path

from postmortem.model import Event, Postmortem

START = datetime(2026, 3, 4, 13, 0, tzinfo=timezone.utc)


def version(n: int) -> dict:
    """Version ``n``: the counter is in ``incident_ref``, and every event's text changes with it
    so that a torn write could not look like a whole version. About 12 kB of JSON."""
    doc = Postmortem(id="kill-loop", title=f"Kill loop 杀 {n}", incident_ref=f"v{n}")
    doc.timeline = [Event(id=f"e{i}", at=START + timedelta(minutes=i),
                          text=f"version {n} event {i} " + "x" * (n % 50 + 40))
                    for i in range(40)]
    return doc.to_dict()


def counter(doc: Postmortem) -> int:
    return int(doc.incident_ref.removeprefix("v"))


def save_until_killed(path: Path) -> None:
    from storage.document_file import DocumentFile
    document_file = DocumentFile.open(path)
    n = counter(document_file.document)
    print(f"ready {n} {os.getpid()}", flush=True)
    while True:
        n += 1
        document_file.save(version(n))


def serve() -> None:
    import storage.document_file  # noqa: F401  (imported once, before forking)
    for start in sys.stdin:
        path = Path(start.removeprefix("start ").rstrip("\n"))
        pid = os.fork()
        if pid == 0:
            try:
                save_until_killed(path)
            except BaseException:
                traceback.print_exc()
                print("failed", flush=True)  # instead of "ready": the test stops waiting
            os._exit(1)  # never back into the server's loop
        sys.stdin.readline()  # the parent has killed it
        _, status = os.waitpid(pid, 0)
        print(f"ended {os.waitstatus_to_exitcode(status)}", flush=True)


if __name__ == "__main__":
    serve()
