"""Which language the app speaks: ``--lang``, else POSTMORTEM_LANG, else the system locale
(LC_ALL, LC_MESSAGES, LANG), else English; ``set_language`` clears the caches."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from postmortem import i18n
from tui import cli


@pytest.fixture(autouse=True)
def back_to_the_environment():
    yield
    i18n.set_language(None)


@pytest.mark.parametrize("environ, expected", [
    ({}, "en"),
    ({"LANG": "zh_CN.UTF-8"}, "zh-CN"),
    ({"LANG": "zh_CN.GB18030"}, "zh-CN"),
    ({"LANG": "zh_SG.UTF-8"}, "zh-CN"),
    ({"LANG": "zh_TW.UTF-8"}, "en"),                         # Traditional: not this catalogue
    ({"LANG": "fr_FR.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh-CN"),
    ({"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "en"),   # LC_ALL first
    ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_GB.UTF-8"}, "zh-CN"),
    ({"LC_ALL": "", "LANG": "zh_CN.UTF-8"}, "zh-CN"),        # an empty variable is unset
    ({"POSTMORTEM_LANG": "zh-CN", "LANG": "en_US.UTF-8"}, "zh-CN"),
    ({"POSTMORTEM_LANG": "en", "LC_ALL": "zh_CN.UTF-8"}, "en"),
    ({"POSTMORTEM_LANG": "zh_CN", "LANG": "C"}, "zh-CN"),
    ({"POSTMORTEM_LANG": "klingon", "LANG": "zh_CN.UTF-8"}, "zh-CN"),  # unknown: ignored
])
def test_environment_precedence(environ, expected):
    assert i18n.language_from_environment(environ) == expected


def test_set_language_wins_over_the_environment_and_clears_the_caches(monkeypatch):
    monkeypatch.setenv("POSTMORTEM_LANG", "en")
    i18n.set_language(None)
    assert i18n.t("stage.scope") == "Scope & audience"
    i18n.set_language("zh-CN")
    assert i18n.current_language() == "zh-CN"
    assert i18n.t("stage.scope") == "范围与受众"
    i18n.set_language(None)
    assert i18n.t("stage.scope") == "Scope & audience"
    monkeypatch.setenv("POSTMORTEM_LANG", "zh-CN")
    assert i18n.t("stage.scope") == "Scope & audience"   # decided once per run...
    i18n.set_language(None)
    assert i18n.t("stage.scope") == "范围与受众"          # ...until set_language decides again


def test_set_language_refuses_a_language_it_does_not_have():
    with pytest.raises(ValueError):
        i18n.set_language("fr")


@pytest.mark.parametrize("argv, expected", [
    (["--lang", "zh-CN", "list"], "zh-CN"),
    (["list", "--lang", "zh-CN"], "zh-CN"),      # on the subcommand too
    (["--lang=zh-CN", "check", "x"], "zh-CN"),
    (["--lang", "en", "list"], "en"),
    (["list"], "env"),
    (["--lang", "fr", "list"], "env"),          # not a language: the parser refuses it
])
def test_the_lang_option_is_read_before_anything_is_said(monkeypatch, argv, expected):
    monkeypatch.setenv("POSTMORTEM_LANG", "zh-CN")
    cli.choose_language(argv)
    assert i18n.current_language() == ("zh-CN" if expected == "env" else expected)
    monkeypatch.setenv("POSTMORTEM_LANG", "en")
    cli.choose_language(argv)
    assert i18n.current_language() == ("en" if expected == "env" else expected)


def run(*args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items()
               if k not in ("POSTMORTEM_LANG", "LANG", "LC_ALL", "LC_MESSAGES")}
    environ.update(env)
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True,
                          text=True, env=environ, timeout=60)


def test_every_way_of_choosing_reaches_the_command(tmp_path):
    library = str(tmp_path / "library")
    english = "No postmortems in"
    chinese = "中没有复盘"
    assert english in run("list", "--library", library).stdout
    assert chinese in run("list", "--library", library, LANG="zh_CN.UTF-8").stdout
    assert chinese in run("list", "--library", library, POSTMORTEM_LANG="zh-CN",
                          LANG="en_US.UTF-8").stdout
    assert english in run("list", "--library", library, "--lang", "en",
                          POSTMORTEM_LANG="zh-CN").stdout
    assert chinese in run("--lang", "zh-CN", "list", "--library", library).stdout
    helped = run("--lang", "zh-CN", "--help")
    assert "列出文档库中的复盘" in helped.stdout and "--lang {en,zh-CN}" in helped.stdout


def test_a_bad_lang_is_one_sentence():
    result = run("list", "--lang", "fr")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0 and "zh-CN" in result.stderr


def test_the_help_speaks_chinese_argparse_words_included():
    helped = run("--lang", "zh-CN", "new", "--help")
    assert helped.returncode == 0
    assert helped.stdout.startswith("用法：postmortem new")
    assert "位置参数" in helped.stdout and "选项" in helped.stdout
    assert "显示此帮助并退出" in helped.stdout
    assert not any(word in helped.stdout for word in ("usage:", "options:", "show this help"))
    english = run("new", "--help").stdout
    assert english.startswith("usage: postmortem new") and "show this help message" in english


@pytest.mark.parametrize("args, chinese", [
    (["new"], "缺少参数：title"),
    (["list", "extra"], "无法识别的参数：extra"),
    (["export", "x", "--format"], "参数 --format 需要一个值"),
    (["frob"], "参数 COMMAND 的值 'frob' 无效"),
])
def test_argparse_complaints_are_one_chinese_sentence(args, chinese):
    result = run("--lang", "zh-CN", *args)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip().count("\n") == 0
    assert chinese in result.stderr and "argument" not in result.stderr


def test_a_lang_without_a_value_is_one_sentence():
    result = run("list", "--lang")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip().count("\n") == 0
    assert "--lang" in result.stderr and "usage" not in result.stderr
