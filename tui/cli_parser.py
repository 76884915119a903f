"""argparse in the app's language: the help's headings, -h and --version, and argparse's most
common complaints, each through the catalogue; bad input is one sentence (``UsageError``)."""

from __future__ import annotations

import argparse
import copy
import re
from typing import NoReturn

from postmortem.i18n import t


class UsageError(Exception):
    """Bad input from the command line; the message is one sentence for stderr."""


# argparse's own words in --help, by their English text, and their catalogue keys.
ARGPARSE_WORDS = {
    "options": "cli.argparse.options",
    "positional arguments": "cli.argparse.positionals",
    "show this help message and exit": "cli.argparse.help",
    "show program's version number and exit": "cli.argparse.version",
}


class Formatter(argparse.HelpFormatter):
    """The help in the app's language, argparse's headings and -h, --version included."""

    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups,
                          t("cli.argparse.usage") if prefix is None else prefix)

    def start_section(self, heading) -> None:
        key = ARGPARSE_WORDS.get(heading or "")
        super().start_section(t(key) if key else heading)

    def add_argument(self, action: argparse.Action) -> None:
        key = ARGPARSE_WORDS.get(action.help or "")
        if key:
            action = copy.copy(action)   # the parser's own action keeps its text
            action.help = t(key)
        super().add_argument(action)


class Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise UsageError(t("cli.usage_error", problem=argparse_problem(message)))


# argparse's most common complaints, by their English form, in the app's language; any other
# stays as argparse says it.
ARGPARSE_PROBLEMS = (
    (re.compile(r"the following arguments are required: (?P<names>.+)"), "cli.argparse.required"),
    (re.compile(r"argument (?P<argument>\S+): invalid choice: (?P<value>.+?) "
                r"\(choose from (?P<choices>.+)\)"), "cli.argparse.invalid_choice"),
    (re.compile(r"unrecognized arguments: (?P<arguments>.+)"), "cli.argparse.unrecognized"),
    (re.compile(r"argument (?P<argument>\S+): expected one argument"), "cli.argparse.expected_one"),
)


def argparse_problem(message: str) -> str:
    for pattern, key in ARGPARSE_PROBLEMS:
        found = pattern.fullmatch(message)
        if found:
            return t(key, **found.groupdict())
    return message
