"""The library: a folder of ``<id>.json`` postmortem files (DESIGN §4).

Ids are slugs, so ``path_for`` can never leave the folder. Deleting moves a file into
``<root>/.trash/``; nothing here ever unlinks a postmortem.
"""

from __future__ import annotations

import errno
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from postmortem.i18n import t
from postmortem.ids import is_valid_id
from postmortem.summary import Summary
from storage.atomic import TEMP_MARKER, atomic_write, backup_path, document_bytes, fsync_folder
from storage.errors import (AlreadyExistsError, CorruptFileError, InvalidIdError, NotFoundError,
                            StorageError)
from storage.last_stage import forget_stage
from storage.lock import WriterLock
from storage.reading import (TABLE, document_data, library_files, load_document, offer_backup,
                             read_json, resolve_target)
from storage.regular_files import RefusedFileError, existing_regular, kind_of, read_regular_bytes

if TYPE_CHECKING:
    from postmortem.model import Postmortem
    from storage.document_file import DocumentFile

__all__ = ["Library", "LibraryEntry", "default_library_dir", "load_document"]

TRASH = ".trash"
SUFFIX = ".json"


def default_library_dir() -> Path:
    """``POSTMORTEM_LIBRARY`` if set, else the user's data folder."""
    chosen = os.environ.get("POSTMORTEM_LIBRARY")
    if chosen:
        return Path(chosen).expanduser()
    return platformdirs.user_data_path("postmortem-tui") / "library"


@dataclass(frozen=True)
class LibraryEntry:
    """One row of the library; ``problem`` says why the file could not be read (then the rest is empty)."""

    id: str
    path: Path
    title: str = ""
    severity: str | None = None
    status: str = ""
    meeting_at: datetime | None = None
    owner: str = ""
    tags: tuple[str, ...] = ()
    conflicts: int = 0          # merge conflicts the file records, to settle
    problem: str | None = None

    @classmethod
    def of(cls, path: Path, summary: Summary) -> "LibraryEntry":
        return cls(id=path.stem, path=path, title=summary.title, severity=summary.severity,
                   status=summary.status, meeting_at=summary.meeting_at, owner=summary.owner,
                   tags=summary.tags, conflicts=summary.conflicts)


class Library:
    def __init__(self, root: Path) -> None:
        self.root = Path(root).expanduser()
        _make_private_folder(self.root)

    # Naming ------------------------------------------------------------------------------

    def path_for(self, doc_id: str) -> Path:
        if not is_valid_id(doc_id):
            raise InvalidIdError(doc_id)
        return self.root / f"{doc_id}{SUFFIX}"

    def exists(self, doc_id: str) -> bool:
        return self.path_for(doc_id).exists()

    def resolve(self, id_or_path: str) -> Path:
        """The file named by an id of this library or by a path to an existing file."""
        return resolve_target(self.root, id_or_path)

    def taken_ids(self) -> set[str]:
        return {path.stem for path in library_files(self.root)}

    # Reading -----------------------------------------------------------------------------

    def entries(self) -> list[LibraryEntry]:
        """Every postmortem, newest meeting first (unscheduled ones last), then by id.

        Files are read without the lock, and only for the fields a row shows, through the
        library's summary cache (``storage.summary_cache``: a file unchanged since it was last
        read is not read again); a file that cannot be read is listed with its problem.
        """
        from storage.summary_cache import ROW, NotAnId, read_parts
        entries = []
        for path, row, error in read_parts(self.root, ROW, keep_cache=True):
            if row is not None:
                entries.append(LibraryEntry.of(path, row))
            elif isinstance(error, NotAnId):   # listed so it can be found and trashed, never opened
                entries.append(LibraryEntry(id=path.stem, path=path, problem=self._not_an_id(path)))
            else:
                if isinstance(error, CorruptFileError):
                    error = offer_backup(error)
                entries.append(LibraryEntry(id=path.stem, path=path, problem=str(error)))
        entries.sort(key=lambda e: e.id)
        entries.sort(key=lambda e: e.meeting_at or _NEVER, reverse=True)
        return entries

    # Writing -----------------------------------------------------------------------------

    # Opening and writing files (storage.document_file, TinyDB, the model) is imported where
    # it is done: the library's list, on screen and in ``list``, only reads summaries.

    def create(self, doc: Postmortem) -> DocumentFile:
        from storage.document_file import DocumentFile
        path = self.path_for(doc.id)
        if path.exists():
            raise AlreadyExistsError(t("storage.id_taken", id=doc.id, path=path))
        created = DocumentFile.create(path, doc)
        forget_stage(self.root, doc.id)
        return created

    def open(self, id_or_path: str, read_only: bool = False) -> DocumentFile:
        from storage.document_file import DocumentFile
        return DocumentFile.open(self.resolve(id_or_path), read_only=read_only)

    def import_file(self, src: Path) -> Postmortem:
        """Add an interchange file (or a library file) to the library; writes nothing on any error.

        A document that fails validation raises ``ValidationError`` unchanged, so its message
        names the field path (``timeline[3].at: "25:61" is not a time``).
        """
        return self.import_replacing(src, replace=False)[0]

    def import_replacing(self, src: Path, *, replace: bool = True) -> tuple[Postmortem, Path | None]:
        """``import_file``, replacing a postmortem with the same id when ``replace``
        (``replace_document``); also returns the backup of the version replaced, if any."""
        from postmortem.model import Postmortem
        from storage.document_file import DocumentFile
        src = Path(src)
        data = document_data(src, read_json(src))
        doc = Postmortem.from_dict(data)
        path = self.path_for(doc.id)
        backup = None
        if os.path.lexists(path):
            if not replace:
                raise AlreadyExistsError(t("storage.id_taken", id=doc.id, path=path))
            backup = self.replace_document(doc)
        else:
            DocumentFile.create(path, doc).close()
        forget_stage(self.root, doc.id)
        return doc, backup

    def replace_document(self, doc: Postmortem) -> Path:
        """Write ``doc`` over the postmortem with its id, the version it replaces kept as
        ``<id>.json.bak``; returns that backup. Refused (``LockedError``) while a window has
        the postmortem open, whose next save would otherwise be refused or lost."""
        from postmortem.model import Postmortem
        from storage.document_file import RECORD_ID
        path = self.path_for(doc.id)
        data = doc.to_dict()
        Postmortem.from_dict(data)  # never write a file that could not be opened again
        with WriterLock(path, action="replace"):
            existing_regular(path)  # a link or a FIFO there is refused, never written through
            atomic_write(path, document_bytes({TABLE: {str(RECORD_ID): data}}), keep_backup=True)
        return backup_path(path)

    def delete(self, doc_id: str) -> Path:
        """Move ``<id>.json`` (and its backup) into ``.trash/``; returns where the document went."""
        path = self.path_for(doc_id)
        if not os.path.lexists(path):
            raise NotFoundError(t("storage.no_such_id", id=doc_id, library=self.root))
        return self._move_to_trash(path)

    def trash(self, path: Path) -> Path:
        """Move a file the library lists (its name need not be a valid id) into ``.trash/``."""
        path = Path(path)
        if path.parent != self.root or path not in library_files(self.root):
            raise StorageError(t("files.not_listed", path=path, library=self.root))
        return self._move_to_trash(path)

    def _move_to_trash(self, path: Path) -> Path:
        """Only a regular file (and its backup when regular) is moved, into a real folder
        ``.trash`` of the library: a symlink there must not carry the document outside."""
        try:
            existing_regular(path)
        except RefusedFileError as refused:
            raise StorageError(t("storage.delete_failed", path=path,
                                 reason=refused.reason_about(path))) from refused
        lock = WriterLock(path, action="delete").acquire()
        try:
            target = self._rename_into_trash(path)
        finally:
            lock.release()
        if is_valid_id(path.stem):
            forget_stage(self.root, path.stem)
        return target

    def replace(self, doc: Postmortem) -> Path | None:
        """Put a fresh file for ``doc`` in place of the postmortem with its id (``demo``).

        The new file is written in full first; only then does the old one go to ``.trash/``
        (returned, or None if there was none). A failure to write (a full disk) leaves the old
        file where it was, untouched.
        """
        from postmortem.model import Postmortem
        from storage.document_file import RECORD_ID
        path = self.path_for(doc.id)
        data = doc.to_dict()
        Postmortem.from_dict(data)  # never write a file that could not be opened again
        encoded = document_bytes({TABLE: {str(RECORD_ID): data}})  # what DocumentFile.create writes
        lock = WriterLock(path, action="delete").acquire()
        try:
            # A temp name: an interrupted replace leaves a file the next open cleans up.
            staged = path.with_name(f".{path.name}{TEMP_MARKER}new-{secrets.token_hex(6)}")
            atomic_write(staged, encoded, keep_backup=False)
            trashed = None
            try:
                if os.path.lexists(path):
                    existing_regular(path)  # a link or a FIFO there is refused, never moved
                    trashed = self._rename_into_trash(path)
                os.rename(staged, path)
            except BaseException:
                for undo in (lambda: os.unlink(staged), lambda: trashed and os.rename(trashed, path)):
                    try:
                        undo()  # the new copy goes, the old one comes back
                    except OSError:
                        pass
                raise
            try:
                fsync_folder(self.root)
            except OSError:
                pass  # renamed already; only its durability on a power cut is in question
        finally:
            lock.release()
        forget_stage(self.root, doc.id)
        return trashed

    def _rename_into_trash(self, path: Path) -> Path:
        """Rename ``path`` (and its backup, when a regular file) into a real ``.trash/`` folder;
        the caller holds the writer lock and has checked that ``path`` is a regular file."""
        trash = self._trash_folder(path, "storage.delete_failed")
        target = _free_name(trash, path.name)
        try:
            os.rename(path, target)  # a rename inside the library: the same file, never a copy
        except OSError as error:
            raise StorageError(t("storage.delete_failed", path=path,
                                 reason=os.strerror(error.errno or 0))) from error
        backup = backup_path(path)
        try:
            if existing_regular(backup) is not None:
                os.rename(backup, backup_path(target))
        except (OSError, StorageError):
            pass  # the document itself is safe in the trash; a stray backup is harmless
        for folder in (trash, self.root):
            try:
                fsync_folder(folder)
            except OSError:
                pass
        return target

    def restore_backup(self, path: Path) -> Path:
        """Put ``<name>.bak`` in place of a file that does not parse; returns where the broken
        file went (``.trash/``). The broken file is moved, never written over or unlinked."""
        path = Path(path)
        backup = backup_path(path)
        load_document(backup)  # the backup must itself be a good postmortem
        try:
            data = read_regular_bytes(backup, follow_symlinks=False)
        except RefusedFileError as refused:
            raise StorageError(t("storage.restore_failed", path=path, reason=refused.reason)) from refused
        lock = WriterLock(path, action="open").acquire()
        try:
            trash = self._trash_folder(path, "storage.restore_failed")
            target = _free_name(trash, path.name + ".broken")
            try:
                os.rename(path, target)
            except OSError as error:
                raise StorageError(t("storage.restore_failed", path=path,
                                     reason=os.strerror(error.errno or 0))) from error
            atomic_write(path, data, keep_backup=False)
            fsync_folder(trash)
        finally:
            lock.release()
        return target

    # Internals ---------------------------------------------------------------------------

    def _not_an_id(self, path: Path) -> str:
        from postmortem.ids import slugify
        suggestion = slugify(path.stem, taken=self.taken_ids()) + SUFFIX
        return t("files.not_an_id", name=path.name, suggestion=suggestion)

    def _trash_folder(self, path: Path, failure: str) -> Path:
        """``<root>/.trash``, made owner-only if missing; a symlink or a file there is refused."""
        trash = self.root / TRASH
        if os.path.lexists(trash):
            _refuse_unless_folder(trash, path, failure)
        try:
            _make_private_folder(trash)
        except StorageError as error:
            raise StorageError(t(failure, path=path, reason=str(error))) from error
        _refuse_unless_folder(trash, path, failure)  # and not swapped for a link meanwhile
        return trash


_NEVER = datetime.min.replace(tzinfo=timezone.utc)


def _refuse_unless_folder(trash: Path, path: Path, failure: str) -> None:
    try:
        kind = kind_of(os.lstat(trash).st_mode)
    except OSError:
        kind = "other"
    if kind != "folder":
        raise StorageError(t(failure, path=path, reason=t(
            "files.reason.trash_not_folder", path=trash, kind=t(f"files.kind.{kind}"))))


def _make_private_folder(folder: Path) -> None:
    """Create ``folder`` readable by the owner only (postmortems may contain PII)."""
    if folder.is_dir():
        return
    try:
        folder.mkdir(parents=True, mode=0o700)
        os.chmod(folder, 0o700)  # mkdir's mode goes through the umask
    except FileExistsError:
        if not folder.is_dir():
            raise StorageError(t("storage.library_unusable", path=folder,
                                 reason=os.strerror(errno.ENOTDIR))) from None
    except OSError as error:
        raise StorageError(t("storage.library_unusable", path=folder,
                             reason=os.strerror(error.errno or 0))) from error


def _free_name(folder: Path, name: str) -> Path:
    """``folder/name``, or with a UTC timestamp (and a counter) before the suffix if taken."""
    target = folder / name
    if not os.path.lexists(target) and not os.path.lexists(backup_path(target)):
        return target
    stem, suffix = name[: -len(SUFFIX)], SUFFIX
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    n = 1
    while True:
        candidate = folder / (f"{stem}.{stamp}{suffix}" if n == 1 else f"{stem}.{stamp}-{n}{suffix}")
        if not os.path.lexists(candidate) and not os.path.lexists(backup_path(candidate)):
            return candidate
        n += 1

