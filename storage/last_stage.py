"""The stage each postmortem was last left on, so reopening it resumes the meeting there.

A convenience, never a reason to fail: a missing, unreadable or strange file means "start at
stage 1", and a write that fails is dropped (the document itself is saved on its own path).
The file lives in the library folder, hidden, so the library list never shows it.
"""

from __future__ import annotations

import json
from pathlib import Path

from storage.atomic import atomic_write
from storage.errors import StorageError
from storage.regular_files import read_regular_bytes

STATE_NAME = ".last-stages.json"
STAGES = range(1, 7)
KEPT = 200  # postmortems remembered; the least recently left are forgotten first


def _read(root: Path) -> dict[str, int]:
    try:  # only our own regular file: a symlink or a FIFO planted here means "nothing remembered"
        data = json.loads(read_regular_bytes(root / STATE_NAME, follow_symlinks=False).decode("utf-8"))
    except (OSError, ValueError, StorageError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: value for key, value in data.items()
            if isinstance(key, str) and type(value) is int and value in STAGES}


def last_stage(root: Path, doc_id: str) -> int:
    """The stage ``doc_id`` was left on, 1 if it was never left anywhere else."""
    return _read(root).get(doc_id, 1)


def remember_stage(root: Path, doc_id: str, stage: int) -> None:
    if stage not in STAGES:
        return
    stages = _read(root)
    stages.pop(doc_id, None)
    stages[doc_id] = stage  # newest last, so trimming drops the oldest
    _write(root, dict(list(stages.items())[-KEPT:]))


def forget_stage(root: Path, doc_id: str) -> None:
    """A new, imported or deleted postmortem starts at stage 1 next time, whatever its id did."""
    stages = _read(root)
    if stages.pop(doc_id, None) is not None:
        _write(root, stages)


def _write(root: Path, kept: dict[str, int]) -> None:
    try:
        atomic_write(root / STATE_NAME, (json.dumps(kept, indent=2) + "\n").encode("utf-8"),
                     keep_backup=False)
    except (StorageError, OSError):
        pass  # losing the place to resume is not worth interrupting the meeting for (a file
        # that is not ours to replace, such as a planted symlink, is refused by atomic_write)
