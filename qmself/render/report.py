"""The improvement-plan report as plain data, in one language.

Everything the PDF, Markdown and JSON reports say is decided here, once, so the
three formats carry the same content. Renderers only lay it out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from qmself.citations import DOCUMENTS
from qmself.model.actions import Catalogue
from qmself.model.answers import NA, AnswerFile
from qmself.model.common import SIZE_NAMES, pick
from qmself.model.plan import PHASES, Plan
from qmself.model.questionnaire import Questionnaire
from qmself.model.results import AssessmentResult, Comparison
from qmself.planning import add_months
from qmself.progress import Progress
from qmself.render import numbers as num
from qmself.render.progress import progress_data, summary_lines

EFFORT_NAMES = {"S": ("小（不足 1 人月）", "small (under 1 person-month)"),
                "M": ("中（1–3 人月）", "medium (1–3 person-months)"),
                "L": ("大（3 人月以上）", "large (over 3 person-months)")}
REASONS = {"red_line": ("整改红线", "fixes a red line"), "gap": ("缩小差距", "closes a gap"),
           "prerequisite": ("前置措施", "prerequisite")}


@dataclass
class AreaRow:
    id: str
    title: str
    score: float | None
    level: float | None
    whole_level: int | None
    level_name: str
    target: float | None
    gap: float | None
    met: bool | None
    priority: int | None
    capped: bool
    after_phase: list[float | None]
    gate: str | None = None


@dataclass
class RedLineRow:
    question: str
    area: str
    status: str
    text: str
    requirement: str
    cites: list[str]
    actions: list[str]


@dataclass
class ActionBlock:
    id: str
    title: str
    description: str
    reason: str
    areas: list[str]
    step: str
    owner: str
    effort: str
    months: int
    start: str
    end: str
    phase: int
    prerequisites: list[str]
    kpis: list[tuple[str, str]]
    evidence: list[str]
    cites: list[str]
    questions: list[dict[str, Any]] = field(default_factory=list)
    """The questions that call for the action: id, level now, level aimed at."""


@dataclass
class PhaseBlock:
    id: int
    title: str
    start: str
    end: str | None
    actions: list[str]


@dataclass
class AnswerRow:
    question: str
    area: str
    text: str
    answer: str
    evidence: str
    note: str


@dataclass
class Report:
    """One plan report, every string already in the report's language."""

    lang: str
    title: str
    company: str
    credit_code: str
    sector: str
    size: str
    region: str
    assessment_date: str
    assessor: str
    questionnaire: str
    profile: str
    profile_title: str
    generated: str
    overall_index: float | None
    overall_level: float | None
    overall_level_name: str
    overall_capped: bool
    completeness: float
    answered: int
    applicable: int
    missing_treatment: str
    progress: float
    targets_met: int
    targets: int
    summary: list[str]
    top_gaps: list[str]
    areas: list[AreaRow]
    red_lines: list[RedLineRow]
    phases: list[PhaseBlock]
    actions: list[ActionBlock]
    overall_after_phase: list[float | None]
    workload: list[tuple[str, list[float]]]
    capacity: float
    uncovered: list[str]
    method: list[str]
    answers: list[AnswerRow]
    documents: list[tuple[str, str, list[str]]]
    notices: list[str] = field(default_factory=list)
    since_last: dict[str, Any] | None = None
    """Progress since the previous assessment (`plan --previous`), as `render.progress.progress_data` gives it."""
    since_last_lines: list[str] = field(default_factory=list)
    calibration: list[dict[str, Any]] = field(default_factory=list)
    """Questions where merged assessors differ by two levels or more."""
    frameworks: list[dict[str, Any]] = field(default_factory=list)
    """The sections against GB/T 19580, ISO 9004 and ISO 9001 (`plan --framework ...`), in the order asked,
    as `render.frameworks.PlanSection.as_dict` gives them (an outline only for GB/T 19580)."""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _r(x: float | None, nd: int = 1) -> float | None:
    return num.rounded(x, nd)  # the one rounding rule (render/numbers.py)


def _because(because: tuple[tuple[str, int, int], ...], reason: str, lang: str) -> str:
    """"：QMS-04 现为 2 级 → 3 级；…" — the answers that call for an action."""
    if not because:
        return ""
    if reason == "red_line":
        return pick(lang, "：", ": ") + pick(lang, "、", ", ").join(x for x, _, _ in because) + pick(lang, " 答“否”", " answered no")
    parts = [pick(lang, f"{x} 现为 {lv} 级 → {aim} 级", f"{x} now level {lv} → {aim}") for x, lv, aim in because]
    return pick(lang, "：", ": ") + pick(lang, "；", "; ").join(parts)


def _assess_first(plan: Plan, titles: dict[str, str], lang: str) -> list[str]:
    """Actions left out because their questions are not answered yet: assess those first."""
    return [
        pick(lang, f"先评估：{aid} {titles.get(aid, '')} 取决于尚未作答的 {'、'.join(qs)}，请先作答再决定是否需要",
             f"Assess first: {aid} {titles.get(aid, '')} depends on {', '.join(qs)}, not answered yet; "
             "answer them to tell whether it is needed")
        for aid, qs in plan.assess_first
    ]


def phase_title(phase: int, lang: str) -> str:
    p = PHASES[phase - 1]
    names = {1: ("阶段一", "Phase 1"), 2: ("阶段二", "Phase 2"), 3: ("阶段三", "Phase 3"), 4: ("阶段四", "Phase 4")}
    zh, en = names[phase]
    if p.end_month is None:
        return pick(lang, f"{zh}：{p.start_month} 个月以后", f"{en}: after {p.start_month} months")
    span = f"{p.start_month}–{p.end_month}"
    extra = pick(lang, "（速效和红线整改）", " (quick wins and red lines)") if phase == 1 else ""
    return pick(lang, f"{zh}：{span} 个月{extra}", f"{en}: months {span}{extra}")


def _answer_text(value: object, lang: str) -> str:
    if value is True:
        return pick(lang, "是", "yes")
    if value is False:
        return pick(lang, "否", "no")
    if value == NA:
        return pick(lang, "不适用", "n/a")
    if value is None:
        return pick(lang, "未答", "not answered")
    return f"{value:g}" if isinstance(value, float) else str(value)


def build_report(
    answers: AnswerFile,
    result: AssessmentResult,
    comparison: Comparison,
    plan: Plan,
    questionnaire: Questionnaire,
    catalogue: Catalogue,
    profile_title: str,
    lang: str,
    *,
    generated: dt.date | None = None,
    notices: list[str] | None = None,
    since_last: Progress | None = None,
) -> Report:
    """Decide every word of the report."""
    q = questionnaire
    zh = lang == "zh"
    gaps = {g.area: g for g in comparison.areas}
    proj = {p.area: p for p in plan.projections}
    role = {r.id: r.name(lang) for r in catalogue.roles}

    def area_title(area_id: str) -> str:
        return q.area_by_id[area_id].title(lang)

    areas = []
    for ar in result.areas:
        g = gaps.get(ar.id)
        areas.append(AreaRow(
            id=ar.id, title=area_title(ar.id), score=_r(ar.score), level=_r(ar.level, 2), whole_level=ar.whole_level,
            level_name="" if ar.whole_level is None else q.level_name(ar.whole_level, lang),
            target=None if g is None else g.target, gap=None if g is None else num.gap(g.target, g.actual),
            met=None if g is None else g.met, priority=None if g is None else g.priority, capped=ar.capped,
            after_phase=[_r(x, 2) for x in proj[ar.id].after_phase], gate=ar.gate,
        ))

    fixers: dict[str, list[str]] = {}
    for p in plan.actions:
        if p.action.red_line:
            for qid in p.action.questions:
                fixers.setdefault(qid, []).append(p.action.id)
    red_lines = [
        RedLineRow(
            question=f.question, area=f.area, status=f.status,
            text=q.question_by_id[f.question].text(lang),
            requirement=q.question_by_id[f.question].guidance(lang),
            cites=list(f.cites), actions=fixers.get(f.question, []),
        )
        for f in result.red_lines
    ]

    blocks = []
    titles = {a.id: a.title(lang) for a in catalogue.actions}
    for p in plan.actions:
        act = p.action
        blocks.append(ActionBlock(
            id=act.id, title=act.title(lang), description=act.description(lang),
            reason=pick(lang, *REASONS[p.reason]) + _because(p.because, p.reason, lang), areas=[f"{x} {area_title(x)}" for x in act.areas],
            step=f"{act.from_level} → {act.to_level}", owner=role.get(act.owner, act.owner),
            effort=pick(lang, *EFFORT_NAMES[act.effort]), months=act.duration_months,
            start=p.start.isoformat(), end=p.end.isoformat(), phase=p.phase,
            prerequisites=[
                f"{x} {titles.get(x, '')}".strip()
                + ("" if x in p.blocked_by else pick(lang, "（已具备）", " (already in place)"))
                for x in act.prerequisites
            ],
            kpis=[(k.name(lang), k.measure(lang)) for k in act.kpis],
            evidence=[e(lang) for e in act.evidence], cites=list(act.cites),
            questions=[{"id": x, "level": lv, "aim": aim} for x, lv, aim in p.because],
        ))

    phases = []
    for ph in PHASES:
        ids = [p.action.id for p in plan.actions if p.phase == ph.id]
        if not ids:
            continue
        end = None if ph.end_month is None else add_months(plan.start, ph.end_month).isoformat()
        phases.append(PhaseBlock(ph.id, phase_title(ph.id, lang), add_months(plan.start, ph.start_month).isoformat(), end, ids))

    top = comparison.priorities[:3]
    top_gaps = [
        pick(lang, f"{g.area} {area_title(g.area)}：现状 {num.level(g.actual)}，目标 {num.target(g.target)}"
                   + ("（红线未满足）" if g.red_line else ""),
             f"{g.area} {area_title(g.area)}: {num.level(g.actual)} now, target {num.target(g.target)}"
                   + (" (red line unmet)" if g.red_line else ""))
        for g in top if g.actual is not None
    ]

    unmet = [f for f in result.red_lines if f.status == "unmet"]
    n_actions = len(plan.actions)
    last_end = max((p.end_month for p in plan.actions), default=0)
    final = plan.overall_after_phase[-1]
    met_after = sum(
        1 for row in areas if row.target is not None and row.after_phase and row.after_phase[-1] is not None
        and row.after_phase[-1] + 1e-9 >= row.target
    )
    if n_actions == 0:
        summary = [pick(lang, f"对照“{profile_title}”，各领域目标均已达到，本计划无需新增措施。",
                        f"Against “{profile_title}” every area target is already met; the plan needs no new action.")]
    else:
        first = pick(lang, f"本计划共 {n_actions} 项措施，分 {len(phases)} 个阶段，约 {last_end} 个月完成。",
                     f"The plan has {n_actions} actions in {len(phases)} phases over about {last_end} months.")
        if unmet:
            second = pick(lang, f"首要任务是在 3 个月内整改 {len(unmet)} 项未满足的法定红线，同时着手差距最大的领域"
                                f"（{'、'.join(area_title(g.area) for g in top)}）。",
                          f"First, fix the {len(unmet)} unmet statutory red line(s) within three months while starting on "
                          f"the largest gaps ({', '.join(area_title(g.area) for g in top)}).")
        else:
            second = pick(lang, f"优先处理差距最大的领域：{'、'.join(area_title(g.area) for g in top)}。",
                          f"It starts with the largest gaps: {', '.join(area_title(g.area) for g in top)}.")
        third = pick(lang,
                     f"全部完成后，总体指数预计由 {num.score(result.overall_index or 0)} 提升到 {num.score(final or 0)}，"
                     f"{met_after}/{len(comparison.areas)} 个领域达到目标。",
                     f"Once done, the overall index is projected to rise from {num.score(result.overall_index or 0)} to "
                     f"{num.score(final or 0)}, with {met_after} of {len(comparison.areas)} areas at target.")
        summary = [first, second, third]

    workload = [(role.get(owner, owner), [num.half_up(x, 1) for x in per_phase]) for owner, per_phase in plan.workload.items()]

    method = [
        pick(lang, "每题得分 =（等级 − 1）/ 4；数值题按分档取等级。法定红线是门槛而不是得分：满足时不加分，"
                   "领域只按成熟度题计分；未满足时该领域等级封顶。",
             "Each question scores (level − 1) / 4; numbers take the level of their band. Red lines are a gate, not a "
             "score: met, they add no points and the area is scored on its maturity questions; unmet, they cap the area."),
        pick(lang, "领域得分为题目得分按权重的平均值 × 100，领域等级 = 1 + 4 × 得分 / 100；不适用的题目不计入。",
             "An area's score is the weighted mean of its question scores × 100; its level is 1 + 4 × score / 100; n/a questions are left out."),
        pick(lang, f"未作答的题目{'不计入得分' if result.missing_treatment == 'exclude' else '按等级 1 计'}；完整度 = 已答 / 适用题数。",
             f"Unanswered questions are {'left out of the score' if result.missing_treatment == 'exclude' else 'counted as level 1'}; "
             "completeness = answered / applicable."),
        pick(lang, f"存在未满足的红线时，该领域及总体等级封顶为 {q.red_line_cap:g}。",
             f"An unmet red line caps its area's level, and the overall level, at {q.red_line_cap:g}."),
        pick(lang, "总体指数为各领域得分按领域权重的平均值。差距按“红线领域优先，再按权重 × 差距”排序。",
             "The overall index is the area-weighted mean of area scores. Gaps are ranked red-line areas first, then by weight × gap."),
        pick(lang, "措施按前置关系排序，按责任角色的可承担工作量排期；红线整改立即开始。"
                   f"每个责任角色同时承担的工作量上限为 {plan.capacity:g} 个单位（小 0.5、中 1、大 1.5）。",
             "Actions follow their prerequisites and are scheduled within what each owner role can carry at once "
             f"({plan.capacity:g} units for this company's size; small 0.5, medium 1, large 1.5); red-line fixes start at once."),
        pick(lang, "预计等级：一个阶段结束时，某一级的全部计划措施完成，该领域即升一级；红线整改完成后取消封顶。",
             "Projected levels: an area climbs a level once all planned actions of that step are done by the end of a phase; "
             "a fixed red line lifts its cap."),
    ]

    rows = []
    for x in q.applicable(answers.company.sector, answers.company.size, answers.company):
        given = answers.answers.get(x.id)
        rows.append(AnswerRow(
            question=x.id, area=x.area, text=x.text(lang), answer=_answer_text(given.value if given else None, lang),
            evidence=(given.evidence or "") if given else "", note=(given.note or "") if given else "",
        ))

    cited: dict[str, set[str]] = {}
    for c in [c for x in q.applicable(answers.company.sector, answers.company.size, answers.company) for c in x.cites] + [
        c for p in plan.actions for c in p.action.cites
    ]:
        doc, clause = c.split(" ", 1)
        cited.setdefault(doc, set()).add(clause)
    documents = [
        (d, DOCUMENTS[d].title_zh if zh else DOCUMENTS[d].title_en, sorted(cited[d]))
        for d in DOCUMENTS if d in cited
    ]

    return Report(
        lang=lang,
        title=pick(lang, "质量改进计划", "Quality improvement plan"),
        company=result.company,
        credit_code=result.credit_code,
        sector=q.sector_by_id[result.sector].name(lang),
        size=SIZE_NAMES[result.size][0 if zh else 1],
        region=result.region or "",
        assessment_date=result.assessment_date.isoformat(),
        assessor=result.assessor or "",
        questionnaire=f"{q.id} {q.version}",
        profile=f"{comparison.profile} {comparison.profile_version}",
        profile_title=profile_title,
        generated=(generated or dt.date.today()).isoformat(),
        overall_index=_r(result.overall_index),
        overall_level=_r(result.overall_level, 2),
        overall_level_name="" if result.whole_level is None else q.level_name(result.whole_level, lang),
        overall_capped=result.capped,
        completeness=round(result.completeness, 4),
        answered=result.answered,
        applicable=result.applicable,
        missing_treatment=result.missing_treatment,
        progress=_r(comparison.progress) or 0.0,
        targets_met=comparison.met,
        targets=comparison.targeted,
        summary=summary,
        top_gaps=top_gaps,
        areas=areas,
        red_lines=red_lines,
        phases=phases,
        actions=blocks,
        overall_after_phase=[_r(x) for x in plan.overall_after_phase],
        workload=workload,
        capacity=plan.capacity,
        uncovered=[f"{u} {area_title(u)}" for u in plan.uncovered],
        method=method,
        answers=rows,
        documents=documents,
        notices=[*(notices or []), *_assess_first(plan, titles, lang)],
        since_last=None if since_last is None else progress_data(since_last, q, lang),
        since_last_lines=[] if since_last is None else summary_lines(since_last, lang),
        calibration=[{"question": c.question, "values": dict(c.values)} for c in answers.calibration],
    )

