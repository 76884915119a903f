"""Where an export may be written (``export -o``, the export screen; DESIGN §7, §8).

An export goes to a new path or replaces a regular file. It never replaces what a symlink points
to (nor the link), never writes onto a device, FIFO, socket or folder, and never onto a file of
the library: the postmortem files themselves, their backups and locks, and the library's hidden
state and trash — nor the postmortem being exported, wherever it is. Replacing a file is atomic
(a new file renamed over it) and keeps its permission bits, which the person who made it chose;
a new file is owner-only, like everything the app writes.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from postmortem.i18n import t
from storage.atomic import BACKUP_SUFFIX, atomic_write
from storage.errors import StorageError
from storage.regular_files import replaceable

LIBRARY_SUFFIXES = (".json", ".json" + BACKUP_SUFFIX, ".json.lock")


def write_export_file(path: Path, data: bytes, *, library: Path | None = None,
                      source: Path | None = None) -> None:
    """Write ``data`` to ``path`` under the rules above; ``StorageError`` (one sentence) if not."""
    path = Path(path)
    refuse_library_file(path, library, source)
    current = replaceable(path)
    mode = stat.S_IMODE(current.st_mode) & 0o777 if current is not None else 0o600
    atomic_write(path, data, keep_backup=False, mode=mode)


def refuse_library_file(path: Path, library: Path | None, source: Path | None) -> None:
    """``StorageError`` when ``path`` names a file of the library or the exported postmortem."""
    where = _real(path)
    if source is not None:
        own = _real(Path(source))
        if where in (own, own + BACKUP_SUFFIX, own + ".lock"):
            raise StorageError(t("files.export_onto_source", path=path, source=source))
    if library is None:
        return
    relative = os.path.relpath(where, _real(Path(library)))
    parts = Path(relative).parts
    if not parts or parts[0] == os.pardir:
        return  # outside the library
    if len(parts) == 1:
        owned = parts[0].startswith(".") or parts[0].endswith(LIBRARY_SUFFIXES)
    else:
        owned = parts[0].startswith(".")  # .trash and any other hidden folder of the library
    if owned:
        raise StorageError(t("files.export_onto_library", path=path, library=library))


def _real(path: Path) -> str:
    """The path with its folders' links resolved, the last name kept as it is."""
    return os.path.join(os.path.realpath(path.parent), path.name)


__all__ = ["refuse_library_file", "write_export_file"]
