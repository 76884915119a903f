"""The TinyDB storage of postmortem files: atomic saves, deterministic JSON, corrupt files kept.

TinyDB reads the whole file before every change and writes it whole after, so this class
only has to make each of those two steps safe. It holds no open file handle: every save
replaces the file, and every read opens the current one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from postmortem.i18n import t
from storage.atomic import atomic_write, dumps_document
from storage.errors import NotFoundError, StorageError
from storage.reading import check_library_layout, read_json


class DurableStorage(Storage):
    def __init__(self, path: str | Path, *, read_only: bool = False, keep_backup: bool = True) -> None:
        super().__init__()
        self.path = Path(path)
        self.read_only = read_only
        self.keep_backup = keep_backup
        self._refusal: StorageError | None = None  # why this file must never be written over
        self._checked = False

    def read(self) -> dict[str, dict[str, Any]] | None:
        """The tables of the file, or ``None`` for a new (missing or empty) file."""
        if self._refusal is not None:
            raise self._refusal
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
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self.read_only:
            raise StorageError(t("storage.read_only", path=self.path))
        if not self._checked:
            self.read()  # never write over a file nobody has looked at
        if self._refusal is not None:
            raise self._refusal
        atomic_write(self.path, dumps_document(data).encode("utf-8"), keep_backup=self.keep_backup)
