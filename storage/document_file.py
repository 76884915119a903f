"""The open postmortem file: one document, one writer, saves that cannot lose it.

On disk it is a TinyDB file holding one record in the table ``postmortem``:
``{"postmortem": {"1": <the document of DESIGN §4>}}``, written deterministically.

Opening reads the file once, one way: its bytes (``take_snapshot``), then the document or a
``CorruptFileError`` (``library_content``), the backup looked at only to offer it. TinyDB is then
given those tables (storage/tinydb_storage.py), so it never reads the file again; every save
reads it once more, only to hash it against the version this window last read or wrote.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document

from postmortem.fields import ValidationError
from postmortem.merge import MergeResult, merge
from postmortem.i18n import t
from postmortem.model import Postmortem
from storage.atomic import atomic_write, backup_path, clean_temp_files
from storage.errors import (AlreadyExistsError, CorruptFileError, LockedError, NotFoundError, SaveError,
                            StorageError)
from storage.lock import WriterLock
from storage.outside import OutsideChangeError, digest_of, library_file_bytes, take_snapshot, write_copy
from storage.reading import TABLE, library_content, offer_backup
from storage.regular_files import NotRegularFileError, RefusedFileError, check_document_writable
from storage.tinydb_storage import DurableStorage, WriteThroughCache

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
        # The document as this window last read it from the file or wrote it there: the common
        # ancestor when another program's version is merged with this window's (merge_outside).
        self._stored = document.to_dict()

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
            snapshot = take_snapshot(path)
            if snapshot is None:
                raise NotFoundError(t("storage.no_such_file", path=path))
            try:
                content = library_content(path, snapshot.raw)
            except CorruptFileError as error:
                raise offer_backup(error) from error
            db = TinyDB(path, storage=WriteThroughCache(DurableStorage), read_only=read_only)
            db.storage.adopt(snapshot, content.tables)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return cls(path, db, content.document, content.record_id, lock, read_only)

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
            db = TinyDB(path, storage=WriteThroughCache(DurableStorage))
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
        again would be worse than a save that did not happen. A file changed, replaced or
        deleted by another program is never written over: ``OutsideChangeError``.
        """
        data = self._checked_data(data)
        with self._mutex:
            self._check_writable()
            self._write(data)

    # Outside changes (storage/outside.py) ------------------------------------------------

    def outside_change(self) -> OutsideChangeError | None:
        """What another program did to the file since this window last read or wrote it, or
        ``None``. Cheap enough to ask every second; ``None`` while a save is in flight."""
        if not self._mutex.acquire(blocking=False):
            return None
        try:
            return None if self._closed else self._db.storage.outside_change()
        finally:
            self._mutex.release()

    def reload(self) -> Postmortem:
        """Take the document now in the file as this window's (nothing of ours is unsaved, or
        the facilitator chose theirs). ``CorruptFileError`` if it does not parse,
        ``OutsideChangeError`` (``deleted``) if it is gone; the window's version stays then."""
        with self._mutex:
            if self._closed:
                raise StorageError(t("storage.closed", path=self.path))
            return self._adopt_file()

    def refresh(self) -> Postmortem | None:
        """The document again if the file changed since it was read, else ``None`` (for the
        read-only window, which follows the file)."""
        if self.outside_change() is None:
            return None
        return self.reload()

    def keep_mine(self, data: dict[str, Any] | Postmortem) -> Path | None:
        """After an outside change: ``data`` (ours) goes in the file, and theirs is saved first
        beside it as ``<name>.theirs-<UTC time>.json``; returns that copy (``None`` when the file
        was deleted: ours is written back). A file that does not parse is never written over."""
        data = self._checked_data(data)
        with self._mutex:
            self._check_writable()
            storage = self._db.storage
            snapshot = take_snapshot(self.path)
            content = None if snapshot is None else library_content(self.path, snapshot.raw)
            copy = None  # theirs was read whole and validated above: a copy that opens again
            if snapshot is not None and not storage.holds_base(snapshot):
                copy = write_copy(self.path, "theirs", snapshot.raw)
            storage.adopt(snapshot, None if content is None else content.tables)
            self._write(data)  # their version becomes the backup, as any version replaced
            return copy

    def keep_theirs(self, data: dict[str, Any] | Postmortem) -> tuple[Path, Postmortem]:
        """After an outside change: ``data`` (ours) is saved beside the file as
        ``<name>.mine-<UTC time>.json`` and theirs becomes this window's document."""
        data = self._checked_data(data)
        with self._mutex:
            self._check_writable()
            copy = write_copy(self.path, "mine", library_file_bytes(self._record_id, data))
            return copy, self._adopt_file()

    def merge_outside(self, data: dict[str, Any] | Postmortem) -> MergeResult:
        """After an outside change: ``data`` (ours) and the file's version (theirs) merged from
        the version this window last read or wrote (postmortem/merge.py), written to the file
        (theirs becomes the backup) and made this window's document. Nothing of either side is
        lost: what the merge could not decide is kept in the document's ``conflicts``."""
        data = self._checked_data(data)
        with self._mutex:
            self._check_writable()
            snapshot = take_snapshot(self.path)
            if snapshot is None:
                raise OutsideChangeError(self.path, deleted=True)
            content = library_content(self.path, snapshot.raw)
            result = merge(self._stored, data, content.document)
            self._db.storage.adopt(snapshot, content.tables)
            self._write(result.document.to_dict())
            self.document = result.document
            return result

    def save_copy(self, data: dict[str, Any] | Postmortem) -> Path:
        """Save ``data`` beside the file as ``<name>.mine-<UTC time>.json`` (a file that
        ``postmortem open PATH`` opens), leaving the file itself alone; returns the copy."""
        data = self._checked_data(data)
        return write_copy(self.path, "mine", library_file_bytes(self._record_id, data))

    # Internals ---------------------------------------------------------------------------

    def _checked_data(self, data: dict[str, Any] | Postmortem) -> dict[str, Any]:
        if isinstance(data, Postmortem):
            data = data.to_dict()
        try:
            Postmortem.from_dict(data)
        except ValidationError as error:
            raise SaveError(self.path, str(error)) from error
        return data

    def _check_writable(self) -> None:
        if self._closed:
            raise StorageError(t("storage.closed", path=self.path))
        if self.read_only:
            raise StorageError(t("storage.read_only", path=self.path))

    def _write(self, data: dict[str, Any]) -> None:
        table = self._db.table(TABLE)
        if table.contains(doc_id=self._record_id):
            table.update(_replace_with(data), doc_ids=[self._record_id])
        else:  # written back after it was deleted outside, as the facilitator chose
            table.insert(Document(data, doc_id=self._record_id))
        self._stored = data

    def _adopt_file(self) -> Postmortem:
        """Make the file now at the path this window's; the version it replaced becomes the
        backup (``<name>.bak`` always holds the version before the one in the file)."""
        storage = self._db.storage
        replaced = None if self.read_only else storage.base_bytes()
        snapshot = take_snapshot(self.path)
        if snapshot is None:
            raise OutsideChangeError(self.path, deleted=True)
        content = library_content(self.path, snapshot.raw)
        storage.adopt(snapshot, content.tables)
        self.document, self._record_id = content.document, content.record_id
        self._stored = content.document.to_dict()
        if replaced is not None and digest_of(replaced) != snapshot.state.digest:
            try:
                atomic_write(backup_path(self.path), replaced, keep_backup=False)
            except SaveError:
                pass  # the backup is a convenience; the file and the copies are what matter
        return content.document

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


def _replace_with(data: dict[str, Any]):
    """A TinyDB update that replaces the whole record (``update(dict)`` would keep removed keys)."""
    def replace(record: dict[str, Any]) -> None:
        record.clear()
        record.update(data)
    return replace
