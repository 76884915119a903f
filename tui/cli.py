"""The ``postmortem`` command (DESIGN §9).

Bad input never shows a traceback: one sentence on stderr and exit code 2. Textual is
imported only by the commands that open the app, so scripted commands start fast.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Sequence

from postmortem import __version__, vocab
from postmortem.fields import ValidationError
from postmortem.i18n import SUPPORTED_LANGUAGES, set_language, set_saved_language, t
from tui.cli_parser import Parser, UsageError
from tui.scan_command import add_scan_parser, cmd_scan

EXIT_BAD_INPUT = 2


def today() -> date:
    """The day ``check``, ``export`` and ``demo`` work with: the local calendar day, as on
    the review screen (tests replace this function)."""
    return date.today()


def build_parser() -> Parser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: a subcommand's own --library must not reset one given before the subcommand.
    common.add_argument("--library", metavar="DIR", default=argparse.SUPPRESS,
                        help=t("cli.help.library"))
    common.add_argument("--lang", choices=SUPPORTED_LANGUAGES, default=argparse.SUPPRESS,
                        help=t("cli.help.lang"))
    # Only the commands that open the app take --theme.
    app_options = argparse.ArgumentParser(add_help=False)
    app_options.add_argument("--theme", choices=("default", "presenter"),
                             default=argparse.SUPPRESS, help=t("presenter.cli_help"))
    parser = Parser(prog="postmortem", description=t("cli.description"),
                    parents=[common, app_options])
    parser.add_argument("--version", action="version", version=f"postmortem {__version__}")
    # Sharing-safe mode (issue 15) where the app opens: the library, open and demo.
    sharing = argparse.ArgumentParser(add_help=False)
    sharing.add_argument("--sharing", action="store_true", default=argparse.SUPPRESS,
                         help=t("sharing.cli.sharing_help"))
    parser.add_argument("--sharing", action="store_true", default=False,
                        help=t("sharing.cli.sharing_help"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    sub.add_parser("demo", parents=[common, app_options, sharing], help=t("cli.help.demo"))
    new = sub.add_parser("new", parents=[common, app_options], help=t("cli.help.new"))
    new.add_argument("title")
    new.add_argument("--severity", choices=vocab.SEVERITIES)
    new.add_argument("--id", dest="doc_id", metavar="ID")
    new.add_argument("--no-open", action="store_true", help=t("cli.help.no_open"))
    open_ = sub.add_parser("open", parents=[common, app_options, sharing], help=t("cli.help.open"))
    open_.add_argument("target", metavar="ID|PATH")
    sub.add_parser("list", parents=[common], help=t("cli.help.list"))
    check = sub.add_parser("check", parents=[common], help=t("cli.help.check"))
    check.add_argument("target", metavar="ID|PATH", nargs="?")
    check.add_argument("--all", action="store_true", help=t("team.help.check_all"))
    export = sub.add_parser("export", parents=[common], help=t("cli.help.export"))
    export.add_argument("target", metavar="ID|PATH")
    export.add_argument("--format", choices=("md", "json", "ics"), default="md")
    export.add_argument("--audience", choices=("internal", "external"), default="internal")
    export.add_argument("-o", "--output", metavar="FILE", help=t("files.output_help"))
    export.add_argument("--include-notes", action="store_true", help=t("sharing.notes.cli_help"))
    add_scan_parser(sub, common)
    import_ = sub.add_parser("import", parents=[common], help=t("cli.help.import"))
    import_.add_argument("file", metavar="FILE.json")
    import_.add_argument("--replace", action="store_true", help=t("team_git.help.replace"))
    from tui import cli_git, cli_library
    cli_library.add_parsers(sub, common)
    cli_git.add_parsers(sub, common)
    return parser


def library_dir(args: argparse.Namespace) -> Path:
    chosen = getattr(args, "library", None)
    if chosen:
        return Path(chosen).expanduser()
    from storage.library import default_library_dir
    return default_library_dir()


def choose_language(argv: Sequence[str] | None) -> None:
    """Apply ``--lang`` before the parser is built, so that its help and its errors speak
    the chosen language too. A value that is not a language is left for the parser to
    refuse (in the language of the environment), and so is a --lang without a value."""
    early = Parser(add_help=False, allow_abbrev=False)
    early.add_argument("--lang")
    try:
        known, _ = early.parse_known_args(sys.argv[1:] if argv is None else list(argv))
    except UsageError:
        known = argparse.Namespace(lang=None)
    set_language(known.lang if known.lang in SUPPORTED_LANGUAGES else None)
    # The language last chosen in the app: after --lang and POSTMORTEM_LANG, before the locale.
    from storage.preferences import read_preferences
    set_saved_language(read_preferences().get("language"))


def main(argv: Sequence[str] | None = None) -> int:
    try:
        choose_language(argv)
        args = build_parser().parse_args(argv)
        return run(args)
    except UsageError as error:
        print(str(error), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130


def run(args: argparse.Namespace) -> int:
    from storage.errors import StorageError
    try:
        handler = COMMANDS.get(args.command or "library")
        if handler is None:
            from tui.cli_library import COMMANDS as LIBRARY_COMMANDS
            handler = LIBRARY_COMMANDS[args.command]
        return handler(args)
    except (StorageError, ValidationError, UsageError) as error:
        print(f"postmortem: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:
        print(t("cli.os_error", path=error.filename or "", problem=error.strerror or str(error)),
              file=sys.stderr)
        return EXIT_BAD_INPUT


def open_app(args: argparse.Namespace, target: str | None = None) -> int:
    from tui.app import create_app
    app = create_app(library_dir(args), target, theme=getattr(args, "theme", None),
                     sharing=getattr(args, "sharing", False))
    app.run()
    for note in app.exit_notes:  # edits that are not in their file: where they are, or that they are gone
        print(note, file=sys.stderr)
    return app.return_code or 0


def cmd_library(args: argparse.Namespace) -> int:
    return open_app(args)


def cmd_open(args: argparse.Namespace) -> int:
    load_target(args)  # a bad id or a file that does not parse is refused before the screen opens
    return open_app(args, args.target)


def cmd_demo(args: argparse.Namespace) -> int:
    from postmortem.demo import demo_document
    from postmortem.i18n import current_language
    from storage.library import Library
    # In the language spoken (--lang, POSTMORTEM_LANG, …); dated so that nothing is overdue
    # on the day it opens.
    demo = demo_document(today(), current_language())
    # The fresh copy is written first; only then does the previous one go to .trash (never lost).
    Library(library_dir(args)).replace(demo)
    return open_app(args, demo.id)


def cmd_new(args: argparse.Namespace) -> int:
    from postmortem.factory import new_postmortem, utc_now
    from postmortem.ids import is_valid_id, slugify
    from storage.library import Library
    title = args.title.strip()
    if not title:
        raise UsageError(t("cli.empty_title"))
    library = Library(library_dir(args))
    if args.doc_id is not None and not is_valid_id(args.doc_id):
        raise UsageError(t("cli.bad_id", id=args.doc_id))
    doc_id = args.doc_id or slugify(title, utc_now().date(), taken=library.taken_ids())
    document_file = library.create(new_postmortem(doc_id, title, args.severity))
    path = document_file.path
    document_file.close()
    print(t("cli.created", id=doc_id, path=str(path)))
    if args.no_open or not (sys.stdin.isatty() and sys.stdout.isatty()):
        return 0
    return open_app(args, doc_id)


def cmd_list(args: argparse.Namespace) -> int:
    from storage.library import Library
    entries = Library(library_dir(args)).entries()
    if not entries:
        print(t("cli.list_empty", folder=str(library_dir(args))))
        return 0
    for entry in entries:
        if entry.problem:
            print(f"{terminal_text(entry.id)}\t⚠ {terminal_text(entry.problem)}")
            continue
        meeting = entry.meeting_at.strftime("%Y-%m-%d") if entry.meeting_at else "—"
        fields = [terminal_text(entry.id), entry.severity or "—", entry.status, meeting,
                  terminal_text(entry.title)]
        if entry.conflicts:   # a last field, so the five columns stay where scripts read them
            fields.append(t("cli.list_conflicts", count=entry.conflicts))
        print("\t".join(fields))
    return 0


def terminal_text(text: str) -> str:
    """One field on one line of a terminal: bidi and zero-width characters as marks (as the
    app shows them), anything else unprintable as its escape (a title's tab or line break,
    a file name that is not UTF-8)."""
    from postmortem.fields import printable
    from postmortem.hidden_text import mark_hidden
    return printable(mark_hidden(text))


def load_target(args: argparse.Namespace):
    """The document named by an id in the library or by a path to any postmortem file."""
    from storage.reading import load_document
    return load_document(target_path(args))


def target_path(args: argparse.Namespace) -> Path:
    """The file an id of the library or a path names.

    Reading needs only ``storage.reading``; the library module (locks, atomic writes, TinyDB)
    is imported just to create a library folder that does not exist yet.
    """
    from storage.reading import resolve_target
    root = library_dir(args)
    if not root.is_dir():
        from storage.library import Library
        Library(root)  # creates the folder (owner-only) or says why it cannot
    return resolve_target(root, args.target)


def cmd_check(args: argparse.Namespace) -> int:
    if args.all or args.target is None:
        if not args.all or args.target is not None:
            raise UsageError(t("team.check.target_or_all"))
        from tui.cli_library import cmd_check_all
        return cmd_check_all(args)
    from postmortem.checklist import evaluate, exit_code, format_check
    from storage.reading import load_document, read_recurrence
    source = target_path(args)
    document = load_document(source)
    others = read_recurrence(library_dir(args), skip=source, keep_cache=True)
    # Today's date, as on the final review screen: a follow-up review whose date has passed
    # without being held is a failure the room should hear about.
    review = evaluate(document, library=others.postmortems, today=today(),
                      unreadable=others.unreadable)
    print("\n".join(terminal_text(line) for line in format_check(review).split("\n")))
    return exit_code(review)


def render_export(document, fmt: str, export_audience: str, library=(), removed=None,
                  include_notes: bool = False, lang: str | None = None) -> bytes:
    """The bytes of an export, in ``lang`` (``export --lang``), else the document's language;
    for the customer-facing Markdown, what its scrubbing removed is counted in ``removed``
    (a ``postmortem.redaction.Removed``). The facilitator's private notes are left out unless
    ``include_notes`` (internal exports only)."""
    from postmortem.i18n import language
    with language(lang or document.language):
        return _render_export(document, fmt, export_audience, library, removed, include_notes)


def _render_export(document, fmt: str, export_audience: str, library, removed,
                   include_notes: bool) -> bytes:
    if fmt == "json":
        from storage.atomic import document_bytes
        data = document.to_dict()
        if not include_notes:
            data.pop("facilitator_notes", None)
        return document_bytes(data)
    if fmt == "ics":
        from postmortem.calendar import to_ics
        return to_ics(document)
    from postmortem.markdown import ExportRefused, render_markdown
    try:
        return render_markdown(document, export_audience, today=today(), library=library,
                               removed=removed, include_notes=include_notes).encode("utf-8")
    except ExportRefused as refused:
        raise UsageError(str(refused)) from None


def export_library(args: argparse.Namespace, source: Path) -> list:
    """The library's other postmortems, for the internal Markdown's checklist (repeated
    failures), as ``check`` reads them; nothing for the other exports, which do not use them."""
    if args.format != "md" or args.audience != "internal":
        return []
    from storage.reading import read_recurrence
    return read_recurrence(library_dir(args), skip=source).postmortems


def cmd_export(args: argparse.Namespace) -> int:
    from storage.reading import load_document
    if args.include_notes and args.audience != "internal":
        raise UsageError(t("sharing.notes.internal_only"))
    customer_markdown = args.format == "md" and args.audience == "external"
    source = target_path(args)
    removed = None
    if customer_markdown:   # only its scrubbing removes anything
        from postmortem.redaction import Removed
        removed = Removed()
    document = load_document(source)
    library = export_library(args, source)
    data = render_export(document, args.format, args.audience, library, removed,
                         include_notes=args.include_notes, lang=getattr(args, "lang", None))
    if customer_markdown:
        print(removed.sentence(), file=sys.stderr)  # counts by kind, never what was removed
        warn_customer_findings(document)
    if args.output is None or args.output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    # Only a new path or a regular file, never a link, a device or a file of the library.
    from storage.export_target import write_export_file
    write_export_file(Path(args.output).expanduser(), data, library=library_dir(args), source=source)
    print(t("cli.exported", path=args.output), file=sys.stderr)
    return 0


def warn_customer_findings(document) -> None:
    """Open blame and vagueness findings in what customers will read, on stderr: the export
    is written all the same (a warning, never a refusal)."""
    from postmortem.exposure import customer_warnings
    for warning in customer_warnings(document):
        print(t("cli.customer_warning", warning=warning), file=sys.stderr)


def cmd_import(args: argparse.Namespace) -> int:
    from storage.library import Library
    library = Library(library_dir(args))
    document, backup = library.import_replacing(Path(args.file).expanduser(), replace=args.replace)
    print(t("team_git.import.replaced", id=document.id, backup=str(backup)) if backup
          else t("cli.imported", id=document.id))
    return 0


def cmd_merge_driver(args: argparse.Namespace) -> int:
    from tui.cli_git import cmd_merge_driver as merge_driver
    return merge_driver(args)


def cmd_git_setup(args: argparse.Namespace) -> int:
    from tui.cli_git import cmd_git_setup as git_setup
    return git_setup(args)


COMMANDS = {
    "library": cmd_library, "demo": cmd_demo, "new": cmd_new, "open": cmd_open,
    "list": cmd_list, "check": cmd_check, "export": cmd_export, "import": cmd_import,
    "merge-driver": cmd_merge_driver, "git-setup": cmd_git_setup, "scan": cmd_scan,
}


if __name__ == "__main__":
    sys.exit(main())
