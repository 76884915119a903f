"""Changes made to a postmortem file by something else: a `git pull`, a sync client, an editor.

The app may replace only the file it last read or wrote (DESIGN §8). It remembers that file as a
``FileState``: its identity (device, inode, size, mtime) and a hash of its bytes. The identity is
one ``stat`` to compare but a change can keep it (an editor rewriting in place with the same size,
a `git checkout` restoring the mtime), so the hash decides; the identity (with the ctime, which no
program can set) only says when hashing is worth it.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import Any

from postmortem.i18n import t
from postmortem.model import Postmortem
from storage.atomic import atomic_write, document_bytes
from storage.errors import CorruptFileError, StorageError
from storage.reading import TABLE, check_library_layout, library_content, parse_json
from storage.regular_files import read_regular

FileIdentity = tuple[int, int, int, int]
LookKey = tuple[FileIdentity, int] | str  # what one stat says; MISSING when nothing is there
MISSING = "missing"


def identity_of(status: os.stat_result) -> FileIdentity:
    # Every save is a new file (a new inode), and writing in place changes the mtime.
    return status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns


def digest_of(raw: bytes) -> bytes:
    return hashlib.sha256(raw).digest()  # faster than blake2b where the CPU has SHA instructions


@dataclass(frozen=True)
class FileState:
    """A file as this app last read or wrote it."""
    identity: FileIdentity
    digest: bytes


@dataclass(frozen=True)
class Snapshot:
    """The bytes at a path and the status of the file they were read from (same descriptor)."""
    path: Path
    raw: bytes
    status: os.stat_result

    @cached_property
    def state(self) -> FileState:
        return FileState(identity_of(self.status), digest_of(self.raw))

    @property
    def look_key(self) -> LookKey:
        return identity_of(self.status), self.status.st_ctime_ns


def same_content(known: FileState | None, now: Snapshot | None) -> bool:
    """True when ``now`` holds the bytes of ``known`` (``None`` on both sides: still no file).

    A file with other identity but the same bytes (touched, checked out again unchanged) is the
    same content: replacing it loses nothing.
    """
    if known is None or now is None:
        return known is None and now is None
    return known.digest == now.state.digest


def look_key(path: Path) -> LookKey:
    """One ``stat`` of ``path``: enough to tell that nothing happened to it since the last look."""
    try:
        status = os.stat(path)
    except OSError:
        return MISSING
    return identity_of(status), status.st_ctime_ns


def take_snapshot(path: Path) -> Snapshot | None:
    """The file at ``path`` as it is now (storage/regular_files.py: only a regular file, never
    waiting on a FIFO); ``None`` when there is none."""
    try:
        raw, status = read_regular(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise _unreadable(path, error) from error
    return Snapshot(Path(path), raw, status)


def parse_tables(snapshot: Snapshot) -> dict[str, dict[str, Any]] | None:
    """The TinyDB tables of a snapshot (``None`` for an empty file); ``CorruptFileError`` otherwise."""
    data = parse_json(snapshot.path, snapshot.raw)
    return None if data is None else check_library_layout(snapshot.path, data)


class OutsideChangeError(StorageError):
    """The file is no longer the one this window last read or wrote: nothing was written.

    ``theirs`` is the postmortem now in the file when it parses and validates; otherwise
    ``deleted`` says the file is gone, or ``problem`` why it cannot be read. ``state`` is the new
    file's identity and hash (to tell one outside change from the next).
    """

    def __init__(self, path: Path, theirs: Postmortem | None = None, *, state: FileState | None = None,
                 deleted: bool = False, problem: str | None = None) -> None:
        self.path, self.theirs, self.state = Path(path), theirs, state
        self.deleted, self.problem = deleted, problem
        if deleted:
            message = t("outside.deleted", path=self.path)
        elif problem is not None:
            message = t("outside.unreadable", path=self.path, problem=problem)
        else:
            message = t("outside.changed", path=self.path)
        super().__init__(message)

    @classmethod
    def of(cls, path: Path, snapshot: Snapshot | None) -> "OutsideChangeError":
        """What was found at ``path`` instead of the file this window knows."""
        if snapshot is None:
            return cls(path, deleted=True)
        try:
            theirs = library_content(snapshot.path, snapshot.raw).document
        except CorruptFileError as error:
            return cls(path, state=snapshot.state, problem=error.reason)
        return cls(path, theirs, state=snapshot.state)


def copy_path(path: Path, whose: str, now: datetime | None = None) -> Path:
    """``<name>.<whose>-<UTC time>.json`` beside ``path``, a name nothing has yet."""
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    stem, suffix = path.stem, path.suffix or ".json"
    candidate = path.with_name(f"{stem}.{whose}-{stamp}{suffix}")
    n = 2
    while os.path.lexists(candidate):
        candidate = path.with_name(f"{stem}.{whose}-{stamp}-{n}{suffix}")
        n += 1
    return candidate


def write_copy(path: Path, whose: str, raw: bytes) -> Path:
    """Save ``raw`` (a whole library file) beside ``path`` as ``whose`` copy; returns where."""
    target = copy_path(path, whose)
    atomic_write(target, raw, keep_backup=False)
    return target


def library_file_bytes(record_id: int, data: dict[str, Any]) -> bytes:
    """The bytes of a library file holding one document, as the storage writes them."""
    return document_bytes({TABLE: {str(record_id): data}})


def _unreadable(path: Path, error: OSError) -> StorageError:
    reason = os.strerror(error.errno) if error.errno else str(error)
    return StorageError(t("storage.unreadable", path=path, reason=reason))
