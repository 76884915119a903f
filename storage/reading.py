"""Reading postmortem files without trusting them.

Two shapes are read: the library file (TinyDB: ``{"postmortem": {"1": <document>}}``) and the
bare interchange document of DESIGN §4. Reading goes one way, bytes → JSON → tables → the one
record → a validated ``Postmortem``, and ends in the document or in a ``CorruptFileError`` that
names the file and says why. Whether a backup could stand in is looked at only where it is
offered to the facilitator (``offer_backup``: opening, exporting, listing), never on the way.

This module is the light way in for commands that only read (``export``, ``check``): it does
not import the writing side (locks, TinyDB), so those commands start fast. It also lists the
library's files and reads the library as the repeated-failure check sees it
(``read_recurrence``, the index kept in the library's cache), for ``check``, the internal export
and the final review alike.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from postmortem.fields import ValidationError
from postmortem.i18n import t
from postmortem.ids import is_valid_id
from storage.errors import CorruptFileError, InvalidIdError, NotFoundError, StorageError
from storage.regular_files import existing_regular, read_regular_bytes

if TYPE_CHECKING:
    from postmortem.model import Postmortem
    from postmortem.recurrence_index import RecurrenceIndex

TABLE = "postmortem"
SUFFIX = ".json"

Tables = dict[str, dict[str, Any]]


def read_json(path: Path) -> Any | None:
    """The parsed content of ``path``; ``None`` for an empty file."""
    path = Path(path)
    try:
        raw = read_regular_bytes(path)  # a FIFO or a device is refused, never waited on
    except FileNotFoundError:
        raise NotFoundError(t("storage.no_such_file", path=path)) from None
    except OSError as error:
        reason = os.strerror(error.errno) if error.errno else str(error)
        raise StorageError(t("storage.unreadable", path=path, reason=reason)) from error
    return parse_json(path, raw)


def parse_json(path: Path, raw: bytes) -> Any | None:
    """The parsed content of ``raw``, the bytes of ``path``; ``None`` for an empty file."""
    if not raw:
        return None
    try:
        # A byte-order mark is dropped here rather than by the "utf-8-sig" codec, which
        # would be one more module to import.
        text = (raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw).decode("utf-8")
    except UnicodeDecodeError:
        raise CorruptFileError(path, t("storage.reason.not_utf8")) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        # Where, not json's own English words for what (the reader may speak Chinese).
        raise CorruptFileError(path, t("storage.reason.not_json_at", line=error.lineno,
                                       column=error.colno)) from None
    except (ValueError, RecursionError) as error:
        raise CorruptFileError(path, t("storage.reason.not_json", detail=str(error))) from None


def is_tinydb_layout(data: Any) -> bool:
    """An object of tables, each an object of records keyed by integer ids."""
    return isinstance(data, dict) and all(
        isinstance(table, dict) and all(
            isinstance(key, str) and key.isdigit() and isinstance(record, dict)
            for key, record in table.items())
        for table in data.values())


def check_library_layout(path: Path, data: Any) -> Tables:
    """``data`` if it is a library (TinyDB) file; a ``CorruptFileError`` saying why otherwise."""
    if is_tinydb_layout(data):
        return data
    if isinstance(data, dict) and "schema" in data:
        raise CorruptFileError(path, t("storage.reason.interchange"))
    raise CorruptFileError(path, t("storage.reason.not_tinydb"))


def single_record(path: Path, tables: Tables) -> tuple[int, dict[str, Any]]:
    """The id and content of the one postmortem a library file holds."""
    records = tables.get(TABLE, {})
    if not records:
        raise CorruptFileError(path, t("storage.reason.no_record"))
    if len(records) > 1:
        raise CorruptFileError(path, t("storage.reason.several_records", count=len(records)))
    (key, record), = records.items()
    return int(key), record


def document_data(path: Path, data: Any) -> Any:
    """The bare document, from either an interchange file or a library file."""
    if data is None:
        raise CorruptFileError(path, t("storage.reason.empty"))
    if is_tinydb_layout(data) and TABLE in data:
        return single_record(path, data)[1]
    return data  # a bare document: validation names whatever is wrong with it


def validate(path: Path, data: Any) -> Postmortem:
    # The model is imported here, where a document is read in full: the library's list
    # reads summaries only (postmortem.summary), and starts without it.
    from postmortem.model import Postmortem
    try:
        return Postmortem.from_dict(data)
    except ValidationError as error:
        raise CorruptFileError(path, str(error)) from error


class LibraryContent(NamedTuple):
    """What a library file holds: its tables (for TinyDB) and its one postmortem, validated."""

    tables: Tables
    record_id: int
    document: Postmortem


def library_content(path: Path, raw: bytes) -> LibraryContent:
    """The content of a library file whose bytes are ``raw``, or a ``CorruptFileError``
    (an empty file included: a postmortem's file is never empty)."""
    data = parse_json(path, raw)
    if data is None:
        raise CorruptFileError(path, t("storage.reason.empty"))
    tables = check_library_layout(path, data)
    record_id, record = single_record(path, tables)
    return LibraryContent(tables, record_id, validate(path, record))


def load_document(path: Path) -> Postmortem:
    """Read any postmortem file (library or interchange) without taking the lock; a
    ``CorruptFileError`` offers the backup."""
    path = Path(path)
    try:
        return _load(path)
    except CorruptFileError as error:
        raise offer_backup(error) from error


def library_files(root: Path) -> list[Path]:
    """The postmortem files of the library in ``root``, by name: every ``*.json`` name but
    folders, without hidden files (temp files are hidden: ``.<name>.tmp-…``), backups or lock
    files. A FIFO, a symlink or a name that is not an id is listed too (reading it says what is
    wrong), so nothing in the folder is hidden from the facilitator."""
    try:
        entries = sorted(os.scandir(root), key=lambda entry: entry.name)
    except OSError:
        return []
    return [root / entry.name for entry in entries
            if entry.name.endswith(SUFFIX) and not entry.name.startswith(".")
            and not _is_folder(entry)]


class LibraryRecurrence(NamedTuple):
    """The library as the repeated-failure check sees it: the index of what it compares of
    each postmortem that reads, and the names of the files that do not (the review says it
    left them out)."""

    postmortems: RecurrenceIndex
    unreadable: list[str]


def read_recurrence(root: Path, *, skip: Path | None = None,
                    keep_cache: bool = False) -> LibraryRecurrence:
    """What the repeated-failure check compares of every postmortem of the library in
    ``root``, prepared as its index, kept in the library's cache (storage/recurrence_cache.py;
    a file unchanged since it was last read is not read again). ``skip`` is the file of the
    postmortem being checked: it is read already, and never compared with itself.
    ``keep_cache``: record what was read in the cache (``check`` does; an export writes
    nothing in the library)."""
    from storage.recurrence_cache import read_index   # it reads through this module
    root = Path(root)
    skipped = None
    if skip is not None and root.resolve() / Path(skip).name == Path(skip).resolve():
        skipped = Path(skip).name   # a file of this library (a path elsewhere is not in it)
    index, unreadable = read_index(root, skip=skipped, keep_cache=keep_cache)
    return LibraryRecurrence(index, [u.path.name for u in unreadable])


def offer_backup(error: CorruptFileError) -> CorruptFileError:
    """``error``, naming ``<name>.bak`` as the way back when that file holds a valid postmortem:
    the only place a backup is read."""
    return CorruptFileError(error.path, error.reason, usable_backup(error.path))


def resolve_target(root: Path, id_or_path: str) -> Path:
    """The file named by an id of the library in ``root`` or by a path to an existing file
    (what ``Library(root).resolve`` answers, without importing the library's writing side)."""
    if is_valid_id(id_or_path):
        path = root / f"{id_or_path}{SUFFIX}"
        if path.exists():
            return path
        raise NotFoundError(t("storage.no_such_id", id=id_or_path, library=root))
    candidate = Path(id_or_path).expanduser()
    if id_or_path and (candidate.is_file() or _special_file(candidate)):
        return candidate  # reading says what is wrong with a FIFO or a device
    if id_or_path and (os.sep in id_or_path or "/" in id_or_path or id_or_path.endswith(SUFFIX)):
        raise NotFoundError(t("storage.no_such_file", path=id_or_path))
    raise InvalidIdError(id_or_path)


def usable_backup(path: Path) -> Path | None:
    """``<name>.bak`` when it exists and holds a valid postmortem."""
    from storage.atomic import backup_path  # only a file that does not read needs it
    backup = backup_path(Path(path))
    try:
        if existing_regular(backup) is None:  # a symlinked backup is not ours to offer
            return None
    except StorageError:
        return None
    try:
        _load(backup)
    except (StorageError, ValueError):
        return None
    return backup


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _special_file(path: Path) -> bool:
    """Something other than a folder or a regular file (a FIFO, a device, a socket) at ``path``."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return not (stat.S_ISDIR(mode) or stat.S_ISREG(mode))


def _load(path: Path) -> Postmortem:
    return validate(path, document_data(path, read_json(path)))
