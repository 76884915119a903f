"""Only regular files (DESIGN §8): the app reads regular files only, and writes a file only when
the name itself is a regular file (or nothing yet) — never through a symbolic link, never onto a
FIFO, device, socket or folder, never in place into a file that has other names.

A team repository can carry such things into a library, so every decision is made on what the
name is (``lstat``) and again on what was actually opened (``fstat``, with ``O_NOFOLLOW`` and
``O_NONBLOCK``): a name swapped between the two is refused too, and opening a FIFO never waits
for a writer. Policy for symlinked documents: they may be read (and opened read-only, saying
why), never written through; a library folder given as a symlink is fine, because only the last
component of each name is checked. As root, access checks do not apply, so "read-only" means
the owner's write bit is clear.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from postmortem.i18n import t
from storage.errors import StorageError

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class RefusedFileError(StorageError):
    """A file the app will not read or write; ``reason`` is a clause that can finish another
    sentence ("Could not save X: <reason>."), ``str()`` a sentence of its own."""

    def __init__(self, path: Path, reason: str, sentence: str, reason_itself: str | None = None) -> None:
        self.path, self.reason = Path(path), reason
        self._reason_itself = reason_itself or reason
        super().__init__(sentence)

    def reason_about(self, subject: Path) -> str:
        """The clause for a sentence that already names ``subject``: "it …" when it is this file."""
        return self._reason_itself if Path(subject) == self.path else self.reason


class NotRegularFileError(RefusedFileError):
    def __init__(self, path: Path, kind: str, *, reading: bool = False) -> None:
        self.kind = kind
        shown = t(f"files.kind.{kind}")
        sentence = t("files.not_regular_read" if reading else "files.not_regular_write",
                     path=path, kind=shown)
        itself = (t("files.reason.symlink_itself") if kind == "symlink"
                  else t("files.reason.not_regular_itself", kind=shown))
        super().__init__(path, t("files.reason.not_regular", path=path, kind=shown), sentence, itself)


class HardLinkedFileError(RefusedFileError):
    def __init__(self, path: Path) -> None:
        reason = t("files.reason.hard_linked", path=path)
        super().__init__(path, reason, reason + ".")


class ReadOnlyFileError(RefusedFileError):
    def __init__(self, path: Path, mode: int) -> None:
        self.mode = mode
        reason = t("files.reason.read_only_mode", path=path, mode=f"{mode:04o}")
        itself = t("files.reason.read_only_mode_itself", mode=f"{mode:04o}")
        super().__init__(path, reason, reason + ".", itself)


def kind_of(mode: int) -> str:
    """``regular`` or the catalogue word for what else a file is."""
    if stat.S_ISREG(mode):
        return "regular"
    if stat.S_ISLNK(mode):
        return "symlink"
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "other"


def existing_regular(path: Path) -> os.stat_result | None:
    """The status of ``path`` itself when it is a regular file, ``None`` when nothing has that
    name; ``NotRegularFileError`` for anything else (a symlink included, whatever it points to)."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return None
    kind = kind_of(status.st_mode)
    if kind != "regular":
        raise NotRegularFileError(path, kind)
    return status


def replaceable(path: Path) -> os.stat_result | None:
    """``existing_regular(path)``, also refusing a file whose owner made it read-only."""
    status = existing_regular(path)
    if status is not None and not status.st_mode & stat.S_IWUSR:
        raise ReadOnlyFileError(path, stat.S_IMODE(status.st_mode))
    return status


def check_document_writable(path: Path, backup: Path) -> None:
    """Refuse (``RefusedFileError``) to become the writer of a document whose saves would be
    refused: the document is not a replaceable regular file, or its backup is not one."""
    replaceable(path)
    existing_regular(backup)


def open_own_file(path: Path, mode: int = 0o600) -> int:
    """A descriptor for reading and writing ``path`` in place, creating it if missing: only a
    regular file with no other name, reached without following a symlink."""
    before = existing_regular(path)  # a device is refused before it is ever opened
    if before is not None and before.st_nlink != 1:
        raise HardLinkedFileError(path)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | _NOFOLLOW | _NONBLOCK | _CLOEXEC, mode)
    except OSError as error:
        _refuse_a_symlink(path, error)
        raise
    try:
        opened = os.fstat(fd)
        kind = kind_of(opened.st_mode)
        if kind != "regular":
            raise NotRegularFileError(path, kind)
        if opened.st_nlink != 1:
            raise HardLinkedFileError(path)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_regular(path: Path, *, follow_symlinks: bool = True) -> tuple[bytes, os.stat_result]:
    """The bytes of ``path``, a regular file (reached through a symlink only if allowed), and the
    status of the file they came from (taken on its own descriptor): the one way files are read.
    ``NotRegularFileError`` for anything else, without blocking on a FIFO or opening a device;
    ``OSError`` (``FileNotFoundError`` included) when it cannot be read. A file written in place
    while it was read is read again, so the bytes are one whole version of it."""
    while True:
        status = os.stat(path) if follow_symlinks else os.lstat(path)
        kind = kind_of(status.st_mode)
        if kind != "regular":
            raise NotRegularFileError(path, kind, reading=True)
        flags = os.O_RDONLY | _NONBLOCK | _CLOEXEC | (0 if follow_symlinks else _NOFOLLOW)
        try:
            fd = os.open(path, flags)
        except OSError as error:
            _refuse_a_symlink(path, error, reading=True)
            raise
        try:
            before = os.fstat(fd)
            kind = kind_of(before.st_mode)  # the name may have been swapped since the stat
            if kind != "regular":
                raise NotRegularFileError(path, kind, reading=True)
            chunks = []
            while chunk := os.read(fd, 1 << 20):
                chunks.append(chunk)
            after = os.fstat(fd)
        finally:
            os.close(fd)
        if _version(before) == _version(after):
            return b"".join(chunks), after


def read_regular_bytes(path: Path, *, follow_symlinks: bool = True) -> bytes:
    """``read_regular(path)``'s bytes."""
    return read_regular(path, follow_symlinks=follow_symlinks)[0]


def _version(status: os.stat_result) -> tuple[int, int, int]:
    # Writing in place moves the ctime even when the mtime is put back afterwards.
    return status.st_size, status.st_mtime_ns, status.st_ctime_ns


def _refuse_a_symlink(path: Path, error: OSError, *, reading: bool = False) -> None:
    """``O_NOFOLLOW`` on a symlink fails with ``ELOOP``: say it is a link (other errors are the caller's)."""
    if error.errno == errno.ELOOP:
        raise NotRegularFileError(path, "symlink", reading=reading) from error
