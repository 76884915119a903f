"""A crash loses at most the last second of typing, however steadily one types (DESIGN §8):
the real app in a pseudo-terminal, typed into at about six keys a second, then kill -9."""

from __future__ import annotations

import json
import string
import time

from postmortem.factory import new_postmortem
from storage.library import Library
from pty_app import PtyApp, child_env
from test_signals import tab_to_title

KEYS_PER_SECOND = 6
TYPING_SECONDS = 4.0
# The promise is one second; the rest is room for a machine busy with other tests.
MOST_SECONDS_LOST = 1.5


def test_steady_typing_then_kill_9_loses_at_most_about_a_second(library_dir, tmp_path):
    Library(library_dir).create(new_postmortem("live", "Live", "SEV2")).close()
    app = PtyApp.start(["--library", str(library_dir), "open", "live"], child_env(tmp_path))
    try:
        app.read_until(b"Exit condition")
        tab_to_title(app.fd)
        keys = (string.ascii_lowercase * 2)[: int(TYPING_SECONDS * KEYS_PER_SECOND)]
        typed_at: list[float] = []
        start = time.monotonic()
        for n, key in enumerate(keys):
            # Steady: each key at its own moment, never a burst to catch up.
            time.sleep(max(0.0, start + n / KEYS_PER_SECOND - time.monotonic()))
            app.type(key)
            typed_at.append(time.monotonic())
            app.drain()
        time.sleep(1 / KEYS_PER_SECOND)  # the next key would have come now: the crash instead
        app.kill()
        crashed_at = time.monotonic()
    finally:
        app.close()

    title = json.loads((library_dir / "live.json").read_text("utf-8"))["postmortem"]["1"]["title"]
    assert title.startswith("Live") and keys.startswith(title[len("Live"):]), title
    kept = len(title) - len("Live")
    lost_seconds = crashed_at - typed_at[kept] if kept < len(keys) else 0.0
    assert lost_seconds <= MOST_SECONDS_LOST, (
        f"{len(keys) - kept} of {len(keys)} keys lost: the last {lost_seconds:.1f} s of typing")
