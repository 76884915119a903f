"""Waiting until what the focused field has posted is handled, before leaving or quitting.

A terminal can hand the app a key and Ctrl+Q together. The key goes on to the field, which
posts ``Input.Changed``; that message bubbles up, one widget's queue at a time, to the stage
that writes it into the document. Ctrl+Q is the app's own binding and is handled as soon
as the app comes to it, before the message has arrived: the last keys were not saved.

Each widget handles its queue in order, so a callback queued on a widget runs after what was
queued there before it. ``messages_delivered`` queues one behind the field's messages, then
on its parent once the field is through, and so on up to the screen. It queues twice on
each widget, because handling a message (a key) may queue another (``Changed``) on the same
widget, behind the first callback.
"""

from __future__ import annotations

import asyncio

from textual.screen import Screen
from textual.widget import Widget

# A widget removed meanwhile never runs its callback; nothing waits longer than this.
LONGEST_WAIT = 1.0


async def messages_delivered(widget: Widget | None) -> None:
    """Return once the messages ``widget`` and each of its parents up to the screen had
    queued have been handled (or after ``LONGEST_WAIT``)."""
    if widget is None:
        return
    chain: list[Widget] = []
    for node in widget.ancestors_with_self:
        if not isinstance(node, Widget):
            break
        chain.append(node)
        if isinstance(node, Screen):
            break
    done = asyncio.get_running_loop().create_future()

    def queue_on(index: int, passes: int) -> None:
        while index < len(chain) and not chain[index].call_later(ran_on, index, passes):
            index, passes = index + 1, 2   # a widget no longer running: on to its parent
        if index == len(chain) and not done.done():
            done.set_result(None)

    def ran_on(index: int, passes: int) -> None:
        if passes > 1:
            queue_on(index, passes - 1)   # behind what the messages before it queued here
        else:
            queue_on(index + 1, 2)

    queue_on(0, 2)
    try:
        await asyncio.wait_for(done, LONGEST_WAIT)
    except asyncio.TimeoutError:
        pass
