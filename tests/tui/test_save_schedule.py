"""The save schedule on a fake clock: a pause in the typing saves, and steady typing (no pause
ever) still saves at most a second after the first unsaved edit."""

from __future__ import annotations

import pytest

from tui.save_schedule import SaveSchedule


class FakeLoop:
    """A clock and one-shot timers that run only when the test moves the clock."""

    def __init__(self) -> None:
        self.time = 1000.0
        self.timers: list[FakeTimer] = []

    def now(self) -> float:
        return self.time

    def call_later(self, delay: float, callback) -> "FakeTimer":
        timer = FakeTimer(self.time + delay, callback)
        self.timers.append(timer)
        return timer

    def advance_to(self, moment: float) -> None:
        """Move the clock to ``moment``, firing every timer due on the way, in order."""
        while True:
            due = [t for t in self.timers if not t.stopped and t.at <= moment]
            if not due:
                break
            timer = min(due, key=lambda t: t.at)
            self.time = max(self.time, timer.at)
            timer.stopped = True
            timer.callback()
        self.time = moment


class FakeTimer:
    def __init__(self, at: float, callback) -> None:
        self.at, self.callback, self.stopped = at, callback, False

    def stop(self) -> None:
        self.stopped = True


@pytest.fixture
def loop() -> FakeLoop:
    return FakeLoop()


def schedule_on(loop: FakeLoop, submitted: list[float], **delays) -> SaveSchedule:
    return SaveSchedule(lambda: submitted.append(loop.now()), loop.call_later, now=loop.now,
                        **delays)


def test_keys_every_0_2_s_forever_are_saved_within_a_second_of_each_first_unsaved_edit(loop):
    submitted: list[float] = []
    schedule = schedule_on(loop, submitted, quiet=0.3, max_wait=1.0)
    start = loop.time
    key_times = [start + 0.2 * n for n in range(100)]  # 20 s of typing, never a 0.3 s pause
    for moment in key_times:
        loop.advance_to(moment)
        schedule.edited()
    assert submitted, "steady typing was never saved"
    assert submitted[0] - start <= 1.0
    # After each save, the next key is the first unsaved edit again: saved within a second.
    for saved, next_save in zip(submitted, submitted[1:]):
        first_unsaved = min(k for k in key_times if k > saved)
        assert next_save - first_unsaved <= 1.0 + 1e-9
    # And no key waits more than a second at any moment of the 20 s.
    for key in key_times[:-5]:
        assert min(s for s in submitted if s >= key) - key <= 1.0 + 1e-9
    assert len(submitted) <= 20 / 0.8  # still a debounce: not one save per key


def test_a_pause_in_typing_saves_after_the_quiet_delay_once(loop):
    submitted: list[float] = []
    schedule = schedule_on(loop, submitted, quiet=0.3, max_wait=1.0)
    start = loop.time
    for n in range(3):  # a short burst
        loop.advance_to(start + 0.05 * n)
        schedule.edited()
    loop.advance_to(start + 5)
    assert submitted == [pytest.approx(start + 0.1 + 0.3)]


def test_submit_now_hands_over_at_once_and_only_when_something_waits(loop):
    submitted: list[float] = []
    schedule = schedule_on(loop, submitted)
    schedule.submit_now()
    assert submitted == []
    schedule.edited()
    schedule.submit_now()
    assert submitted == [loop.time] and not schedule.pending
    loop.advance_to(loop.time + 5)
    assert len(submitted) == 1  # the stopped timer does not save again


def test_cancel_forgets_the_waiting_edits(loop):
    submitted: list[float] = []
    schedule = schedule_on(loop, submitted)
    schedule.edited()
    schedule.cancel()
    loop.advance_to(loop.time + 5)
    assert submitted == [] and not schedule.pending


def test_a_timer_that_fires_early_waits_for_the_rest(loop):
    submitted: list[float] = []
    fired_early: list[bool] = []

    def call_later(delay, callback):  # the first timer fires 0.1 s before it was asked to
        early = 0.1 if not fired_early else 0.0
        fired_early.append(True)
        return loop.call_later(max(0.0, delay - early), callback)

    schedule = SaveSchedule(lambda: submitted.append(loop.now()), call_later, now=loop.now,
                            quiet=0.3, max_wait=1.0)
    start = loop.time
    schedule.edited()
    loop.advance_to(start + 0.25)
    assert submitted == []
    loop.advance_to(start + 5)
    assert submitted == [pytest.approx(start + 0.3)]
