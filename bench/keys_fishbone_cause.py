"""CPU per key editing a fishbone cause, 200 whys and 100 causes (budget ≤ 1.5×).

The app: the postmortem opened on stage 1, key 3, the fishbone tab, the cursor moved to a
cause and ``e`` pressed; then typing at the end of the cause's text in the line editor.
The baseline: the bare app with one Input, as for the text field.
"""

from __future__ import annotations

import statistics

from bench import keys
from bench.bare_apps import OneInput
from bench.fixtures import ANALYSIS_ID
from bench.measure import Figure, Settings, ms

NAME = "keys_fishbone_cause"
BUDGET = 1.5


async def nothing(app, pilot) -> None:
    pass


async def open_stage_three(app, pilot) -> None:
    """Key 3 with nothing focused (a focused field would take the digit as text)."""
    app.screen.set_focus(None)
    await pilot.press("3")
    await pilot.pause()


async def edit_tree_item(app, pilot, *, tab: str, tree: str, downs: int) -> None:
    """On stage 3: show ``tab``, focus ``tree``, move down ``downs`` lines and press e."""
    await open_stage_three(app, pilot)
    app.screen.query_one("#analysis-tabs").active = tab
    await pilot.pause()
    app.screen.query_one(tree).focus()
    await pilot.press(*["down"] * downs, "e")
    await pilot.pause()
    keys.focused_value(app)  # the line editor has the focus, or this says what has


def run(settings: Settings) -> list[Figure]:
    from tui.app import create_app

    async def to_cause(app, pilot) -> None:
        await edit_tree_item(app, pilot, tab="analysis-fishbone", tree="#fishbone-tree", downs=2)

    bare = keys.Side("bare App + one Input", OneInput, nothing, keys.typed_keys(), keys.check_typed)
    app = keys.Side("postmortem, fishbone cause (200 whys, 100 causes)",
                    lambda: create_app(settings.fixtures.fresh("analysis"), ANALYSIS_ID, clock=False),
                    to_cause, keys.typed_keys(), keys.check_typed)
    paired = keys.compare(NAME, "CPU per key editing a fishbone cause, 200 whys and 100 causes",
                          bare, app, settings, BUDGET)[0]
    return [Figure(NAME, "CPU per key, fishbone cause", paired.ratio, BUDGET,
                   f"{ms(statistics.median(paired.app)).strip()} vs {ms(statistics.median(paired.baseline)).strip()}")]
