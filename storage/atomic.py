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
from pathlib import Path
from typing import Any

import orjson

from storage.errors import SaveError

TEMP_MARKER = ".tmp-"
BACKUP_SUFFIX = ".bak"

# Filesystems without hard links (or across devices): copy the previous version instead.
_NO_LINK = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS}
# Folders whose fsync the filesystem does not support; the rename is as durable as it gets.
_NO_FOLDER_FSYNC = {errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF}

_ORJSON_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE
# orjson writes 64-bit integers only; Python's json any integer.
_SMALLEST_INT, _BIGGEST_INT = -2**63, 2**64 - 1


def dumps_document(data: Any) -> str:
    """Deterministic JSON: sorted keys, 2-space indent, non-ASCII kept readable, final newline."""
    fast = plain_json_bytes(data)
    return fast.decode("utf-8") if fast is not None else stdlib_dumps(data)


def document_bytes(data: Any) -> bytes:
    """``dumps_document(data)`` as UTF-8, without decoding the fast path's bytes to encode them again."""
    fast = plain_json_bytes(data)
    return fast if fast is not None else stdlib_dumps(data).encode("utf-8")


def plain_json_bytes(data: Any) -> bytes | None:
    """``dumps_document(data)`` as UTF-8 when ``data`` holds only plain JSON values (which read back
    as equal values), written by orjson; ``None`` for anything else.

    orjson's bytes are the standard library's for plain JSON (tests/test_save_speed_json.py proves
    it); everything else is left to ``json``, which writes or refuses it as it always did: floats
    (``1e-05``, ``NaN``), integers beyond 64 bits, tuples, subclasses, types orjson would write but
    json refuses, and strings with lone surrogates.
    """
    try:
        fast = orjson.dumps(data, option=_ORJSON_OPTIONS)
    except orjson.JSONEncodeError:
        return None
    # Checked after encoding: having encoded it, orjson proved it is neither circular nor too deep.
    return fast if _is_plain_json(data) else None


def stdlib_dumps(data: Any) -> str:
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _is_plain_json(value: Any) -> bool:
    """Only dicts with ``str`` keys, lists, ``str``, 64-bit ``int``, ``bool`` and ``None``."""
    pending = [value]
    while pending:
        item = pending.pop()
        kind = type(item)
        if kind is str or item is None or kind is bool:
            continue
        if kind is dict:
            for key in item:
                if type(key) is not str:
                    return False
            pending.extend(item.values())
        elif kind is list:
            pending.extend(item)
        elif kind is not int or not _SMALLEST_INT <= item <= _BIGGEST_INT:
            return False
    return True


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + BACKUP_SUFFIX)


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def is_temp_name(name: str) -> bool:
    return name.startswith(".") and TEMP_MARKER in name


def atomic_write(path: Path, data: bytes, *, keep_backup: bool = True, mode: int = 0o600) -> os.stat_result:
    """Replace ``path`` with ``data`` atomically; raise ``SaveError`` and leave it untouched on failure.

    Returns the status of the file written, taken from its own descriptor before the rename (which
    changes only its ctime), so it describes this save's file even if another one replaced it since.
    """
    # Through a symlink, write where it points and keep the link itself.
    target = Path(os.path.realpath(path))
    temps: list[Path] = []
    try:
        temp, written = _write_temp(target.parent, target.name, data, mode, temps)
        if keep_backup and os.path.exists(target):
            _keep_backup(target, temps)
        os.replace(temp, target)
        temps.remove(temp)
        fsync_folder(target.parent)
    except OSError as error:
        for leftover in temps:
            _remove_quietly(leftover)
        raise SaveError.from_os_error(Path(path), error) from error
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


def _new_temp(folder: Path, name: str, mode: int) -> tuple[int, Path]:
    while True:
        temp = folder / f".{name}{TEMP_MARKER}{secrets.token_hex(6)}"
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
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


def _keep_backup(target: Path, temps: list[Path]) -> None:
    """Make ``<name>.bak`` the current version, replacing the older backup in one rename."""
    name = target.name + BACKUP_SUFFIX
    try:
        # Saves never modify a file in place, so a second name for the old inode is a backup.
        link = target.parent / f".{name}{TEMP_MARKER}{secrets.token_hex(6)}"
        os.link(target, link)
        temps.append(link)
    except OSError as error:
        if error.errno not in _NO_LINK:
            raise
        link, _ = _write_temp(target.parent, name, target.read_bytes(), 0o600, temps)
    os.replace(link, target.parent / name)
    temps.remove(link)


def _remove_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
