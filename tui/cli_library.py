"""Commands across a library (issue 17): ``actions``, ``check --all``, ``stats`` and
``export-library``. Dispatched from ``tui.cli``; the domain work is in
``postmortem.library_views`` and ``postmortem.stats``, the reading in ``storage.summary_cache``.

"Today" is ``tui.cli.today()`` (tests replace it), read through the module so a patch reaches it.
"""

from __future__ import annotations

import argparse
import sys

from postmortem import vocab
from postmortem.i18n import t


def add_parsers(sub, common: argparse.ArgumentParser) -> None:
    from postmortem.library_views import FORMATS
    actions = sub.add_parser("actions", parents=[common], help=t("team.help.actions"))
    actions.add_argument("--overdue", action="store_true", help=t("team.help.overdue"))
    actions.add_argument("--owner", metavar="NAME", help=t("team.help.owner"))
    actions.add_argument("--status", action="append", choices=vocab.ACTION_STATUSES,
                         help=t("team.help.status"))
    actions.add_argument("--format", choices=FORMATS, default="table")
    sub.add_parser("stats", parents=[common], help=t("team.help.stats"))
    export = sub.add_parser("export-library", parents=[common], help=t("team.help.export_library"))
    export.add_argument("-o", "--output", metavar="DIR", required=True,
                        help=t("team.help.export_dir"))
    export.add_argument("--audience", choices=("internal", "external"), default="internal")


def _root(args: argparse.Namespace):
    from tui.cli import library_dir
    root = library_dir(args)
    if not root.is_dir():
        from storage.library import Library
        Library(root)  # creates the folder (owner-only) or says why it cannot
    return root


def _summaries(args: argparse.Namespace):
    """The library's summaries; the files that do not read are named on stderr."""
    from storage.summary_cache import read_summaries
    from tui.cli import terminal_text
    read = read_summaries(_root(args))
    for unreadable in read.unreadable:
        print(terminal_text(t("team.skipped", problem=unreadable.problem)), file=sys.stderr)
    return read


def cmd_actions(args: argparse.Namespace) -> int:
    from postmortem.library_views import action_rows, format_actions
    from tui import cli
    rows = action_rows(_summaries(args).summaries, cli.today(), overdue=args.overdue,
                       owner=args.owner, statuses=tuple(args.status or ()))
    print(format_actions(rows, args.format))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from postmortem.stats import format_stats, library_stats
    from tui import cli
    print(format_stats(library_stats(_summaries(args).summaries, cli.today())))
    return 0


def cmd_check_all(args: argparse.Namespace) -> int:
    """The final review of every postmortem, one line each; 1 when any fails or cannot be read."""
    from postmortem.checklist import evaluate
    from storage.recurrence_cache import file_identities, index_of, keep_index
    from storage.summary_cache import read_documents
    from tui import cli
    root = _root(args)
    files = file_identities(root)   # taken before reading, as the kept index needs them
    read = read_documents(root)
    if not read:
        print(t("team.check.empty"))
        return 0
    # Prepared once: the other postmortems' causes by text, their tags by carrier. Kept when
    # every file read, so that the next `check FILE` finds it prepared.
    others, names = index_of((r.recurrence, r.path.name) for r in read
                             if r.recurrence is not None)
    if all(r.document is not None for r in read):
        keep_index(root, others, names, files)
    # Files not compared; never one of those evaluated (their summaries read), so one tuple
    # serves every review rather than a list rebuilt for each.
    unreadable = tuple(r.path.name for r in read if r.recurrence is None)
    failed = 0
    for entry in read:
        if entry.document is None:
            failed += 1
            print(cli.terminal_text(t("team.check.unreadable", name=entry.path.name,
                                      problem=entry.problem)))
            continue
        review = evaluate(entry.document, library=others, today=cli.today(),
                          unreadable=unreadable, advice=False)   # one line each: no advice
        failed += not review.ok
        print(cli.terminal_text(check_line(entry.document, review)))
    print(t("team.check.summary", count=len(read), failed=failed, passed=len(read) - failed))
    return 1 if failed else 0


def check_line(document, review) -> str:
    title = document.title.strip() or t("header.untitled")
    if review.ok:
        return t("team.check.pass", id=document.id, title=title)
    failing = [line.label for line in review.lines if not line.ok]
    failing += [t("team.check.blocked") for d in review.deviations if d.blocking]
    return t("team.check.fail", id=document.id, title=title, failing="; ".join(failing))


def cmd_export_library(args: argparse.Namespace) -> int:
    from pathlib import Path
    from storage.library_export import export_library
    from tui import cli
    written = export_library(_root(args), Path(args.output).expanduser(), args.audience,
                             cli.today())
    for sentence in written.left_out:
        print(cli.terminal_text(t("team.export_left_out", what=sentence)), file=sys.stderr)
    for name in written.removed:
        print(cli.terminal_text(t("team.export.removed", name=name)), file=sys.stderr)
    for sentence in written.problems:
        print(cli.terminal_text(sentence), file=sys.stderr)
    print(t("team.exported", count=written.postmortems, path=args.output), file=sys.stderr)
    return 0


COMMANDS = {"actions": cmd_actions, "stats": cmd_stats, "export-library": cmd_export_library}
