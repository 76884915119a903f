"""Writing a library as a folder to publish (``postmortem export-library -o DIR``, issue 17 §6).

Rules decided here:

- ``DIR`` is made (owner-only) when missing. An existing ``DIR`` must be a real folder: a
  symlink (even to a folder) or a file is refused, and so is the library folder itself and a
  folder of the library's own (its hidden state or trash); a new folder inside it is fine. Every file is written by ``export_target.write_export_file``:
  new files owner-only, a regular file replaced atomically, never a link or a library file.
- Internal: every postmortem that reads, as the internal Markdown (its checklist compares it
  with the rest of the library, as ``check`` does), ``<id>.md``; the README indexes them and
  gives the figures of ``postmortem stats``.
- External: only postmortems that want a customer-facing version and have its summary, and
  whose legal gate passes (the customer export's own refusal); the others are named as left
  out. Nothing internal — no figures, no owners — reaches the README.
- Files that do not read are left out and named. Markdown files an earlier export wrote and
  this one does not (a postmortem deleted, or now left out) are removed, and only those: the
  folder keeps a list of what the export wrote (``storage.export_manifest``), so a user's own
  files in the folder stay.
"""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path
from typing import NamedTuple

from postmortem.i18n import language, t
from storage.errors import StorageError
from storage.export_manifest import read_manifest, remove_stale, widened, write_manifest
from storage.export_target import refuse_library_file, write_export_file


class Exported(NamedTuple):
    postmortems: int
    left_out: list[str]      # one sentence each: which and why
    removed: list[str]       # file names of an earlier export, removed
    problems: list[str]      # one sentence each: what could not be cleaned up


def export_library(root: Path, target: Path, audience: str, today: date) -> Exported:
    from postmortem.library_summary import document_summary
    from postmortem.markdown import ExportRefused, render_markdown
    from postmortem.markdown.library_index import IndexEntry, readme
    from postmortem.recurrence_index import RecurrenceIndex
    from postmortem.stats import library_stats
    from storage.summary_cache import read_documents
    target = Path(target)
    prepare_folder(target, root)
    read = read_documents(root)
    previous = read_manifest(target)
    planned = [f"{r.document.id}.md" for r in read if r.document is not None] + ["README.md"]
    write_manifest(target, widened(target, previous.names, planned), library=root)
    library = RecurrenceIndex(r.recurrence for r in read if r.recurrence is not None)
    entries, left_out = [], []
    for entry in read:
        document = entry.document
        if document is None:
            left_out.append(t("team.export.unreadable", name=entry.path.name, problem=entry.problem))
            continue
        if audience == "external" and not (document.scope.customer_facing
                                           and document.communication.customer_summary.strip()):
            left_out.append(t("team.export.no_customer_version", id=document.id))
            continue
        try:
            with language(document.language):   # each in its own document's language
                text = render_markdown(document, audience, today=today, library=library)
        except ExportRefused as refused:
            left_out.append(t("team.export.refused", id=document.id, reason=str(refused)))
            continue
        name = f"{document.id}.md"
        write_export_file(target / name, text.encode("utf-8"), library=root)
        title = document.title
        if audience == "external":   # the index names it as its customer version does
            from postmortem.markdown.external import Scrubber
            title = Scrubber(document)(title)
        entries.append(IndexEntry(document_summary(document), name, title))
    stats = None
    if audience == "internal":
        stats = library_stats([e.summary for e in entries], today)
    write_export_file(target / "README.md", readme(entries, audience, stats).encode("utf-8"),
                      library=root)
    written = {entry.file_name for entry in entries} | {"README.md"}
    removal = remove_stale(target, previous.names, written, library=root)
    write_manifest(target, written | set(removal.kept), library=root)
    problems = [previous.problem] if previous.problem else []
    return Exported(len(entries), left_out, removal.removed, problems + removal.problems)


def prepare_folder(target: Path, root: Path) -> None:
    """``target`` as a real folder to write into, made when missing; ``StorageError`` if not."""
    refuse_library_file(target / "README.md", library=root, source=None)
    if os.path.realpath(target) == os.path.realpath(root):
        # Its list of files written would be a hidden file of the library, which is refused.
        raise StorageError(t("team.export.library_itself", path=target))
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        try:
            target.mkdir(parents=True, mode=0o700)
        except OSError as error:
            raise StorageError(t("team.export.cannot_make", path=target,
                                 reason=os.strerror(error.errno or 0))) from error
        return
    if stat.S_ISLNK(mode):
        raise StorageError(t("team.export.symlink", path=target))
    if not stat.S_ISDIR(mode):
        raise StorageError(t("team.export.not_folder", path=target))
