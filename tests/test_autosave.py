"""The autosaver: off the caller's thread, one save at a time, newest version wins, errors reported."""

from __future__ import annotations

import threading

from tui.autosave import Autosaver


class SlowTarget:
    def __init__(self) -> None:
        self.saved: list[dict] = []
        self.active = 0
        self.most_active = 0
        self.release = threading.Event()
        self.fail = False
        self.threads: set[str] = set()
        self.lock = threading.Lock()

    def save(self, data: dict) -> None:
        with self.lock:
            self.active += 1
            self.most_active = max(self.most_active, self.active)
        self.threads.add(threading.current_thread().name)
        self.release.wait(5)
        with self.lock:
            self.active -= 1
        if self.fail:
            raise OSError(28, "No space left on device")
        self.saved.append(data)


def test_saves_run_on_the_writer_thread_one_at_a_time_and_coalesce():
    target = SlowTarget()
    results: list[Exception | None] = []
    saver = Autosaver(target, on_result=results.append)
    for version in range(50):
        saver.submit({"v": version})
    assert saver.dirty
    target.release.set()
    assert saver.flush()
    saver.close()
    assert target.most_active == 1
    assert target.threads == {"autosave"}
    assert target.saved[-1] == {"v": 49}
    assert len(target.saved) < 50  # intermediate versions were coalesced
    assert not saver.dirty


def test_a_failed_save_is_reported_and_retried():
    target = SlowTarget()
    target.release.set()
    target.fail = True
    results: list[Exception | None] = []
    saver = Autosaver(target, on_result=results.append)
    saver.submit({"v": 1})
    assert saver.flush(timeout=5) is False
    assert isinstance(results[-1], OSError)
    assert saver.dirty
    target.fail = False
    saver.retry()
    assert saver.flush(timeout=5) is True
    assert target.saved == [{"v": 1}]
    assert results[-1] is None
    saver.close()
