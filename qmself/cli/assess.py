"""`qmself assess`: answer the questionnaire interactively (Textual app, or prompts with --simple)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from qmself.cli.common import LangOpt, QuestionnaireOpt, err, handled, lang_of
from qmself.errors import QmselfError, UsageError
from qmself.model.common import pick
from qmself.session import Session
from qmself.storage.bundled import Catalog


def assess_cmd(
    file: Annotated[Path | None, typer.Argument(help="答卷 YAML：已有则继续填写，没有则新建 / answer file: resumed if it exists, created if not", show_default=False)] = None,
    simple: Annotated[bool, typer.Option("--simple", help="逐题问答模式（普通终端、SSH、读屏软件）/ plain prompts (plain terminals, SSH, screen readers)")] = False,
    questionnaire: QuestionnaireOpt = None,
    lang: LangOpt = "zh",  # type: ignore[assignment]
) -> None:
    """交互式自评，每个答案即时保存 / Answer the questionnaire interactively; every answer is saved at once."""
    lg = lang_of(lang)
    with handled(lg, terminal=False):  # the app and the prompts drive the terminal
        catalog = Catalog(list(questionnaire or ()))
        session = Session.open(file, catalog, lg) if file is not None and file.exists() else None
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            # the full-screen app (and the prompts) would wait for keys that never come
            raise UsageError(
                "assess 需要交互式终端（标准输入和输出都须是终端）；在终端中运行 qmself assess（简单终端、SSH、读屏软件"
                "用 --simple），在脚本中用 qmself answer 文件 题号 值 逐题写入",
                "assess needs an interactive terminal (stdin and stdout must be a terminal); run qmself assess in a "
                "terminal (--simple for plain terminals, SSH, screen readers), or in a script use qmself answer FILE "
                "QUESTION VALUE",
            )
        if simple:
            from qmself.ui.prompts import run_prompts

            path = run_prompts(catalog, file, session, lg)
            done = _reopened(path, catalog, lg)
        else:
            from qmself.ui.tui.app import AssessApp

            app = AssessApp(catalog, path=file, session=session, lang=lg)
            app.run()
            lg = app.lang
            done = app.session
            path = done.path if done else None
        if path is not None:
            err(pick(lg, f"所有答案已保存到 {path}", f"every answer is saved in {path}") + _left(done, path, lg))


def _reopened(path: Path | None, catalog: Catalog, lang: str) -> Session | None:
    """The answer file as the prompts left it (None when there is none or it cannot be read now)."""
    try:
        return Session.open(path, catalog, lang) if path is not None and path.exists() else None
    except QmselfError:
        return None


def _left(session: Session | None, path: Path, lang: str) -> str:
    """How many questions are still open and how to carry on; nothing when all are answered."""
    if session is None:
        return ""
    done, total = session.progress()
    n = total - done
    if not n:
        return ""
    return pick(lang, f"；尚有 {n} 题未答，再次运行 qmself assess {path} 可继续",
                f"; {n} question{'s are' if n > 1 else ' is'} still unanswered: run qmself assess {path} again "
                "to carry on")


def register(app: typer.Typer) -> None:
    app.command("assess")(assess_cmd)
