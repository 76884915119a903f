"""Shared fixtures: a temporary library and an app factory with the live clock off.

Also the Hypothesis profiles. ``make test`` runs the ``fast`` profile, a fifth of the examples
(property tests with their own count scale it with ``helpers.examples``); ``make test-full``
and CI set ``HYPOTHESIS_PROFILE=full``, Hypothesis' own counts. Neither has a deadline: the
machine is shared and the tests run in parallel, and speed is what ``make bench`` measures,
not a test.
"""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest
from hypothesis import settings

# The tests read English messages: the machine's locale (LANG=zh_CN.UTF-8) must not change
# them. Tests of another language choose it themselves (``i18n.set_language``, an env).
os.environ["POSTMORTEM_LANG"] = "en"

# The garbage collector less often: every Pilot test builds an app of thousands of objects,
# so at Python's default (a young-generation pass every 700 allocations) a third of a worker's
# CPU went to collecting (tests/tui/test_app_keys, _lessons, _review in one process: 11 s of
# 37 s). At these thresholds the same files take 31 s instead of 39 s of CPU, for about 80 MB
# more memory per worker. Nothing a test checks depends on when a cycle is collected.
gc.set_threshold(50_000, 20, 100)

settings.register_profile("full", max_examples=100, deadline=None)
settings.register_profile("fast", max_examples=20, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fast"))


def pytest_xdist_auto_num_workers(config) -> int:
    """``-n auto`` (``make test``): three workers per core. A Pilot test spends much of its
    time asleep while Textual waits for the app to go idle (at least 20 ms after each key and
    pause), and another worker's test uses that core meanwhile. On two cores (December 2026,
    same commit, same machine): four workers 256 s with the cores about 70% busy, six workers
    229 s with them 85% busy."""
    return 3 * (os.cpu_count() or 1)


def pytest_report_header(config) -> str:
    return f"hypothesis profile: {os.environ.get('HYPOTHESIS_PROFILE', 'fast')}"


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch) -> Path:
    """The user's config folder (preferences: the theme) inside the test's own folder: a
    test never reads the real one, nor writes it."""
    folder = tmp_path / "config"
    monkeypatch.setenv("POSTMORTEM_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture
def library_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    return folder


@pytest.fixture
def make_app(library_dir: Path):
    from tui.app import create_app

    def factory(open_target: str | None = None):
        return create_app(library_dir, open_target, clock=False)
    return factory
