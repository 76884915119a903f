"""One writer per postmortem file (DESIGN §8).

The lock is ``flock`` on a separate file ``<name>.lock`` next to the document: the document itself
is replaced by every save, so it cannot carry the lock. The kernel drops the lock when the
holder dies, so a crash never leaves a stale lock behind (only, at worst, a lock file that
the next writer reuses). The lock file records the holder's
pid and host, only to make the "open in another window" message useful.
"""

from __future__ import annotations

import errno
import fcntl
import os
import socket
from pathlib import Path

from postmortem.i18n import t
from storage.atomic import lock_path
from storage.errors import LockedError, StorageError
from storage.regular_files import RefusedFileError, open_own_file

# The folder refuses files: we cannot be the writer, but the document can still be read.
_NOT_WRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS}


class WriterLock:
    def __init__(self, path_of_document: Path, *, action: str = "open") -> None:
        self.document = Path(path_of_document)
        # Next to the name given, not where a symlink points: a symlinked document is never
        # written (storage/regular_files.py), so it needs no writer.
        self.path = lock_path(self.document)
        self.action = action
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> "WriterLock":
        """Take the lock or raise ``LockedError`` naming the holder."""
        if self._fd is not None:
            return self
        while True:
            fd = self._open_lock_file()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                pid, host = _read_owner(fd)
                os.close(fd)
                raise LockedError(self.document, pid, host, action=self.action) from None
            except OSError as error:
                os.close(fd)
                raise self._failure(error) from error
            # A delete may have removed the lock file between our open and our flock:
            # a lock on a file nobody else can find would not exclude anyone.
            if _still_named(fd, self.path):
                break
            os.close(fd)
        _record_owner(fd)
        self._fd = fd
        return self

    def release(self, *, remove_file: bool = True) -> None:
        """Let go of the lock, removing the lock file first so no litter stays in the library.

        Removing it while still holding it is safe: ``acquire`` checks that the file it locked
        is still the one named ``<name>.lock``, and starts over otherwise.
        """
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if remove_file:
            try:
                os.unlink(self.path)
            except OSError:
                pass
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def __enter__(self) -> "WriterLock":
        return self.acquire()

    def __exit__(self, *exc_info: object) -> None:
        self.release()

    def _open_lock_file(self) -> int:
        """The lock file, written in place: only a regular file with no other name, never
        through a symlink (a planted ``<name>.lock`` link must not truncate its target)."""
        try:
            fd = open_own_file(self.path, 0o600)
        except RefusedFileError as refused:
            raise LockedError(self.document, action=self.action, reason=refused.reason) from refused
        except OSError as error:
            raise self._failure(error) from error
        try:
            os.fchmod(fd, 0o600)  # created 0600 whatever the umask; someone else's file stays as it is
        except OSError:
            pass
        return fd

    def _failure(self, error: OSError) -> StorageError:
        reason = os.strerror(error.errno) if error.errno else str(error)
        if error.errno in _NOT_WRITABLE:
            return LockedError(self.document, action=self.action, reason=reason)
        return StorageError(t("storage.lock_failed", path=self.document, reason=reason))


def _still_named(fd: int, path: Path) -> bool:
    try:
        named = os.lstat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


def _record_owner(fd: int) -> None:
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {socket.gethostname()}\n".encode(), 0)
    except OSError:
        pass  # only the message suffers (a full disk must not stop a file from opening)


def _read_owner(fd: int) -> tuple[int | None, str | None]:
    try:
        pid, host = os.pread(fd, 512, 0).decode("utf-8", "replace").split()
        return int(pid), host
    except (OSError, ValueError):
        return None, None
