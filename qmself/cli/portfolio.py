"""`qmself portfolio`: one PDF for a consultant's whole client list."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from qmself.cli.common import LangOpt, QuestionnaireOpt, err, handled, lang_of
from qmself.cli.pool import QuietOpt
from qmself.errors import QmselfError
from qmself.model.common import pick


def portfolio_cmd(
    files: Annotated[list[Path], typer.Argument(help="答卷 YAML 文件或目录 / answer files or folders", show_default=False, metavar="FILE")],
    output: Annotated[Path, typer.Option("--output", "-o", help="输出 PDF，或 .xlsx 工作簿（按扩展名）/ the PDF to write, or an .xlsx workbook (by the extension)")],
    benchmark: Annotated[str | None, typer.Option("--benchmark", "-b", help="基准档案（默认按规模）/ profile (default by company size)")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="并行进程数，0 = CPU 核数 / worker processes, 0 = all cores")] = 1,
    quiet: Annotated[bool, QuietOpt] = False,
    questionnaire: QuestionnaireOpt = None,
    lang: LangOpt = "zh",  # type: ignore[assignment]
) -> None:
    """客户组合概览 PDF（热力图、等级分布、常见差距与红线、每家企业一页）或 .xlsx 工作簿 / Portfolio PDF (heat map, level distribution, common gaps and red lines, a page per company) or .xlsx workbook."""
    from functools import partial

    from qmself.cli import pool
    from qmself.cli.score import Job, answer_paths, benchmark_title, collect_workbook, portfolio_row, setup
    from qmself.render.portfolio_pdf import CompanyRow, Portfolio, render_portfolio
    from qmself.storage.atomic import refuse_input_as_output, replacing

    lg = lang_of(lang)
    with handled(lg):
        refuse_input_as_output(output, [*files, *(questionnaire or ())])
        paths = answer_paths(files)
        as_xlsx = output.suffix.lower() == ".xlsx"
        job = Job("xlsx" if as_xlsx else "portfolio", lg, False, benchmark, "exclude",
                  tuple(str(p) for p in questionnaire or ()))
        state = setup(job)
        if as_xlsx:  # the workbook of `score -f xlsx`: a row per file, the heat map, filters
            book = collect_workbook(paths, state, output, jobs=jobs, quiet=quiet)
            if not book.heat:
                raise QmselfError("没有可纳入的答卷", "no answer file could be scored")
            book.write(output)
            _done(output, len(book.heat), book.failures, len(paths), lg)
            return
        catalog = state.catalog
        rows, failures = [], []
        with pool.run(paths, partial(setup, job), portfolio_row, state=state, jobs=jobs, lang=lg,
                      interrupted=pool.not_written(output, len(paths)),
                      label=("评分", "scoring"), quiet=quiet) as outcomes:
            for o in outcomes:
                if o.value is not None:
                    rows.append(CompanyRow(**o.value))
                else:
                    failures.append(o.error)
        if not rows:
            raise QmselfError("没有可纳入的答卷", "no answer file could be scored")
        rows.sort(key=lambda c: (-(c.index or 0), c.name))
        profile = state.profile
        title = profile.title(lg) if profile else benchmark_title(state)
        p = Portfolio(lg, profile.id if profile else "sme-starter / standard-leader", title, rows, failures)
        with replacing(output, backup=output.exists()) as tmp:
            render_portfolio(p, catalog.questionnaire(), tmp)
        _done(output, len(rows), failures, len(paths), lg)


def _done(output: Path, companies: int, failures: list[str], total: int, lg: str) -> None:
    typer.echo(pick(lg, f"已写入 {output}：{companies} 家企业", f"wrote {output}: {companies} companies"))
    if failures:
        err(pick(lg, f"{len(failures)}/{total} 个文件未能纳入：", f"{len(failures)} of {total} files left out:"))
        for line in failures:
            err("  " + line)
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("portfolio")(portfolio_cmd)
