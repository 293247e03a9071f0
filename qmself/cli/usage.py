"""Command-line usage errors (missing argument, unknown option or command, bad value) in the user's language.

typer's parser reports these itself, in English and over four lines. The root
command group (`QmselfGroup`) runs typer in non-standalone mode, catches its
usage errors and prints one line in Chinese, or in English with `--lang en` or
`QMSELF_LANG=en`, pointing to the command's `--help`; the exit code stays 2.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperGroup

from qmself.render.terminal import clean

# typer vendors click in recent versions: take the exception classes from where typer's own live
_exc: Any = importlib.import_module(typer.BadParameter.__module__)

_VALUE = [  # (English message pattern, Chinese)
    (r"^(?:Value error, )?unknown language (?P<v>.+) \(zh or en\)$", "未知语言 {v}（可选：zh、en）"),
    (r"^(?:Value error, )?(?P<v>.+) is not one of (?P<c>.+?)\.?$", "{v} 不是可选值之一（可选：{c}）"),
    (r"^Input should be a valid integer.*$", "应为整数"),
    (r"^Input should be a valid number.*$", "应为数值"),
    (r"^Input should be a valid boolean.*$", "应为 true 或 false"),
    (r"^Input should be greater than or equal to (?P<n>\S+?)\.?$", "应 ≥ {n}"),
    (r"^Input should be greater than (?P<n>\S+?)\.?$", "应 > {n}"),
    (r"^Input should be less than or equal to (?P<n>\S+?)\.?$", "应 ≤ {n}"),
    (r"^Input should be less than (?P<n>\S+?)\.?$", "应 < {n}"),
]
_USAGE = [
    (r"^No such command '(?P<c>.+?)'\.(?: Did you mean (?P<m>.+)\?)?$", "没有命令 '{c}'"),
    (r"^Got unexpected extra arguments?(?:\(s\))? \((?P<a>.+)\)$", "多余的参数：{a}"),
    (r"^Missing command\.?$", "缺少命令"),
    (r"^Option '(?P<o>.+)' requires an argument\.$", "选项 {o} 后面需要一个值"),
    (r"^Option '(?P<o>.+)' requires (?P<n>\d+) arguments\.$", "选项 {o} 后面需要 {n} 个值"),
    (r"^Option '(?P<o>.+)' does not take a value\.$", "选项 {o} 不接受值"),
    (r"^Argument '(?P<a>.+)' takes (?P<n>\d+) values\.$", "参数 {a} 需要 {n} 个值"),
]


def _translate(msg: str, table: list[tuple[str, str]], lang: str) -> str:
    for pattern, zh in table:
        m = re.match(pattern, msg)
        if m:
            if lang != "zh":
                return msg.removeprefix("Value error, ")
            out = zh.format(**m.groupdict())
            if m.groupdict().get("m"):
                out += f"（是否想用 {m['m']}？）"
            return out
    return msg.removeprefix("Value error, ")


def _hint(e: Any, lang: str) -> str:
    hint = e.param_hint
    if hint is None and e.param is not None:
        hint = e.param.get_error_hint(e.ctx) if _takes_ctx(e.param) else e.param.get_error_hint()
    if hint is not None and not isinstance(hint, str):
        hint = " / ".join(repr(x) for x in hint)
    hint = str(hint or "")
    return re.sub(r" \(env var: '(.+?)'\)", r"（环境变量 \1）", hint) if lang == "zh" else hint


def _takes_ctx(param: Any) -> bool:
    import inspect

    return len(inspect.signature(param.get_error_hint).parameters) > 0


def message(e: Any, lang: str) -> str:
    """The one line for a typer/click usage error `e`, in `lang`."""
    zh = lang == "zh"
    if isinstance(e, _exc.MissingParameter):
        kind = e.param_type or (e.param.param_type_name if e.param is not None else "parameter")
        hint = _hint(e, lang)
        text = (f"缺少{'选项' if kind == 'option' else '参数'} {hint}" if zh else f"Missing {kind} {hint}.")
    elif isinstance(e, _exc.NoSuchOption):
        text = f"没有选项 {e.option_name}" if zh else f"No such option: {e.option_name}"
        if e.possibilities:
            alts = ", ".join(sorted(e.possibilities))
            text += f"（是否想用：{alts}）" if zh else f" (possible options: {alts})"
    elif isinstance(e, _exc.BadParameter):
        hint = _hint(e, lang)
        value = _translate(str(e.message), _VALUE, lang)
        sep = "" if hint.endswith("）") else " "
        text = (f"{hint}{sep}的值无效：{value}" if zh else f"Invalid value for {hint}: {value}") if hint else value
    else:
        text = _translate(str(e.message), _USAGE, lang)
    ctx = e.ctx
    if ctx is not None:
        help_cmd = f"{ctx.command_path} --help"
        text += f"（用法见 {help_cmd}）" if zh else f" (see '{help_cmd}')"
    return clean(("错误：" if zh else "error: ") + text.replace("\n", " "))


def lang_of_argv(args: Sequence[str]) -> str:
    """The language asked for on a command line that could not be parsed (then QMSELF_LANG; zh)."""
    from qmself.cli.common import parse_lang

    value = os.environ.get("QMSELF_LANG") or "zh"
    for i, a in enumerate(args):
        if a == "--":
            break
        if a in ("--lang", "-l") and i + 1 < len(args):
            value = args[i + 1]
        elif a.startswith("--lang="):
            value = a.split("=", 1)[1]
        elif a.startswith("-l") and len(a) > 2 and not a.startswith("--"):
            value = a[2:]
    try:
        return parse_lang(value).value
    except typer.BadParameter:
        return "zh"


class QmselfGroup(TyperGroup):
    """The root command: typer's usage errors as one line in the user's language."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        try:
            rv = super().main(args=args, prog_name=prog_name, complete_var=complete_var,
                              standalone_mode=False, windows_expand_args=windows_expand_args, **extra)
        except _exc.NoArgsIsHelpError as e:  # `qmself` alone: the help text
            if not standalone_mode:
                raise
            e.show()
            sys.exit(e.exit_code)
        except _exc.UsageError as e:
            if not standalone_mode:
                raise
            print(message(e, lang_of_argv(argv)), file=sys.stderr)
            sys.exit(e.exit_code)
        except _exc.ClickException as e:
            if not standalone_mode:
                raise
            e.show()
            sys.exit(e.exit_code)
        except typer.Abort:
            if not standalone_mode:
                raise
            print("已中止" if lang_of_argv(argv) == "zh" else "aborted", file=sys.stderr)
            sys.exit(1)
        if not standalone_mode:
            return rv
        sys.exit(rv if isinstance(rv, int) else 0)
