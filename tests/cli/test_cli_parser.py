"""argparse in Chinese (issue 16): every complaint argparse can make about a command line
reaches a zh-CN user as one Chinese sentence, with only names left in Latin letters (commands,
options, metavars, the values typed); and every sentence argparse has is either said again
from the catalogue or is one only a programmer can cause."""

from __future__ import annotations

import argparse
import inspect
import re

import pytest

from postmortem import i18n
from tui import cli
from tui.cli_parser import (ARGPARSE_MESSAGES, ARGUMENT_MESSAGE, ARGUMENT_MESSAGES,
                            ARGPARSE_WORDS, Parser, UsageError, argparse_problem)


@pytest.fixture(autouse=True)
def back_to_the_environment():
    yield
    i18n.set_language(None)


def names_of(parser: argparse.ArgumentParser) -> set[str]:
    """What may stay in Latin letters: the program, its commands, options, metavars, dests,
    types and choices, in every subcommand (and, added by the tests, what the user typed)."""
    names = {"postmortem", "--help"}
    stack = [parser]
    while stack:
        current = stack.pop()
        for action in current._actions:   # argparse lists a parser's actions nowhere public
            names.update(action.option_strings)
            names.update(str(part) for part in (action.dest, action.metavar) if part)
            if action.type is not None:                # "invalid int value": int is a name
                names.add(action.type.__name__)
            if isinstance(action, argparse._SubParsersAction):
                names.update(action.choices)
                stack.extend(action.choices.values())
            elif action.choices:
                names.update(str(choice) for choice in action.choices)
    return names


def english_left(text: str, names: set[str]) -> list[str]:
    """Latin words in ``text`` once quoted values and names are taken out."""
    text = re.sub(r"'[^']*'", " ", text)
    words = re.findall(r"[A-Za-z][\w|./-]*|--?[\w-]+", text)
    return [word for word in words
            if word not in names and not all(part in names for part in re.split(r"[/,|]", word))]


BAD_COMMAND_LINES = [
    (["frob"], "参数 COMMAND 的值 'frob' 无效"),
    (["new"], "缺少参数：title"),
    (["export"], "缺少参数：ID|PATH"),
    (["export", "x", "--format", "pdf"], "参数 --format 的值 'pdf' 无效"),
    (["export", "x", "--format"], "参数 --format 需要一个值"),
    (["export", "x", "y"], "无法识别的参数：y"),
    (["list", "--nope"], "无法识别的参数：--nope"),
    (["list", "--l", "x"], "选项 --l 有歧义"),
    (["check", "--all=yes"], "参数 --all 不接受值"),
    (["actions", "--status", "nope"], "参数 --status 的值 'nope' 无效"),
    (["actions", "--status"], "参数 --status 需要一个值"),
    (["export-library"], "缺少参数：-o/--output"),
    (["merge-driver", "a"], "缺少参数：OURS, THEIRS"),
    (["new", "t", "--severity", "SEV9"], "参数 --severity 的值 'SEV9' 无效"),
    (["--theme"], "参数 --theme 需要一个值"),
    (["demo", "--theme", "dark"], "参数 --theme 的值 'dark' 无效"),
    (["import"], "缺少参数：FILE.json"),
    (["scan", "x", "--audience", "all"], "参数 --audience 的值 'all' 无效"),
]


@pytest.mark.parametrize("argv, chinese", BAD_COMMAND_LINES)
def test_every_complaint_about_our_commands_is_chinese(argv, chinese, capsys, tmp_path):
    code = cli.main(["--lang", "zh-CN", "--library", str(tmp_path), *argv])
    said = capsys.readouterr()
    assert code == cli.EXIT_BAD_INPUT and said.out == ""
    assert said.err.count("\n") == 1 and chinese in said.err
    assert english_left(said.err, names_of(cli.build_parser()) | set(argv)) == []


def test_the_same_complaints_in_english_come_from_the_catalogue(capsys, tmp_path):
    code = cli.main(["--lang", "en", "--library", str(tmp_path), "list", "--l", "x"])
    assert code == cli.EXIT_BAD_INPUT
    assert "ambiguous option: --l could match --library, --lang" in capsys.readouterr().err


def made_up_parser() -> Parser:
    """What our commands do not have (yet): exclusive options, numbers, counts of values."""
    parser = Parser(prog="postmortem")
    either = parser.add_mutually_exclusive_group()
    either.add_argument("--quiet", action="store_true")
    either.add_argument("--verbose", action="store_true")
    one = parser.add_mutually_exclusive_group(required=True)
    one.add_argument("--since")
    one.add_argument("--all", action="store_true")
    parser.add_argument("--days", type=int)
    parser.add_argument("--pair", nargs=2)
    parser.add_argument("--one", nargs=1)
    parser.add_argument("--tags", nargs="+")
    return parser


MADE_UP_LINES = [
    (["--all", "--quiet", "--verbose"], "参数 --verbose 不能与参数 --quiet 同时使用"),
    (["--quiet"], "参数 --since --all 须给出其中一个"),
    (["--all", "--days", "many"], "参数 --days 的值 'many' 无效（应为 int 类型）"),
    (["--all", "--pair", "a"], "参数 --pair 需要 2 个值"),
    (["--all", "--one"], "参数 --one 需要 1 个值"),
    (["--all", "--tags"], "参数 --tags 至少需要一个值"),
]


@pytest.mark.parametrize("argv, chinese", MADE_UP_LINES)
def test_complaints_our_commands_cannot_cause_yet_are_chinese_too(argv, chinese):
    i18n.set_language("zh-CN")
    parser = made_up_parser()
    with pytest.raises(UsageError) as refused:
        parser.parse_args(argv)
    said = str(refused.value)
    assert chinese in said, said
    assert english_left(said, names_of(parser) | set(argv)) == []


def test_a_complaint_from_a_type_keeps_its_own_words_after_the_argument():
    i18n.set_language("zh-CN")
    assert argparse_problem("argument --at: 明天不是时间") == "参数 --at：明天不是时间"


# argparse's sentences that only a programmer's mistake in building a parser can cause (or
# that are never shown: the error prefix our error() replaces), with what makes each so.
PROGRAMMER_ONLY = {
    ".__call__() not defined",                        # an Action subclass without __call__
    "conflicting subparser: %s",                      # two subcommands of one name
    "conflicting subparser alias: %s",
    'argument "-" with mode %r',                      # FileType with an odd mode
    "cannot merge actions - two groups are named %r",
    "'required' is an invalid argument for positionals",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "dest= is required for options like %r",
    "invalid conflict_resolution value: %r",
    "conflicting option string: %s",
    "conflicting option strings: %s",
    "mutually exclusive arguments must be optional",
    "cannot have multiple subparser arguments",
    "unexpected option string: %s",                   # only for strings parse_args never makes
    "%r is not callable",                             # type= or action= not a callable
    "%(prog)s: error: %(message)s\n",                 # replaced by Parser.error
    "subcommands",                                    # a title we never leave to argparse
}


def argparse_sentences() -> set[str]:
    """Every sentence argparse passes to gettext, read from its source."""
    source = inspect.getsource(argparse)
    found = set()
    for call in re.finditer(r"\b(?:_|ngettext)\(((?:\s*(['\"])(?:(?!\2).)*\2\s*,?)+)", source):
        literals = re.findall(r"(['\"])((?:(?!\1).)*)\1", call.group(1))
        if call.group(0).startswith("ngettext"):
            found.update(text for _, text in literals)
        else:
            found.add("".join(text for _, text in literals))
    return {text.replace("\\n", "\n") for text in found}


def test_every_sentence_of_argparse_is_said_again_or_a_programmers_mistake():
    handled = {text for text, _, _ in (*ARGPARSE_MESSAGES, *ARGUMENT_MESSAGES)}
    handled |= {ARGUMENT_MESSAGE, "usage: ", *ARGPARSE_WORDS}
    sentences = argparse_sentences()
    assert len(sentences) > 30                        # the source was read
    assert sorted(sentences - handled - PROGRAMMER_ONLY) == []
