"""The command line on links and special files: `export -o` writes only a regular file or a new
path outside the library's own files, and nothing hangs on a FIFO (DESIGN §8, §9)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from postmortem.factory import new_postmortem
from storage.library import Library

OUTSIDE = b"precious data\n"
REPOSITORY = Path(__file__).resolve().parents[2]


def run(*args: str, library: Path, timeout: float = 30, cwd: Path | None = None):
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY)}  # this code, from any working folder
    env.pop("POSTMORTEM_LIBRARY", None)
    command = [sys.executable, "-m", "tui.cli", *args, "--library", str(library)]
    try:
        return subprocess.run(command, capture_output=True, env=env, timeout=timeout,
                              stdin=subprocess.DEVNULL, cwd=cwd)
    except subprocess.TimeoutExpired:
        pytest.fail(f"postmortem {' '.join(args)} did not return within {timeout} s")


def assert_refused(result, *words: str) -> str:
    stderr = result.stderr.decode()
    assert result.returncode == 2, stderr
    assert "Traceback" not in stderr and stderr.strip().count("\n") == 0, stderr
    assert result.stdout == b""
    for word in words:
        assert word in stderr, stderr
    return stderr


@pytest.fixture
def library(library_dir) -> Library:
    lib = Library(library_dir)
    lib.create(new_postmortem("live", "Live", "SEV2")).close()
    return lib


# export -o --------------------------------------------------------------------------------------

def test_export_refuses_a_device_node(library, tmp_path):
    device = tmp_path / "device"
    os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(1, 3))
    result = run("export", "live", "-o", str(device), library=library.root)
    assert_refused(result, str(device), "device")
    assert stat.S_ISCHR(device.lstat().st_mode)


def test_export_refuses_a_fifo_without_blocking(library, tmp_path):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    result = run("export", "live", "-o", str(fifo), library=library.root, timeout=20)
    assert_refused(result, str(fifo), "FIFO")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_export_never_replaces_what_a_symlink_points_to(library, tmp_path):
    target = tmp_path / "target.md"
    target.write_bytes(OUTSIDE)
    os.chmod(target, 0o644)
    link = tmp_path / "link.md"
    link.symlink_to(target)
    result = run("export", "live", "-o", str(link), library=library.root)
    assert_refused(result, str(link), "symbolic link")
    assert link.is_symlink() and target.read_bytes() == OUTSIDE
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_export_refuses_a_directory(library, tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    assert_refused(run("export", "live", "-o", str(folder), library=library.root), str(folder))
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("name", ["live.json", "other.json", "live.json.bak", "live.json.lock",
                                  ".last-stages.json", ".trash/live.json"])
def test_export_refuses_the_files_of_the_library(library, name):
    path = library.root / name
    before = {p: p.read_bytes() for p in library.root.rglob("*") if p.is_file()}
    result = run("export", "live", "-o", str(path), library=library.root)
    assert_refused(result, str(path), "library")
    assert {p: p.read_bytes() for p in library.root.rglob("*") if p.is_file()} == before


def test_export_refuses_its_own_source_outside_the_library(library, tmp_path):
    elsewhere = tmp_path / "elsewhere" / "copy.json"
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(library.path_for("live").read_bytes())
    result = run("export", str(elsewhere), "-o", str(elsewhere), library=library.root)
    assert_refused(result, str(elsewhere))
    assert elsewhere.read_bytes() == library.path_for("live").read_bytes()


def test_export_may_write_markdown_next_to_the_library_files(library):
    result = run("export", "live", "-o", str(library.root / "live.md"), library=library.root)
    assert result.returncode == 0, result.stderr
    assert (library.root / "live.md").read_bytes().startswith(b"# Live")


def test_export_to_stdout_with_a_dash(library, tmp_path):
    result = run("export", "live", "-o", "-", library=library.root, cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith(b"# Live")
    assert list(tmp_path.iterdir()) == [library.root]


def test_export_replaces_a_regular_file_atomically_and_keeps_its_mode(library, tmp_path):
    existing = tmp_path / "shared.md"
    existing.write_bytes(OUTSIDE)
    os.chmod(existing, 0o644)
    inode = existing.stat().st_ino
    result = run("export", "live", "-o", str(existing), library=library.root)
    assert result.returncode == 0, result.stderr
    assert existing.read_bytes().startswith(b"# Live")
    assert stat.S_IMODE(existing.stat().st_mode) == 0o644
    assert existing.stat().st_ino != inode  # a new file renamed over the old one
    new = tmp_path / "new.md"
    assert run("export", "live", "-o", str(new), library=library.root).returncode == 0
    assert stat.S_IMODE(new.stat().st_mode) == 0o600


# Reading a FIFO ---------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["export", "piped"], ["check", "piped"], ["open", "piped"],
                                     ["export", "live"], ["check", "live"]])
def test_a_fifo_in_the_library_never_hangs_a_command(library, command):
    fifo = library.root / "piped.json"
    os.mkfifo(fifo)
    result = run(*command, library=library.root, timeout=20)
    if command[1] == "piped":
        assert_refused(result, str(fifo), "FIFO")
    else:
        assert result.returncode in (0, 1), result.stderr  # the other postmortems still work
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_list_shows_a_fifo_as_a_row_and_returns(library):
    os.mkfifo(library.root / "piped.json")
    result = run("list", library=library.root, timeout=20)
    assert result.returncode == 0, result.stderr
    rows = result.stdout.decode().splitlines()
    assert any(row.startswith("piped\t") and "FIFO" in row for row in rows), rows
    assert any(row.startswith("live\t") for row in rows)


def test_import_of_a_fifo_is_refused_without_blocking(library, tmp_path):
    fifo = tmp_path / "incoming.json"
    os.mkfifo(fifo)
    assert_refused(run("import", str(fifo), library=library.root, timeout=20), str(fifo), "FIFO")


# Names that are not ids ---------------------------------------------------------------------------

def test_list_shows_names_that_are_not_ids(library):
    for name in ("café.json", "UPPER.json"):
        (library.root / name).write_bytes(library.path_for("live").read_bytes())
    result = run("list", library=library.root)
    assert result.returncode == 0, result.stderr
    rows = result.stdout.decode().splitlines()
    for stem in ("café", "UPPER"):
        row = next(row for row in rows if row.startswith(f"{stem}\t"))
        assert "not a postmortem id: rename it to open it" in row
