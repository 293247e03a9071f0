"""`qmself score` and `qmself validate`: batch work over answer files.

Files are processed by `--jobs` worker processes (`qmself.cli.pool`); each worker loads
the questionnaires and profile once, then parses, validates, scores and renders
its files and hands back finished text, so the parent only writes. Results come
back in input order and are written as they arrive (memory stays flat however
many files there are). One bad file never stops the others: its one-line error
goes to the failure summary and the exit code is 1.
"""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from functools import partial
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from qmself.cli import pool
from qmself.cli.common import FrameworkChoice, LangOpt, QuestionnaireOpt, err, handled, lang_of
from qmself.cli.pool import QuietOpt
from qmself.errors import UsageError
from qmself.model.benchmark import BenchmarkProfile, default_profile_id
from qmself.model.common import pick
from qmself.model.results import AssessmentResult, Comparison, PeerRank
from qmself.peers import position
from qmself.render import frameworks as render_fw
from qmself.render import results as render
from qmself.render.csvsafe import SafeWriter
from qmself.scoring import compare, score
from qmself.storage.atomic import ANSWER_SUFFIXES
from qmself.storage.bundled import Catalog
from qmself.storage.loaders import LoadedAnswers, check_answer_file


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    yaml = "yaml"
    xlsx = "xlsx"


class Missing(str, Enum):
    exclude = "exclude"
    lowest = "lowest"


@dataclass(frozen=True)
class Job:
    """What every worker needs to know (small and picklable)."""

    fmt: str
    lang: str
    detail: bool
    profile: str | None
    missing: str
    questionnaires: tuple[str, ...]
    peers: str | None = None
    frameworks: tuple[str, ...] = ()


@dataclass
class ScoreState:
    """What `setup` builds once per process: the catalogue and the profiles a job names."""

    job: Job
    catalog: Catalog
    profile: BenchmarkProfile | None
    peers: BenchmarkProfile | None = None


Rendered = str | list[Any] | dict[str, Any]
"""One file's output: a table or JSON text, a CSV row, or the data of a YAML document."""


def setup(job: Job) -> ScoreState:
    """Load the questionnaires and profiles of `job` (a bad --benchmark or --peers fails here)."""
    catalog = Catalog([Path(p) for p in job.questionnaires])
    profile = catalog.profile(job.profile) if job.profile else None
    peers = catalog.profile(job.peers) if job.peers else None
    if peers is not None and peers.peers is None:
        raise UsageError(f"{job.peers} 不是同行基准档案（由 qmself benchmark build 生成）",
                         f"{job.peers} is not a peer profile (made by qmself benchmark build)")
    return ScoreState(job, catalog, profile, peers)


@dataclass
class Assessed:
    """One answer file loaded, checked and scored."""

    loaded: LoadedAnswers
    result: AssessmentResult
    notices: list[str]
    comparison: Comparison | None


def assess(state: ScoreState, file: str) -> Assessed:
    """Load, check and score one file, compared with the job's profile if it names one."""
    job = state.job
    loaded, report = check_answer_file(file, state.catalog.questionnaires, file)
    if loaded is None:
        report.raise_first()
    assert loaded is not None
    q = loaded.questionnaire
    result = score(loaded.answers, q, missing=job.missing)  # type: ignore[arg-type]
    notices = [n.render(job.lang) for n in loaded.notices]
    comparison = None
    if state.profile is not None:
        p = state.profile
        if p.questionnaire != q.id:
            raise UsageError(
                f"基准档案 {p.id} 针对问卷 {p.questionnaire}，不能用于 {q.id}",
                f"profile {p.id} is for questionnaire {p.questionnaire}, not {q.id}",
                file=file,
            )
        if p.sectors and result.sector not in p.sectors:
            notices.append(pick(job.lang, f"基准档案 {p.id} 面向行业 {', '.join(p.sectors)}",
                                f"profile {p.id} is meant for sectors {', '.join(p.sectors)}"))
        comparison = compare(result, p, q)
    return Assessed(loaded, result, notices, comparison)


def portfolio_row(state: ScoreState, file: str) -> dict[str, Any]:
    """What `portfolio` shows of one company (the fields of its CompanyRow)."""
    from qmself.pipeline import plan_company

    a = assess(state, file)
    result, q, lang = a.result, a.loaded.questionnaire, state.job.lang
    profile = state.profile or state.catalog.profile(default_profile_id(result.size))
    cmp = compare(result, profile, q)
    # the plan's priorities, made as `plan` makes them (one pipeline)
    planned = plan_company(a.loaded.answers, q, state.catalog, state.job.profile, file=file)
    plan = planned.plan
    first = [f"{p.action.id} {p.action.title(lang)}" for p in plan.actions[:3]]
    return {
        "plan_actions": len(plan.actions), "plan_months": plan.end_month, "plan_later": len(plan.later),
        "plan_first": first, "plan_stretch": None if plan.stretch_from is None else planned.profile.id,
        "file": file, "name": result.company, "credit_code": result.credit_code, "sector": result.sector,
        "size": result.size, "date": result.assessment_date.isoformat(), "index": result.overall_index,
        "level": result.overall_level, "whole": result.whole_level, "completeness": result.completeness,
        "areas": {a.id: a.level for a in result.areas}, "targets": {g.area: g.target for g in cmp.areas},
        "gaps": [(g.area, g.gap or 0.0, g.priority or 0) for g in cmp.priorities],
        "red_lines": [f.question for f in result.unmet_red_lines], "progress": cmp.progress,
        "profile": f"{profile.title(lang)}（{profile.id} {profile.version}）" if lang == "zh"
        else f"{profile.title(lang)} ({profile.id} {profile.version})",
    }


def render_file(state: ScoreState, file: str) -> Rendered:
    """Score one file and render it in the job's format."""
    job = state.job
    a = assess(state, file)
    loaded, result, q, notices, comparison = a.loaded, a.result, a.loaded.questionnaire, a.notices, a.comparison
    peer_rank = peer_positions(result, state.peers) if state.peers is not None else None
    fw = None
    if job.frameworks:
        from qmself.frameworks import estimates

        fw = estimates([state.catalog.crosswalk(f, q) for f in job.frameworks], loaded.answers, q)
    if job.fmt in ("csv", "xlsx") and q.id != state.catalog.default_id:
        raise UsageError(
            f"CSV 的列按问卷 {state.catalog.default_id} 排列，本文件用的是 {q.id}；请分开评分",
            f"CSV columns follow questionnaire {state.catalog.default_id}, this file uses {q.id}; "
            "score them separately",
            file=file,
        )
    out: Rendered
    if job.fmt in ("json", "yaml"):
        data = render.as_data(file, result, q, job.lang, comparison, notices, peer_rank)
        if fw is not None:
            data["frameworks"] = render_fw.frameworks_data(fw, job.lang)
        out = json.dumps(data, ensure_ascii=False) if job.fmt == "json" else data
    elif job.fmt in ("csv", "xlsx"):
        out = render.csv_row(file, result, comparison, peer_rank)
        if fw is not None:
            out = [*out[:-1], *render_fw.csv_cells(list(fw.values())), out[-1]]
        if job.fmt == "xlsx":
            out = {"row": out, "heat": heat_row(state, file, a)}
    elif job.detail:
        out = render.detail(file, result, q, job.lang, comparison, notices, peer_rank)
        if fw is not None:
            out += "".join("\n\n" + "\n".join(render_fw.text(e, job.lang)) for e in fw.values())
    else:
        out = render.summary_row(file, result, q, job.lang, comparison)
    return out


def heat_row(state: ScoreState, file: str, a: Assessed) -> dict[str, Any]:
    """One company on the results workbook's heat map: its area levels and its benchmark's
    targets (the job's profile, else the one for its size, as `portfolio` does)."""
    result, q = a.result, a.loaded.questionnaire
    profile = state.profile or state.catalog.profile(default_profile_id(result.size))
    cmp = a.comparison if state.profile is not None and a.comparison is not None else compare(result, profile, q)
    return {"file": file, "company": result.company, "profile": f"{profile.id} {profile.version}",
            "index": render.r1(result.overall_index), "levels": {x.id: render.r2(x.level) for x in result.areas},
            "targets": {g.area: g.target for g in cmp.areas}}


def peer_positions(result: AssessmentResult, profile: BenchmarkProfile) -> PeerRank:
    """Each area's estimated percentile among the company's peers (its group, else the whole cohort)."""
    assert profile.peers is not None
    peers = profile.peers
    group = peers.group_for({"sector": result.sector, "size": result.size, "region": result.region or ""})
    if group is None:
        group = peers.overall if not peers.overall.suppressed else None
    if group is None:
        return PeerRank(group={}, n=0, areas={})
    areas = {
        a.id: round(position(a.level, group.areas[a.id]), 1)
        for a in result.areas if a.level is not None and a.id in group.areas
    }
    return PeerRank(group=dict(group.key), n=group.n, areas=areas)


@contextmanager
def _output(path: Path | None, bom: bool) -> Iterator[IO[str]]:
    """stdout, or a file written atomically (a temp file renamed at the end)."""
    if path is None:
        yield sys.stdout
        return
    from qmself.storage.atomic import open_atomic

    with open_atomic(path, encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        yield f


def answer_paths(files: Iterable[Path]) -> list[str]:
    """The answer files named on the command line (folders searched); a usage error if none."""
    paths = _expand(files)
    if not paths:
        raise UsageError("没有找到答卷文件", "no answer files found")
    return paths


def _expand(paths: Iterable[Path]) -> list[str]:
    """Files as given; a folder stands for the .yaml/.yml and .xlsx files in it (sorted)."""
    out: list[str] = []
    for p in paths:
        if p.is_dir():
            found = []
            for folder, _dirs, names in os.walk(p):  # strings, not Path objects: a folder may hold 20,000 files
                found += [os.path.join(folder, n) for n in names if n.lower().endswith(ANSWER_SUFFIXES) and not n.startswith((".", "~$"))]
            out += sorted(found)
        else:
            out.append(str(p))
    return out


def _write_failures(failures: list[str], total: int, lang: str) -> None:
    if not failures:
        return
    err(pick(lang, f"{len(failures)}/{total} 个文件未能评分：", f"{len(failures)} of {total} files failed:"))
    for line in failures:
        err("  " + line)


def score_cmd(
    files: Annotated[list[Path], typer.Argument(help="答卷 YAML 文件或目录 / answer files or folders", show_default=False, metavar="FILE")],
    benchmark: Annotated[
        str | None,
        typer.Option("--benchmark", "-b", help="基准档案 id 或 YAML 路径 / benchmark profile id or YAML path"),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table | json | csv | yaml | xlsx（须配 -o / needs -o）")] = Format.table,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="并行进程数，0 = CPU 核数 / worker processes, 0 = all cores")] = 1,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件而非标准输出 / write to a file, not stdout")] = None,
    missing: Annotated[
        Missing, typer.Option("--missing", help="缺答处理：exclude 不计入 | lowest 按等级 1 / missing answers: exclude | lowest")
    ] = Missing.exclude,
    detail: Annotated[
        bool | None, typer.Option("--detail/--summary", help="表格：逐领域明细或每文件一行 / table: per-area detail or one line per file")
    ] = None,
    peers: Annotated[
        str | None, typer.Option("--peers", help="同行基准档案（qmself benchmark build 生成）：给出各领域在同行中的百分位 / peer profile (from qmself benchmark build): each area's percentile among peers")
    ] = None,
    framework: Annotated[
        list[FrameworkChoice] | None,
        typer.Option("--framework", help="对照框架估计（可多次给出）：gbt19580 | iso9004 | iso9001 / estimate against a framework (repeatable)"),
    ] = None,
    quiet: Annotated[bool, QuietOpt] = False,
    questionnaire: QuestionnaireOpt = None,
    lang: LangOpt = "zh",  # type: ignore[assignment]
) -> None:
    """给答卷评分 / Score answer files (any number; folders are searched for .yaml and .xlsx files)."""
    lg = lang_of(lang)
    with handled(lg):
        from qmself.storage.atomic import refuse_input_as_output

        if fmt is Format.xlsx and output is None:
            raise UsageError("xlsx 是二进制格式，不输出到终端；请用 -o 指定文件，例如 -o results.xlsx",
                             "xlsx is a binary format and is not written to a terminal; name a file with -o, "
                             "for example -o results.xlsx")
        refuse_input_as_output(output, [*files, *(questionnaire or ())])
        paths = answer_paths(files)
        show_detail = detail if detail is not None else len(paths) == 1
        frameworks = tuple(dict.fromkeys(f.value for f in framework or ()))
        job = Job(fmt.value, lg, show_detail, benchmark, missing.value, tuple(str(p) for p in questionnaire or ()), peers,
                  frameworks)
        state = setup(job)
        failures: list[str] = []
        if fmt is Format.xlsx:
            assert output is not None
            book = collect_workbook(paths, state, output, jobs=jobs, quiet=quiet)
            book.write(output)
            failures = book.failures
            typer.echo(pick(lg, f"已写入 {output}：{len(book.heat)} 个文件已评分", f"wrote {output}: {len(book.heat)} files scored"))
            _write_failures(failures, len(paths), lg)
            if failures:
                raise typer.Exit(1)
            return

        def interrupted(done: int) -> tuple[str, str]:
            if output is not None:
                return pool.not_written(output, len(paths))(done)
            return (f"已中断：只输出了 {len(paths)} 个文件中前 {done} 个的结果",
                    f"interrupted: results of the first {done} of {len(paths)} files printed")

        with (_output(output, bom=fmt is Format.csv and output is not None) as out,
              pool.run(paths, partial(setup, job), render_file, state=state, jobs=jobs, lang=lg,
                       interrupted=interrupted, label=("评分", "scoring"), quiet=quiet) as outcomes):
            if fmt is Format.table:
                _write_table(outcomes, out, job, failures)
            elif fmt is Format.json:
                _write_json(outcomes, out, failures, len(paths))
            elif fmt is Format.yaml:
                _write_yaml(outcomes, out, failures, len(paths))
            else:
                _write_csv(outcomes, out, state, failures)
        _write_failures(failures, len(paths), lg)
        if failures:
            raise typer.Exit(1)


Outcomes = Iterable[pool.Outcome[str, Rendered]]


def _write_table(rows: Outcomes, out: IO[str], job: Job, failures: list[str]) -> None:
    first = True
    for o in rows:
        if not o.ok:
            failures.append(o.error)
            continue
        assert isinstance(o.value, str)
        if job.detail:
            out.write(("" if first else "\n" + "═" * 80 + "\n") + o.value + "\n")
        else:
            if first:
                out.write(render.summary_header(job.lang, job.profile is not None) + "\n")
            out.write(o.value + "\n")
        first = False


def _write_json(rows: Outcomes, out: IO[str], failures: list[str], total: int) -> None:
    out.write('{"results": [')
    first = True
    for o in rows:
        if o.ok:
            assert isinstance(o.value, str)
            out.write(("\n" if first else ",\n") + o.value)
            first = False
        else:
            failures.append(o.error)
    out.write("\n],\n" + '"failures": ' + json.dumps(
        [{"error": e} for e in failures], ensure_ascii=False, indent=1) + ",\n")
    out.write(f'"counts": {{"files": {total}, "scored": {total - len(failures)}, "failed": {len(failures)}}}}}\n')


def _write_yaml(rows: Outcomes, out: IO[str], failures: list[str], total: int) -> None:
    from ruamel.yaml import YAML

    y = YAML(typ="safe", pure=False)
    y.default_flow_style = False
    y.allow_unicode = True
    y.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    out.write("results:\n")
    for o in rows:
        if o.ok:
            buf = io.StringIO()
            y.dump([o.value], buf)
            out.write(buf.getvalue())
        else:
            failures.append(o.error)
    buf = io.StringIO()
    y.dump({"failures": [{"error": e} for e in failures] or [],
            "counts": {"files": total, "scored": total - len(failures), "failed": len(failures)}}, buf)
    out.write(buf.getvalue())


def csv_columns(state: ScoreState) -> list[str]:
    """The columns of a CSV (and of the results workbook's Results sheet) for this job."""
    job = state.job
    header = render.csv_header(state.catalog.questionnaire(), job.profile is not None, job.peers is not None)
    if job.frameworks:
        q = state.catalog.questionnaire()
        header = [*header[:-1], *render_fw.csv_header([state.catalog.crosswalk(f, q) for f in job.frameworks]),
                  header[-1]]
    return header


def _write_csv(rows: Outcomes, out: IO[str], state: ScoreState, failures: list[str]) -> None:
    w = SafeWriter(out)  # no formulas from answer files in a spreadsheet (render/csvsafe.py)
    header = csv_columns(state)
    w.writerow(header)
    for o in rows:
        if o.ok:
            assert isinstance(o.value, list)
            w.writerow(o.value)
        else:
            failures.append(o.error)
            w.writerow(render.csv_error_row(o.item, len(header), o.error))


def benchmark_title(state: ScoreState) -> str:
    """The benchmark a portfolio or a results workbook measures against, in words."""
    lang, profile = state.job.lang, state.profile
    if profile is None:
        return pick(lang, "按规模：大型企业 standard-leader，其余 sme-starter",
                    "by size: standard-leader for large companies, sme-starter otherwise")
    return pick(lang, f"{profile.title(lang)}（{profile.id} {profile.version}）",
                f"{profile.title(lang)} ({profile.id} {profile.version})")


@dataclass
class ResultsBook:
    """What a results workbook holds: CSV rows (failed files too) and the heat map's companies."""

    state: ScoreState
    header: list[str]
    rows: list[list[Any]]
    heat: list[Any]
    failures: list[str]
    total: int

    def write(self, output: Path) -> None:
        from qmself.office.results import write_results

        write_results(output, self.header, self.rows, self.heat, self.state.catalog.questionnaire(),
                      self.state.job.lang, benchmark_title(self.state), self.total, len(self.failures))


def collect_workbook(paths: list[str], state: ScoreState, output: Path, *, jobs: int, quiet: bool) -> ResultsBook:
    """Score `paths` for a results workbook (`state.job.fmt` is "xlsx"); nothing is written yet."""
    from qmself.office.results import HeatRow

    job = state.job
    header = csv_columns(state)
    book = ResultsBook(state, header, [], [], [], len(paths))
    with pool.run(paths, partial(setup, job), render_file, state=state, jobs=jobs, lang=job.lang,
                  interrupted=pool.not_written(output, len(paths)), label=("评分", "scoring"),
                  quiet=quiet) as outcomes:
        for o in outcomes:
            if o.ok:
                assert isinstance(o.value, dict)
                book.rows.append(o.value["row"])
                book.heat.append(HeatRow(**o.value["heat"]))
            else:
                book.failures.append(o.error)
                book.rows.append(render.csv_error_row(o.item, len(header), o.error))
    return book


def validate_cmd(
    files: Annotated[list[Path], typer.Argument(help="答卷 YAML 文件或目录 / answer files or folders", show_default=False, metavar="FILE")],
    questionnaire: QuestionnaireOpt = None,
    lang: LangOpt = "zh",  # type: ignore[assignment]
) -> None:
    """检查答卷，列出全部问题 / Check answer files and list every problem found."""
    lg = lang_of(lang)
    with handled(lg):
        paths = answer_paths(files)
        catalog = Catalog(list(questionnaire or ()))
        bad = 0
        for f in paths:
            loaded, report = check_answer_file(Path(f), catalog.questionnaires, f)
            for e in report.errors:
                err(e.render(lg))
            for n in report.notices:
                err(pick(lg, "注意：", "note: ") + n.render(lg))
            if loaded is None:
                bad += 1
                continue
            q = loaded.questionnaire
            applicable = q.applicable(loaded.answers.company.sector, loaded.answers.company.size, loaded.answers.company)
            answered = sum(1 for x in applicable if loaded.answers.answers.get(x.id) and loaded.answers.answers[x.id].answered)
            typer.echo(pick(lg, f"✓ {f}：有效，已答 {answered}/{len(applicable)} 题",
                            f"✓ {f}: valid, {answered} of {len(applicable)} questions answered"))
        if bad:
            err(pick(lg, f"{bad}/{len(paths)} 个文件有错误", f"{bad} of {len(paths)} files have errors"))
            raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("score")(score_cmd)
    app.command("validate")(validate_cmd)
