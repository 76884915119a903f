"""CPU per key editing a why node, 200 whys and 100 causes (budget ≤ 1.5×).

The app: the postmortem opened on stage 1, key 3, the whys tab, the cursor moved to a why
(a second-level one) and ``e`` pressed; then typing at the end of its text in the line editor.
The baseline: the bare app with one Input, as for the text field.
"""

from __future__ import annotations

import statistics

from bench import keys
from bench.bare_apps import OneInput
from bench.fixtures import ANALYSIS_ID
from bench.keys_fishbone_cause import edit_tree_item, nothing
from bench.measure import Figure, Settings, ms

NAME = "keys_why_node"
BUDGET = 1.5


def run(settings: Settings) -> list[Figure]:
    from tui.app import create_app

    async def to_why(app, pilot) -> None:
        await edit_tree_item(app, pilot, tab="analysis-whys", tree="#whys-tree", downs=1)

    bare = keys.Side("bare App + one Input", OneInput, nothing, keys.typed_keys(), keys.check_typed)
    app = keys.Side("postmortem, why node (200 whys, 100 causes)",
                    lambda: create_app(settings.fixtures.fresh("analysis"), ANALYSIS_ID, clock=False),
                    to_why, keys.typed_keys(), keys.check_typed)
    paired = keys.compare(NAME, "CPU per key editing a why node, 200 whys and 100 causes",
                          bare, app, settings, BUDGET)[0]
    return [Figure(NAME, "CPU per key, why node", paired.ratio, BUDGET,
                   f"{ms(statistics.median(paired.app)).strip()} vs {ms(statistics.median(paired.baseline)).strip()}")]
