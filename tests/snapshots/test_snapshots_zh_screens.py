"""Every screen and dialog not covered by tests/snapshots/test_snapshots_chinese.py, once, in Chinese at
80×24 (issue 16): the library and its views, help, palette, review, export, the meeting room's
dialogs, the stages' dialogs, the banners. The Chinese demo, a fixed today, a fixed meeting
clock, the library under a fake home (shown as ``~/postmortems``), no cursor blink.

A dialog that a worker waits on (``push_screen_wait``) keeps that worker running while it is
open: those snapshots wait for a bounded number of refreshes instead of the workers."""

from __future__ import annotations

import copy
import faulthandler
import importlib
import pkgutil
from datetime import date, datetime, timezone

import pytest
from textual.screen import ModalScreen

import storage.trash
import tui
from postmortem import i18n, parking
from postmortem.demo import demo_dict, demo_document
from postmortem.factory import new_postmortem
from postmortem.merge import merge
from postmortem.model import Action
from storage.library import Library
from storage.outside import library_file_bytes
from tui.app import create_app
from tui.clock import FixedClock
from tui.stages.actions import clock as actions_clock
from helpers import settled

TODAY = date(2026, 3, 11)   # the day demo.zh-CN.json is written for: nothing overdue
RAISED = datetime(2026, 3, 9, 15, 12, tzinfo=timezone.utc)
DEMO = "demo-checkout-latency"
HANG_LIMIT = 120  # seconds: a snapshot that has not settled by then ends the run with a traceback


@pytest.fixture(autouse=True)
def chinese(monkeypatch):
    # All of tui imported in English first (tests/tui/test_app_chinese.py explains why).
    for module in pkgutil.walk_packages(tui.__path__, "tui."):
        importlib.import_module(module.name)
    monkeypatch.setattr(actions_clock, "today", lambda: TODAY)
    i18n.set_language("zh-CN")
    faulthandler.dump_traceback_later(HANG_LIMIT, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()
    i18n.set_language(None)


@pytest.fixture
def library_dir(monkeypatch, tmp_path):
    """The library under a fake home, so the path on screen is the same on every run; the
    working folder (where a relative export path starts) is that home too: shown as ``~``."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "postmortems"
    folder.mkdir()
    return folder


def chinese_demo():
    doc = demo_document(language="zh-CN")
    first = parking.park(doc, "问存储供应商快照数量上限", 2, RAISED)
    parking.park(doc, "重新命名缓存看板", 3, RAISED)
    parking.keep_as_idea(doc, first.id)
    return doc


@pytest.fixture
def library(library_dir) -> Library:
    library = Library(library_dir)
    library.create(chinese_demo()).close()
    earlier = new_postmortem("earlier-cache", "上一次缓存故障", "SEV3")
    earlier.tags = ["缓存"]
    earlier.language = "zh-CN"
    earlier.actions = [
        Action("a1", "命中率低于 80% 持续 5 分钟时告警", owner="李伟", due=date(2026, 3, 1)),
        Action("a2", "自动化缓存预热", owner="王芳", due=date(2026, 4, 10)),
    ]
    library.create(earlier).close()
    for n, title in enumerate(["DNS 解析器险情", "队列积压"]):
        library.create(new_postmortem(f"other-{n}", title, "SEV4")).close()
    return library


def opened(*keys: str, before=None):
    """For a dialog a worker waits on: the keys, then a bounded number of refreshes."""
    return settled(*keys, before=before, workers=False)


def snapshot(snap_compare, app, run_before):
    return snap_compare(app, terminal_size=(80, 24), run_before=run_before)


# The library and what opens from it.

LIBRARY_SCREENS = {
    "library": settled(),
    "library-filter": settled("slash", "缓", "存"),
    "team-actions": settled("a"),
    "team-reviews": settled("r"),
    "team-stats": settled("s"),
    "help": settled("f1"),
    "palette": opened("ctrl+p"),
    "new-postmortem": opened("n"),
    "delete-confirm": opened("down", "delete"),
    "trash": settled("down", "delete", "y", "t"),
}


class TrashedAt(datetime):
    """The trash lists when a file was moved there (its ctime): one fixed moment instead."""
    @classmethod
    def fromtimestamp(cls, timestamp, tz=None):
        return datetime(2026, 3, 11, 9, 30, tzinfo=timezone.utc)


@pytest.mark.parametrize("name", LIBRARY_SCREENS)
def test_library_screens_in_chinese(snap_compare, library, name, monkeypatch):
    monkeypatch.setattr(storage.trash, "datetime", TrashedAt)
    app = create_app(library.root, None, clock=False)
    assert snapshot(snap_compare, app, LIBRARY_SCREENS[name])


def test_theme_picker_in_chinese(snap_compare, library):
    async def themes(pilot):
        pilot.app.search_themes()
    app = create_app(library.root, None, clock=False)
    assert snapshot(snap_compare, app, opened(before=themes))


def test_corrupt_file_offers_its_backup_in_chinese(snap_compare, library):
    path = library.root / f"{DEMO}.json"
    backup = path.with_name(path.name + ".bak")
    backup.write_bytes(path.read_bytes())
    path.write_text("<<<<<<< HEAD\n", "utf-8")
    app = create_app(library.root, DEMO, clock=False)

    async def offered(pilot) -> None:
        # The offer comes over the library, which comes once the app's mount is over.
        for _ in range(20):
            if isinstance(pilot.app.screen, ModalScreen):
                return
            await pilot.pause()
    assert snapshot(snap_compare, app, opened(before=offered))


# The workspace and what opens from it.

WORKSPACE_SCREENS = {
    "help": settled("escape", "2", "f1"),
    "palette": opened("ctrl+p"),
    "conditions": settled("f2"),
    "final-review": settled("f5"),
    "export-internal": settled("f6"),
    "export-customer": settled("f6", "t"),
    "export-path": opened("f6", "o"),
    "agenda": settled("f7"),
    "wrap-up": settled("ctrl+g"),
    "roster": settled("f4"),
    "carry-over": settled("f10"),
    "parking-lot": settled("escape", "2", "f11"),
    "park-topic": opened("ctrl+o"),
    "questions": settled("escape", "3", "f3"),
    "preamble": settled("ctrl+r"),
    "sharing": settled("f12"),
    "sharing-off-confirm": opened("f12", "f12"),
    "private-notes": settled("ctrl+n"),
    "presenter-theme": settled("ctrl+t"),
    "settle-parked": settled("escape", "5", "p"),
    "cause-picker": settled("escape", "5", "c"),
    "action-form": settled("escape", "5", "e"),
    "timeline-entry": settled("escape", "2", "tab", "e"),
    "timeline-paste": opened("escape", "2", "tab", "p"),
    "timeline-source": opened("escape", "2", "tab", "n"),
    "whys-move-to": opened("escape", "3", "m"),
    "library-from-workspace": settled("ctrl+l"),
}


@pytest.mark.parametrize("name", WORKSPACE_SCREENS)
def test_workspace_screens_in_chinese(snap_compare, library, name):
    app = create_app(library.root, DEMO, clock=False)
    assert snapshot(snap_compare, app, WORKSPACE_SCREENS[name])


def test_running_meeting_in_chinese(snap_compare, library):
    fake_clock = FixedClock(datetime(2026, 3, 9, 15, 0, tzinfo=timezone.utc))
    app = create_app(library.root, DEMO, clock=fake_clock)

    async def run_meeting(pilot):
        await pilot.press("f8", "f9")
        fake_clock.advance(minutes=17)
        pilot.app.screen.meeting_tick()
    assert snapshot(snap_compare, app, settled(before=run_meeting))


def test_merge_conflicts_banner_in_chinese(snap_compare, library):
    base = demo_dict(language="zh-CN")
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours["title"], theirs["title"] = "我们的标题", "他们的标题"
    ours["actions"].pop(0)
    theirs["actions"][0]["owner"] = "他们的负责人"
    result = merge(base, ours, theirs)
    (library.root / f"{DEMO}.json").write_bytes(library_file_bytes(1, result.document.to_dict()))
    app = create_app(library.root, DEMO, clock=False)
    assert snapshot(snap_compare, app, settled())


def test_outside_change_choice_in_chinese(snap_compare, library):
    from tui.screens.outside_change import ChooseVersionScreen
    mine = demo_dict(language="zh-CN")
    theirs = copy.deepcopy(mine)
    theirs["title"] = "他们改过的标题"
    theirs["timeline"].pop()

    async def outside(pilot):
        pilot.app.push_screen(ChooseVersionScreen(library.root / f"{DEMO}.json", mine, theirs))
    app = create_app(library.root, DEMO, clock=False)
    assert snapshot(snap_compare, app, opened(before=outside))


def test_unsaved_edits_dialog_in_chinese(snap_compare, library, monkeypatch):
    from tui.screens.unsaved import UnsavedEditsScreen
    from tui.screens.workspace_saving import WorkspaceSaving
    monkeypatch.setattr(WorkspaceSaving, "unsaved_since_text", lambda self: "15:04:05")

    async def unsaved(pilot):
        pilot.app.push_screen(UnsavedEditsScreen(pilot.app.screen.unsaved_report()))
    app = create_app(library.root, DEMO, clock=False)
    assert snapshot(snap_compare, app, opened(before=unsaved))


def test_dismissing_a_finding_in_chinese(snap_compare, library):
    """Stage 5 with a blaming action title: the findings list (f) and the reason asked (x)."""
    doc = chinese_demo()
    doc.actions[2].title = "培训值班人员，避免人为失误"
    library.root.joinpath(f"{DEMO}.json").unlink()
    library.create(doc).close()
    app = create_app(library.root, DEMO, clock=False)
    assert snapshot(snap_compare, app, opened("escape", "5", "f", "x"))


def test_second_window_read_only_in_chinese(snap_compare, library):
    """The postmortem open in another window (its lock held): this one only shows it. The
    toast that says so is cleared: it names this run's process and temporary folder."""
    first_window = library.open(DEMO)

    async def without_toast(pilot):
        pilot.app.clear_notifications()
    try:
        app = create_app(library.root, DEMO, clock=False)
        assert snapshot(snap_compare, app, settled(before=without_toast))
    finally:
        first_window.close()
