"""The commands for sharing a library with git: ``merge-driver`` (what git runs to merge two
versions of a postmortem) and ``git-setup`` (which tells a repository to run it).

Only ``storage.reading``, ``storage.atomic`` and ``postmortem.merge`` are imported: git runs the
driver once per conflicting file, so it starts without Textual or TinyDB.
"""

from __future__ import annotations

import argparse
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

from postmortem.i18n import t

EXIT_CLEAN, EXIT_CONFLICTS, EXIT_NOT_MERGED = 0, 1, 2
DRIVER = "postmortem"
ATTRIBUTE = f"merge={DRIVER}"
# Files of a library that are one person's and never shared (docs/format.md, "The library folder").
IGNORED = (".last-stages.json", ".trash/", "*.lock", "*.bak", ".*.tmp-*", "*.theirs-*.json",
           "*.mine-*.json", "*.rescue-*.json")


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    driver = sub.add_parser("merge-driver", parents=[common], help=t("team_git.help.merge_driver"))
    driver.add_argument("base", metavar="BASE")
    driver.add_argument("ours", metavar="OURS")
    driver.add_argument("theirs", metavar="THEIRS")
    driver.add_argument("path", metavar="PATH", nargs="?", default=None)
    sub.add_parser("git-setup", parents=[common], help=t("team_git.help.git_setup"))


# merge-driver ----------------------------------------------------------------------------


def cmd_merge_driver(args: argparse.Namespace) -> int:
    """Merge THEIRS into OURS (git's %A, which holds the result afterwards).

    Exit 0: merged, no conflict. Exit 1: merged, with conflicts recorded in the document (git
    marks the file as conflicted; the app shows them). Exit 2: OURS or THEIRS is not a
    postmortem: OURS is left as it was, so the file in the work tree is ours, and git reports
    the conflict (theirs stays in git: ``git checkout --theirs PATH``).
    """
    from postmortem.fields import ValidationError
    from postmortem.merge import merge
    from storage.errors import StorageError
    name = args.path or args.ours
    try:
        ours, ours_shape = _read(Path(args.ours))
        theirs, _ = _read(Path(args.theirs))
    except (StorageError, ValidationError) as error:
        print(t("team_git.driver.not_merged", path=name, problem=str(error)), file=sys.stderr)
        return EXIT_NOT_MERGED
    base = _read_base(Path(args.base))
    result = merge(base, ours, theirs)
    _write(Path(args.ours), ours_shape, result.document.to_dict())
    if result.clean:
        print(t("team_git.driver.merged", path=name), file=sys.stderr)
        return EXIT_CLEAN
    print(t("team_git.driver.conflicts", path=name, count=len(result.conflicts)), file=sys.stderr)
    for conflict in result.conflicts:
        print(f"  {conflict.path or t('team_git.whole_document')}", file=sys.stderr)
    return EXIT_CONFLICTS


def _read(path: Path) -> tuple[dict[str, Any], int | None]:
    """The document of a library or interchange file, and its record id (``None``: a bare
    document), so that the merge is written back in the shape it came in."""
    from storage.reading import document_data, is_tinydb_layout, read_json, single_record, TABLE, validate
    data = read_json(path)
    record_id = None
    if is_tinydb_layout(data) and TABLE in data:
        record_id = single_record(path, data)[0]
    document = validate(path, document_data(path, data))
    return document.to_dict(), record_id


def _read_base(path: Path) -> dict[str, Any] | None:
    """The common ancestor; ``None`` when git has none (an empty file) or it does not read:
    the merge then takes a value both sides have as theirs and ours alike."""
    from postmortem.fields import ValidationError
    from storage.errors import StorageError
    try:
        return _read(path)[0]
    except (StorageError, ValidationError):
        return None


def _write(path: Path, record_id: int | None, data: dict[str, Any]) -> None:
    """The merge, written as the app writes (deterministic JSON), in the shape OURS had."""
    from storage.atomic import atomic_write, document_bytes
    from storage.outside import library_file_bytes
    raw = document_bytes(data) if record_id is None else library_file_bytes(record_id, data)
    atomic_write(path, raw, keep_backup=False)


# git-setup -------------------------------------------------------------------------------


class NotARepository(Exception):
    pass


def cmd_git_setup(args: argparse.Namespace) -> int:
    from tui.cli import library_dir
    library = library_dir(args).resolve()
    if not library.is_dir():
        print(t("team_git.setup.no_folder", folder=str(library)), file=sys.stderr)
        return EXIT_NOT_MERGED
    try:
        top = _git_top(library)
    except NotARepository:
        print(t("team_git.setup.not_a_repository", folder=str(library)), file=sys.stderr)
        return EXIT_NOT_MERGED
    relative = library.relative_to(top).as_posix()
    # The folder's own name matched literally: its glob characters escaped, as git reads them.
    folder = re.sub(r"([*?\[\\])", r"\\\1", relative)
    pattern = "/*.json" if relative == "." else f"{folder}/*.json"
    said = [_add_lines(top / ".gitattributes", [f"{_quoted(pattern)} {ATTRIBUTE}"], "attributes"),
            _add_lines(library / ".gitignore", list(IGNORED), "ignore")]
    said += [_set_config(top, f"merge.{DRIVER}.name", t("team_git.setup.driver_name")),
             _set_config(top, f"merge.{DRIVER}.driver", driver_command())]
    print("\n".join(said))
    return 0


def driver_command() -> str:
    """What git runs: this Python with this copy of the app, whatever folder git runs it in."""
    code_root = Path(__file__).resolve().parent.parent
    return (f"PYTHONPATH={shlex.quote(str(code_root))} {shlex.quote(sys.executable)} -m tui.cli "
            "merge-driver %O %A %B %P")


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True)


def _git_top(folder: Path) -> Path:
    try:
        found = _git(folder, "rev-parse", "--show-toplevel")
    except OSError:  # no git on this machine
        raise NotARepository from None
    if found.returncode != 0 or not found.stdout.strip():
        raise NotARepository
    return Path(found.stdout.strip()).resolve()


def _quoted(pattern: str) -> str:
    """A gitattributes pattern; one with spaces or quotes in C-style quotes, as git reads it."""
    if not any(c in pattern for c in ' "\\\t'):
        return pattern
    return '"' + pattern.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t") + '"'


def _add_lines(path: Path, lines: list[str], what: str) -> str:
    """Append the ``lines`` that ``path`` does not have yet; one sentence saying what was done."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    present = {line.strip() for line in text.splitlines()}
    missing = [line for line in lines if line not in present]
    if not missing:
        return t(f"team_git.setup.{what}_present", path=str(path))
    if text and not text.endswith("\n"):
        text += "\n"
    path.write_text(text + "".join(f"{line}\n" for line in missing), encoding="utf-8")
    return t(f"team_git.setup.{what}_added", path=str(path), lines=", ".join(missing))


def _set_config(top: Path, key: str, value: str) -> str:
    current = _git(top, "config", "--local", "--get", key)
    if current.returncode == 0 and current.stdout.rstrip("\n") == value:
        return t("team_git.setup.config_present", name=key)
    done = _git(top, "config", "--local", key, value)
    if done.returncode != 0:
        raise OSError(done.stderr.strip() or key)
    return t("team_git.setup.config_set", name=key, value=value)
