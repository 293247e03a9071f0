"""The `qmself` command line: each command group in its own module, imported only when it runs.

`qmself --help` lists the commands from the table below without importing them
(nor the pydantic models they build); `qmself <command>` imports that one
command's module. tests/cli/test_lazy.py checks the table against the commands.
"""

from __future__ import annotations

import importlib
from difflib import get_close_matches
from typing import Any

import typer

from qmself import __version__
from qmself.cli.usage import QmselfGroup

COMMANDS: dict[str, tuple[str, str]] = {
    'score': ('score', '给答卷评分 / Score answer files (any number; folders are searched for .yaml and .xlsx files).'),
    'validate': ('score', '检查答卷，列出全部问题 / Check answer files and list every problem found.'),
    'template': ('template', '生成带注释的空白答卷 / Write a blank, commented answer file for a sector and size.'),
    'convert': ('convert', '答卷在 YAML 与 Excel 工作簿之间转换 / Convert an answer file between YAML and an Excel workbook.'),
    'answer': ('answer', '写入一个答案；已有的证据和备注保留，除非用 --evidence/--note 替换或 --clear-evidence/--clear-note 删除 / Set one answer; the existing evidence and note stay unless replaced (--evidence/--note) or removed (--clear-evidence/--clear-note).'),
    'assess': ('assess', '交互式自评，每个答案即时保存 / Answer the questionnaire interactively; every answer is saved at once.'),
    'plan': ('plan', '生成分阶段质量改进计划（PDF、Word、Markdown 或 JSON）/ Write the phased improvement plan (PDF, Word, Markdown or JSON).'),
    'compare': ('compare', '对比同一企业的两次评估 / Compare two assessments of the same company: changes, red lines, progress to target.'),
    'merge': ('merge', "合并多名评估人对同一企业的答卷（中位数），列出需校准的题目 / Merge several assessors' answers (median) and list questions to calibrate."),
    'portfolio': ('portfolio', '客户组合概览 PDF（热力图、等级分布、常见差距与红线、每家企业一页）或 .xlsx 工作簿 / Portfolio PDF (heat map, level distribution, common gaps and red lines, a page per company) or .xlsx workbook.'),
    'questionnaire': ('questionnaire', '问卷：列出、查看、检查 / questionnaires: list, show, lint'),
    'benchmark': ('benchmark', '基准档案：列出、查看、检查 / benchmark profiles: list, show, lint'),
}
"""Command name: (module under qmself.cli, first line of its help)."""
_USAGE_ERROR: Any = importlib.import_module(typer.BadParameter.__module__).UsageError
GROUPS = frozenset({"questionnaire", "benchmark"})
"""Commands that are typer apps of their own (`app` in their module); the others `register(app)`."""


class LazyGroup(QmselfGroup):
    """The root group: commands listed from `COMMANDS`, each module imported when its command is used."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in COMMANDS:
            return super().get_command(ctx, cmd_name)
        module = importlib.import_module(f"qmself.cli.{COMMANDS[cmd_name][0]}")
        if cmd_name in GROUPS:
            command = typer.main.get_command(module.app)
            command.name = cmd_name
            return command
        holder = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False, add_completion=False)
        module.register(holder)
        holder.callback()(lambda: None)  # a group, so that its commands can be looked up by name
        return typer.main.get_group(holder).get_command(ctx, cmd_name)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except _USAGE_ERROR as e:  # typer suggests from the commands it has built: none yet here
            matches = get_close_matches(args[0], list(COMMANDS)) if args else []
            if matches and "Did you mean" not in e.message:
                e.message = f"{e.message.rstrip('.')}. Did you mean {', '.join(repr(m) for m in matches)}?"
            raise

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        limit = formatter.width - 6 - max(len(n) for n in COMMANDS)
        rows = [(name, _short(help_, limit)) for name, (_, help_) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _short(text: str, limit: int) -> str:
    """click's short help: the text cut at a word before `limit` characters, with '...'."""
    from typer._click.utils import make_default_short_help

    return str(make_default_short_help(text, limit))


app = typer.Typer(
    name="qmself",
    cls=LazyGroup,  # usage errors in the user's language, one line; commands imported when used
    help="qmself — 企业质量管理自评工具包 / enterprise quality-management self-assessment toolkit.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"qmself {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="版本 / version"),
) -> None:
    """qmself — 企业质量管理自评工具包 / enterprise quality-management self-assessment toolkit."""


def main() -> None:
    app()
