"""`qmself benchmark list|show|lint`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from qmself.cli.common import LangOpt, QuestionnaireOpt, err, handled, lang_of
from qmself.cli.pool import QuietOpt
from qmself.cli.questionnaire import print_report
from qmself.errors import QmselfError, UsageError
from qmself.model.common import pick
from qmself.peers import DEFAULT_K, MIN_K
from qmself.render.text import table, wrap
from qmself.storage.bundled import Catalog, data_dir
from qmself.storage.loaders import check_profile

if TYPE_CHECKING:
    from qmself.cli.score import ScoreState

app = typer.Typer(help="基准档案：列出、查看、检查 / benchmark profiles: list, show, lint", no_args_is_help=True)


@app.command("list")
def list_cmd(lang: LangOpt = "zh") -> None:  # type: ignore[assignment]
    """列出内置基准档案 / List the bundled benchmark profiles."""
    lg = lang_of(lang)
    with handled(lg):
        rows = []
        for p in Catalog().profiles.values():
            scope = ",".join(p.sectors or []) or pick(lg, "全部", "all")
            rows.append([p.id, p.version, p.title(lg), scope])
        typer.echo(table(["id", pick(lg, "版本", "ver."), pick(lg, "名称", "title"), pick(lg, "行业", "sectors")],
                         rows, [22, 5, 38, 10], "<<<<"))


@app.command("show")
def show_cmd(
    profile: Annotated[str, typer.Argument(help="档案 id 或 YAML 路径 / profile id or YAML path")],
    questionnaire: QuestionnaireOpt = None,
    lang: LangOpt = "zh",  # type: ignore[assignment]
) -> None:
    """查看基准档案的各领域目标及理由 / Show a profile's per-area targets and why."""
    lg = lang_of(lang)
    with handled(lg):
        catalog = Catalog(list(questionnaire or ()))
        p = catalog.profile(profile)
        q = catalog.questionnaire(p.questionnaire)
        typer.echo(f"{p.title(lg)} — {p.id} {p.version}")
        for line in wrap(p.summary(lg), 78):
            typer.echo(line)
        typer.echo("")
        for line in wrap(p.rationale(lg), 78):
            typer.echo(line)
        typer.echo("  " + pick(lg, "依据：", "Cites: ") + "; ".join(p.cites))
        extra = []
        if p.sectors:
            extra.append(pick(lg, "适用行业：", "sectors: ") + ", ".join(p.sectors))
        if p.sizes:
            extra.append(pick(lg, "适用规模：", "sizes: ") + ", ".join(p.sizes))
        if p.require_red_lines:
            extra.append(pick(lg, "要求全部红线满足", "all red lines must be met"))
        if p.min_overall_level:
            extra.append(pick(lg, f"总体等级不低于 {p.min_overall_level:g}", f"overall level at least {p.min_overall_level:g}"))
        if extra:
            typer.echo("  " + " · ".join(extra))
        for a in q.areas:
            t = p.targets.get(a.id)
            if t is None:
                continue
            typer.echo("")
            typer.echo(f"{a.id} {a.title(lg)}: {pick(lg, '目标等级', 'target level')} {t.level:g}")
            for line in wrap(t.rationale(lg), 78, "  "):
                typer.echo(line)
            typer.echo("  " + pick(lg, "依据：", "Cites: ") + "; ".join(t.cites))


@app.command("lint")
def lint_cmd(
    files: Annotated[list[Path] | None, typer.Argument(help="档案 YAML 文件（默认：内置档案）/ profile files (default: the bundled ones)")] = None,
    questionnaire: QuestionnaireOpt = None,
    lang: LangOpt = "zh",  # type: ignore[assignment]
) -> None:
    """检查基准档案 / Lint benchmark profiles (areas exist, citations valid)."""
    lg = lang_of(lang)
    with handled(lg):
        catalog = Catalog(list(questionnaire or ()))
        paths = list(files or []) or sorted(data_dir("benchmarks").glob("*.y*ml"))
        bad = 0
        for path in paths:
            p, report = check_profile(path, None, str(path))
            if p is not None and not report.errors:
                q = catalog.questionnaires.get(p.questionnaire)
                p, report = check_profile(path, q, str(path))
            if print_report(report, lg) and p is not None:
                typer.echo(pick(lg, f"✓ {path}：{len(p.targets)} 个领域目标，无问题",
                                f"✓ {path}: {len(p.targets)} area targets, no problems"))
            else:
                bad += 1
        if bad:
            err(pick(lg, f"{bad}/{len(paths)} 个文件有错误", f"{bad} of {len(paths)} files have errors"))
            raise typer.Exit(1)


def cohort_entry(state: ScoreState, file: str) -> tuple[dict[str, str], dict[str, float | None]]:
    """What a peer profile takes of one answer file: its group attributes and area levels, nothing that names it."""
    from qmself.cli.score import assess

    result = assess(state, file).result
    return ({"sector": result.sector, "size": result.size, "region": result.region or ""},
            {a.id: a.level for a in result.areas})


@app.command("build")
def build_cmd(
    files: Annotated[list[Path], typer.Argument(help="答卷 YAML 文件或目录（一个队列）/ answer files or folders (the cohort)", show_default=False, metavar="FILE")],
    output: Annotated[Path, typer.Option("--output", "-o", help="写入的同行档案 YAML / the peer profile to write")],
    group_by: Annotated[str, typer.Option("--group-by", help="分组字段，逗号分隔：sector,size,region / grouping fields, comma-separated")] = "sector,size",
    k: Annotated[int, typer.Option("--min-group", "-k", help="匿名阈值：少于 k 家的组不公布（默认 5，最小 3）/ anonymity threshold: smaller groups are suppressed (default 5, at least 3)")] = DEFAULT_K,
    profile_id: Annotated[str | None, typer.Option("--id", help="档案 id（默认 peers-日期）/ profile id (default peers-DATE)")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="并行进程数，0 = CPU 核数 / worker processes, 0 = all cores")] = 1,
    force: Annotated[bool, typer.Option("--force", help="覆盖已有文件（保留 .bak）/ overwrite an existing file, keeping a .bak")] = False,
    quiet: Annotated[bool, QuietOpt] = False,
    questionnaire: QuestionnaireOpt = None,
    lang: LangOpt = "zh",  # type: ignore[assignment]
) -> None:
    """由一批答卷生成同行基准档案（分组百分位，小组匿名屏蔽）/ Build a peer profile from a cohort: per-group percentiles, small groups suppressed."""
    import datetime as dt
    from functools import partial

    from qmself.cli import pool
    from qmself.cli.score import Job, answer_paths, setup
    from qmself.peers import Cohort
    from qmself.render.peer_profile import render_peer_profile
    from qmself.storage.atomic import atomic_write, refuse_input_as_output

    lg = lang_of(lang)
    with handled(lg):
        if k < MIN_K:
            raise UsageError(f"匿名阈值不能小于 {MIN_K}", f"the anonymity threshold cannot be below {MIN_K}")
        fields = [f.strip() for f in group_by.split(",") if f.strip()]
        bad = [f for f in fields if f not in ("sector", "size", "region")]
        if bad:
            raise UsageError(f"未知分组字段：{', '.join(bad)}", f"unknown grouping field(s): {', '.join(bad)} (sector, size, region)")
        if output.exists() and not force:
            raise QmselfError("文件已存在；用 --force 覆盖（会保留 .bak）", "file exists; use --force to overwrite it (a .bak is kept)", file=str(output))
        refuse_input_as_output(output, [*files, *(questionnaire or ())])
        paths = answer_paths(files)
        job = Job("levels", lg, False, None, "exclude", tuple(str(p) for p in questionnaire or ()))
        state = setup(job)
        q = state.catalog.questionnaire()
        cohort = Cohort(fields)
        failures = []
        with pool.run(paths, partial(setup, job), cohort_entry, state=state, jobs=jobs, lang=lg,
                      interrupted=pool.not_written(output, len(paths), read=True),
                      label=("读取答卷", "reading answers"), quiet=quiet) as outcomes:
            for o in outcomes:
                if o.value is not None:
                    cohort.add(*o.value)
                else:
                    failures.append(o.error)
        for line in failures:
            err("  " + line)
        if cohort.overall(k, []).suppressed:
            raise QmselfError(f"队列只有 {cohort.total} 家有效答卷，少于匿名阈值 {k}，不能生成档案",
                              f"the cohort has {cohort.total} valid answer files, fewer than the anonymity threshold {k}; no profile written")
        today = dt.date.today()
        text = render_peer_profile(cohort, q, k, profile_id or f"peers-{today.isoformat()}", today)
        atomic_write(output, text, backup=output.exists())
        groups = cohort.groups_summary(k, [a.id for a in q.areas])
        hidden = sum(g.suppressed for g in groups)
        typer.echo(pick(lg, f"已写入 {output}：{cohort.total} 家企业，{len(groups)} 个组，其中 {hidden} 个组少于 {k} 家已屏蔽",
                        f"wrote {output}: {cohort.total} companies in {len(groups)} groups, {hidden} suppressed (fewer than {k})"))
        if failures:
            err(pick(lg, f"{len(failures)}/{len(paths)} 个文件未计入", f"{len(failures)} of {len(paths)} files left out"))
            raise typer.Exit(1)
