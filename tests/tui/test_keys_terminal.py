"""Alt+1…6 and Alt+←/→ as real terminals send them (Esc then the key; CSI 1;3 D/C), from
inside a text field: the app runs in a pseudo-terminal, as in tests/tui/test_signals.py."""

from __future__ import annotations

import json
import os
import pty
import sys
import time

from postmortem.factory import new_postmortem
from storage.library import Library
from test_signals import read_until, tab_to_title, wait_exit

STAGE_TWO = b"No events yet"      # the empty timeline's hint
STAGE_THREE = b"No answers yet"   # the empty whys tree's hint


def test_alt_keys_from_a_text_field_jump_and_type_nothing(library_dir):
    Library(library_dir).create(new_postmortem("live", "Live", "SEV2")).close()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(TERM="xterm-256color", COLUMNS="100", LINES="30")
        os.execv(sys.executable, [sys.executable, "-m", "tui.cli", "--library", str(library_dir),
                                  "open", "live"])
    deadline = time.monotonic() + 40
    read_until(fd, b"Exit condition", deadline)
    tab_to_title(fd)
    os.write(fd, b"!")                     # typed into the title
    read_until(fd, b"Live!", deadline)
    os.write(fd, b"\x1b3")                 # Alt+3 as GNOME Terminal, Konsole, VS Code send it
    read_until(fd, STAGE_THREE, deadline)
    os.write(fd, b"\x1b[1;3D")             # Alt+←
    read_until(fd, STAGE_TWO, deadline)
    os.write(fd, b"\x1b[1;3C")             # Alt+→
    read_until(fd, STAGE_THREE, deadline)
    os.write(fd, b"\x1b1")                 # Alt+1: back to stage 1, into the title left there
    read_until(fd, b"Blameless preamble", deadline)
    time.sleep(0.4)                        # as a person would look before typing on
    os.write(fd, b"?")
    read_until(fd, b"Live!?", deadline)    # the field had the focus back, and took no key
    os.write(fd, b"\x11")                  # Ctrl+Q saves and quits
    wait_exit(pid, fd)
    os.close(fd)
    stored = json.loads((library_dir / "live.json").read_text("utf-8"))["postmortem"]["1"]
    assert stored["title"] == "Live!?"
