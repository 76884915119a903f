"""What can go wrong when reading and writing postmortem files.

Every error's ``str()`` is one sentence for the user, taken from the catalogue
(``postmortem/locale/en/storage.toml``); the attributes carry the details for code.
"""

from __future__ import annotations

import os
from pathlib import Path

from postmortem.fields import show_value
from postmortem.i18n import t


class StorageError(Exception):
    """Base of every storage failure; ``str(error)`` is a clear sentence for the user."""


class CorruptFileError(StorageError):
    """A file that does not parse as a postmortem; it is never written over."""

    def __init__(self, path: Path, reason: str, backup: Path | None = None) -> None:
        self.path, self.reason, self.backup = Path(path), reason, backup
        if backup is None:
            message = t("storage.corrupt", path=self.path, reason=reason)
        else:
            message = t("storage.corrupt_backup", path=self.path, reason=reason, backup=backup)
        super().__init__(message)


class LockedError(StorageError):
    """This process cannot be the writer of the file: another window holds its lock file,
    or (``reason`` set) the folder does not let us create one (read-only file system).

    ``action`` (``open``, ``delete``, ``create``) picks the sentence; after ``open`` the caller
    is expected to reopen the file read-only, as the message says.
    """

    def __init__(self, path: Path, pid: int | None = None, host: str | None = None, *,
                 action: str = "open", reason: str | None = None) -> None:
        self.path, self.pid, self.host, self.action, self.reason = Path(path), pid, host, action, reason
        if reason is not None:
            message = t(f"storage.not_writable.{action}", path=self.path, reason=reason)
        else:
            owner = (t("storage.owner", pid=pid, host=host) if pid is not None and host
                     else t("storage.owner_unknown"))
            message = t(f"storage.locked.{action}", path=self.path, owner=owner)
        super().__init__(message)


class SaveError(StorageError):
    """A save failed; the previous file on disk is untouched."""

    def __init__(self, path: Path, reason: str, errno: int | None = None) -> None:
        self.path, self.reason, self.errno = Path(path), reason, errno
        super().__init__(t("storage.save_failed", path=self.path, reason=reason))

    @classmethod
    def from_os_error(cls, path: Path, error: OSError) -> "SaveError":
        # strerror ("No space left on device") reads better than the repr with paths in it.
        code = error.errno
        reason = os.strerror(code) if code else (str(error) or type(error).__name__)
        return cls(path, reason, code)


class InvalidIdError(StorageError, ValueError):
    """An id that is not a slug, so it could name a path outside the library."""

    def __init__(self, candidate: object) -> None:
        self.candidate = candidate
        super().__init__(t("storage.invalid_id", id=show_value(candidate)))


class NotFoundError(StorageError):
    """No postmortem with that id, or no such file."""


class AlreadyExistsError(StorageError):
    """Creating or importing would replace an existing postmortem; nothing was written."""
