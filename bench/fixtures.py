"""The documents and libraries every benchmark works on, built once per run in a temporary folder.

Documents are built as the JSON of the file format (docs/format.md), starting from the demo
postmortem, and written as library files (the TinyDB envelope) directly: the format is the
contract, so the benchmarks do not depend on the app's model classes, which change.

``Fixtures`` builds each library the first time it is asked for and keeps a pristine copy;
``fresh(name)`` hands a benchmark session its own copy, so what one session types, saves or
remembers (``.last-stages.json``) never reaches the next.
"""

from __future__ import annotations

import functools
import json
import shutil
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable

START = datetime(2026, 3, 4, 0, 0, tzinfo=timezone.utc)

EVENT_WORDS = ("checkout-api pool wait above 2 s", "cache hit ratio 41% on shard 3",
               "pricing-db replicas at 90% CPU", "status page updated", "support ticket escalated",
               "rollback started", "on-call paged", "queue depth | p99 <2 s> *after* retry #3")
WHY_WORDS = ("requests waited on pricing lookups that missed the cache",
             "the replacement node joined empty and took a full shard at once",
             "the warm-up job did not run for the replaced node",
             "the automation tags a replaced node as new capacity",
             "warm-up is a manual runbook step nothing verifies")
CAUSE_WORDS = ("warm-up is a manual step", "no gradual weight ramp for new nodes",
               "connection pool waits 30 s before failing", "dashboards miss maintenance events",
               "standard change without its own checklist")
CATEGORIES = ("Process", "Tooling", "Technology", "Environment", "People", "Communication")
TAGS = ("cache", "checkout", "capacity", "alerting", "database", "network", "deploy", "dns")
SEVERITIES = ("SEV1", "SEV2", "SEV3", "SEV4")

# Ids of the documents the benchmarks open.
TIMELINE_ID = "bench-timeline"
ANALYSIS_ID = "bench-analysis"


def demo() -> dict[str, Any]:
    """A fresh copy of the demo postmortem's JSON."""
    return json.loads(demo_text())


@functools.cache
def demo_text() -> str:
    from postmortem.demo import demo_dict
    return json.dumps(demo_dict())


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def timeline_document(events: int, doc_id: str = TIMELINE_ID) -> dict[str, Any]:
    """The demo postmortem with ``events`` events, two minutes apart, milestones where usual."""
    doc = demo()
    doc["id"] = doc_id
    doc["timeline"] = [{"id": f"e{i + 1}", "at": iso(START + timedelta(minutes=2 * i)),
                        "text": f"{EVENT_WORDS[i % len(EVENT_WORDS)]} (step {i}, host checkout-{i % 17:02d})",
                        "milestone": None,
                        "source": "Grafana: checkout SLO dashboard" if i % 3 else "",
                        "internal": i % 10 == 0}
                       for i in range(events)]
    for share, milestone in ((0, "start"), (0.015, "detected"), (0.35, "mitigated"), (1, "resolved")):
        doc["timeline"][round(share * (events - 1))]["milestone"] = milestone
    return doc


def analysis_document(whys: int, causes: int, doc_id: str = ANALYSIS_ID) -> dict[str, Any]:
    """The demo postmortem with a five-whys forest of ``whys`` nodes (chains five deep, the
    last of each a root cause) and ``causes`` fishbone causes over six categories."""
    doc = demo()
    doc["id"] = doc_id
    nodes = []
    for n in range(whys):
        depth = n % 5
        nodes.append({"id": f"w{n + 1}", "parent": None if depth == 0 else f"w{n}",
                      "text": f"{WHY_WORDS[depth].capitalize()} (chain {n // 5 + 1})",
                      "evidence": "cache cluster log" if n % 2 else "",
                      "role": "root-cause" if depth == 4 and n % 3 == 0 else None})
    doc["analysis"]["whys"] = nodes
    bones = [{"category": name, "causes": []} for name in CATEGORIES]
    for n in range(causes):
        bones[n % len(bones)]["causes"].append(
            {"id": f"c{n + 1}", "text": f"{CAUSE_WORDS[n % len(CAUSE_WORDS)].capitalize()} ({n + 1})",
             "role": ("root-cause", "contributing", None)[n % 3]})
    doc["analysis"]["fishbone"] = bones
    return doc


def library_document(index: int) -> dict[str, Any]:
    """One postmortem of a big library: the demo under another id, title, severity and tags."""
    doc = demo()
    doc["id"] = library_id(index)
    doc["title"] = library_title(index)
    doc["severity"] = SEVERITIES[index % len(SEVERITIES)]
    doc["tags"] = [TAGS[index % len(TAGS)], TAGS[(index // 3) % len(TAGS)]]
    doc["meeting_at"] = iso(START - timedelta(days=index))
    return doc


def library_id(index: int) -> str:
    return f"bench-{index:04d}"


def library_title(index: int) -> str:
    """Every title starts with "Bench incident": the first frame is found by that text."""
    return f"Bench incident {index:04d}: checkout latency after a cache node replacement"


FIRST_FRAME_TEXT = "Bench incident"


def write_library_file(folder: Path, doc: dict[str, Any]) -> Path:
    """``<id>.json`` in the library folder: the document in its TinyDB envelope (format §envelope)."""
    path = folder / f"{doc['id']}.json"
    text = json.dumps({"postmortem": {"1": doc}}, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    return path


class Fixtures:
    """Libraries built on first use under one temporary folder, removed by ``close``."""

    BUILDERS: dict[str, Callable[[], list[dict[str, Any]]]] = {
        "timeline-2000": lambda: [timeline_document(2000)],
        "timeline-10000": lambda: [timeline_document(10_000)],
        "analysis": lambda: [analysis_document(whys=200, causes=100)],
        "library-1000": lambda: [library_document(i) for i in range(1000)],
        "library-250": lambda: [library_document(i) for i in range(250)],
        "library-1": lambda: [library_document(0)],
    }

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="postmortem-bench-"))
        self._built: dict[str, Path] = {}
        self._copies = 0

    def pristine(self, name: str) -> Path:
        """The library folder ``name``, built now if it is not yet (never write into it)."""
        if name not in self._built:
            folder = self.root / "pristine" / name
            folder.mkdir(parents=True)
            for doc in self.BUILDERS[name]():
                write_library_file(folder, doc)
            self._built[name] = folder
        return self._built[name]

    def fresh(self, name: str) -> Path:
        """A new copy of the library ``name`` for one session to change as it likes."""
        source = self.pristine(name)
        self._copies += 1
        target = self.root / "sessions" / f"{self._copies:04d}-{name}"
        shutil.copytree(source, target)
        return target

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
