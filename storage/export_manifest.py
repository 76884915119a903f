"""The files ``export-library`` wrote into its folder, so that exporting again removes the ones
it no longer writes (a postmortem deleted, or now left out) and nothing else.

Rules decided here:

- The list is ``DIR/.postmortem-export.json``: ``{"files": [names]}``, sorted. Only plain file
  names count: no folder part (``/`` or ``\\``), not hidden, ending in ``.md``. Anything else
  in it (``../x.md``, an absolute path, a number) is ignored, never followed.
- A file is removed only when the list names it, this export does not write it, it is a
  regular file (not a symlink, not a folder) and not a file of the library. A user's own notes
  in the folder are never in the list, so they stay.
- Before writing any file the list is widened to what this export may write (except names
  that already exist and the list does not hold: those are someone else's until written);
  after the export it is exactly what was written. A crash in between leaves a file behind at
  worst, never removes one that is not the export's.
- A list that does not read removes nothing; the export says so and writes a new one.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from postmortem.i18n import t
from storage.atomic import document_bytes
from storage.errors import StorageError
from storage.export_target import refuse_library_file, write_export_file
from storage.regular_files import RefusedFileError, read_regular_bytes

MANIFEST_NAME = ".postmortem-export.json"


class Manifest(NamedTuple):
    names: frozenset[str]
    problem: str | None      # one sentence when a list was there but did not read


class Removal(NamedTuple):
    removed: list[str]       # names
    kept: list[str]          # names that could not be removed: still the export's
    problems: list[str]      # one sentence each


def is_plain_name(name: object) -> bool:
    """``name`` is a Markdown file name of the folder itself, nothing that leads elsewhere."""
    return (isinstance(name, str) and name.endswith(".md") and not name.startswith(".")
            and "/" not in name and "\\" not in name and "\0" not in name
            and os.path.basename(name) == name)


def read_manifest(folder: Path) -> Manifest:
    path = folder / MANIFEST_NAME
    try:
        raw = read_regular_bytes(path, follow_symlinks=False)
    except FileNotFoundError:
        return Manifest(frozenset(), None)
    except (OSError, RefusedFileError):
        return Manifest(frozenset(), t("team.export.manifest_unreadable", path=path))
    try:
        files = json.loads(raw.decode("utf-8"))["files"]
        if not isinstance(files, list):
            raise TypeError(files)
    except (ValueError, KeyError, TypeError):
        return Manifest(frozenset(), t("team.export.manifest_unreadable", path=path))
    return Manifest(frozenset(name for name in files if is_plain_name(name)), None)


def write_manifest(folder: Path, names: Iterable[str], *, library: Path) -> None:
    data = document_bytes({"files": sorted(set(names))})
    write_export_file(folder / MANIFEST_NAME, data, library=library)


def widened(folder: Path, previous: frozenset[str], planned: Iterable[str]) -> set[str]:
    """What the list holds while an export runs: see the rules above."""
    return set(previous) | {name for name in planned if name in previous
                            or not os.path.lexists(folder / name)}


def remove_stale(folder: Path, previous: frozenset[str], written: set[str], *,
                 library: Path) -> Removal:
    """Remove the files ``previous`` names that this export did not write (rules above)."""
    removal = Removal([], [], [])
    for name in sorted(previous - written):
        if not is_plain_name(name):
            continue
        path = folder / name
        try:
            if not stat.S_ISREG(os.lstat(path).st_mode):
                continue   # replaced by something else since: not the export's any more
            refuse_library_file(path, library, None)
            os.unlink(path)
        except FileNotFoundError:
            continue
        except StorageError:
            continue
        except OSError as error:
            removal.kept.append(name)
            removal.problems.append(t("team.export.cannot_remove", name=name,
                                      reason=os.strerror(error.errno or 0)))
            continue
        removal.removed.append(name)
    return removal
