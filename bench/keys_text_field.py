"""CPU per key typed in a text field with a 2,000-event postmortem open (budget ≤ 1.5×).

The app: the postmortem opened on stage 1, typing at the end of its title (the first field a
facilitator fills in). The baseline: a bare app with one Input (compact, as the app's fields).
"""

from __future__ import annotations

import statistics

from bench import keys
from bench.bare_apps import OneInput
from bench.fixtures import TIMELINE_ID
from bench.measure import Figure, Settings, ms

NAME = "keys_text_field"
BUDGET = 1.5


def run(settings: Settings) -> list[Figure]:
    from tui.app import create_app

    async def to_title(app, pilot) -> None:
        field = app.screen.query_one("#title")
        field.focus()
        field.cursor_position = len(field.value)

    async def nothing(app, pilot) -> None:
        pass

    bare = keys.Side("bare App + one Input", OneInput, nothing, keys.typed_keys(), keys.check_typed)
    app = keys.Side("postmortem, 2,000 events, stage 1 title",
                    lambda: create_app(settings.fixtures.fresh("timeline-2000"), TIMELINE_ID, clock=False),
                    to_title, keys.typed_keys(), keys.check_typed)
    paired = keys.compare(NAME, "CPU per key typed in a text field, 2,000-event postmortem open",
                          bare, app, settings, BUDGET)[0]
    return [Figure(NAME, "CPU per key, text field, 2,000 events", paired.ratio, BUDGET,
                   f"{ms(statistics.median(paired.app)).strip()} vs {ms(statistics.median(paired.baseline)).strip()}")]
