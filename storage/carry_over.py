"""Reading the open actions of related postmortems and writing the room's answers into their
files (issue 14, part 5).

Reading takes no lock (as the repeated-failure check reads the library). Writing opens the
other postmortem exactly as the app opens one for editing (``DocumentFile.open``: its own
writer lock, the same checked, atomic save with a backup), changes the one action and
closes it again. When another window holds that lock, ``LockedError`` is raised unchanged:
the caller keeps the answer to write later.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import NamedTuple

from postmortem.carry_over import CarriedAction, carried_actions, settle
from postmortem.model import CarryOverAnswer, Postmortem
from postmortem.recurrence_index import related
from storage.document_file import DocumentFile
from storage.errors import StorageError
from storage.reading import SUFFIX, load_document, read_recurrence


class CarryOver(NamedTuple):
    """The open actions to settle, and the related files that could not be read."""

    actions: list[CarriedAction]
    unreadable: list[str]


def path_of(root: Path, doc_id: str) -> Path:
    return Path(root) / f"{doc_id}{SUFFIX}"


def related_open_actions(root: Path, doc: Postmortem, doc_path: Path | None,
                         today: date) -> CarryOver:
    """The open actions of the postmortems of the library in ``root`` that share a tag or a
    root cause with ``doc`` (whose own file, ``doc_path``, is left out). Only the related
    files are read in full."""
    library = read_recurrence(root, skip=doc_path)
    found = related(doc, library.postmortems)
    documents: dict[str, Postmortem] = {}
    unreadable = list(library.unreadable)
    for other, _, _ in found:
        path = path_of(root, other.id)
        try:
            other_doc = load_document(path)
        except (StorageError, OSError):
            unreadable.append(path.name)
            continue
        if other_doc.id == other.id:  # a file named otherwise is not the one the answer would reach
            documents[other.id] = other_doc
    return CarryOver(carried_actions(found, documents, today), unreadable)


def write_answer(root: Path, answer: CarryOverAnswer) -> Postmortem:
    """Write ``answer`` into the other postmortem's file; that postmortem as written.

    ``LockedError`` when that postmortem is open in another window (or its folder takes no
    lock), ``NotSettled`` when its action is gone or was settled meanwhile, another
    ``StorageError`` when the file cannot be read or saved; the file is unchanged then."""
    with DocumentFile.open(path_of(root, answer.postmortem)) as file:
        document = file.document
        settle(document, answer)
        file.save(document)
        return document
