"""The autosaver: off the caller's thread, one save at a time, newest version wins, errors reported."""

from __future__ import annotations

import threading
import time

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


def test_flush_after_a_retry_waits_for_that_attempt_instead_of_reporting_the_old_failure():
    target = SlowTarget()
    target.release.set()
    target.fail = True
    saver = Autosaver(target)
    saver.submit({"v": 1})
    assert saver.flush(timeout=5) is False
    target.fail = False
    target.release.clear()  # the retry's save is slow: flush must wait for it, not say False
    saver.retry()
    threading.Timer(0.2, target.release.set).start()
    assert saver.flush(timeout=5) is True
    assert target.saved == [{"v": 1}] and not saver.dirty
    saver.close()


def test_a_retry_never_puts_an_older_snapshot_in_place_of_a_newer_one():
    target = SlowTarget()
    target.release.set()
    target.fail = True
    saver = Autosaver(target)
    saver.submit({"v": 1})
    assert saver.flush(timeout=5) is False
    target.release.clear()  # the writer will hold the next snapshot until released
    target.fail = False
    saver.submit({"v": 2})
    saver.retry()  # the periodic retry comes while v2 is being written or waits
    target.release.set()
    assert saver.flush(timeout=5) is True
    saver.close()
    assert target.saved[-1] == {"v": 2}


def test_unsaved_since_is_set_while_something_is_not_on_disk():
    target = SlowTarget()
    target.release.set()
    target.fail = True
    saver = Autosaver(target)
    assert saver.unsaved_since is None
    saver.submit({"v": 1})
    saver.flush(timeout=5)
    since = saver.unsaved_since
    assert since is not None and since.tzinfo is not None
    saver.submit({"v": 2})
    assert saver.unsaved_since == since  # still the oldest unsaved edit
    target.fail = False
    saver.retry()
    assert saver.flush(timeout=5) and saver.unsaved_since is None
    saver.close()


def test_close_with_discard_writes_nothing_more():
    target = SlowTarget()  # holds each save until released
    saver = Autosaver(target)
    saver.submit({"v": 1})
    deadline = time.monotonic() + 5
    while target.active == 0 and time.monotonic() < deadline:  # the writer holds v1
        time.sleep(0.01)
    saver.submit({"v": 2})  # waits behind it: to be discarded
    threading.Timer(0.2, target.release.set).start()
    assert saver.close(discard=True) is False
    assert target.saved == [{"v": 1}]
