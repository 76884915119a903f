"""Child process of the kill -9 test: saves versions of one postmortem as fast as it can.

``python kill_child.py FILE`` opens FILE as the writer, prints ``ready N`` (N = the version on
disk) and then saves N+1, N+2, ... until it is killed. ``version(n)`` is the exact document of
version n, so the parent can check that what it finds on disk is one whole version.
"""

from __future__ import annotations

import sys
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


def main(path: Path) -> None:
    from storage.document_file import DocumentFile
    document_file = DocumentFile.open(path)
    n = counter(document_file.document)
    print(f"ready {n}", flush=True)
    while True:
        n += 1
        document_file.save(version(n))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
