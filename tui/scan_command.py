"""``postmortem scan ID|PATH [--audience external]`` (issue 15, item 6).

Lists each finding of ``postmortem.scanner`` as its field path and kind, one a line
(``timeline[3].text: e-mail address``), never the value found. Exit 0 when nothing is
found, 1 when something is, 2 for bad input (``tui.cli`` prints the sentence).
"""

from __future__ import annotations

import argparse

from postmortem.i18n import t

EXIT_FOUND = 1


def add_scan_parser(sub, common: argparse.ArgumentParser) -> None:
    scan = sub.add_parser("scan", parents=[common], help=t("sharing.cli.help"))
    scan.add_argument("target", metavar="ID|PATH")
    scan.add_argument("--audience", choices=("internal", "external"), default="internal",
                      help=t("sharing.cli.audience_help"))


def cmd_scan(args: argparse.Namespace) -> int:
    from postmortem.scanner import customer_texts, document_texts, scan_texts
    from storage.reading import load_document
    from tui.cli import target_path
    document = load_document(target_path(args))
    texts = (customer_texts(document) if args.audience == "external"
             else document_texts(document.to_dict()))
    findings = scan_texts(texts)
    for finding in findings:
        print(t("sharing.cli.line", path=finding.path, kind=t(f"sharing.kind.{finding.kind}")))
    return EXIT_FOUND if findings else 0
