"""argparse in the app's language: the help's headings, -h and --version, and every complaint
argparse makes about a command line, each through the catalogue; bad input is one sentence
(``UsageError``)."""

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

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.headings: list[str] = []

    def start_section(self, heading) -> None:
        key = ARGPARSE_WORDS.get(heading or "")
        heading = t(key) if key else heading
        if heading:
            self.headings.append(heading)
        super().start_section(heading)

    def format_help(self) -> str:
        # argparse puts an ASCII colon after each heading; Chinese takes the full-width one.
        text = super().format_help()
        colon = t("cli.argparse.heading_colon")
        if colon == ":":
            return text
        for heading in dict.fromkeys(self.headings):
            text = re.sub(rf"^( *{re.escape(heading)}):$", lambda found: found[1] + colon, text,
                          flags=re.MULTILINE)
        return text

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


# Every complaint argparse (Python 3.11) can make about a command line, by its English text
# (the string argparse passes to gettext, verbatim), the catalogue key of its sentence and the
# name of its placeholder when argparse's has none (a bare %s or %r). argparse hands
# ``error()`` the sentence already formatted in English; it is read back with the pattern its
# text makes, and said again from the catalogue. argparse's gettext cannot be given our
# catalogue without a compiled .mo file per language and the process's locale variables set
# while parsing; a sentence argparse adds in a later Python stays as it says it
# (tests/cli/test_cli_parser.py lists every one this Python has and fails on a new one).
ARGPARSE_MESSAGES = (
    ("the following arguments are required: %s", "cli.argparse.required", "names"),
    ("one of the arguments %s is required", "cli.argparse.one_required", "names"),
    ("unrecognized arguments: %s", "cli.argparse.unrecognized", "arguments"),
    ("ambiguous option: %(option)s could match %(matches)s", "cli.argparse.ambiguous", ""),
)
# The complaints about one argument, which argparse says after "argument NAME: ".
ARGUMENT_MESSAGE = "argument %(argument_name)s: %(message)s"
ARGUMENT_MESSAGES = (
    ("invalid choice: %(value)r (choose from %(choices)s)", "cli.argparse.invalid_choice", ""),
    ("invalid %(type)s value: %(value)r", "cli.argparse.invalid_value", ""),
    ("expected one argument", "cli.argparse.expected_one", ""),
    ("expected at most one argument", "cli.argparse.expected_at_most_one", ""),
    ("expected at least one argument", "cli.argparse.expected_at_least_one", ""),
    ("expected %s argument", "cli.argparse.expected_count", "count"),
    ("expected %s arguments", "cli.argparse.expected_count", "count"),
    ("not allowed with argument %s", "cli.argparse.not_allowed_with", "other"),
    ("ignored explicit argument %r", "cli.argparse.ignored_explicit", "value"),
    ("unknown parser %(parser_name)r (choices: %(choices)s)", "cli.argparse.unknown_parser", ""),
    ("can't open '%(filename)s': %(error)s", "cli.argparse.cant_open", ""),
)

_PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[sr]")


def message_pattern(text: str, unnamed: str = "") -> re.Pattern[str]:
    """The pattern of argparse's sentence once formatted: each %(name)s, %s or %r becomes a
    group (a bare one is named ``unnamed``), the rest is matched as it is."""
    pattern, end = "", 0
    for placeholder in _PLACEHOLDER.finditer(text):
        name = placeholder.group(1) or unnamed
        pattern += re.escape(text[end:placeholder.start()]) + f"(?P<{name}>.+?)"
        end = placeholder.end()
    return re.compile(pattern + re.escape(text[end:]), re.DOTALL)


def _compiled(table) -> list[tuple[re.Pattern[str], str]]:
    return [(message_pattern(text, unnamed), key) for text, key, unnamed in table]


_WHOLE = _compiled(ARGPARSE_MESSAGES)
_ARGUMENT = message_pattern(ARGUMENT_MESSAGE)
_ABOUT_ARGUMENT = _compiled(ARGUMENT_MESSAGES)


def _said_again(found: re.Match[str], key: str, **extra: str) -> str:
    values: dict[str, object] = {**found.groupdict(), **extra}
    if "count" in values and str(values["count"]).isdigit():
        values["count"] = int(values["count"])    # picks the plural form
    return t(key, **values)


def argparse_problem(message: str) -> str:
    """argparse's complaint in the app's language; one it never makes stays as it is."""
    for pattern, key in _WHOLE:
        found = pattern.fullmatch(message)
        if found:
            return _said_again(found, key)
    about = _ARGUMENT.fullmatch(message)
    if about is None:
        return message
    argument, problem = about.group("argument_name"), about.group("message")
    for pattern, key in _ABOUT_ARGUMENT:
        found = pattern.fullmatch(problem)
        if found:
            return _said_again(found, key, argument=argument)
    # A type's own complaint (ArgumentTypeError, ValueError): ours are from the catalogue.
    return t("cli.argparse.argument", argument=argument, message=problem)
