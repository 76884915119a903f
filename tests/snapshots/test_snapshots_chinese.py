"""Layout snapshots of the six stages in Chinese at 80×24, on the Chinese demo (fixed today,
clock off, no blink): the strip holds all six stages, the footer's keys, double-width text in
tables cut at cell boundaries, the fishbone diagram."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date

import pytest

import tui
from postmortem import i18n
from postmortem.demo import demo_document
from storage.library import Library
from tui.stages.actions import clock as actions_clock
from helpers import settled

TODAY = date(2026, 3, 11)   # the day demo.zh-CN.json is written for: nothing overdue


@pytest.fixture(autouse=True)
def chinese(monkeypatch):
    # All of tui imported in English first, as tests/tui/test_app_chinese.py explains: a class
    # built while Chinese is spoken would keep Chinese texts for the tests after these.
    for module in pkgutil.walk_packages(tui.__path__, "tui."):
        importlib.import_module(module.name)
    monkeypatch.setattr(actions_clock, "today", lambda: TODAY)
    i18n.set_language("zh-CN")
    yield
    i18n.set_language(None)


@pytest.fixture
def demo(library_dir):
    Library(library_dir).create(demo_document(language="zh-CN")).close()
    return "demo-checkout-latency"


@pytest.mark.parametrize("stage", ["1", "2", "3", "4", "5", "6"])
def test_stage_layout_in_chinese(snap_compare, demo, make_app, stage):
    assert snap_compare(make_app(demo), terminal_size=(80, 24),
                        run_before=settled("escape", stage))


@pytest.mark.parametrize("keys", [("t",), ("t", "g")], ids=["with-causes", "diagram-alone"])
def test_fishbone_in_chinese(snap_compare, demo, make_app, keys):
    assert snap_compare(make_app(demo), terminal_size=(80, 24),
                        run_before=settled("escape", "3", *keys))
