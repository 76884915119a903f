"""The real app in a pseudo-terminal, with saves that truly fail: quitting asks first, and
SIGTERM/SIGHUP leave an emergency copy and say where (DESIGN §8).

Saves are made to fail without touching the app: the library folder is made immutable
(``chattr +i``, which stops root too; ``chmod`` stops only other users), or the postmortem's
file is replaced by a folder under the running app.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from postmortem.factory import new_postmortem
from postmortem.model import Postmortem
from storage.library import Library
from pty_app import PtyApp, child_env
from test_signals import tab_to_title


@contextmanager
def unwritable(folder: Path):
    """No file can be created in ``folder`` while inside; skips where that cannot be arranged."""
    if os.geteuid() == 0:
        made = subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0
        undo = ["chattr", "-i", str(folder)]
    else:
        folder.chmod(0o500)
        made, undo = True, None
    try:
        probe = folder / "probe"
        try:
            probe.write_text("x")
        except OSError:
            pass
        else:
            probe.unlink()
            pytest.skip(f"{folder} cannot be made unwritable here (no chattr +i)")
        if not made:
            pytest.skip("chattr +i is not available")
        yield
    finally:
        if undo is not None:
            subprocess.run(undo, capture_output=True)
        else:
            folder.chmod(0o700)


def start_typing(library_dir: Path, tmp_path: Path, make_saves_fail) -> PtyApp:
    """The app on a postmortem "live"; once it shows, saves are made to fail and " typed" is
    typed into the title until the header says NOT SAVED."""
    Library(library_dir).create(new_postmortem("live", "Live", "SEV2")).close()
    app = PtyApp.start(["--library", str(library_dir), "open", "live"], child_env(tmp_path))
    try:
        app.read_until(b"Exit condition")
        tab_to_title(app.fd)
        make_saves_fail()
        app.type(" typed")
        app.read_until(b"NOT SAVED")
    except BaseException:
        app.close()
        raise
    return app


def stored_title(path: Path) -> str:
    return json.loads(path.read_text("utf-8"))["postmortem"]["1"]["title"]


def test_ctrl_q_while_saves_fail_asks_and_discarding_exits_1_saying_so(library_dir, tmp_path):
    with ExitStack() as stack:
        app = start_typing(library_dir, tmp_path, lambda: stack.enter_context(unwritable(library_dir)))
        try:
            app.type(b"\x11")  # ctrl+q: today the app exited 0 at once, the edits gone
            app.read_until(b"Unsaved edits")
            app.read_until(b"Operation not permitted")
            app.type("d")
            app.read_until(b"cannot be recovered")
            app.type("y")
            status = app.wait_exit()
        finally:
            app.close()
    assert status == 1
    assert b"the unsaved edits to live were discarded" in app.text()
    assert stored_title(library_dir / "live.json") == "Live"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_while_the_folder_refuses_writes_leaves_a_copy_in_the_data_folder(
        library_dir, tmp_path, signum):
    with ExitStack() as stack:
        app = start_typing(library_dir, tmp_path, lambda: stack.enter_context(unwritable(library_dir)))
        try:
            os.kill(app.pid, signum)
            status = app.wait_exit()
        finally:
            app.close()
    assert status == 1
    copies = list((tmp_path / "data" / "postmortem-tui" / "rescue").glob("live.rescue-*Z.json"))
    assert len(copies) == 1, app.text()[-600:]
    assert Postmortem.from_dict(json.loads(copies[0].read_text("utf-8"))).title == "Live typed"
    assert oct(copies[0].stat().st_mode & 0o777) == "0o600"
    said = b" ".join(app.text().split())  # the sentence may wrap on the terminal
    assert b"emergency copy" in said and copies[0].name.encode() in said
    assert stored_title(library_dir / "live.json") == "Live"  # the last good file is intact


def test_a_signal_after_the_file_was_replaced_by_a_folder_leaves_a_copy_next_to_it(library_dir, tmp_path):
    path = library_dir / "live.json"

    def replace_file_by_a_folder() -> None:
        path.rename(library_dir / "live.json.moved-away")
        path.mkdir()

    app = start_typing(library_dir, tmp_path, replace_file_by_a_folder)
    try:
        os.kill(app.pid, signal.SIGTERM)
        status = app.wait_exit()
    finally:
        app.close()
    assert status == 1
    copies = list(library_dir.glob("live.rescue-*Z.json"))
    assert len(copies) == 1, app.text()[-600:]
    assert Postmortem.from_dict(json.loads(copies[0].read_text("utf-8"))).title == "Live typed"
    assert copies[0].name.encode() in b" ".join(app.text().split())
    assert stored_title(library_dir / "live.json.moved-away") == "Live"
