"""QMSELF_LANG's usual spellings; typer's usage errors as one line in the user's language; assess without a terminal."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from qmself.cli import app

EXAMPLE = Path(__file__).parents[2] / "examples" / "small-manufacturer.yaml"


def run(args: list[str], env: dict[str, str] | None = None) -> tuple[int, list[str]]:
    res = CliRunner().invoke(app, args, env=env)
    return res.exit_code, [x for x in res.output.splitlines() if x.strip()]


@pytest.mark.parametrize(("value", "expected"), [
    ("zh", "zh"), ("zh_CN", "zh"), ("zh-Hans", "zh"), ("zh_CN.UTF-8", "zh"), ("zh-Hans-CN", "zh"),
    ("en", "en"), ("EN", "en"), ("en_US", "en"), ("en_GB.UTF-8", "en"), ("en-US", "en"),
])
def test_qmself_lang_accepts_the_usual_spellings(value: str, expected: str) -> None:
    code, lines = run(["validate", "/nonexistent.yaml"], {"QMSELF_LANG": value})
    assert code == 1
    assert lines[0].endswith("文件不存在" if expected == "zh" else "no such file")
    code, lines = run(["validate", "/nonexistent.yaml", "--lang", value], {"QMSELF_LANG": ""})
    assert code == 1 and lines[0].endswith("文件不存在" if expected == "zh" else "no such file")


def test_unknown_language_is_one_line() -> None:
    code, lines = run(["validate", str(EXAMPLE)], {"QMSELF_LANG": "fr"})
    assert code == 2
    assert lines == ["错误：'--lang' / '-l'（环境变量 QMSELF_LANG）的值无效：未知语言 'fr'（可选：zh、en）"
                     "（用法见 qmself validate --help）"]


USAGE = [  # args, Chinese line, English line
    (["score"], "错误：缺少参数 'FILE'（用法见 qmself score --help）",
     "error: Missing argument 'FILE'. (see 'qmself score --help')"),
    (["score", str(EXAMPLE), "--formt", "csv"],
     "错误：没有选项 --formt（是否想用：--format）（用法见 qmself score --help）",
     "error: No such option: --formt (possible options: --format) (see 'qmself score --help')"),
    (["scor", str(EXAMPLE)], "错误：没有命令 'scor'（是否想用 'score'？）（用法见 qmself --help）",
     "error: No such command 'scor'. Did you mean 'score'? (see 'qmself --help')"),
    (["score", str(EXAMPLE), "-f", "xml"],
     "错误：'--format' / '-f' 的值无效：'xml' 不是可选值之一（可选：'table', 'json', 'csv', 'yaml', 'xlsx'）"
     "（用法见 qmself score --help）",
     "error: Invalid value for '--format' / '-f': 'xml' is not one of 'table', 'json', 'csv', 'yaml', 'xlsx'. "
     "(see 'qmself score --help')"),
    (["score", str(EXAMPLE), "-j", "two"], "错误：'--jobs' / '-j' 的值无效：应为整数（用法见 qmself score --help）",
     None),
    (["score", str(EXAMPLE), "-j", "-3"], "错误：'--jobs' / '-j' 的值无效：应 ≥ 0（用法见 qmself score --help）", None),
    (["template", "--size", "small"], "错误：缺少选项 '--sector' / '-s'（用法见 qmself template --help）",
     "error: Missing option '--sector' / '-s'. (see 'qmself template --help')"),
    (["template", "--sector", "food", "--size", "small", "extra"],
     "错误：多余的参数：extra（用法见 qmself template --help）", None),
    (["questionnaire", "shw"], "错误：没有命令 'shw'（是否想用 'show'？）（用法见 qmself questionnaire --help）", None),
    (["score", str(EXAMPLE), "-o"], "错误：选项 -o 后面需要一个值", "error: Option '-o' requires an argument."),
]


@pytest.mark.parametrize(("args", "zh", "en"), USAGE)
def test_usage_errors_are_one_line_in_the_users_language(args: list[str], zh: str, en: str | None) -> None:
    code, lines = run(args, {"QMSELF_LANG": ""})
    assert code == 2 and lines == [zh]
    for how in (["--lang", "en"], ["-l", "en"], ["--lang=en"]):
        if "-o" in args:  # `-o --lang en` would take --lang as the file name
            break
        code, lines = run([*args, *how], {"QMSELF_LANG": ""})
        assert code == 2 and len(lines) == 1 and lines[0].startswith("error: "), lines
        if en is not None:
            assert lines == [en]
    code, lines = run(args, {"QMSELF_LANG": "en_US.UTF-8"})
    assert code == 2 and len(lines) == 1 and lines[0].startswith("error: ")
    if en is not None:
        assert lines == [en]


def test_help_and_version_still_work() -> None:
    assert run(["--version"])[0] == 0
    code, lines = run(["score", "--help"])
    assert code == 0 and lines[0].startswith("Usage: qmself score")


def test_assess_without_a_terminal_says_so(tmp_path: Path) -> None:
    # CliRunner's stdin and stdout are not terminals: the full-screen app would wait for keys forever
    for args in (["assess", str(tmp_path / "new.yaml")], ["assess", str(EXAMPLE)], ["assess", "--simple"]):
        code, lines = run(args, {"QMSELF_LANG": ""})
        assert code == 2 and len(lines) == 1, lines
        assert lines[0].startswith("错误：assess 需要交互式终端") and "--simple" in lines[0]
        assert "qmself answer 文件 题号 值" in lines[0]
    code, lines = run(["assess", str(EXAMPLE), "--lang", "en"])
    assert code == 2 and lines[0].startswith("error: assess needs an interactive terminal")
    assert not (tmp_path / "new.yaml").exists()
