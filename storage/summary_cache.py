"""The library read as summaries, with a cache keyed by file identity (issue 17 §7).

``read_summaries`` gives every postmortem of a library as ``postmortem.library_summary``
sees it. A file whose identity — device, inode, size and modification time in nanoseconds —
is the one recorded in ``<library>/.cache/summaries.json`` is not read again: its cached
summary is used. Anything else is read (each file once) and recorded. The library's list
reads only the rows (``postmortem.summary``), kept in ``rows.json`` beside it by the same
rules: a twentieth of the size, so the list's start-up does not parse every postmortem's
actions and causes.

Rules decided here:

- The cache is never trusted over the file: an entry is used only for the identity it was
  read at (a save renames a new file into place, so it always changes the inode), and an
  entry is read by the same rules as the file; one that does not read is read from the file.
- A cache that is missing, does not parse, or has another version is rebuilt; one that cannot
  be written (a read-only library) is simply not kept. The cache is an optimisation only:
  nothing is ever lost by deleting it.
- It is kept outside git: ``.cache/`` holds a ``.gitignore`` of ``*``. It is written atomically,
  owner-only, and never through a symlink (a ``.cache`` that is not a real folder is not used).
- Files that cannot be read are not cached: they are read, and their problem said, each time.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, NamedTuple

from postmortem.fields import ValidationError
from postmortem.i18n import t
from postmortem.ids import is_valid_id
from postmortem.recurrence import read_recurrence_summary
from postmortem.summary import Summary, read_summary, summary_data
from storage.errors import CorruptFileError, StorageError
from storage.reading import document_data, library_files, parse_json
from storage.regular_files import read_regular

if TYPE_CHECKING:
    from postmortem.library_summary import DocumentSummary

CACHE_FOLDER = ".cache"
CACHE_NAME = "summaries.json"
ROWS_NAME = "rows.json"
VERSION = 2   # 2: summaries carry the number of merge conflicts (a version-1 cache says 0)


class Unreadable(NamedTuple):
    path: Path
    problem: str


class LibrarySummaries(NamedTuple):
    """Every postmortem of a library that reads, by id, and the files that do not."""

    summaries: list[DocumentSummary]
    unreadable: list[Unreadable]


def cache_path(root: Path, name: str = CACHE_NAME) -> Path:
    return Path(root) / CACHE_FOLDER / name


def identity(status: os.stat_result) -> list[int]:
    return [status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns]


def read_summaries(root: Path, *, keep_cache: bool = True) -> LibrarySummaries:
    """Every file of the library in ``root``, through the cache; the cache is written back
    when something in it changed (``keep_cache``: tests and read-only uses may say no)."""
    from postmortem.library_summary import read_document_summary
    whole = _summaries_part(read_document_summary, lambda summary: summary, whole=True)
    summaries, unreadable = read_or_why(read_parts(root, whole, keep_cache))
    summaries.sort(key=lambda s: s.id)
    return LibrarySummaries(summaries, unreadable)


def read_or_why(results: list[tuple[Path, Any, Exception | None]]) -> tuple[list, list[Unreadable]]:
    """The parts that read, and the files that did not with why."""
    found = [value for _, value, _ in results if value is not None]
    unreadable = [Unreadable(path, _problem(path, error))
                  for path, value, error in results if value is None]
    return found, unreadable


class Part(NamedTuple):
    """A part of each postmortem that a reader wants: read from an entry of the cache named
    ``cache``, or picked from the summary ``summarise`` makes of a file, which ``store`` turns
    into that cache's entry."""

    read: Callable[[Any], Any]
    pick: Callable[[Any], Any]
    whole: bool   # the whole summary: a file whose summary does not read is unreadable
    cache: str
    summarise: Callable[[Any], Any]
    store: Callable[[Any], dict[str, Any]]


ROW = Part(read_summary, lambda row: row, whole=True, cache=ROWS_NAME, summarise=read_summary,
           store=summary_data)


def recurrence_part() -> Part:
    """What the repeated-failure check compares of each postmortem (kept in summaries.json)."""
    return _summaries_part(read_recurrence_summary, lambda summary: summary.recurrence)


def _summaries_part(read: Callable[[Any], Any], pick: Callable[[Any], Any], whole: bool = False
                    ) -> Part:
    """A part kept in ``summaries.json``: a file read again is summarised in full for it.
    (``postmortem.library_summary`` and the model's classes are imported here, not for the
    list's rows.)"""
    from postmortem.library_summary import cache_data, read_document_summary
    return Part(read, pick, whole=whole, cache=CACHE_NAME, summarise=read_document_summary,
                store=cache_data)


def read_parts(root: Path, part: Part, keep_cache: bool, skip: str | None = None
               ) -> list[tuple[Path, Any, Exception | None]]:
    """``(path, part, None)`` for each file of the library whose part reads, ``(path, None,
    error)`` for the others, in file-name order; the file named ``skip`` is left out (its
    entry kept). Of a cache entry that still describes its file only the part is read
    (reading every entry in full cost as much as reading the files); a file read again is
    summarised for the part's cache (in full for ``summaries.json``), and is read all the same
    when only its part reads (a wrong action date does not hide a postmortem's causes): it is
    then not recorded."""
    root = Path(root)
    cached = load_cache(root, part.cache)
    recorded: dict[str, Any] = {}
    results: list[tuple[Path, Any, Exception | None]] = []
    for path in library_files(root):
        if path.name == skip:
            if path.name in cached:
                recorded[path.name] = cached[path.name]
            continue
        if not is_valid_id(path.stem):
            results.append((path, None, NotAnId(path)))
            continue
        try:
            value, entry = _read_part(path, cached.get(path.name), part)
        except (StorageError, OSError) as error:
            results.append((path, None, error))
            continue
        results.append((path, value, None))
        if entry is not None:
            recorded[path.name] = entry
    if keep_cache and recorded != cached:
        save_cache(root, recorded, part.cache)
    return results


class NotAnId(StorageError):
    """A file of the library whose name is no id: listed, never read."""

    def __init__(self, path: Path) -> None:
        super().__init__(t("team.not_an_id", name=path.name))
        self.path = path


def _read_part(path: Path, entry: Any, part: Part) -> tuple[Any, dict[str, Any] | None]:
    data = _cached(path, entry)
    if data is not None:
        try:
            return part.read(data), entry
        except ValidationError:
            pass  # read from the file below
    raw, status = read_regular(path)
    data = document_data(path, parse_json(path, raw))
    try:
        summary = part.summarise(data)
        return part.pick(summary), {"identity": identity(status), "summary": part.store(summary)}
    except ValidationError as error:
        if part.whole:
            raise CorruptFileError(path, str(error)) from error
    try:
        return part.read(data), None
    except ValidationError as error:
        raise CorruptFileError(path, str(error)) from error


def _cached(path: Path, entry: Any) -> Any:
    """The summary data of a cache entry that still describes ``path``, else None."""
    if isinstance(entry, dict):
        try:
            if entry.get("identity") == identity(os.stat(path)):
                return entry.get("summary")
        except OSError:
            pass
    return None


def _problem(path: Path, error: Exception) -> str:
    if isinstance(error, OSError) and not isinstance(error, StorageError):
        return t("storage.unreadable", path=path, reason=os.strerror(error.errno or 0))
    return str(error)


def load_cache(root: Path, name: str = CACHE_NAME) -> dict[str, Any]:
    """The entries of the cache by file name; empty when there is none or it is not usable."""
    data = read_cache_file(root, name)
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return {}
    entries = data.get("files")
    return entries if isinstance(entries, dict) else {}


def save_cache(root: Path, entries: dict[str, Any], name: str = CACHE_NAME) -> bool:
    """Write the cache atomically; False (and nothing changed) when it cannot be written.
    The summaries carry the rows: written, they write the rows the list reads too, so a list
    after ``actions`` or ``check --all`` reads no file either."""
    if not write_cache_file(root, name, {"version": VERSION, "files": entries}):
        return False
    if name == CACHE_NAME:
        return save_cache(root, {file: _row_entry(entry) for file, entry in entries.items()},
                          ROWS_NAME)
    return True


ROW_FIELDS = tuple(summary_data(Summary()))   # what a summary's row is made of


def _row_entry(entry: Any) -> Any:
    """The row of an entry of the summaries, as ``rows.json`` keeps it (an entry that is not
    one is kept as it is: it is not used, and its file is read when next asked for)."""
    summary = entry.get("summary") if isinstance(entry, dict) else None
    if not isinstance(summary, dict):
        return entry
    return {"identity": entry.get("identity"),
            "summary": {field: summary[field] for field in ROW_FIELDS if field in summary}}


def read_cache_file(root: Path, name: str) -> Any:
    """The JSON data of the file ``name`` of the library's cache folder; None when there is
    none or it does not read (never through a symlink)."""
    path = Path(root) / CACHE_FOLDER / name
    try:
        if not _real_folder(path.parent):
            return None
        raw, _ = read_regular(path, follow_symlinks=False)
        return json.loads(raw.decode("utf-8"))
    except (OSError, StorageError, ValueError):
        return None


def write_cache_file(root: Path, name: str, data: Any) -> bool:
    """Write ``data`` as the file ``name`` of the library's cache folder, atomically and
    owner-only; False (and nothing changed) when it cannot be written."""
    from storage.atomic import atomic_write
    folder = Path(root) / CACHE_FOLDER
    try:
        if not os.path.lexists(folder):
            folder.mkdir(mode=0o700)
            os.chmod(folder, 0o700)
        if not _real_folder(folder):
            return False
        ignore = folder / ".gitignore"
        if not os.path.lexists(ignore):
            atomic_write(ignore, b"# A cache of postmortem-tui, rebuilt when missing.\n*\n",
                         keep_backup=False)
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        atomic_write(folder / name, text.encode("utf-8"), keep_backup=False)
    except (OSError, StorageError):
        return False
    return True


def _real_folder(folder: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(folder).st_mode)
    except OSError:
        return False


class FullRead(NamedTuple):
    """One file of the library read in full: its document, or why it could not be (then
    ``recurrence`` is what the repeated-failure check can still compare of it, if anything)."""

    path: Path
    document: Any                 # a Postmortem, or None
    problem: str | None
    recurrence: Any               # a RecurrenceSummary, or None


def read_documents(root: Path, *, keep_cache: bool = True) -> list[FullRead]:
    """Every file of the library validated in full, each read once (``check --all``). The
    summaries of the documents read are recorded in the cache on the way."""
    from postmortem.library_summary import cache_data, document_summary
    from postmortem.recurrence import read_recurrence_summary, recurrence_summary
    from storage.reading import validate
    root = Path(root)
    cached = load_cache(root)
    recorded = dict(cached)
    results = []
    for path in library_files(root):
        if not is_valid_id(path.stem):
            results.append(FullRead(path, None, t("team.not_an_id", name=path.name), None))
            continue
        data = None
        try:
            raw, status = read_regular(path)
            data = document_data(path, parse_json(path, raw))
            document = validate(path, data)
        except (StorageError, OSError) as error:
            recorded.pop(path.name, None)
            try:
                recurrence = read_recurrence_summary(data) if data is not None else None
            except ValidationError:
                recurrence = None
            results.append(FullRead(path, None, _problem(path, error), recurrence))
            continue
        recorded[path.name] = {"identity": identity(status),
                               "summary": cache_data(document_summary(document))}
        results.append(FullRead(path, document, None, recurrence_summary(document)))
    if keep_cache and recorded != cached:
        listed = {r.path.name for r in results}   # files gone since: their entries go too
        save_cache(root, {name: entry for name, entry in recorded.items() if name in listed})
    return results
