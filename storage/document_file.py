"""The open postmortem file: one document, one writer, saves that cannot lose it.

On disk it is a TinyDB file holding one record in the table ``postmortem``:
``{"postmortem": {"1": <the document of DESIGN §4>}}``, written deterministically.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document

from postmortem.fields import ValidationError
from postmortem.i18n import t
from postmortem.model import Postmortem
from storage.atomic import backup_path, clean_temp_files
from storage.errors import AlreadyExistsError, LockedError, NotFoundError, SaveError, StorageError
from storage.lock import WriterLock
from storage.regular_files import NotRegularFileError, RefusedFileError, check_document_writable
from storage.reading import TABLE, corrupt, validate
from storage.tinydb_storage import DurableStorage

RECORD_ID = 1


class DocumentFile:
    """Use ``DocumentFile.open`` or ``DocumentFile.create``; ``save`` may be called from any thread."""

    def __init__(self, path: Path, db: TinyDB, document: Postmortem, record_id: int,
                 lock: WriterLock | None, read_only: bool) -> None:
        self.path = path
        self.read_only = read_only
        self.document = document
        self._db = db
        self._record_id = record_id
        self._lock = lock
        self._mutex = threading.Lock()  # one save at a time; close waits for a save in flight
        self._closed = False

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False) -> "DocumentFile":
        """Open for writing (``LockedError`` if another window writes it) or read-only."""
        path = Path(path)
        if not path.exists():
            raise NotFoundError(t("storage.no_such_file", path=path))
        if not read_only:
            try:  # saves would be refused (a symlink, a read-only file): say so now, read-only
                check_document_writable(path, backup_path(path))
            except NotRegularFileError as refused:
                if refused.path == path and refused.kind != "symlink":  # a FIFO: not even readable
                    raise NotRegularFileError(path, refused.kind, reading=True) from None
                raise LockedError(path, action="open", reason=refused.reason_about(path)) from refused
            except RefusedFileError as refused:
                raise LockedError(path, action="open", reason=refused.reason_about(path)) from refused
        lock = None if read_only else WriterLock(path).acquire()
        try:
            if lock is not None:
                # Only the writer may clean: a temp file may be another writer's save in flight.
                clean_temp_files(path.parent, path.name)
            db = TinyDB(path, storage=DurableStorage, read_only=read_only)
            try:
                record_id, document = _read_single(path, db)
            except BaseException:
                db.close()
                raise
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return cls(path, db, document, record_id, lock, read_only)

    @classmethod
    def create(cls, path: Path, doc: Postmortem) -> "DocumentFile":
        """Write a new file for ``doc`` and open it for writing; refuses to replace a file."""
        path = Path(path)
        data = doc.to_dict()
        Postmortem.from_dict(data)  # never write a file that could not be opened again
        lock = WriterLock(path, action="create").acquire()
        created = False
        try:
            if os.path.lexists(path):
                raise AlreadyExistsError(t("storage.already_exists", path=path))
            clean_temp_files(path.parent, path.name)
            db = TinyDB(path, storage=DurableStorage)
            try:
                db.table(TABLE).insert(Document(data, doc_id=RECORD_ID))
            except BaseException:
                db.close()
                raise
            created = True
        finally:
            if not created:
                lock.release()
        return cls(path, db, doc, RECORD_ID, lock, read_only=False)

    def save(self, data: dict[str, Any] | Postmortem) -> None:
        """Replace the document on disk with ``data`` (a document dict); ``SaveError`` on failure.

        An invalid document is refused with a ``SaveError`` too: a file that cannot be opened
        again would be worse than a save that did not happen.
        """
        if isinstance(data, Postmortem):
            data = data.to_dict()
        with self._mutex:
            if self._closed:
                raise StorageError(t("storage.closed", path=self.path))
            if self.read_only:
                raise StorageError(t("storage.read_only", path=self.path))
            try:
                Postmortem.from_dict(data)
            except ValidationError as error:
                raise SaveError(self.path, str(error)) from error
            table = self._db.table(TABLE)
            if table.contains(doc_id=self._record_id):
                table.update(_replace_with(data), doc_ids=[self._record_id])
            else:  # the file vanished or was emptied under us: write it back whole
                table.insert(Document(data, doc_id=self._record_id))

    def close(self) -> None:
        with self._mutex:
            if self._closed:
                return
            self._closed = True
            self._db.close()
            if self._lock is not None:
                self._lock.release()

    @property
    def closed(self) -> bool:
        return self._closed

    def __enter__(self) -> "DocumentFile":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _read_single(path: Path, db: TinyDB) -> tuple[int, Postmortem]:
    if db.storage.read() is None:
        if not path.exists():
            raise NotFoundError(t("storage.no_such_file", path=path))
        raise corrupt(path, t("storage.reason.empty"))
    records = db.table(TABLE).all()
    if not records:
        raise corrupt(path, t("storage.reason.no_record"))
    if len(records) > 1:
        raise corrupt(path, t("storage.reason.several_records", count=len(records)))
    record = records[0]
    return record.doc_id, validate(path, dict(record))


def _replace_with(data: dict[str, Any]):
    """A TinyDB update that replaces the whole record (``update(dict)`` would keep removed keys)."""
    def replace(record: dict[str, Any]) -> None:
        record.clear()
        record.update(data)
    return replace
