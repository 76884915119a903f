"""docs/format.md stays true: every field the model writes has a row there, every row is a
field the model writes, and each row's "required", "or null", type and enumeration values are
what the reader actually does (found by changing the document and reading it again).

The maximal document is the page's own complete example: a test checks that it sets every
field of every record class (so a new optional field must appear in the example, and then in
the tables), that it is in the canonical encoding, and that the envelope shown is byte for byte
what the library writes.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import re
import stat
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

import pytest

from postmortem import vocab
from postmortem.demo import demo_dict
from postmortem.factory import new_postmortem
from postmortem.fields import ValidationError
from postmortem.i18n import t
from postmortem.model import Postmortem
from storage.atomic import BACKUP_SUFFIX, TEMP_MARKER, document_bytes, lock_path
from storage.last_stage import STATE_NAME
from storage.library import TRASH, Library
from storage.outside import copy_path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "format.md"
FIXTURES = ROOT / "tests" / "fixtures"
FIELD_HEADER = ["Field", "Type", "Required", "Meaning", "Accepted values"]
NOT_A_VALUE = "zz-not-a-value"
JSON_TYPE_NAMES = {str: "string", bool: "boolean", list: "array", dict: "object", int: "integer"}


# Reading the page ------------------------------------------------------------------------


def page() -> str:
    return DOC.read_text(encoding="utf-8")


def field_rows() -> dict[str, dict[str, str]]:
    """The rows of every table whose header is FIELD_HEADER, by the path in their first cell."""
    rows: dict[str, dict[str, str]] = {}
    lines = page().splitlines()
    for number, line in enumerate(lines):
        if _cells(line) != FIELD_HEADER:
            continue
        for row_line in lines[number + 2:]:
            if not row_line.startswith("|"):
                break
            cells = _cells(row_line)
            assert len(cells) == len(FIELD_HEADER), f"a field row needs {len(FIELD_HEADER)} cells: {row_line}"
            path = re.fullmatch(r"`([^`]+)`", cells[0])
            assert path, f"a field row starts with the path in backticks: {row_line}"
            assert path[1] not in rows, f"{path[1]} has two rows"
            rows[path[1]] = dict(zip(FIELD_HEADER, cells))
    assert rows, "docs/format.md has no field tables"
    return rows


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")] if line.startswith("|") else []


def json_blocks() -> list[str]:
    return re.findall(r"^```json\n(.*?)^```$", page(), re.DOTALL | re.MULTILINE)


def the_block(key: str) -> str:
    """The one JSON block of the page whose object has ``key`` at the top."""
    found = [block for block in json_blocks() if key in json.loads(block)]
    assert len(found) == 1, f"docs/format.md needs exactly one JSON block with a top-level {key!r}"
    return found[0]


def example() -> dict[str, Any]:
    return json.loads(the_block("schema"))


def path_pattern(documented: str) -> re.Pattern[str]:
    """A documented path as a pattern: ``{name}`` stands for any one key of a map."""
    parts = re.split(r"\{[^}]*\}", documented)
    return re.compile(r"[^.\[\]]+".join(re.escape(part) for part in parts))


# Walking documents -----------------------------------------------------------------------


def key_paths(value: Any, prefix: str = "") -> Iterator[str]:
    """Every key path of JSON data, list items collapsed as ``[]``."""
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else key
            yield path
            yield from key_paths(item, path)
    elif isinstance(value, list):
        for item in value:
            yield from key_paths(item, prefix + "[]")


def occurrences(data: Any, path: str) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Where ``path`` is present in ``data``: the route (keys and indexes) and the concrete path."""
    parts = [part for piece in path.split(".") for part in re.findall(r"[^\[\]]+|\[\]", piece)]

    def walk(node: Any, rest: list[str], route: tuple[Any, ...], where: str):
        if not rest:
            yield route, where
        elif rest[0] == "[]":
            for i, item in enumerate(node if isinstance(node, list) else []):
                yield from walk(item, rest[1:], route + (i,), f"{where}[{i}]")
        elif isinstance(node, dict):
            # A ``{name}`` part is any key of a map; any other part is that key.
            keys = list(node) if re.fullmatch(r"\{[^}]*\}", rest[0]) else [rest[0]] if rest[0] in node else []
            for key in keys:
                yield from walk(node[key], rest[1:], route + (key,), f"{where}.{key}" if where else key)

    yield from walk(data, parts, (), "")


def at(data: Any, route: tuple[Any, ...]) -> Any:
    for step in route:
        data = data[step]
    return data


def record_fields(record: Any, path: str, found: dict[str, tuple[set[str], set[str]]]) -> None:
    """For each record class at a (collapsed) path: its declared fields and the keys written."""
    declared, written = found.setdefault(path, (set(), set()))
    names = [field.name for field in dataclasses.fields(record)]
    declared.update(names)
    written.update(record.to_dict())
    for name in names:
        value = getattr(record, name)
        child = f"{path}.{name}" if path else name
        if dataclasses.is_dataclass(value):
            record_fields(value, child, found)
        elif isinstance(value, list):
            for item in value:
                if dataclasses.is_dataclass(item):
                    record_fields(item, child + "[]", found)


# Changing the example and reading it again -----------------------------------------------


def without_references(data: dict[str, Any]) -> dict[str, Any]:
    """The example with no parent, no action cause and no parked topic linked to an action,
    so any item or list may be removed."""
    data = copy.deepcopy(data)
    for node in data["analysis"]["whys"]:
        node["parent"] = None
    for action in data["actions"]:
        action["causes"] = []
    for parked in data.get("parking_lot", []):
        parked["action"] = None
    return data


def read_changed(path: str, change) -> tuple[tuple[Any, ...], str, Postmortem | ValidationError]:
    """Read the example with the first occurrence of ``path`` changed by ``change(holder, key)``:
    that occurrence's route and concrete path, and the document read or the error."""
    data = without_references(example())
    route, where = next(occurrences(data, path))
    change(at(data, route[:-1]), route[-1])
    try:
        return route, where, Postmortem.from_dict(data)
    except ValidationError as error:
        return route, where, error


def reading_without(path: str) -> str:
    """"required", "omitted" (read without it, written without it) or "optional"."""
    route, where, read = read_changed(path, lambda holder, key: holder.pop(key))
    if isinstance(read, ValidationError):
        assert (read.path, read.problem) == (where, t("validation.missing")), f"without {where}: {read}"
        return "required"
    return "optional" if route[-1] in at(read.to_dict(), route[:-1]) else "omitted"


def accepts_null(path: str) -> bool:
    return not isinstance(read_changed(path, lambda holder, key: holder.__setitem__(key, None))[2],
                          ValidationError)


def enumerations() -> dict[str, tuple[str, ...]]:
    return {name: value for name, value in vars(vocab).items()
            if name.isupper() and isinstance(value, tuple) and all(isinstance(v, str) for v in value)}


def enumeration_of(path: str) -> str | None:
    """The vocab enumeration the reader checks ``path`` against, if any: the one its "is not one
    of" message names when the field (or a list's item) is given a value of no enumeration."""
    sample = at(example(), next(occurrences(example(), path))[0])
    if isinstance(sample, list) and all(isinstance(item, str) for item in sample):
        wrong: Any = [NOT_A_VALUE]
    elif isinstance(sample, str):
        wrong = NOT_A_VALUE
    else:
        return None
    _, where, read = read_changed(path, lambda holder, key: holder.__setitem__(key, wrong))
    if not isinstance(read, ValidationError) or read.path not in (where, f"{where}[0]"):
        return None
    return next((name for name, values in enumerations().items()
                 if read.problem == t("validation.not_one_of", allowed=", ".join(values))), None)


def row_problems(check) -> list[str]:
    """What ``check`` finds wrong with each row of a field the example holds (a row of a field
    it does not hold is reported by test_every_row_is_a_field_the_model_writes)."""
    data = example()
    return [problem for path, row in field_rows().items()
            if next(occurrences(data, path), None) is not None and (problem := check(path, row))]


# The tests -------------------------------------------------------------------------------


def test_every_field_the_model_writes_has_a_row():
    documents = [example(), demo_dict()] + [json.loads(p.read_text(encoding="utf-8"))
                                            for p in sorted(FIXTURES.glob("*.json"))]
    written = {path for data in documents for path in key_paths(Postmortem.from_dict(data).to_dict())}
    patterns = [path_pattern(documented) for documented in field_rows()]
    missing = sorted(p for p in written if not any(pattern.fullmatch(p) for pattern in patterns))
    assert not missing, f"docs/format.md has no row for {missing}"


def test_every_row_is_a_field_the_model_writes():
    written = set(key_paths(Postmortem.from_dict(example()).to_dict()))
    stale = sorted(documented for documented in field_rows()
                   if not any(path_pattern(documented).fullmatch(path) for path in written))
    assert not stale, f"docs/format.md has rows for fields the model does not write: {stale}"


def test_the_example_sets_every_field_of_every_record():
    found: dict[str, tuple[set[str], set[str]]] = {}
    record_fields(Postmortem.from_dict(example()), "", found)
    unset = sorted(f"{path}.{name}".lstrip(".") for path, (declared, written) in found.items()
                   for name in declared - written)
    assert not unset, f"the complete example in docs/format.md leaves out {unset}"
    data = example()
    empty = sorted(path for path in set(key_paths(data))
                   if all(at(data, route) in (None, "", [], {}) for route, _ in occurrences(data, path)))
    assert not empty, f"the complete example never gives these fields a value: {empty}"


def test_required_column_is_what_the_reader_demands():
    def check(path: str, row: dict[str, str]) -> str | None:
        cell = row["Required"].lower()
        documented = ("required" if cell.startswith("required") else "omitted" if "omitted" in cell
                      else "optional" if cell.startswith("optional") else cell)
        actual = reading_without(path)
        return None if documented == actual else f"{path}: documented {documented!r}, the model: {actual!r}"
    assert not row_problems(check)


def test_or_null_in_the_type_is_what_the_reader_accepts():
    def check(path: str, row: dict[str, str]) -> str | None:
        documented, actual = "null" in row["Type"], accepts_null(path)
        said = "says" if documented else "does not say"
        return None if documented == actual else \
            f"{path}: the type {said} null, the model {'accepts' if actual else 'refuses'} it"
    assert not row_problems(check)


def test_type_names_the_json_type():
    data = example()

    def check(path: str, row: dict[str, str]) -> str | None:
        kinds = {JSON_TYPE_NAMES[type(at(data, route))] for route, _ in occurrences(data, path)
                 if at(data, route) is not None}
        wrong = sorted(kind for kind in kinds if kind not in row["Type"])
        return f"{path}: the type {row['Type']!r} does not say {wrong}" if wrong else None
    assert not row_problems(check)


def test_every_enumeration_is_documented_with_all_its_values():
    rows = field_rows()
    used: set[str] = set()
    problems = []
    for path, row in rows.items():
        name = enumeration_of(path) if next(occurrences(example(), path), None) else None
        if name is None:
            continue
        used.add(name)
        expected = list(enumerations()[name]) + (["null"] if accepts_null(path) else [])
        listed = re.findall(r"`([^`]+)`", row["Accepted values"])
        if listed != expected:
            problems.append(f"{path} ({name}): accepted values list {listed}, the model {expected}")
    assert not problems
    # Not an enumeration of a field: the severities for which the depth is suggested lightweight.
    derived = {"LIGHTWEIGHT_SEVERITIES": "scope.depth"}
    assert set(enumerations()) - used == set(derived), "an enumeration of vocab.py no field uses"
    for name, path in derived.items():
        missing = [v for v in enumerations()[name] if f"`{v}`" not in rows[path]["Meaning"]]
        assert not missing, f"the {path} row does not name {missing} ({name})"


def test_schema_row_names_the_schema():
    assert re.findall(r"`([^`]+)`", field_rows()["schema"]["Accepted values"]) == [vocab.SCHEMA]


def test_the_example_is_a_canonical_document_that_round_trips_byte_for_byte():
    block = the_block("schema")
    assert document_bytes(Postmortem.from_dict(json.loads(block)).to_dict()).decode("utf-8") == block


def test_the_envelope_is_byte_for_byte_what_the_library_writes(tmp_path):
    block = the_block("postmortem")
    (record,) = json.loads(block)["postmortem"].values()
    library = Library(tmp_path / "library")
    library.create(new_postmortem(record["id"], record["title"], record["severity"])).close()
    path = library.path_for(record["id"])
    assert path.read_text(encoding="utf-8") == block
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(library.root).st_mode) == 0o700


def test_the_library_files_are_named_as_the_code_names_them():
    text = page()
    document = Path("<id>.json")
    names = [f"`<id>.json{BACKUP_SUFFIX}`", f"`{lock_path(document).name}`", f"`.<id>.json{TEMP_MARKER}",
             f"`{STATE_NAME}`", f"`{TRASH}/`"]
    sources = "\n".join(p.read_text(encoding="utf-8") for folder in ("storage", "tui")
                        for p in sorted((ROOT / folder).rglob("*.py")))
    for whose in sorted(set(re.findall(r"(?:write_copy|copy_path)\([^,()]+,\s*\"([a-z]+)\"", sources))):
        names.append(f"`<id>.{whose}-<UTC>.json`")
    missing = [name for name in names if name not in text]
    assert not missing, f"docs/format.md does not name {missing}"
    stamp = copy_path(Path("x.json"), "theirs", datetime(2026, 3, 4, 14, 12, tzinfo=timezone.utc)).name
    assert stamp == "x.theirs-20260304T141200Z.json" and "`20260304T141200Z`" in text


QUOTED_MESSAGES = [line for line in page().splitlines() if line.startswith("postmortem: ")]


@pytest.mark.parametrize("line", QUOTED_MESSAGES)
def test_quoted_import_messages_are_what_the_reader_says(line):
    """Each message quoted on the page is what reading the example with that one value says."""
    path, value = re.fullmatch(r"postmortem: ([^:]+): (.*?) (?:is|names|makes) .*", line).groups()
    route = [int(step) if step.isdigit() else step for step in re.findall(r"[^.\[\]]+", path)]
    data = example()
    holder = at(data, tuple(route[:-1]))
    if isinstance(holder, list) and route[-1] == len(holder):
        holder.append(json.loads(value))
    else:
        holder[route[-1]] = json.loads(value)
    with pytest.raises(ValidationError) as raised:
        Postmortem.from_dict(data)
    assert f"postmortem: {raised.value}" == line


def test_the_page_quotes_import_messages():
    assert len(QUOTED_MESSAGES) >= 3
