"""Sharing a library with git, with real git in a temporary repository: ``git-setup`` and the
merge driver git then runs on ``git merge`` (tui/cli_git.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import pytest

from postmortem.demo import demo_dict
from postmortem.model import Event, Postmortem
from storage.atomic import document_bytes
from storage.outside import library_file_bytes
from storage.reading import load_document

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

ROOT = Path(__file__).resolve().parents[2]
DOC_ID = "demo-checkout-latency"


def isolated_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "POSTMORTEM_"))}
    return {**env, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "PYTHONPATH": str(ROOT)}


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                            env=isolated_env(), timeout=60)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True,
                          env=isolated_env(), cwd=ROOT, timeout=60)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose folder ``postmortems/`` is a set-up library holding the demo."""
    top = tmp_path / "team"
    library = top / "postmortems"
    library.mkdir(parents=True)
    git(top, "init", "-q", "-b", "main")
    git(top, "config", "user.name", "Test")
    git(top, "config", "user.email", "test@example.com")
    (library / f"{DOC_ID}.json").write_bytes(library_file_bytes(1, demo_dict()))
    setup = cli("git-setup", "--library", str(library))
    assert setup.returncode == 0, setup.stderr
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "start")
    return top


def document_path(repo: Path) -> Path:
    return repo / "postmortems" / f"{DOC_ID}.json"


def commit_on(repo: Path, branch: str, change: Callable[[Postmortem], None], *, new: bool) -> None:
    git(repo, "checkout", "-q", *(["-b"] if new else []), branch)
    document = load_document(document_path(repo))
    change(document)
    document_path(repo).write_bytes(library_file_bytes(1, document.to_dict()))
    git(repo, "commit", "-q", "-am", f"edit on {branch}")


def merge_branches(repo: Path, ours: Callable, theirs: Callable) -> subprocess.CompletedProcess:
    commit_on(repo, "theirs", theirs, new=True)
    commit_on(repo, "main", ours, new=False)
    return git(repo, "merge", "-q", "--no-edit", "theirs", check=False)


def conflicted(repo: Path) -> list[str]:
    return git(repo, "diff", "--name-only", "--diff-filter=U").stdout.split()


def at(minute: int) -> datetime:
    return datetime(2026, 3, 4, 21, minute, tzinfo=timezone.utc)


def test_events_added_on_two_branches_are_both_kept(repo):
    def ours(doc):
        doc.timeline.append(Event(doc.next_id("e"), at(1), "Ours: cache warmed by hand"))

    def theirs(doc):
        doc.timeline.append(Event(doc.next_id("e"), at(2), "Theirs: status page resolved"))
    result = merge_branches(repo, ours, theirs)
    assert result.returncode == 0, result.stderr
    merged = load_document(document_path(repo))
    texts = [e.text for e in merged.timeline]
    assert "Ours: cache warmed by hand" in texts and "Theirs: status page resolved" in texts
    assert len({e.id for e in merged.timeline}) == len(merged.timeline) == len(demo_dict()["timeline"]) + 2
    assert merged.conflicts == [] and conflicted(repo) == []
    # written as the app writes: the library envelope, deterministic JSON
    assert document_path(repo).read_bytes() == library_file_bytes(1, merged.to_dict())


def test_different_fields_edited_on_two_branches_combine(repo):
    def ours(doc):
        doc.title = "Our title"

    def theirs(doc):
        doc.impact.users_affected = "Their count of shoppers"
    assert merge_branches(repo, ours, theirs).returncode == 0
    merged = load_document(document_path(repo))
    assert (merged.title, merged.impact.users_affected) == ("Our title", "Their count of shoppers")
    assert "Merge" in git(repo, "log", "-1", "--format=%s").stdout


def test_the_same_field_edited_on_both_is_a_recorded_conflict_git_reports(repo):
    def ours(doc):
        doc.analysis.problem = "Our problem statement"

    def theirs(doc):
        doc.analysis.problem = "Their problem statement"
    result = merge_branches(repo, ours, theirs)
    assert result.returncode != 0
    assert conflicted(repo) == [f"postmortems/{DOC_ID}.json"]
    merged = load_document(document_path(repo))  # a valid postmortem, no conflict markers
    assert merged.analysis.problem == "Our problem statement"
    assert [(c.path, c.ours, c.theirs) for c in merged.conflicts] == [
        ("analysis.problem", "Our problem statement", "Their problem statement")]


def test_an_action_deleted_on_one_branch_and_edited_on_the_other_is_kept_edited(repo):
    action_id = demo_dict()["actions"][0]["id"]

    def ours(doc):
        doc.actions = [a for a in doc.actions if a.id != action_id]

    def theirs(doc):
        doc.actions[0].owner = "Their new owner"
    result = merge_branches(repo, ours, theirs)
    assert result.returncode != 0 and conflicted(repo) == [f"postmortems/{DOC_ID}.json"]
    merged = load_document(document_path(repo))
    kept = [a for a in merged.actions if a.id == action_id]
    assert [a.owner for a in kept] == ["Their new owner"]
    (conflict,) = merged.conflicts
    assert conflict.path == f'actions[id="{action_id}"]' and conflict.ours is None


def test_git_setup_twice_changes_nothing_the_second_time(repo):
    library = repo / "postmortems"
    attributes = (repo / ".gitattributes").read_text(encoding="utf-8")
    assert attributes == "postmortems/*.json merge=postmortem\n"
    assert ".last-stages.json" in (library / ".gitignore").read_text(encoding="utf-8")
    ignore = (library / ".gitignore").read_bytes()
    again = cli("git-setup", "--library", str(library))
    assert again.returncode == 0
    assert "already" in again.stdout and "added" not in again.stdout
    assert (repo / ".gitattributes").read_text(encoding="utf-8") == attributes
    assert (library / ".gitignore").read_bytes() == ignore
    drivers = git(repo, "config", "--get-all", "merge.postmortem.driver").stdout.splitlines()
    assert len(drivers) == 1 and drivers[0].endswith("-m tui.cli merge-driver %O %A %B %P")
    assert git(repo, "check-attr", "merge", f"postmortems/{DOC_ID}.json").stdout.strip().endswith(": postmortem")


def test_git_setup_keeps_what_gitattributes_had(tmp_path):
    git(tmp_path, "init", "-q")
    (tmp_path / ".gitattributes").write_text("*.png binary", encoding="utf-8")
    assert cli("git-setup", "--library", str(tmp_path)).returncode == 0
    assert (tmp_path / ".gitattributes").read_text(encoding="utf-8") == "*.png binary\n/*.json merge=postmortem\n"


def test_git_setup_outside_a_repository_says_so_in_one_sentence(tmp_path):
    result = cli("git-setup", "--library", str(tmp_path))
    assert result.returncode == 2
    assert "not in a git repository" in result.stderr and result.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_the_driver_leaves_ours_alone_when_theirs_is_not_a_postmortem(tmp_path):
    ours = tmp_path / "ours.json"
    ours.write_bytes(library_file_bytes(1, demo_dict()))
    before = ours.read_bytes()
    (tmp_path / "base.json").write_bytes(b"")
    (tmp_path / "theirs.json").write_text('{"not": "a postmortem"}', encoding="utf-8")
    result = cli("merge-driver", str(tmp_path / "base.json"), str(ours), str(tmp_path / "theirs.json"), "x.json")
    assert result.returncode == 2 and "x.json was not merged" in result.stderr
    assert ours.read_bytes() == before


def test_the_driver_keeps_the_interchange_shape_of_ours(tmp_path):
    base, ours, theirs = demo_dict(), demo_dict(), demo_dict()
    ours["title"] = "Ours"
    theirs["tags"] = theirs["tags"] + ["theirs"]
    for name, data in (("base", base), ("ours", ours), ("theirs", theirs)):
        (tmp_path / f"{name}.json").write_bytes(document_bytes(data))
    result = cli("merge-driver", *(str(tmp_path / f"{n}.json") for n in ("base", "ours", "theirs")))
    assert result.returncode == 0, result.stderr
    written = json.loads((tmp_path / "ours.json").read_text(encoding="utf-8"))
    assert written["title"] == "Ours" and written["tags"][-1] == "theirs" and "schema" in written


def test_git_setup_of_a_folder_that_does_not_exist_says_so(tmp_path):
    result = cli("git-setup", "--library", str(tmp_path / "nowhere"))
    assert result.returncode == 2 and "is not a folder" in result.stderr
    assert result.stderr.count("\n") == 1 and not (tmp_path / "nowhere").exists()


def test_two_clones_edit_push_and_pull_and_nothing_is_lost(tmp_path):
    """The issue's promise: two people, two machines, one shared repository."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    clones = {}
    for name in ("ana", "ben"):
        clones[name] = tmp_path / name
        git(tmp_path, "clone", "-q", str(remote), str(clones[name]))
        git(clones[name], "config", "user.name", name)
        git(clones[name], "config", "user.email", f"{name}@example.com")
    ana, ben = clones["ana"], clones["ben"]
    (ana / f"{DOC_ID}.json").write_bytes(library_file_bytes(1, demo_dict()))
    assert cli("git-setup", "--library", str(ana)).returncode == 0
    git(ana, "add", "-A")
    git(ana, "commit", "-q", "-m", "first postmortem")
    git(ana, "push", "-q", "origin", "HEAD:main")
    git(ben, "pull", "-q", "origin", "main")
    assert cli("git-setup", "--library", str(ben)).returncode == 0  # the driver is per clone
    assert git(ben, "status", "--porcelain").stdout == ""  # .gitattributes/.gitignore already shared

    def edit(clone: Path, change: Callable[[Postmortem], None], message: str) -> None:
        path = clone / f"{DOC_ID}.json"
        document = load_document(path)
        change(document)
        path.write_bytes(library_file_bytes(1, document.to_dict()))
        git(clone, "commit", "-q", "-am", message)

    edit(ben, lambda doc: doc.lessons.lucky.append("Ben: the replica had headroom"), "ben's lesson")
    edit(ben, lambda doc: doc.timeline.append(Event(doc.next_id("e"), at(5), "Ben: cache warm")), "ben's event")
    git(ben, "push", "-q", "origin", "HEAD:main")
    edit(ana, lambda doc: doc.timeline.append(Event(doc.next_id("e"), at(6), "Ana: status page")), "ana's event")
    edit(ana, lambda doc: setattr(doc, "title", "Ana's title"), "ana's title")
    pulled = git(ana, "pull", "-q", "--no-rebase", "--no-edit", "origin", "main", check=False)
    assert pulled.returncode == 0, pulled.stderr
    git(ana, "push", "-q", "origin", "HEAD:main")
    git(ben, "pull", "-q", "--no-rebase", "origin", "main")
    for clone in (ana, ben):
        document = load_document(clone / f"{DOC_ID}.json")
        texts = [e.text for e in document.timeline]
        assert "Ben: cache warm" in texts and "Ana: status page" in texts
        assert "Ben: the replica had headroom" in document.lessons.lucky
        assert document.title == "Ana's title" and document.conflicts == []


def test_git_setup_matches_a_folder_with_spaces_and_brackets_literally(tmp_path):
    git(tmp_path, "init", "-q")
    for folder in ("lib [x]", "lib x"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.json").write_text("{}", encoding="utf-8")
    assert cli("git-setup", "--library", str(tmp_path / "lib [x]")).returncode == 0
    found = git(tmp_path, "check-attr", "merge", "lib [x]/a.json", "lib x/a.json").stdout.splitlines()
    assert found == ["lib [x]/a.json: merge: postmortem", "lib x/a.json: merge: unspecified"]


def test_check_fails_while_merge_conflicts_are_unsettled(repo):
    def ours(doc):
        doc.impact.users_affected = "ours"

    def theirs(doc):
        doc.impact.users_affected = "theirs"
    def check() -> subprocess.CompletedProcess:
        return cli("check", str(document_path(repo)), "--library", str(repo / "postmortems"))
    assert "merge conflict" not in check().stdout
    merge_branches(repo, ours, theirs)
    checked = check()
    assert checked.returncode == 1 and "1 merge conflict is not settled yet" in checked.stdout


def test_follow_ups_with_ids_merge_by_id_on_two_branches(repo):
    """Given ids as the app gives them: one branch holds a review and drops another, the
    other renames the first and schedules a new one: all of it is kept, each by its id."""
    from postmortem.followup import give_follow_ups_ids
    from postmortem.model import FollowUp

    def with_ids(doc):
        give_follow_ups_ids(doc)
    commit_on(repo, "main", with_ids, new=False)

    def ours(doc):
        doc.communication.follow_ups[0].done = True
        del doc.communication.follow_ups[1]

    def theirs(doc):
        doc.communication.follow_ups[0].label = "30-day review with support"
        doc.communication.follow_ups.append(FollowUp(at(0).date(), "Theirs", id=doc.next_id("f")))
    result = merge_branches(repo, ours, theirs)
    assert result.returncode == 0, result.stderr
    merged = load_document(document_path(repo))
    assert [(f.id, f.label, f.done) for f in merged.communication.follow_ups] == [
        ("f1", "30-day review with support", True), ("f3", "Theirs", False)]
    assert merged.conflicts == [] and conflicted(repo) == []


def test_a_follow_up_edited_on_both_branches_is_a_recorded_conflict(repo):
    from postmortem.followup import give_follow_ups_ids
    commit_on(repo, "main", give_follow_ups_ids, new=False)

    def ours(doc):
        doc.communication.follow_ups[1].label = "Ours"

    def theirs(doc):
        doc.communication.follow_ups[1].label = "Theirs"
    result = merge_branches(repo, ours, theirs)
    assert result.returncode != 0 and conflicted(repo) == [f"postmortems/{DOC_ID}.json"]
    merged = load_document(document_path(repo))
    assert [(c.path, c.ours, c.theirs) for c in merged.conflicts] == [
        ('communication.follow_ups[id="f2"].label', "Ours", "Theirs")]
