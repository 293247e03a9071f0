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
    output: Annotated[Path, typer.Option("--output", "-o", help="输出 PDF / the PDF to write")],
    benchmark: Annotated[str | None, typer.Option("--benchmark", "-b", help="基准档案（默认按规模）/ profile (default by company size)")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="并行进程数，0 = CPU 核数 / worker processes, 0 = all cores")] = 1,
    quiet: Annotated[bool, QuietOpt] = False,
    questionnaire: QuestionnaireOpt = None,
    lang: LangOpt = "zh",  # type: ignore[assignment]
) -> None:
    """客户组合概览 PDF：热力图、等级分布、常见差距与红线、每家企业一页 / Portfolio PDF: heat map, level distribution, common gaps and red lines, a page per company."""
    from functools import partial

    from qmself.cli import pool
    from qmself.cli.score import Job, answer_paths, portfolio_row, setup
    from qmself.render.portfolio_pdf import CompanyRow, Portfolio, render_portfolio
    from qmself.storage.atomic import refuse_input_as_output, replacing

    lg = lang_of(lang)
    with handled(lg):
        refuse_input_as_output(output, [*files, *(questionnaire or ())])
        paths = answer_paths(files)
        job = Job("portfolio", lg, False, benchmark, "exclude", tuple(str(p) for p in questionnaire or ()))
        state = setup(job)
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
        profile = catalog.profile(benchmark) if benchmark else None
        title = profile.title(lg) if profile else pick(lg, "按规模：大型企业 standard-leader，其余 sme-starter",
                                                        "by size: standard-leader for large companies, sme-starter otherwise")
        p = Portfolio(lg, profile.id if profile else "sme-starter / standard-leader", title, rows, failures)
        with replacing(output, backup=output.exists()) as tmp:
            render_portfolio(p, catalog.questionnaire(), tmp)
        typer.echo(pick(lg, f"已写入 {output}：{len(rows)} 家企业", f"wrote {output}: {len(rows)} companies"))
        if failures:
            err(pick(lg, f"{len(failures)}/{len(paths)} 个文件未能纳入：", f"{len(failures)} of {len(paths)} files left out:"))
            for line in failures:
                err("  " + line)
            raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("portfolio")(portfolio_cmd)
