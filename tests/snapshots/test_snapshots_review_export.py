"""Snapshots of the final review and the export screen (fixed documents, fixed today, no clock)."""

from __future__ import annotations

from datetime import date

import pytest
from helpers import settled

from postmortem.demo import demo_document
from postmortem.factory import new_postmortem
from storage.library import Library
from storage.reading import read_recurrence
from tui.screens.review import FinalReviewScreen

TODAY = date(2026, 3, 10)


def broken_demo():
    doc = demo_document()
    doc.id, doc.title = "broken", "Checkout latency (broken copy)"
    doc.impact.users_affected = "some shoppers"
    doc.actions[0].owner = ""
    doc.meeting_at = None
    doc.communication.follow_ups = []
    doc.scope.sensitivity.security = True
    doc.communication.legal_review = "pending"
    return doc


@pytest.fixture
def review_app(library_dir, make_app):
    library = Library(library_dir)
    library.create(broken_demo()).close()
    earlier = new_postmortem("earlier-cache", "Earlier cache outage", "SEV3")
    earlier.tags = ["cache"]
    library.create(earlier).close()
    for n in range(2):   # the tag is on 2 of 4 postmortems: rare enough to be a repeat
        library.create(new_postmortem(f"unrelated-{n}", f"Unrelated {n}", "SEV4")).close()
    return make_app("broken"), library


def push_review(library, *keys: str, today=TODAY):
    """Settled with the final review pushed over the workspace, as on a fixed day."""
    async def push(pilot) -> None:
        workspace = pilot.app.screen
        pilot.app.push_screen(FinalReviewScreen(workspace.document,
                                                read_recurrence(library.root).postmortems,
                                                today=today))
    return settled(*keys, before=push)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_final_review(snap_compare, review_app, size):
    app, library = review_app
    assert snap_compare(app, terminal_size=size, run_before=push_review(library))


def test_final_review_scrolled_to_the_deviations(snap_compare, review_app):
    app, library = review_app
    assert snap_compare(app, terminal_size=(80, 24), run_before=push_review(library, "end"))


def test_final_review_all_pass(snap_compare, library_dir, make_app):
    library = Library(library_dir)
    library.create(demo_document()).close()
    app = make_app("demo-checkout-latency")
    assert snap_compare(app, terminal_size=(80, 24), run_before=push_review(library))


def test_export_refused_customer_version(snap_compare, library_dir, make_app):
    Library(library_dir).create(broken_demo()).close()
    app = make_app("broken")
    assert snap_compare(app, terminal_size=(80, 24), run_before=settled("f6", "t"))
