"""What every command shares: the --lang option, error rendering, exit codes."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from qmself.errors import ExitCode, QmselfError
from qmself.render.terminal import clean, cleaned_stdout


class FrameworkChoice(str, Enum):
    """The frameworks `score --framework` and `plan --framework` compare with."""

    gbt19580 = "gbt19580"
    iso9004 = "iso9004"
    iso9001 = "iso9001"


class LangChoice(str, Enum):
    zh = "zh"
    en = "en"


def parse_lang(value: str | LangChoice) -> LangChoice:
    """`zh`, `zh_CN`, `zh-Hans`, `zh_CN.UTF-8`, `en`, `EN`, `en_US`... -> zh or en (as in LANG and BCP 47)."""
    if isinstance(value, LangChoice):
        return value
    base = re.split(r"[-_.@]", value.strip().lower(), maxsplit=1)[0]
    if base in ("zh", "en"):
        return LangChoice(base)
    raise typer.BadParameter(f"unknown language {value!r} (zh or en)")  # in Chinese by cli.usage


LangOpt = Annotated[
    LangChoice,
    typer.Option("--lang", "-l", envvar="QMSELF_LANG", parser=parse_lang,
                 help="输出语言 / output language: zh | en（也接受 zh_CN、zh-Hans、en_US 等 / also zh_CN, en_US...）"),
]
QuestionnaireOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--questionnaire",
        "-q",
        help="额外的问卷 YAML 文件（可多次给出）/ extra questionnaire YAML file (repeatable)",
    ),
]


def err(line: str) -> None:
    """Print one line to stderr, without escape sequences or control characters from the data in it."""
    typer.echo(clean(line), err=True)


@contextmanager
def handled(lang: str, *, terminal: bool = True) -> Iterator[None]:
    """Turn a QmselfError into one line on stderr and its exit code.

    Everything the command prints to a terminal is cleaned of escape sequences
    and control characters (`render.terminal`); `terminal=False` for the
    full-screen app, which drives the terminal itself.
    """
    try:
        with cleaned_stdout() if terminal else nullcontext():
            yield
    except QmselfError as e:
        err(pick_prefix(lang) + e.render(lang))
        raise typer.Exit(int(e.exit_code)) from None
    except KeyboardInterrupt as e:
        from qmself.cli.pool import Interrupted

        err(e.render(lang) if isinstance(e, Interrupted) else "已中断" if lang == "zh" else "interrupted")
        raise typer.Exit(130) from None
    except BrokenPipeError:
        # the reader (e.g. `| head`) went away: stop quietly
        sys.stderr.close()
        raise typer.Exit(int(ExitCode.OK)) from None
    except (typer.Exit, typer.Abort, typer.TyperException):
        raise
    except Exception as e:  # the last line of defence: never a traceback unless asked
        if os.environ.get("QMSELF_DEBUG"):
            raise
        err(
            (f"内部错误：{type(e).__name__}: {e}（设置 QMSELF_DEBUG=1 查看详情，并请报告此问题）")
            if lang == "zh"
            else f"internal error: {type(e).__name__}: {e} (set QMSELF_DEBUG=1 for details; please report it)"
        )
        raise typer.Exit(int(ExitCode.DATA_ERROR)) from None


def pick_prefix(lang: str) -> str:
    return "错误：" if lang == "zh" else "error: "


def lang_of(lang: object) -> str:
    """The language code of a --lang option value."""
    return str(getattr(lang, "value", lang))
