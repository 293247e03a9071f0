"""`qmself benchmark list|show|lint`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from qmself.cli.common import LangOpt, QuestionnaireOpt, err, handled, lang_of
from qmself.cli.questionnaire import print_report
from qmself.model.common import pick
from qmself.render.text import table, wrap
from qmself.storage.bundled import Catalog, data_dir
from qmself.storage.loaders import check_profile

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
