"""`qmself plan`: the phased improvement plan as PDF, Markdown or JSON, for one file or a portfolio."""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from enum import Enum
from functools import partial
from pathlib import Path
from typing import Annotated

import typer

from qmself.cli import pool
from qmself.cli.common import FrameworkChoice, LangOpt, QuestionnaireOpt, err, handled, lang_of
from qmself.cli.pool import QuietOpt
from qmself.errors import UsageError
from qmself.model.common import SIZE_NAMES, pick
from qmself.pipeline import plan_company, progress_since
from qmself.storage.atomic import atomic_write, refuse_input_as_output, replacing
from qmself.storage.bundled import Catalog
from qmself.storage.loaders import check_answer_file

SUFFIX = {"pdf": ".pdf", "md": ".md", "json": ".json", "docx": ".docx"}


class PlanFormat(str, Enum):
    pdf = "pdf"
    md = "md"
    json = "json"
    docx = "docx"



@dataclass(frozen=True)
class PlanJob:
    fmt: str
    lang: str
    profile: str | None
    questionnaires: tuple[str, ...]
    actions: str | None
    previous: str | None = None
    frameworks: tuple[str, ...] = ()
    """Add a section against each (`--framework gbt19580|iso9004|iso9001`, in the order given)."""


@dataclass
class PlanState:
    """What `setup` builds once per process."""

    job: PlanJob
    catalog: Catalog


def setup(job: PlanJob) -> PlanState:
    catalog = Catalog([Path(p) for p in job.questionnaires])
    if job.profile:
        catalog.profile(job.profile)  # fail fast on a bad --benchmark
    return PlanState(job, catalog)


@dataclass(frozen=True)
class PlanTask:
    """One plan to write: the answer file and the report's path."""

    file: str
    out: str

    def __str__(self) -> str:
        return self.file  # errors name the answer file


def write_plan(state: PlanState, task: PlanTask) -> str:
    """Plan one answer file and write the report; returns the path written."""
    job, catalog, file, out = state.job, state.catalog, task.file, Path(task.out)
    loaded, report = check_answer_file(Path(file), catalog.questionnaires, file)
    if loaded is None:
        report.raise_first()
    assert loaded is not None
    q = loaded.questionnaire
    actions = Path(job.actions) if job.actions else None
    planned = plan_company(loaded.answers, q, catalog, job.profile, actions, file=file)
    plan = planned.plan
    progress = None
    if job.previous:
        from qmself.storage.loaders import load_answer_file

        old = load_answer_file(job.previous, catalog.questionnaires, job.previous)
        progress = progress_since(old.answers, old.questionnaire, planned, catalog, job.profile, actions,
                                  file=job.previous)
    sections = []
    if job.frameworks:
        from qmself.frameworks import company_signals, estimate
        from qmself.render.frameworks import clause_section, plan_section

        signals = company_signals(loaded.answers, q)
        chosen = [(p.action.id, p.action.title(job.lang), [x for x, _, _ in p.because] or list(p.action.questions))
                  for p in plan.actions]
        c = loaded.answers.company
        facts = [(pick(job.lang, "企业名称", "Company"), c.name), (pick(job.lang, "统一社会信用代码", "Credit code"), c.credit_code),
                 (pick(job.lang, "行业", "Sector"), q.sector_by_id[c.sector].name(job.lang) if c.sector in q.sector_by_id else c.sector),
                 (pick(job.lang, "规模", "Size"), pick(job.lang, *SIZE_NAMES.get(c.size, (c.size, c.size)))), (pick(job.lang, "地区", "Region"), c.region or "—")]
        for fw in job.frameworks:
            cw = catalog.crosswalk(fw, q)
            est = estimate(cw, signals, q.red_line_cap)
            sec = (plan_section(est, cw, q, loaded.answers, signals, chosen, facts, job.lang) if fw == "gbt19580"
                   else clause_section(est, cw, chosen, job.lang))
            sections.append(sec.as_dict())
    rep = planned.report(job.lang, notices=[n.render(job.lang) for n in loaded.notices], since_last=progress)
    rep.frameworks = sections
    if job.fmt == "pdf":
        from qmself.render.pdf import render_pdf

        with replacing(out, backup=out.exists()) as tmp:
            render_pdf(rep, tmp)
    elif job.fmt == "docx":
        from qmself.office.docx import render_docx

        with replacing(out, backup=out.exists()) as tmp:
            render_docx(rep, tmp)
    elif job.fmt == "md":
        from qmself.render.markdown import render_markdown

        atomic_write(out, render_markdown(rep), backup=out.exists())
    else:
        atomic_write(out, json.dumps(rep.as_dict(), ensure_ascii=False, indent=2) + "\n", backup=out.exists())
    return str(out)


def plan_cmd(
    files: Annotated[list[Path], typer.Argument(help="答卷 YAML 文件 / answer files", show_default=False, metavar="FILE")],
    benchmark: Annotated[str | None, typer.Option("--benchmark", "-b", help="基准档案 id 或 YAML 路径；默认：大型企业 standard-leader，其余 sme-starter / profile id or YAML path; default: standard-leader for large companies, sme-starter otherwise")] = None,
    fmt: Annotated[PlanFormat | None, typer.Option("--format", "-f", help="pdf | md | json | docx（默认按 -o 的扩展名，否则 pdf）/ default: from -o's extension, else pdf")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="输出文件（单个答卷）/ output file (one answer file)")] = None,
    out_dir: Annotated[Path | None, typer.Option("--out-dir", "-d", help="输出目录（多个答卷）/ output folder (several answer files)")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="并行进程数，0 = CPU 核数 / worker processes, 0 = all cores")] = 1,
    framework: Annotated[list[FrameworkChoice] | None, typer.Option("--framework", help="增加对照一节（可重复）：gbt19580（含自评报告提纲）、iso9004、iso9001 / add a section against (repeatable): gbt19580 (with a self-assessment outline), iso9004, iso9001")] = None,
    previous: Annotated[Path | None, typer.Option("--previous", help="上次的答卷：计划中增加“自上次评估以来的进展” / the previous answer file: adds a 'progress since the last assessment' section")] = None,
    actions: Annotated[Path | None, typer.Option("--actions", help="自定义措施库 YAML（默认：内置）/ your own action catalogue (default: the bundled one)")] = None,
    quiet: Annotated[bool, QuietOpt] = False,
    questionnaire: QuestionnaireOpt = None,
    lang: LangOpt = "zh",  # type: ignore[assignment]
) -> None:
    """生成分阶段质量改进计划（PDF、Word、Markdown 或 JSON）/ Write the phased improvement plan (PDF, Word, Markdown or JSON)."""
    lg = lang_of(lang)
    with handled(lg):
        if output is not None and len(files) > 1:
            raise UsageError("多个答卷请用 --out-dir 指定输出目录", "for several answer files use --out-dir, not --output")
        if previous is not None and len(files) > 1:
            raise UsageError("--previous 只能用于单个答卷", "--previous goes with one answer file")
        if output is not None and out_dir is not None:
            raise UsageError("--output 与 --out-dir 只能选一个", "give --output or --out-dir, not both")
        kind = fmt.value if fmt else (output.suffix.lstrip(".").lower() if output and output.suffix.lstrip(".").lower() in SUFFIX else "pdf")
        if out_dir is not None:
            out_dir.mkdir(parents=True, exist_ok=True)
        tasks = []
        for f in files:
            if output is not None:
                out = output
            else:
                folder = out_dir if out_dir is not None else f.parent
                out = folder / f"{f.stem}-plan{SUFFIX[kind]}"
            tasks.append(PlanTask(str(f), str(out)))
        for t in tasks:
            refuse_input_as_output(t.out, [*files, *(questionnaire or ()), *([previous] if previous else [])])
        outs = [t.out for t in tasks]
        if len(set(outs)) != len(outs):
            raise UsageError("多个答卷会写到同一个输出文件（文件名重复）", "two answer files would write the same output file (same name)")
        job = PlanJob(kind, lg, benchmark, tuple(str(p) for p in questionnaire or ()), str(actions) if actions else None,
                      str(previous) if previous else None, tuple(dict.fromkeys(f.value for f in framework or ())))
        state = setup(job)
        failures = []
        started = time.time() - 1  # file times may be rounded down to the second

        def interrupted(_done: int) -> tuple[str, str]:
            # the workers have stopped: count the plans this run put in place (each whole: written atomically)
            written = sum(1 for t in tasks if os.path.isfile(t.out) and os.stat(t.out).st_mtime >= started)
            where = (f"（在 {out_dir}）", f" (in {out_dir})") if out_dir is not None else ("", "")
            return (f"已中断：{len(tasks)} 个计划中已写入 {written} 个{where[0]}，其余未写入",
                    f"interrupted: {written} of {len(tasks)} plans written{where[1]}, the rest not written")

        with pool.run(tasks, partial(setup, job), write_plan, state=state, jobs=jobs, lang=lg,
                      interrupted=interrupted, label=("生成计划", "writing plans"), quiet=quiet) as outcomes:
            for o in outcomes:
                if o.value is not None:
                    typer.echo(pick(lg, f"已写入 {o.value}", f"wrote {o.value}"))
                else:
                    failures.append(o.error)
        if failures:
            err(pick(lg, f"{len(failures)}/{len(tasks)} 个计划未能生成：", f"{len(failures)} of {len(tasks)} plans failed:"))
            for line in failures:
                err("  " + line)
            raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("plan")(plan_cmd)
