"""postmortem — the domain of postmortem-tui: document model, rules, time, exports.

No Textual and no TinyDB here (tests/domain/test_layering.py enforces it).
"""

__version__ = "0.1.0"
