"""The library's trash: what ``Library.delete`` moved into ``<root>/.trash/``, and moving it back.

Listing reads each file without the lock (as the library listing does). Restoring puts a file
back as ``<id>.json`` under the id it holds, and refuses when the library already has a
postmortem of that id: a restore never writes over anything. Nothing here follows a symlink
or unlinks a postmortem (the file is linked under its new name before the old name goes).
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from postmortem.i18n import t
from storage.atomic import backup_path, fsync_folder
from storage.errors import AlreadyExistsError, NotFoundError, StorageError
from storage.library import SUFFIX, TRASH, Library
from storage.reading import load_document


@dataclass(frozen=True)
class TrashEntry:
    """One postmortem in the trash; ``problem`` says why it cannot be read (then no title)."""

    name: str                # the file's name inside .trash/
    path: Path
    moved_at: datetime       # when it was moved there (the file's status change time, UTC)
    doc_id: str = ""
    title: str = ""
    problem: str | None = None


def trash_folder(library: Library) -> Path:
    return library.root / TRASH


def list_trash(library: Library) -> list[TrashEntry]:
    """Every ``*.json`` regular file of the trash, most recently moved first."""
    folder = trash_folder(library)
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    entries = []
    for name in names:
        path = folder / name
        try:
            info = os.lstat(path)
        except OSError:
            continue
        if not name.endswith(SUFFIX) or name.startswith(".") or not stat.S_ISREG(info.st_mode):
            continue
        # A rename changes the file's status time, not its modification time: ctime is when
        # it went to the trash.
        moved_at = datetime.fromtimestamp(info.st_ctime, timezone.utc)
        try:
            doc = load_document(path)
        except (StorageError, OSError) as error:
            entries.append(TrashEntry(name, path, moved_at, doc_id=name.split(".")[0],
                                      problem=str(error)))
            continue
        entries.append(TrashEntry(name, path, moved_at, doc_id=doc.id, title=doc.title))
    entries.sort(key=lambda e: e.name)
    entries.sort(key=lambda e: e.moved_at, reverse=True)
    return entries


def restore(library: Library, name: str) -> Path:
    """Move ``.trash/<name>`` back into the library as ``<id>.json``; returns the new path.

    Raises ``AlreadyExistsError`` when a postmortem of that id is in the library (nothing is
    moved), ``NotFoundError`` when the trash has no such file, ``StorageError`` otherwise.
    """
    folder = trash_folder(library)
    if "/" in name or name in ("", ".", "..") or not name.endswith(SUFFIX):
        raise NotFoundError(t("storage.trash_missing", name=name))
    source = folder / name
    try:
        if not stat.S_ISREG(os.lstat(source).st_mode):
            raise NotFoundError(t("storage.trash_missing", name=name))
    except FileNotFoundError:
        raise NotFoundError(t("storage.trash_missing", name=name)) from None
    doc = load_document(source)   # a file that does not read is not put back among the others
    target = library.path_for(doc.id)
    _move_without_replacing(source, target, doc.id, doc.title)
    old_backup, new_backup = backup_path(source), backup_path(target)
    if os.path.lexists(old_backup) and not os.path.lexists(new_backup):
        try:
            _move_without_replacing(old_backup, new_backup, doc.id, doc.title)
        except StorageError:
            pass  # the postmortem is back; a backup left in the trash is harmless
    for changed in (folder, library.root):
        try:
            fsync_folder(changed)
        except OSError:
            pass
    return target


def _move_without_replacing(source: Path, target: Path, doc_id: str, title: str) -> None:
    taken = AlreadyExistsError(t("storage.restore_taken", id=doc_id, title=title or doc_id))
    try:
        os.link(source, target, follow_symlinks=False)   # fails if the name is taken
    except FileExistsError:
        raise taken from None
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise StorageError(t("storage.restore_trash_failed", path=source,
                                 reason=os.strerror(error.errno or 0))) from error
        # A file system without hard links: check, then rename (the window is the check).
        if os.path.lexists(target):
            raise taken from None
        try:
            os.rename(source, target)
        except OSError as rename_error:
            raise StorageError(t("storage.restore_trash_failed", path=source,
                                 reason=os.strerror(rename_error.errno or 0))) from rename_error
        return
    os.unlink(source)
