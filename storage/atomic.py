"""Crash-safe file writes (DESIGN §8).

A save writes a temporary file in the same folder, flushes and fsyncs it, keeps the previous
version as ``<name>.bak``, renames the temporary file over the old one and fsyncs the folder.
At every instant the file on disk is either the whole old version or the whole new one.
"""

from __future__ import annotations

import errno
import json
import os
import secrets
import stat
from pathlib import Path
from typing import Any

from storage.errors import SaveError
from storage.regular_files import (NotRegularFileError, RefusedFileError, existing_regular, kind_of,
                                   read_regular_bytes, replaceable)

TEMP_MARKER = ".tmp-"
BACKUP_SUFFIX = ".bak"

# Filesystems without hard links (or across devices): copy the previous version instead.
_NO_LINK = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS}
# Folders whose fsync the filesystem does not support; the rename is as durable as it gets.
_NO_FOLDER_FSYNC = {errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF}

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def document_bytes(data: Any) -> bytes:
    """Deterministic JSON (DESIGN §4): sorted keys, 2-space indent, non-ASCII kept readable, a
    final newline, as UTF-8. The one writer of documents, library files and rescue copies."""
    return (json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + BACKUP_SUFFIX)


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def is_temp_name(name: str) -> bool:
    return name.startswith(".") and TEMP_MARKER in name


def atomic_write(path: Path, data: bytes, *, keep_backup: bool = True, mode: int = 0o600) -> os.stat_result:
    """Replace ``path`` with ``data`` atomically; raise ``SaveError`` and leave it untouched on failure.

    Only a regular file is replaced (or a new one made): a symlink at ``path`` or at its backup's
    name is refused, never written through, and so is a file its owner made read-only
    (storage/regular_files.py). Returns the status of the file written, taken from its own
    descriptor before the rename (which changes only its ctime), so it describes this save's file
    even if another one replaced it since.
    """
    path = Path(path)
    folder = path.parent
    temps: list[Path] = []
    try:
        current = replaceable(path)
        if keep_backup:
            existing_regular(backup_path(path))
        temp, written = _write_temp(folder, path.name, data, mode, temps)
        if keep_backup and current is not None:
            _keep_backup(path, current, temps)
        # A name swapped for a symlink since the check is replaced itself: rename never follows it.
        os.replace(temp, path)
        temps.remove(temp)
        fsync_folder(folder)
    except (OSError, RefusedFileError) as error:
        for leftover in temps:
            _remove_quietly(leftover)
        if isinstance(error, RefusedFileError):
            raise SaveError(path, error.reason_about(path)) from error
        raise SaveError.from_os_error(path, error) from error
    return written


def clean_temp_files(folder: Path, name: str | None = None) -> list[Path]:
    """Remove leftover ``.*.tmp-*`` files of interrupted saves (only those of ``name`` if given).

    Best effort: a folder we cannot read or write is not a reason to refuse opening a file.
    """
    prefixes = None if name is None else (f".{name}{TEMP_MARKER}", f".{name}{BACKUP_SUFFIX}{TEMP_MARKER}")
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not is_temp_name(entry.name) or (prefixes and not entry.name.startswith(prefixes)):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    except OSError as error:
        if error.errno not in _NO_FOLDER_FSYNC:
            raise
    finally:
        os.close(fd)


def _temp_name(folder: Path, name: str) -> Path:
    return folder / f".{name}{TEMP_MARKER}{secrets.token_hex(6)}"


def _new_temp(folder: Path, name: str, mode: int) -> tuple[int, Path]:
    # O_EXCL: a name someone planted (a symlink included) is never opened; another is drawn.
    while True:
        temp = _temp_name(folder, name)
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, mode)
        except FileExistsError:
            continue
        return fd, temp


def _write_temp(folder: Path, name: str, data: bytes, mode: int,
                temps: list[Path]) -> tuple[Path, os.stat_result]:
    fd, temp = _new_temp(folder, name, mode)
    temps.append(temp)
    try:
        os.fchmod(fd, mode)  # the umask must not decide who can read a postmortem
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
        status = os.fstat(fd)
    finally:
        os.close(fd)
    return temp, status


def _keep_backup(target: Path, current: os.stat_result, temps: list[Path]) -> None:
    """Make ``<name>.bak`` the current version, replacing the older backup in one rename.

    Saves never modify a file in place, so a second name for the old inode is a backup — when
    that inode is ours alone and owner-only. A file made by hand (another mode) or with other
    names is copied instead: the backup is 0600 and no other name of it changes mode.
    """
    name = target.name + BACKUP_SUFFIX
    link = None
    if stat.S_IMODE(current.st_mode) == 0o600 and current.st_nlink == 1:
        link = _link_backup(target, name, temps)
    if link is None:
        old = read_regular_bytes(target, follow_symlinks=False)
        link, _ = _write_temp(target.parent, name, old, 0o600, temps)
    os.replace(link, target.parent / name)
    temps.remove(link)


def _link_backup(target: Path, name: str, temps: list[Path]) -> Path | None:
    """A temporary second name for ``target``'s inode; ``None`` where hard links are not supported."""
    while True:
        link = _temp_name(target.parent, name)
        try:
            os.link(target, link, follow_symlinks=False)
        except FileExistsError:
            continue  # a planted name: draw another
        except OSError as error:
            if error.errno in _NO_LINK:
                return None
            raise
        temps.append(link)
        break
    linked = os.lstat(link)
    if not stat.S_ISREG(linked.st_mode):  # swapped for a link or a FIFO since it was checked
        raise NotRegularFileError(target, kind_of(linked.st_mode))
    return link


def _remove_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
