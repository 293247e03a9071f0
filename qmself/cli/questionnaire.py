"""`qmself questionnaire list|show|lint`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from qmself.cli.common import LangOpt, QuestionnaireOpt, err, handled, lang_of
from qmself.errors import QmselfError, UsageError
from qmself.lookalike import unknown_id
from qmself.model.common import pick
from qmself.model.crosswalk import Crosswalk
from qmself.model.questionnaire import Question, Questionnaire
from qmself.render.text import clip, pad, table, wrap
from qmself.storage.bundled import data_dir
from qmself.storage.loaders import Report, check_catalogue, check_crosswalk, check_questionnaire, kind_of

app = typer.Typer(help="问卷：列出、查看、检查 / questionnaires: list, show, lint", no_args_is_help=True)


@app.command("list")
def list_cmd(questionnaire: QuestionnaireOpt = None, lang: LangOpt = "zh") -> None:  # type: ignore[assignment]
    """列出可用问卷 / List the available questionnaires."""
    from qmself.storage.bundled import Catalog

    lg = lang_of(lang)
    with handled(lg):
        rows = []
        for q in Catalog(list(questionnaire or ())).questionnaires.values():
            core = sum(1 for x in q.questions if x.module is None)
            rows.append([q.id, q.version, q.title(lg), str(len(q.areas)), f"{core}+{len(q.questions) - core}"])
        typer.echo(table([pick(lg, "问卷", "id"), pick(lg, "版本", "ver."), pick(lg, "名称", "title"),
                          pick(lg, "领域", "areas"), pick(lg, "题目", "questions")],
                         rows, [14, 5, 40, 5, 9], "<<<>>"))
        typer.echo(pick(lg, "题目数 = 核心题 + 行业模块题", "questions = core + sector-module questions"))


def _question_detail(q: Questionnaire, x: Question, lg: str) -> list[str]:
    out = [f"{x.id}  [{x.area}{' · ' + x.module if x.module else ''} · {x.type} · "
           + pick(lg, f"权重 {x.weight:g}", f"weight {x.weight:g}")
           + (pick(lg, " · 红线", " · RED LINE") if x.red_line else "")
           + (" · n/a" if x.allow_na else "")
           + (f" · {'/'.join(x.sizes)}" if x.sizes else "") + "]"]
    out += wrap(x.text(lg), 78, "  ")
    out += wrap(pick(lg, "良好实践：", "Good practice: ") + x.guidance(lg), 78, "  ")
    for k in sorted(x.levels or {}):
        out += wrap(f"{k} {q.level_name(k, lg)}: {(x.levels or {})[k](lg)}", 78, "    ")
    if x.levels and q.level_rule is not None:
        out += wrap(pick(lg, "计级规则：", "Level rule: ") + q.level_rule(lg), 78, "    ")
    rule = x.sample_rule()
    if rule is not None:
        out += wrap(rule(lg), 78, "  ")
    out += wrap(pick(lg, "证据：", "Evidence: ") + pick(lg, "；", "; ").join(e(lg) for e in x.evidence), 78, "  ")
    out.append("  " + pick(lg, "依据：", "Cites: ") + "; ".join(x.cites))
    if x.legal_basis:
        out += wrap(pick(lg, "法律依据：", "Legal basis: ") + x.legal_basis_text(lg), 78, "  ")
    return out


@app.command("show")
def show_cmd(
    qid: Annotated[str | None, typer.Argument(help="问卷 id（默认核心问卷）/ questionnaire id (default: the core)")] = None,
    area: Annotated[str | None, typer.Option("--area", "-a", help="只看一个领域（含题目详情）/ one area, with question details")] = None,
    question: Annotated[str | None, typer.Option("--question", help="只看一道题 / one question")] = None,
    sector: Annotated[str | None, typer.Option("--sector", "-s", help="只列适用于该行业的题 / only questions for this sector")] = None,
    size: Annotated[str | None, typer.Option("--size", help="只列适用于该规模的题 / only questions for this size")] = None,
    framework: Annotated[str | None, typer.Option("--framework", "-f", help="列出与 gbt19580 | iso9004 | iso9001 的对照 / list the mapping onto gbt19580 | iso9004 | iso9001")] = None,
    questionnaire: QuestionnaireOpt = None,
    lang: LangOpt = "zh",  # type: ignore[assignment]
) -> None:
    """查看问卷的领域和题目 / Show a questionnaire's areas and questions."""
    from qmself.storage.bundled import Catalog

    lg = lang_of(lang)
    with handled(lg):
        catalog = Catalog(list(questionnaire or ()))
        q = catalog.questionnaire(qid)
        if framework is not None:
            typer.echo("\n".join(_framework_listing(q, catalog.crosswalk(framework, q), lg, area, question)))
            return
        if question is not None:
            x = q.question_by_id.get(question)
            if x is None:
                raise UsageError(*unknown_id(("题号", "question id"), question, q.question_by_id))
            typer.echo("\n".join(_question_detail(q, x, lg)))
            return
        if area is not None and area not in q.area_by_id:
            raise UsageError(f"未知领域 '{area}'（可选：{', '.join(q.area_by_id)}）",
                             f"unknown area '{area}' (one of: {', '.join(q.area_by_id)})")
        if sector is not None and sector not in q.sector_by_id:
            raise UsageError(f"未知行业 '{sector}'", f"unknown sector '{sector}'")
        modules = q.modules_for(sector) if sector else frozenset(m.id for m in q.modules)
        typer.echo(f"{q.title(lg)} — {q.id} {q.version}")
        for line in wrap(q.description(lg), 78):
            typer.echo(line)
        if q.level_rule is not None:
            for line in wrap(pick(lg, "计级规则：", "Level rule: ") + q.level_rule(lg), 78):
                typer.echo(line)
        for a in q.areas:
            if area is not None and a.id != area:
                continue
            qs = [x for x in q.questions if x.area == a.id and x.applies(modules, size or (x.sizes or ["small"])[0])]
            typer.echo("")
            typer.echo(f"{a.id} {a.title(lg)} ({pick(lg, '权重', 'weight')} {a.weight:g}, {len(qs)} {pick(lg, '题', 'questions')})")
            for x in qs:
                if area is not None:
                    typer.echo("")
                    typer.echo("\n".join(_question_detail(q, x, lg)))
                    continue
                tag = ("!" if x.red_line else " ") + {"maturity": "M", "yesno": "Y", "number": "N"}[x.type]
                typer.echo(pad(f"  {x.id}", 14) + f"{tag} " + clip(x.text(lg), 61))
        if area is None:
            typer.echo("")
            typer.echo(pick(lg, "M 成熟度题 · Y 是非题 · N 数值题 · ! 红线（法定义务）",
                            "M maturity · Y yes/no · N number · ! red line (statutory duty)"))


def _framework_listing(q: Questionnaire, cw: Crosswalk, lg: str, area: str | None, question: str | None) -> list[str]:
    """The mapping of a crosswalk: per category and item, the questions that inform it."""
    out = [f"{cw.title(lg)} — {cw.id} {cw.version} ({cw.edition})"]
    out += wrap(cw.estimate_note(lg), 78)
    keep = {x.id for x in q.questions if (area is None or x.area == area) and (question is None or x.id == question)}

    def tmark(part_id: str) -> str:
        return "" if cw.title_verified(part_id, lg) else " ‡"

    for c in cw.categories:
        shown = [it for it in c.items if not (area or question) or any(qid in keep for qid, _ in cw.by_item.get(it.id, []))]
        if not shown:
            continue
        pts = f" {c.points:g}{pick(lg, ' 分', ' pts')}" + ("" if c.points_verified else pick(lg, "（分值未核实）", " (unverified)")) if c.points else ""
        out.append("")
        measured = ""
        if cw.framework == "gbt19580":
            measured = " · " + pick(lg, "问卷测量：", "measured: ") + {
                "well": pick(lg, "较好", "well"), "partly": pick(lg, "部分", "partly"),
                "poorly": pick(lg, "较弱", "poorly")}[c.measured]
        out.append(f"{c.id} {c.title(lg)}{tmark(c.id)}{pts}{measured}")
        for it in shown:
            links = [f"{qid}×{w:g}" if w != 1 else qid for qid, w in cw.by_item.get(it.id, []) if qid in keep]
            ipts = f" ({it.points:g}{'' if it.points_verified else ' †'})" if it.points else ""
            out += wrap(f"{it.id} {it.title(lg)}{tmark(it.id)}{ipts}: " + (", ".join(links) or pick(lg, "（无题目）", "(no question)")),
                        78, "  ", "      ")
    out.append("")
    if cw.framework == "gbt19580" and not cw.points_verified:
        out += wrap(pick(lg, "† 分值未能对照可引用的来源核实。", "† point value not verified against a quotable source."), 78)
    out += wrap(pick(lg, "‡ 该中文标题未能对照可引用的来源核实（为本项目的译法）。来源见对照表文件的 sources 和 docs/framework-sources.md。",
                     "‡ this English title is not verified against a quotable source. Sources: the crosswalk file's sources and docs/framework-sources.md."), 78)
    return out


def print_report(report: Report, lg: str) -> bool:
    """Print a lint report; True when it has no errors."""
    for e in report.errors:
        err(e.render(lg))
    for n in report.notices:
        err(pick(lg, "注意：", "note: ") + n.render(lg))
    return not report.errors


@app.command("lint")
def lint_cmd(
    files: Annotated[list[Path] | None, typer.Argument(help="问卷或措施库 YAML 文件（默认：内置问卷和措施库）/ questionnaire or action-catalogue files (default: the bundled ones)")] = None,
    questionnaire: QuestionnaireOpt = None,
    lang: LangOpt = "zh",  # type: ignore[assignment]
) -> None:
    """检查问卷和措施库：编号唯一、等级描述齐全、引用有效、前置措施无环 / Lint questionnaires and action catalogues: unique ids, every level described in zh and en, valid citations, acyclic prerequisites."""
    from qmself.storage.bundled import CATALOGUE, Catalog, crosswalk_files

    lg = lang_of(lang)
    with handled(lg):
        paths = list(files or []) or [*sorted(data_dir("questionnaires").glob("*.y*ml")), CATALOGUE, *crosswalk_files()]
        bad = 0
        catalog: list[Catalog] = []  # built once, on the first file that needs its questionnaire

        def against(check: Callable[[Path, Questionnaire | None, str], tuple[Any, Report]], path: Path) -> Any:
            """Check a file on its own, then against its questionnaire; print the report."""
            model, report = check(path, None, str(path))
            if model is not None and not report.errors:
                try:
                    if not catalog:
                        catalog.append(Catalog(list(questionnaire or ())))
                    q = catalog[0].questionnaires.get(model.questionnaire)
                except QmselfError:
                    q = None
                model, report = check(path, q, str(path))
            return model if print_report(report, lg) and model is not None else None

        for path in paths:
            kind = kind_of(path)
            if kind == "crosswalk":
                cw = against(check_crosswalk, path)
                ok = cw is not None
                if ok:
                    typer.echo(pick(lg, f"✓ {path}：{len(cw.mapping)} 题映射到 {cw.edition}，无错误",
                                    f"✓ {path}: {len(cw.mapping)} questions mapped onto {cw.edition}, no errors"))
            elif kind == "actions":
                c = against(check_catalogue, path)
                ok = c is not None
                if ok:
                    typer.echo(pick(lg, f"✓ {path}：{len(c.actions)} 项措施，无问题",
                                    f"✓ {path}: {len(c.actions)} actions, no problems"))
            else:
                q, report = check_questionnaire(path, str(path))
                ok = print_report(report, lg) and q is not None
                if ok and q is not None:
                    typer.echo(pick(lg, f"✓ {path}：{len(q.questions)} 题，{len(q.areas)} 个领域，无问题",
                                    f"✓ {path}: {len(q.questions)} questions in {len(q.areas)} areas, no problems"))
            bad += not ok
        if bad:
            err(pick(lg, f"{bad}/{len(paths)} 个文件有错误", f"{bad} of {len(paths)} files have errors"))
            raise typer.Exit(1)
