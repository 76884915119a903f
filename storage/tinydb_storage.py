"""The TinyDB storage of postmortem files: atomic saves, deterministic JSON, corrupt files kept.

TinyDB reads the whole file before every change and writes it whole after, so this class
only has to make each of those two steps safe. It holds no open file handle: every save
replaces the file, and every read looks at the current one.

Reading a 2,000-event file back before each save cost more than writing it, so the storage
remembers the tables it last read or wrote together with that file's identity (device, inode,
size, mtime). While the file at the path still has that identity it is the file those tables
came from, and they are handed out again instead of parsing it; any other file (replaced by
another program, edited in place, deleted) is read as before.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from postmortem.i18n import t
from storage.atomic import atomic_write, plain_json_bytes, stdlib_dumps
from storage.errors import NotFoundError, StorageError
from storage.reading import check_library_layout, is_tinydb_layout, read_json

Tables = dict[str, dict[str, Any]]
FileIdentity = tuple[int, int, int, int]


class DurableStorage(Storage):
    def __init__(self, path: str | Path, *, read_only: bool = False, keep_backup: bool = True) -> None:
        super().__init__()
        self.path = Path(path)
        self.read_only = read_only
        self.keep_backup = keep_backup
        self._refusal: StorageError | None = None  # why this file must never be written over
        self._checked = False
        self._known: tuple[FileIdentity, Tables] | None = None  # the file's tables, as last read or written

    def read(self) -> Tables | None:
        """The tables of the file, or ``None`` for a new (missing or empty) file."""
        if self._refusal is not None:
            raise self._refusal
        before = self._identity()
        if self._known is not None and before == self._known[0]:
            return _copy_tables(self._known[1])
        self._known = None
        try:
            data = read_json(self.path)
            if data is not None:
                data = check_library_layout(self.path, data)
        except NotFoundError:
            data = None
        except StorageError as error:
            # Once a read failed, this storage refuses every write: a file we could not
            # understand is never replaced by what TinyDB thinks is an empty database.
            self._refusal = error
            raise
        self._checked = True
        if data is not None and before is not None and self._identity() == before:
            self._known = before, _copy_tables(data)  # TinyDB changes what it is handed
        return data

    def write(self, data: Tables) -> None:
        if self.read_only:
            raise StorageError(t("storage.read_only", path=self.path))
        if not self._checked:
            self.read()  # never write over a file nobody has looked at
        if self._refusal is not None:
            raise self._refusal
        plain = plain_json_bytes(data)
        encoded = plain if plain is not None else stdlib_dumps(data).encode("utf-8")
        written = atomic_write(self.path, encoded, keep_backup=self.keep_backup)
        # Plain JSON reads back as equal values; anything else is parsed from the file next time.
        if plain is not None and is_tinydb_layout(data):
            self._known = _identity_of(written), _copy_tables(data)

    def _identity(self) -> FileIdentity | None:
        try:
            return _identity_of(os.stat(self.path))
        except OSError:
            return None


def _identity_of(status: os.stat_result) -> FileIdentity:
    # Every save is a new file (a new inode), and writing in place changes the mtime.
    return status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns


def _copy_tables(tables: Tables) -> Tables:
    """New table and record dicts: TinyDB changes records in place and replaces whole tables.
    The values inside a record stay shared (copying them costs what parsing did): TinyDB never
    changes them, and ``DocumentFile.save`` replaces every field of its record."""
    return {name: {key: dict(record) for key, record in table.items()} for name, table in tables.items()}
