"""The TinyDB storage of postmortem files: atomic saves, deterministic JSON, corrupt files kept.

TinyDB reads the whole database before every change and writes it whole after. Two layers:

- ``DurableStorage`` makes each step safe. Its ``write`` replaces only the file it last read or
  wrote (storage/outside.py): it hashes the bytes at the path first and refuses with
  ``OutsideChangeError`` when another program changed, replaced or deleted the file; then it
  writes atomically (storage/atomic.py), keeping the previous version as ``<name>.bak``. Its
  ``read`` parses the file; a file it could not read is never written over.
- ``WriteThroughCache``, TinyDB's own ``CachingMiddleware`` with every write made at once, answers
  TinyDB's read before each change with the tables last read or written, so a save reads the
  file only to hash it. ``DocumentFile.open`` reads the file once (storage/reading.py) and hands
  the cache those tables (``adopt``); a file another program changed is caught by the hash before
  the write, not by reading it again.
"""

from __future__ import annotations

from pathlib import Path

from tinydb.middlewares import CachingMiddleware
from tinydb.storages import Storage

from postmortem.i18n import t
from storage.atomic import atomic_write, document_bytes
from storage.errors import SaveError, StorageError
from storage.outside import (MISSING, FileIdentity, FileState, LookKey, OutsideChangeError, Snapshot,
                             digest_of, identity_of, look_key, parse_tables, same_content,
                             take_snapshot)
from storage.reading import Tables, is_tinydb_layout

_UNSEEN = object()  # no read yet: there is no file this storage knows


class DurableStorage(Storage):
    def __init__(self, path: str | Path, *, read_only: bool = False, keep_backup: bool = True) -> None:
        super().__init__()
        self.path = Path(path)
        self.read_only = read_only
        self.keep_backup = keep_backup
        self._refusal: StorageError | None = None  # why this file must never be written over
        # The file this storage last read or wrote (None: there was none), the only one it may
        # replace; its tables, to write it back as the backup if an outside change replaces it.
        self._base: FileState | None | object = _UNSEEN
        self._base_tables: Tables | None = None
        self._last_look: LookKey | None = None  # the stat of the file last seen to be the base

    def read(self) -> Tables | None:
        """The tables of the file, or ``None`` for a new (missing or empty) file.

        A writer raises ``OutsideChangeError`` once the file is not the one it last read or wrote:
        TinyDB would otherwise apply the change to their version and write it over them.
        """
        if self._refusal is not None:
            raise self._refusal
        first = self._base is _UNSEEN or self.read_only
        try:
            snapshot = self._snapshot()
            if not first and not same_content(self._base, snapshot):
                raise OutsideChangeError.of(self.path, snapshot)
            data = None if snapshot is None else parse_tables(snapshot)
        except OutsideChangeError:
            raise
        except StorageError as error:
            # Once a read failed, this storage refuses every write: a file we could not
            # understand is never replaced by what TinyDB thinks is an empty database.
            if not self.read_only:
                self._refusal = error
            raise
        if first:
            self.adopt(snapshot, data)
        return data

    def write(self, data: Tables) -> None:
        if self.read_only:
            raise StorageError(t("storage.read_only", path=self.path))
        if self._base is _UNSEEN:
            self.read()  # never write over a file nobody has looked at
        if self._refusal is not None:
            raise self._refusal
        current = self._snapshot()
        if not same_content(self._base, current):  # hashed every time: in place, the identity can stay
            raise OutsideChangeError.of(self.path, current)
        encoded = document_bytes(data)
        try:
            written = atomic_write(self.path, encoded, keep_backup=self.keep_backup)
        except SaveError:
            self._claim_if_written(encoded)
            raise
        self._base = FileState(identity_of(written), digest_of(encoded))
        self._base_tables = _copy_tables(data) if is_tinydb_layout(data) else None
        self._last_look = self._look_if(identity_of(written))

    # Outside changes ---------------------------------------------------------------------

    def outside_change(self) -> OutsideChangeError | None:
        """What replaced the file since this storage last read or wrote it; ``None`` while it is
        still that file. Cheap while nothing happens (one ``stat``): it hashes only when the
        file's status changed since the last look."""
        if self._base is _UNSEEN:
            return None
        key = look_key(self.path)
        if key == self._last_look:
            return None
        try:
            snapshot = self._snapshot()
        except OutsideChangeError as change:
            return change
        if not same_content(self._base, snapshot):
            return OutsideChangeError.of(self.path, snapshot)
        self._last_look = MISSING if snapshot is None else snapshot.look_key
        return None

    def adopt(self, snapshot: Snapshot | None, tables: Tables | None) -> None:
        """From now on ``snapshot`` (``None``: no file), whose tables are ``tables``, is the file
        this storage may replace: it was just read, the facilitator chose it, or nothing of ours
        was unsaved."""
        self._base = None if snapshot is None else snapshot.state
        self._base_tables = _copy_tables(tables) if tables is not None else None
        self._last_look = MISSING if snapshot is None else snapshot.look_key

    def holds_base(self, snapshot: Snapshot | None) -> bool:
        """True when ``snapshot`` has the bytes of the file this storage last read or wrote."""
        return self._base is not _UNSEEN and same_content(self._base, snapshot)

    def base_bytes(self) -> bytes | None:
        """The bytes of the file this storage last read or wrote, when it can write them again
        exactly (the one writer, checked against their hash: a file written by another program
        may be spaced differently); ``None`` otherwise."""
        if self._base_tables is None or not isinstance(self._base, FileState):
            return None
        raw = document_bytes(self._base_tables)
        return raw if digest_of(raw) == self._base.digest else None

    # Internals ---------------------------------------------------------------------------

    def _snapshot(self) -> Snapshot | None:
        try:
            return take_snapshot(self.path)
        except StorageError as error:
            if self._base is _UNSEEN:
                raise
            # Something that cannot be read replaced the file we know (a FIFO, no permission).
            raise OutsideChangeError(self.path, problem=str(error)) from error

    def _claim_if_written(self, encoded: bytes) -> None:
        """A save failed after its rename (the folder fsync): the file is ours all the same."""
        try:
            snapshot = take_snapshot(self.path)
        except StorageError:
            return
        if snapshot is not None and snapshot.state.digest == digest_of(encoded):
            self._base = snapshot.state
            self._base_tables = None
            self._last_look = snapshot.look_key

    def _look_if(self, identity: FileIdentity) -> LookKey | None:
        """The stat of the path if it is the file just written (its ctime changed on the rename)."""
        key = look_key(self.path)
        return key if key != MISSING and key[0] == identity else None


class WriteThroughCache(CachingMiddleware):
    """TinyDB's read cache over ``DurableStorage``: ``read`` answers with the tables last read,
    adopted or written; every ``write`` goes to the file before it returns.

    ``TinyDB(path, storage=WriteThroughCache(DurableStorage))``; the other methods of the
    storage (``outside_change``, ``holds_base``, ``base_bytes``) are reached through it.
    """

    WRITE_CACHE_SIZE = 1  # a save is on disk (or has failed) when it returns

    def adopt(self, snapshot: Snapshot | None, tables: Tables | None) -> None:
        """``DurableStorage.adopt``, and ``tables`` become what TinyDB reads next (``None``: the
        storage is asked, and says whether the file is still missing)."""
        self.storage.adopt(snapshot, tables)
        self.cache = tables

    def close(self) -> None:
        # No flush: every write was made when it was asked for. One that failed was reported
        # then, and is not retried behind the caller's back when the window closes.
        self.storage.close()


def _copy_tables(tables: Tables) -> Tables:
    """New table and record dicts: TinyDB changes records in place and replaces whole tables.
    The values inside a record stay shared (copying them costs what parsing did): TinyDB never
    changes them, and ``DocumentFile.save`` replaces every field of its record."""
    return {name: {key: dict(record) for key, record in table.items()} for name, table in tables.items()}
