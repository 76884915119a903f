"""The sample postmortem behind ``postmortem demo``: realistic, fictional, every stage filled.

The document lives in ``demo.json`` next to this module, in the interchange format of
DESIGN §4, so it is also an example of that format. It must pass every stage exit and the
final review (tests/test_demo.py keeps it that way).
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from postmortem.model import Postmortem


def demo_dict() -> dict[str, Any]:
    """A fresh copy of the demo document as JSON data."""
    text = resources.files("postmortem").joinpath("demo.json").read_text(encoding="utf-8")
    return json.loads(text)


def demo_document() -> Postmortem:
    """A fresh, validated copy of the demo postmortem."""
    return Postmortem.from_dict(demo_dict())
