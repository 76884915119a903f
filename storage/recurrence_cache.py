"""The repeated-failure index of a library, kept prepared in the library's cache (issue 13:
``check`` of one postmortem costs about the same in a library of a thousand as in a library
of one).

``read_index`` gives the ``RecurrenceIndex`` of every postmortem of a library and the files
that do not read. Preparing the index means reading what the check compares of every file
(through the summary cache, storage/summary_cache.py) and normalising every cause and tag;
a check of one file then uses a few of those. So the index is kept, prepared, in
``<library>/.cache/recurrence.json``: its state (``RecurrenceIndex.state``) and the identity
(device, inode, size, modification time in nanoseconds) of each file it was prepared from.

Rules decided here:

- The kept index is used only when the library's files are exactly the files it was
  prepared from, each with the identity it had then (taken before it was read), but for the
  file being checked: that one is left out of what is compared, so it may have been saved
  since, or be new (the usual ``check`` after an edit). Anything else — another file added,
  removed or saved, a kept index that does not read — prepares it again from the summaries,
  and records it (``keep_cache``). ``check --all`` records the index it prepared for itself
  (``index_of``, ``keep_index``), so the next ``check`` of one file finds it.
- A library with a file that does not read is prepared each time and not recorded: that
  file's problem is read and said each time, as the summary cache does.
- The kept index is the whole library's, the file being checked included (left out of what
  is compared when matching): one index serves the check of any of its files. Preparing it
  to be kept reads that file's summary too (from the summary cache when it is there);
  preparing it not to be kept (an export, the final review) does not.
- The same folder rules as the summary cache: written atomically, owner-only, never through a
  symlink; nothing is lost by deleting it.
"""

from __future__ import annotations

import os
from pathlib import Path
from collections.abc import Iterable
from typing import Any

from postmortem.recurrence import RecurrenceSummary
from postmortem.recurrence_index import RecurrenceIndex
from storage.reading import library_files
from storage.summary_cache import (Unreadable, identity, read_cache_file, read_or_why,
                                   read_parts, recurrence_part, write_cache_file)

INDEX_NAME = "recurrence.json"


def read_index(root: Path, *, skip: str | None = None, keep_cache: bool = False
               ) -> tuple[RecurrenceIndex, list[Unreadable]]:
    """The index of every postmortem of the library in ``root`` that reads, with the file
    named ``skip`` (the postmortem being checked) left out of what is compared, and the other
    files that do not read."""
    root = Path(root)
    files = file_identities(root)
    kept = _kept_index(read_cache_file(root, INDEX_NAME), files, skip)
    if kept is not None:
        index, names = kept
        unreadable: list[Unreadable] = []
    else:
        # Kept, the index is the whole library's: the checked file too (from its summary in
        # the cache, or read once more). Not kept, it need not be: that file is not read.
        results = read_parts(root, recurrence_part(), keep_cache,
                             skip=None if keep_cache else skip)
        unreadable = read_or_why(results)[1]
        index, names = index_of((value, path.name) for path, value, _ in results
                                if value is not None)
        if keep_cache and not unreadable:
            keep_index(root, index, names, files)
    if skip in names:
        index.leave_out(names.index(skip))
    return index, [u for u in unreadable if u.path.name != skip]


def index_of(summaries: Iterable[tuple[RecurrenceSummary, str]]
             ) -> tuple[RecurrenceIndex, list[str]]:
    """The index of these summaries, each with its file's name, and the names in the index's
    order (id order, file order among equal ids, as the index numbers them)."""
    read = sorted(summaries, key=lambda pair: pair[0].id)
    return RecurrenceIndex(summary for summary, _ in read), [name for _, name in read]


def keep_index(root: Path, index: RecurrenceIndex, names: list[str],
               files: dict[str, list[int]] | None) -> None:
    """Record ``index``, prepared from the files ``names`` of ``files`` (their identities
    taken before they were read), when those are every file of the library. The caller
    records it only when every file read."""
    if names and files is not None and set(names) == set(files):
        write_cache_file(root, INDEX_NAME, {"files": [[name, *files[name]] for name in names],
                                            "index": index.state()})


def file_identities(root: Path) -> dict[str, list[int]] | None:
    """Each file of the library by name with its identity, taken before anything is read;
    None when one cannot be taken (the index is then prepared, not recorded)."""
    found = {}
    for path in library_files(root):
        try:
            found[path.name] = identity(os.stat(path))
        except OSError:
            return None
    return found


def _kept_index(data: Any, files: dict[str, list[int]] | None, skip: str | None
                ) -> tuple[RecurrenceIndex, list[str]] | None:
    """The kept index and its files' names (in its order), when it was prepared from exactly
    ``files`` as they are, but for the file ``skip``; else None."""
    if files is None or not isinstance(data, dict) or not isinstance(data.get("files"), list):
        return None
    recorded = data["files"]
    if not all(isinstance(entry, list) and entry and isinstance(entry[0], str)
               for entry in recorded):
        return None
    names = [entry[0] for entry in recorded]
    if len(set(names)) != len(names) or set(names) - {skip} != set(files) - {skip} \
            or any(files[entry[0]] != entry[1:] for entry in recorded if entry[0] != skip):
        return None
    try:
        index = RecurrenceIndex.from_state(data.get("index"))
    except ValueError:
        return None
    if len(index.summaries) != len(recorded):
        return None
    return index, names
