"""The `qmself` command line: each command group in its own module, registered here."""

from __future__ import annotations

import typer

from qmself import __version__
from qmself.cli import (
    answer,
    assess,
    benchmark,
    compare,
    convert,
    merge,
    plan,
    portfolio,
    questionnaire,
    score,
    template,
)
from qmself.cli.usage import QmselfGroup

app = typer.Typer(
    name="qmself",
    cls=QmselfGroup,  # usage errors in the user's language, one line
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


score.register(app)
template.register(app)
convert.register(app)
answer.register(app)
assess.register(app)
plan.register(app)
compare.register(app)
merge.register(app)
portfolio.register(app)
app.add_typer(questionnaire.app, name="questionnaire")
app.add_typer(benchmark.app, name="benchmark")


def main() -> None:
    app()
