"""CPU per key editing a why node, 200 whys and 100 causes (budget ≤ 1.5×).

The app: the postmortem opened on stage 1, key 3, the whys tab, the cursor moved to a why
(a second-level one) and ``e`` pressed; then typing at the end of its text in the line editor.
The baseline: the bare app with one Input, as for the text field.

Printed beside it, as a reference and not against the budget: the same keys typed into
``StockWhyEditing``, stage 3 built of stock Textual widgets with a field open over the whys
tree, against the same one-Input app — what a key costs a screen of this many widgets
before any of the app's own work (Textual draws every widget the changed line crosses).
"""

from __future__ import annotations

import statistics

from bench import keys
from bench.bare_apps import OneInput, StockWhyEditing, read_document
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
    document = read_document(settings.fixtures.pristine("analysis") / f"{ANALYSIS_ID}.json")
    stock = keys.Side("stock widgets shaped like stage 3, a why typed", lambda: StockWhyEditing(document),
                      nothing, keys.typed_keys(), keys.check_typed)
    reference = keys.compare(f"{NAME} (reference)", "CPU per key in stock widgets of the same screen",
                             bare, stock, settings, None, rounds=(3, 2))[0]
    return [Figure(NAME, "CPU per key, why node", paired.ratio, BUDGET,
                   f"{ms(statistics.median(paired.app)).strip()} vs {ms(statistics.median(paired.baseline)).strip()}"),
            Figure(NAME, "reference: stock widgets, same screen", reference.ratio, None,
                   f"{ms(statistics.median(reference.app)).strip()} vs "
                   f"{ms(statistics.median(reference.baseline)).strip()}")]
