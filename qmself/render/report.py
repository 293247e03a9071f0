"""The improvement-plan report as plain data, in one language.

Everything the PDF, Markdown and JSON reports say is decided here, once, so the
three formats carry the same content. Renderers only lay it out.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from qmself.citations import DOCUMENTS
from qmself.feedback import AreaFeedback, Opportunity, Strength, feedback
from qmself.model.actions import Action, Catalogue
from qmself.model.answers import NA, AnswerFile
from qmself.model.common import SIZE_NAMES, pick
from qmself.model.plan import PhaseDef, Plan, PlannedAction
from qmself.model.questionnaire import Questionnaire
from qmself.model.results import AssessmentResult, Comparison
from qmself.planning import add_months
from qmself.progress import Progress
from qmself.render import numbers as num
from qmself.render.progress import action_line, progress_data, progress_sentence, regression_lines, summary_lines
from qmself.render.text import gate_note

EFFORT_NAMES = {"S": ("小（不足 1 人月）", "small (under 1 person-month)"),
                "M": ("中（1–3 人月）", "medium (1–3 person-months)"),
                "L": ("大（3 人月以上）", "large (over 3 person-months)")}
REASONS = {"red_line": ("整改红线", "fixes a red line"), "gap": ("缩小差距", "closes a gap"),
           "prerequisite": ("前置措施", "prerequisite")}


@dataclass
class Table:
    """A table as every format prints it: header, rows of text, notes below."""

    header: list[str]
    rows: list[list[str]]
    notes: list[str] = field(default_factory=list)


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
    legal_basis: list[str] = field(default_factory=list)
    """The entries `<law-id> 第N条` (see `qmself.laws`)."""
    legal_basis_text: str = ""
    """The same as a reader sees it: law titles and articles, and whom it binds."""
    heading: str = ""
    """"RISK-03（未满足）"."""
    details: list[str] = field(default_factory=list)
    """"要求：…", "法律依据：…", "政策依据：…", "整改措施：…"."""


@dataclass
class KpiRow:
    """A KPI of an action; with `question`, the company's answered baseline beside the target."""

    name: str
    measure: str
    question: str | None = None
    baseline: str = ""
    """The answered value or level ("96.8%", "3 级"), "未作答" when not answered; "" without a baseline."""
    target: str = ""
    """"≥98%", "5 级": the target in the question's unit or levels."""
    met: bool | None = None
    """The baseline already reaches the target (None without a numeric baseline)."""
    text: str = ""
    """The KPI as every format prints it, baseline included."""


@dataclass
class StrengthRow:
    area: str
    question: str
    level: int
    value: float | None
    text: str
    """"LEAD-01（4 级）：主要负责人依据质量指标数据考核各部门…" — what is strong."""
    evidence: str


@dataclass
class OpportunityRow:
    rank: int
    area: str
    question: str
    kind: str
    """"red_line", "below" (under the area's target) or "unanswered"."""
    level: int | None
    value: float | None
    target: float | None
    text: str
    actions: list[str]
    later: list[str]


@dataclass
class FeedbackArea:
    """One area of the strengths-and-opportunities section, already worded."""

    area: str
    title: str
    standing: str
    strengths: list[str]
    opportunities: list[str]


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
    kpis: list[KpiRow]
    evidence: list[str]
    cites: list[str]
    questions: list[dict[str, Any]] = field(default_factory=list)
    """The questions that call for the action: id, level now, level aimed at."""
    info: list[tuple[str, list[str]]] = field(default_factory=list)
    """The action's facts as printed: (label, lines) for why, owner, timing, prerequisites, KPIs,
    evidence and policy clauses."""


@dataclass
class PhaseBlock:
    id: int
    title: str
    start: str
    end: str
    actions: list[str]
    start_month: int = 0
    end_month: int = 0
    """The window in months from the assessment date; every action of the phase lies inside it."""
    heading: str = ""
    """The title with its dates, as printed above the phase's table."""


@dataclass
class LaterRow:
    """An action the plan needs that does not fit inside its horizon."""

    id: str
    title: str
    owner: str
    months: int
    earliest_month: int
    waits_for: list[str]
    reason: str


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
    horizon: int = 0
    """The plan's length in months at most (set by company size)."""
    later: list[LaterRow] = field(default_factory=list)
    """Needed actions beyond the horizon ("later / 后续"), never dropped."""
    peak_load: list[tuple[str, float]] = field(default_factory=list)
    """Per owner role: the largest person-months in any one month."""
    phase_columns: list[str] = field(default_factory=list)
    """Column heads of the projected-levels and workload tables, one per phase ("P1" ...)."""
    projection_note: str = ""
    workload_note: str = ""
    later_title: str = ""
    later_note: str = ""
    catalogue: str = ""
    """The action catalogue the plan was drawn from, `<id> <version>`."""
    since_last: dict[str, Any] | None = None
    """Progress since the previous assessment (`plan --previous`), as `render.progress.progress_data` gives it."""
    since_last_lines: list[str] = field(default_factory=list)
    since_last_regressions: list[str] = field(default_factory=list)
    """The questions whose level went down since the previous assessment, one line each (flagged in every format)."""
    calibration: list[dict[str, Any]] = field(default_factory=list)
    """Questions where merged assessors differ by two levels or more."""
    strengths: list[StrengthRow] = field(default_factory=list)
    """Every strength (`qmself.feedback`), area by area, the strongest first."""
    opportunities: list[OpportunityRow] = field(default_factory=list)
    """Every opportunity for improvement, in rank order."""
    feedback: list[FeedbackArea] = field(default_factory=list)
    """The strengths-and-opportunities section, area by area (the longest lists shortened)."""
    feedback_note: str = ""
    board_strengths: list[str] = field(default_factory=list)
    """The top three strengths for the board page, from different areas."""
    stretch: str = ""
    """When the chosen profile is already met: the sentence that says so and names the stretch target."""
    stretch_from: str = ""
    """The title of the chosen profile the company already meets ("" without a stretch target)."""
    labels: dict[str, str] = field(default_factory=dict)
    """Every fixed heading and column name, in the report's language (`LABELS`)."""
    cover: list[tuple[str, str]] = field(default_factory=list)
    """The cover's facts (credit code … generated); the company name is the subtitle."""
    colophon: str = ""
    facts: list[tuple[str, str]] = field(default_factory=list)
    """The executive summary's facts: index, level, completeness, progress, unmet red lines (last)."""
    area_table: Table | None = None
    progress_table: Table | None = None
    """With `--previous`: per area before, now, change, target and progress."""
    previous_actions: list[str] = field(default_factory=list)
    roadmap_table: Table | None = None
    """The header of each phase's table (the rows are the phase's actions)."""
    roadmap_note: str = ""
    gantt_months: int = 0
    """The roadmap chart's span in months (`gantt_horizon`)."""
    phase_marks: list[int] = field(default_factory=list)
    """Months where a phase starts after month 0 (drawn darker on the chart)."""
    uncovered_note: str = ""
    later_table: Table | None = None
    projection_table: Table | None = None
    workload_table: Table | None = None
    answers_table: Table | None = None
    calibration_table: Table | None = None
    document_lines: list[tuple[str, str]] = field(default_factory=list)
    """Per cited document: its title with id, and the clauses cited."""
    frameworks: list[dict[str, Any]] = field(default_factory=list)
    """The sections against GB/T 19580, ISO 9004 and ISO 9001 (`plan --framework ...`), in the order asked,
    as `render.frameworks.PlanSection.as_dict` gives them (an outline only for GB/T 19580)."""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _r(x: float | None, nd: int = 1) -> float | None:
    return num.rounded(x, nd)  # the one rounding rule (render/numbers.py)


def _because(because: tuple[tuple[str, int, int], ...], reason: str, lang: str, yesno: frozenset[str] = frozenset(),
             was: dict[str, int] | None = None) -> str:
    """"：QMS-04 现为 2 级 → 3 级；RISK-03 未满足 → 满足" — the answers that call for an action.
    A yes/no question (a red line) has no levels: it reads "not met → met". A question that
    went down since the previous assessment (`was`: its level then) is flagged as such."""
    if not because:
        return ""
    was = was or {}

    def down(x: str) -> str:
        if x not in was:
            return ""
        then = pick(lang, "满足", "met") if reason == "red_line" or x in yesno else pick(lang, f"{was[x]} 级", f"level {was[x]}")
        return pick(lang, f"（较上次回退，上次为{then}）", f" (went down: {then} last time)")

    parts = [pick(lang, f"{x} 未满足 → 满足", f"{x} not met → met") + down(x) if reason == "red_line" or x in yesno
             else pick(lang, f"{x} 现为 {lv} 级", f"{x} now level {lv}") + down(x) + pick(lang, f" → {aim} 级", f" → {aim}")
             for x, lv, aim in because]
    return pick(lang, "：", ": ") + pick(lang, "；", "; ").join(parts)


def _assess_first(plan: Plan, titles: dict[str, str], lang: str) -> list[str]:
    """Actions left out because their questions are not answered yet: assess those first."""
    return [
        pick(lang, f"先评估：{aid} {titles.get(aid, '')} 取决于尚未作答的 {'、'.join(qs)}，请先作答再决定是否需要",
             f"Assess first: {aid} {titles.get(aid, '')} depends on {', '.join(qs)}, not answered yet; "
             "answer them to tell whether it is needed")
        for aid, qs in plan.assess_first
    ]


_NUMERALS = "一二三四五六七八九十"

SECTIONS = (
    ("summary", "执行摘要", "Executive summary"),
    ("areas", "领域得分与差距", "Area scores and gaps"),
    ("feedback", "优势与改进机会", "Strengths and opportunities for improvement"),
    ("red_lines", "法定红线", "Statutory red lines"),
    ("roadmap", "路线图", "Roadmap"),
    ("actions", "措施详情", "Actions"),
)
"""The numbered sections of the plan, in order: every format takes its headings from `headings`."""


def headings(lang: str) -> dict[str, str]:
    """"一、执行摘要" / "1. Executive summary": the numbered section headings."""
    return {key: pick(lang, f"{_NUMERALS[i]}、{zh}", f"{i + 1}. {en}") for i, (key, zh, en) in enumerate(SECTIONS)}


SHOWN_STRENGTHS = 4
"""Strengths printed per area in the strengths-and-opportunities section (all are in the JSON)."""
SHOWN_OPPORTUNITIES = 3
"""Opportunities printed per area, the highest ranked (all are in the JSON)."""
_ANSWERS = ("答卷与证据", "Answers and evidence")
"""Appendix B, every question's answer and evidence: where a reader of the document finds what the
strengths-and-opportunities section leaves out."""
_SEE_ANSWERS = (f"附录 B {_ANSWERS[0]}", f"appendix B, {_ANSWERS[1].lower()}")
_CLIP_EVIDENCE = 60


def _qty(value: float, unit: str) -> str:
    """96.8 with "%" → "96.8%"; 86 with "分" → "86 分"."""
    return f"{value:g}{unit}" if unit == "%" else f"{value:g} {unit}"


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n].rstrip() + "…"


def _kpi_rows(act: Action, because: tuple[tuple[str, int, int], ...], answers: AnswerFile, q: Questionnaire,
              applicable: frozenset[str], lang: str) -> list[KpiRow]:
    """The action's KPIs; one linked to a question (`Kpi.question`) shows the answered baseline → target."""
    aims = {x: aim for x, _, aim in because}
    rows = []
    for k in act.kpis:
        name, measure = k.name(lang), k.measure(lang)
        row = KpiRow(name, measure)
        x = q.question_by_id.get(k.question or "")
        given = answers.answers.get(x.id) if x is not None else None
        if x is not None and x.id in applicable and not (given is not None and given.value == NA):
            row.question = x.id
            unit = x.unit(lang) if x.unit is not None else ""
            if x.type == "number" and k.target is not None:
                t = k.target
                up = x.higher_is_better
                edge = x.max if up else x.min
                row.target = _qty(t, unit) if edge is not None and t == edge else ("≥" if up else "≤") + _qty(t, unit)
                v = None if given is None or given.value is None or isinstance(given.value, bool | str) else float(given.value)
                if v is not None:
                    row.baseline = _qty(v, unit)
                    row.met = v >= t if up else v <= t
            elif x.type == "maturity":
                aim = aims.get(x.id, act.level_for(x.id))
                row.target = pick(lang, f"{aim} 级", f"level {aim}")
                if given is not None and isinstance(given.value, int) and not isinstance(given.value, bool):
                    row.baseline = pick(lang, f"{given.value} 级", f"level {given.value}")
                    row.met = given.value >= aim
            if row.target and not row.baseline:
                row.baseline = pick(lang, "未作答", "not answered")
        if row.target:
            reached = pick(lang, "，已达到", ", already reached") if row.met else ""
            row.text = pick(lang, f"{name}：{measure}（基线 {row.question}：{row.baseline} → {row.target}{reached}）",
                            f"{name}: {measure} (baseline {row.question}: {row.baseline} → {row.target}{reached})")
        else:
            row.question = None
            row.text = pick(lang, f"{name}：{measure}", f"{name}: {measure}")
        rows.append(row)
    return rows


def _first_clause(text: str, lang: str) -> str:
    """The first clause(s) of a level description, up to a comma or full stop once the gist is long
    enough (15 characters in Chinese, 60 in English): what the board page shows."""
    enough = 15 if lang == "zh" else 60
    parts = re.split(r"(?<=[，；。])" if lang == "zh" else r"(?<=[,;.])\s", text)
    out = ""
    for p in parts:
        out += p if lang == "zh" or not out else " " + p
        if len(out) >= enough:
            break
    return out.rstrip("，；。,;. ")


def _strength_text(s: Strength, q: Questionnaire, lang: str, *, brief: bool = False) -> str:
    """"TRACE-05 带唯一追溯码的出厂批次占比 98.5%（5 级）" or "LEAD-01 达到 4 级：<that level's description>"
    (`brief`: its first clause only)."""
    x = q.question_by_id[s.question]
    if x.type == "number" and s.value is not None and x.unit is not None:
        what = x.label(lang) if x.label is not None else x.text(lang)
        return pick(lang, f"{s.question} {what} {_qty(s.value, x.unit(lang))}（{s.level} 级）",
                    f"{s.question} {what} {_qty(s.value, x.unit(lang))} (level {s.level})")
    desc = x.levels[s.level](lang) if x.levels else x.text(lang)
    if brief:
        desc = _first_clause(desc, lang)
    return pick(lang, f"{s.question} 达到 {s.level} 级：{desc}", f"{s.question} at level {s.level}: {desc}")


def _opportunity_text(o: Opportunity, q: Questionnaire, lang: str, area_met: bool = False) -> str:
    x = q.question_by_id[o.question]
    t = num.target(o.target)
    if o.kind == "red_line":
        head = pick(lang, f"{o.question} 法定红线未满足：{x.text(lang)}", f"{o.question} statutory red line not met: {x.text(lang)}")
    elif o.kind == "unanswered":
        head = pick(lang, f"{o.question} 未作答，请先评估：{x.text(lang)}", f"{o.question} not answered, assess first: {x.text(lang)}")
    else:
        lv = o.level or 1
        if x.type == "number" and x.unit is not None:
            unit = x.unit(lang)
            now = _qty(o.value, unit) if o.value is not None else "—"
            frm = x.level_from(lv + 1)
            step = "" if frm is None else pick(lang, f"，{_qty(frm, unit)} 起为 {lv + 1} 级",
                                               f"; level {lv + 1} from {_qty(frm, unit)}")
            what = x.label(lang) if x.label is not None else x.text(lang)
            head = pick(lang, f"{o.question} {what} 现为 {now}（{lv} 级，目标 {t}）{step}",
                        f"{o.question} {what} at {now} (level {lv}, target {t}){step}")
        else:
            nxt = x.levels[lv + 1](lang) if x.levels and lv + 1 in x.levels else ""
            head = pick(lang, f"{o.question} 现为 {lv} 级（目标 {t}），下一级：{nxt}",
                        f"{o.question} at level {lv} (target {t}); next level: {nxt}")
    sep = pick(lang, "、", ", ")
    if o.actions:
        tail = pick(lang, f"（措施：{sep.join(o.actions)}）", f" (actions: {sep.join(o.actions)})")
    elif o.later:
        tail = pick(lang, f"（后续措施：{sep.join(o.later)}）", f" (later: {sep.join(o.later)})")
    elif area_met:  # a question below the area's target in an area that meets it on average
        tail = pick(lang, "（本领域已达目标，本计划不为此安排措施）", " (the area meets its target: the plan takes no action for it)")
    else:
        tail = pick(lang, "（本计划未安排措施）", " (no action in this plan)")
    return head + tail


def _feedback(fb: tuple[AreaFeedback, ...], answers: AnswerFile, q: Questionnaire, area_title: Any, lang: str,
              ) -> tuple[list[StrengthRow], list[OpportunityRow], list[FeedbackArea], list[str]]:
    """Word the strengths and opportunities (`qmself.feedback`) once for every format."""
    strengths = [StrengthRow(s.area, s.question, s.level, s.value, _strength_text(s, q, lang),
                             s.evidence) for a in fb for s in a.strengths]
    met_areas = {a.area for a in fb if _met(a)}
    opportunities = sorted(
        (OpportunityRow(o.rank, o.area, o.question, o.kind, o.level, o.value, o.target,
                        _opportunity_text(o, q, lang, o.area in met_areas), list(o.actions), list(o.later))
         for a in fb for o in a.opportunities),
        key=lambda o: o.rank)
    text_of = {(s.question): s for s in strengths}
    areas = []
    for a in fb:
        met = _met(a)
        standing = pick(lang, f"{num.level(a.level)} 级", f"level {num.level(a.level)}") + (
            "" if a.target is None else pick(lang, f" · 目标 {num.target(a.target)} · {'已达标' if met else '未达标'}",
                                             f" · target {num.target(a.target)} · {'met' if met else 'not met'}"))
        shown = []
        for s in a.strengths[:SHOWN_STRENGTHS]:
            row = text_of[s.question]
            ev = _clip(row.evidence, _CLIP_EVIDENCE)
            shown.append(row.text + (pick(lang, f"（证据：{ev}）", f" (evidence: {ev})") if ev else ""))
        if len(a.strengths) > SHOWN_STRENGTHS:
            shown.append(pick(lang, f"另有 {len(a.strengths) - SHOWN_STRENGTHS} 项，见{_SEE_ANSWERS[0]}",
                              f"{len(a.strengths) - SHOWN_STRENGTHS} more in {_SEE_ANSWERS[1]}"))
        worded = {o.question: o for o in opportunities}
        opps = [f"{o.rank}. {worded[o.question].text}" for o in a.opportunities[:SHOWN_OPPORTUNITIES]]
        if len(a.opportunities) > SHOWN_OPPORTUNITIES:
            opps.append(pick(lang, f"另有 {len(a.opportunities) - SHOWN_OPPORTUNITIES} 项，见{_SEE_ANSWERS[0]}",
                             f"{len(a.opportunities) - SHOWN_OPPORTUNITIES} more in {_SEE_ANSWERS[1]}"))
        areas.append(FeedbackArea(a.area, f"{a.area} {area_title(a.area)}", standing, shown, opps))
    best = sorted((a for a in fb if a.strengths),
                  key=lambda a: (-a.strengths[0].level, -(a.level or 0), [x.id for x in q.areas].index(a.area)))
    board = [pick(lang, f"{area_title(a.area)}（{num.level(a.level)} 级）：{_strength_text(a.strengths[0], q, lang, brief=True)}",
                  f"{area_title(a.area)} (level {num.level(a.level)}): {_strength_text(a.strengths[0], q, lang, brief=True)}")
             for a in best[:3]]
    return strengths, opportunities, areas, board


def _met(a: AreaFeedback) -> bool:
    return a.target is not None and a.level is not None and a.level + 1e-9 >= a.target


FEEDBACK_NOTE = (
    "优势：达到 4–5 级的题目，或达到 3 级及以上且不低于领域目标的题目（是非题是法定门槛，不列为优势）。"
    "改进机会：未满足的法定红线、低于领域目标的题目和尚未作答的题目；序号是全部改进机会的排名："
    "先红线，再按领域差距的优先顺序（已达标的领域在后），同一领域内按题目权重 × 与目标的差距，未作答的排在最后。"
    "每个领域列出前 " + str(SHOWN_STRENGTHS) + " 项优势和前 " + str(SHOWN_OPPORTUNITIES) + " 项改进机会；每道题的答案和证据见" + _SEE_ANSWERS[0] + "。",
    "Strengths: questions at level 4–5, or at level 3 or more and at the area's target (yes/no questions are "
    "statutory gates, not strengths). Opportunities: unmet statutory red lines, questions below the area's target and "
    "questions not answered yet; the number is the rank among all opportunities: red lines first, then by the area's "
    "gap priority (areas at target last), within an area by question weight × distance to the target, unanswered ones "
    "last. Each area lists its first " + str(SHOWN_STRENGTHS) + " strengths and " + str(SHOWN_OPPORTUNITIES)
    + " opportunities; every question's answer and evidence are in " + _SEE_ANSWERS[1] + ".",
)


def _schedule_method(plan: Plan, size: str, lang: str) -> list[str]:
    """How the schedule is made, with this company's numbers: capacity, horizon, phases."""
    from qmself.planning import BOUNDARIES, CAPACITY, EFFORT_PM, HORIZON

    names = {k: SIZE_NAMES[k][0 if lang == "zh" else 1] for k in CAPACITY}
    caps = pick(lang, "、", ", ").join(f"{names[k]} {CAPACITY[k]:g}" for k in CAPACITY)
    spans = pick(lang, "、", ", ").join(f"{names[k]} {HORIZON[k]}" for k in HORIZON)
    pm = "、".join(f"{k} {v:g}" for k, v in EFFORT_PM.items()) if lang == "zh" else ", ".join(
        f"{k} {v:g}" for k, v in EFFORT_PM.items())
    ends = pick(lang, "、", ", ").join(str(b) for b in BOUNDARIES)
    here = names.get(size, size)
    return [
        pick(lang, f"工作量：每项措施折合人月（小 S、中 M、大 L 依次为 {pm} 人月），在其工期内逐月平均分摊。"
                   f"本企业为{here}企业，每个责任角色每月最多投入 {plan.capacity:g} 人月，任何一个月都不超过"
                   f"（每月上限按企业规模：{caps} 人月）。唯一的例外是法定红线整改：它在第 0 个月立即开始"
                   "（有前置措施时前置措施同样立即开始），不受上限限制，其他措施只在它留下的余量内排期。",
             f"Workload: each action is a number of person-months (S, M, L = {pm}), spread evenly over its months. "
             f"This is a {here} company: each owner role gives at most {plan.capacity:g} person-months in any one month "
             f"(the monthly limit by company size: {caps}). The one exception is a statutory red-line fix: it starts "
             "in month 0 (with its own prerequisites) whatever the load, and other actions fit in what it leaves."),
        pick(lang, f"计划期与阶段：计划最长 {plan.horizon} 个月（按企业规模：{spans} 个月），放不进计划期的措施列为后续措施，"
                   f"不会被略去。阶段按计划年度划分，在第 {ends} 个月结束（最后一个阶段止于计划期末）；"
                   "每项措施完整地落在一个阶段之内，会跨越阶段分界的措施推迟到下一阶段开始；没有措施的年度不列为阶段。",
             f"Horizon and phases: the plan lasts at most {plan.horizon} months (by company size: {spans} months); "
             "actions that do not fit are listed as later, never dropped. Phases are plan years, ending in months "
             f"{ends} (the last at the end of the horizon); each action lies wholly inside one phase, one that would cross "
             "a phase boundary starts at the next phase instead, and a year without actions is no phase."),
    ]


def phase_title(phase: PhaseDef, actions: list[PlannedAction], lang: str) -> str:
    """"阶段一：第 0–12 个月（红线整改 2 项、其他措施 8 项）": the window and what it holds."""
    red = sum(1 for a in actions if a.reason == "red_line")
    other = len(actions) - red
    zh_parts, en_parts = [], []
    if red:
        zh_parts.append(f"红线整改 {red} 项")
        en_parts.append(f"{red} red-line fix{'es' if red > 1 else ''}")
    if other:
        zh_parts.append(f"{'其他措施' if red else '措施'} {other} 项")
        en_parts.append(f"{other} {'other ' if red else ''}action{'s' if other > 1 else ''}")
    n = phase.id
    zh = f"阶段{_NUMERALS[n - 1] if n <= len(_NUMERALS) else n}"
    span = f"{phase.start_month}–{phase.end_month}"
    return pick(lang, f"{zh}：第 {span} 个月（{'、'.join(zh_parts)}）",
                f"Phase {n}: months {span} ({', '.join(en_parts)})")


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
    stretch_from: str | None = None,
) -> Report:
    """Decide every word of the report. `stretch_from` is the title of the profile the company
    already meets when the plan aims at the next one (`plan.stretch_from`)."""
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
            legal_basis=list(q.question_by_id[f.question].legal_basis),
            legal_basis_text=q.question_by_id[f.question].legal_basis_text(lang),
        )
        for f in result.red_lines
    ]

    blocks = []
    applicable = q.applicable_ids(answers.company.sector, answers.company.size, answers.company)
    titles = {a.id: a.title(lang) for a in catalogue.actions}
    yesno = frozenset(x.id for x in q.questions if x.type == "yesno")
    was = {} if since_last is None else {r.question: r.before for r in since_last.regressions}
    for p in plan.actions:
        act = p.action
        blocks.append(ActionBlock(
            id=act.id, title=act.title(lang), description=act.description(lang),
            reason=pick(lang, *REASONS[p.reason]) + _because(p.because, p.reason, lang, yesno, was), areas=[f"{x} {area_title(x)}" for x in act.areas],
            step=f"{act.from_level} → {act.to_level}", owner=role.get(act.owner, act.owner),
            effort=pick(lang, *EFFORT_NAMES[act.effort]), months=act.duration_months,
            start=p.start.isoformat(), end=p.end.isoformat(), phase=p.phase,
            prerequisites=[
                f"{x} {titles.get(x, '')}".strip()
                + ("" if x in p.blocked_by else pick(lang, "（已具备）", " (already in place)"))
                for x in act.prerequisites
            ],
            kpis=_kpi_rows(act, p.because, answers, q, applicable, lang),
            evidence=[e(lang) for e in act.evidence], cites=list(act.cites),
            questions=[{"id": x, "level": lv, "aim": aim, **({"went_down_from": was[x]} if x in was else {})}
                       for x, lv, aim in p.because],
        ))

    phases = []
    for ph in plan.phases:
        held = plan.in_phase(ph.id)
        phases.append(PhaseBlock(ph.id, phase_title(ph, held, lang), add_months(plan.start, ph.start_month).isoformat(),
                                 add_months(plan.start, ph.end_month).isoformat(), [p.action.id for p in held],
                                 ph.start_month, ph.end_month))
    later = [
        LaterRow(id=x.action.id, title=x.action.title(lang), owner=role.get(x.action.owner, x.action.owner),
                 months=x.action.duration_months, earliest_month=x.earliest_month, waits_for=list(x.waits_for),
                 reason=pick(lang, *REASONS[x.reason]) + _because(x.because, x.reason, lang, yesno, was))
        for x in plan.later
    ]

    top = [g for g in comparison.priorities if g.actual is not None][:3]  # the gap table's order
    top_gaps = [
        pick(lang, f"{g.area} {area_title(g.area)}：现状 {num.level(g.actual)}，目标 {num.target(g.target)}"
                   + ("（红线未满足）" if g.red_line else ""),
             f"{g.area} {area_title(g.area)}: {num.level(g.actual)} now, target {num.target(g.target)}"
                   + (" (red line unmet)" if g.red_line else ""))
        for g in top
    ]

    unmet = [f for f in result.red_lines if f.status == "unmet"]
    n_actions = len(plan.actions)
    last_end = plan.end_month
    final = plan.overall_after_phase[-1] if plan.overall_after_phase else result.overall_index
    met_after = sum(
        1 for row in areas if row.target is not None and row.after_phase and row.after_phase[-1] is not None
        and row.after_phase[-1] + 1e-9 >= row.target
    )
    stretch = "" if plan.stretch_from is None else pick(
        lang, f"企业已达到所选基准“{stretch_from or plan.stretch_from}”（{plan.stretch_from}）的全部目标；"
              f"本计划以下一档“{profile_title}”（{comparison.profile}）为延伸目标。",
        f"The company already meets every target of the chosen benchmark “{stretch_from or plan.stretch_from}” "
        f"({plan.stretch_from}); this plan aims at the next profile, “{profile_title}” ({comparison.profile}), "
        "as a stretch target.")
    if n_actions == 0:
        summary = [pick(lang, f"对照“{profile_title}”，各领域目标均已达到，本计划无需新增措施。",
                        f"Against “{profile_title}” every area target is already met; the plan needs no new action.")]
    else:
        first = pick(lang, f"本计划共 {n_actions} 项措施，分 {len(phases)} 个阶段，{last_end} 个月完成"
                           + (f"；另有 {len(later)} 项超出 {plan.horizon} 个月的计划期，列为后续措施。" if later else "。"),
                     f"The plan has {n_actions} actions in {len(phases)} phases over {last_end} months"
                     + (f"; {len(later)} more lie beyond its {plan.horizon}-month horizon and are listed as later." if later
                        else "."))
        if unmet:
            red_end = max((p.end_month for p in plan.actions if p.reason == "red_line"), default=0)
            fix = (pick(lang, f"首要任务是立即整改 {len(unmet)} 项未满足的法定红线（第 {red_end} 个月前完成）",
                        f"First, fix the {len(unmet)} unmet statutory red line(s) at once (done by month {red_end})")
                   if red_end else pick(lang, f"{len(unmet)} 项法定红线未满足，措施库中没有整改措施，须另行处理",
                                        f"{len(unmet)} statutory red line(s) are unmet with no catalogue fix: handle them separately"))
            second = pick(lang, f"{fix}，同时着手差距最大的领域（{'、'.join(area_title(g.area) for g in top)}）。",
                          f"{fix}, while starting on the largest gaps ({', '.join(area_title(g.area) for g in top)}).")
        else:
            second = pick(lang, f"优先处理差距最大的领域：{'、'.join(area_title(g.area) for g in top)}。",
                          f"It starts with the largest gaps: {', '.join(area_title(g.area) for g in top)}.")
        third = pick(lang,
                     f"全部完成后，总体指数预计由 {num.score(result.overall_index or 0)} 提升到 {num.score(final or 0)}，"
                     f"{met_after}/{len(comparison.areas)} 个领域达到目标。",
                     f"Once done, the overall index is projected to rise from {num.score(result.overall_index or 0)} to "
                     f"{num.score(final or 0)}, with {met_after} of {len(comparison.areas)} areas at target.")
        summary = [first, second, third]
    if since_last is not None:  # the progress since the last assessment, right after what the plan is
        summary.insert(1, progress_sentence(since_last, lang))
    if stretch:
        summary.insert(0, stretch)
    strengths, opportunities, feedback_areas, board_strengths = _feedback(
        feedback(result, comparison, plan, answers, q), answers, q, area_title, lang)

    workload = [(role.get(owner, owner), [num.half_up(x, 1) for x in per_phase]) for owner, per_phase in plan.workload.items()]
    here = SIZE_NAMES[result.size][0 if zh else 1]
    cols = [f"P{ph.id}" for ph in plan.phases]
    ends = pick(lang, "、", ", ").join(f"P{ph.id} {ph.end_month}" for ph in plan.phases)
    projection_note = pick(lang, f"P1–P{len(cols)}：完成第 1–{len(cols)} 阶段全部措施后的预计等级（阶段结束月：{ends}）。",
                           f"P1–P{len(cols)}: projected level once the actions of phases 1–{len(cols)} are done "
                           f"(phases end in month {ends}).") if cols else ""
    workload_note = pick(
        lang,
        f"单位：人月，按阶段合计；“月峰值”为该角色任一月份投入最多的人月数。本企业为{here}企业，每个责任角色每月最多投入 "
        f"{plan.capacity:g} 人月，只有法定红线整改可以超出。",
        f"Person-months per phase; “peak” is the most the role gives in any one month. This is a {here} company: each owner "
        f"role gives at most {plan.capacity:g} person-months a month; only statutory red-line fixes may exceed it.")
    later_title = pick(lang, f"后续措施（超出 {plan.horizon} 个月计划期）", f"Later (beyond the {plan.horizon}-month horizon)")
    later_note = pick(lang, "以下措施同样是达到目标所需，但按责任角色的工作量上限和前置关系排不进计划期；"
                            "建议在下一轮自评估后列入新的计划。",
                      "These actions are needed for the targets too but do not fit inside the horizon within the owner roles' "
                      "monthly limits and their prerequisites; take them into the next plan after the next self-assessment.")

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
        *_schedule_method(plan, result.size, lang),
        pick(lang, "预计等级：一个阶段结束时，已完成措施所针对的每道题按该措施的目标等级计（数值题取该等级分档的下限，"
                   "整改完成的红线按已满足计），再按同样的规则重新评分，得出各领域的预计等级和总体指数；红线整改完成后取消封顶。",
             "Projected levels: at the end of a phase, every question a finished action was planned for counts at the level "
             "the action lifts it to (a number at the lowest value of that level's band, a fixed red line as met), and the "
             "company is scored again by the same rules, giving each area's projected level and the overall index; a fixed "
             "red line lifts its cap."),
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

    r = Report(
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
        catalogue=f"{catalogue.id} {catalogue.version}",
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
        horizon=plan.horizon,
        later=later,
        peak_load=[(role.get(o, o), num.half_up(max(m, default=0.0), 2)) for o, m in plan.monthly_load.items()],
        phase_columns=cols,
        projection_note=projection_note,
        workload_note=workload_note,
        later_title=later_title,
        later_note=later_note,
        uncovered=[f"{u} {area_title(u)}" for u in plan.uncovered],
        method=method,
        answers=rows,
        documents=documents,
        notices=[*([stretch] if stretch else []), *(notices or []), *_assess_first(plan, titles, lang)],
        since_last=None if since_last is None else progress_data(since_last, q, lang),
        since_last_lines=[] if since_last is None else summary_lines(since_last, lang, regressions=False),
        since_last_regressions=[] if since_last is None else regression_lines(since_last, q, lang),
        calibration=[{"question": c.question, "values": dict(c.values)} for c in answers.calibration],
        strengths=strengths,
        opportunities=opportunities,
        feedback=feedback_areas,
        feedback_note=pick(lang, *FEEDBACK_NOTE),
        board_strengths=board_strengths,
        stretch=stretch,
        stretch_from="" if plan.stretch_from is None else (stretch_from or plan.stretch_from),
    )
    _lay_out(r)
    return r


LABELS = {
    "top_gaps": ("主要差距", "Top gaps"),
    "in_brief": ("计划概要", "The plan in brief"),
    "radar": ("各领域等级与基准目标", "Area levels against the benchmark"),
    "progress": ("自上次评估以来的进展", "Progress since the last assessment"),
    "previous_actions": ("上次计划中的措施", "Actions of the previous plan"),
    "regressions": ("较上次回退的题目", "Questions that went down"),
    "strengths": ("优势", "Strengths"),
    "opportunities": ("改进机会（按排名）", "Opportunities (ranked)"),
    "none": ("（无）", "(none)"),
    "red_lines_met": ("全部适用的法定红线均已满足。", "Every applicable statutory red line is met."),
    "projected": ("预计等级", "Projected levels"),
    "workload": ("工作量", "Workload"),
    "no_workload": ("没有计划措施，无工作量。", "No planned action, no workload."),
    "appendix": ("附录", "Appendix"),
    "method": ("A. 方法", "A. Method"),
    "answers": (f"B. {_ANSWERS[0]}", f"B. {_ANSWERS[1]}"),
    "calibrate": ("需校准的题目", "Questions to calibrate"),
    "calibrate_note": ("以下题目各评估人的判断相差两级以上，合并时取中位数，需在校准会上确认：",
                       "The assessors' answers to these questions differ by two levels or more; the merge took "
                       "the median, to be confirmed in a calibration meeting:"),
    "by_assessor": ("各评估人的答案", "Answers by assessor"),
    "question": ("题号", "Question"),
    "documents": ("C. 引用文件", "C. Documents cited"),
    "clauses": ("引用条款：", "Clauses cited: "),
    "notes": ("D. 注意事项", "D. Notes"),
    "action": ("措施", "Action"),
    "owner": ("责任", "Owner"),
    "dates": ("起止", "Dates"),
    "start": ("开始", "Start"),
    "end": ("结束", "End"),
    "months": ("月", "Months"),
}
"""Fixed headings and column names, one wording for every format."""


def gantt_horizon(last_month: int) -> int:
    """The roadmap chart's span in months: whole half-years, at least a year."""
    return max(12, -(-last_month // 6) * 6)


def _lay_out(r: Report) -> None:
    """Word every table, note and label of `r` from its data, once for PDF, Word and Markdown."""
    L = r.lang
    r.labels = {k: pick(L, zh, en) for k, (zh, en) in LABELS.items()}
    r.cover = [
        (pick(L, "统一社会信用代码", "Unified social credit code"), r.credit_code),
        (pick(L, "行业", "Sector"), r.sector),
        (pick(L, "规模", "Size"), r.size),
        (pick(L, "地区", "Region"), r.region or "—"),
        (pick(L, "评估日期", "Assessment date"), r.assessment_date),
        (pick(L, "评估人", "Assessor"), r.assessor or "—"),
        (pick(L, "问卷及版本", "Questionnaire and version"), r.questionnaire),
        (pick(L, "措施库及版本", "Action catalogue and version"), r.catalogue),
        (pick(L, "基准档案及版本", "Benchmark profile and version"), f"{r.profile_title} ({r.profile})"),
        (pick(L, "生成日期", "Generated"), r.generated),
    ]
    r.colophon = pick(L, "本计划由 qmself 根据企业自评答卷和所选基准档案生成。各项措施所依据的政策条款列于每项措施之后和附录中。",
                      "Generated by qmself from the company's self-assessment and the chosen benchmark profile. "
                      "The policy clauses each action answers are listed with the action and in the appendix.")
    unmet = [x for x in r.red_lines if x.status == "unmet"]
    lvl = num.level(r.overall_level) + ("" if r.overall_level is None else f" {r.overall_level_name}")
    r.facts = [
        (pick(L, "总体指数", "Overall index"), f"{num.score(r.overall_index)} / 100"),
        (pick(L, "总体等级", "Overall level"), lvl + (pick(L, "（红线封顶）", " (capped by a red line)") if r.overall_capped else "")),
        (pick(L, "完整度", "Completeness"), f"{num.share(r.completeness)} ({r.answered}/{r.applicable})"),
        (pick(L, "目标完成度", "Progress to target"), f"{num.pct(r.progress)} · " + pick(
            L, f"达标 {r.targets_met}/{r.targets} 个领域", f"{r.targets_met} of {r.targets} areas at target")),
        (pick(L, "未满足的红线", "Unmet red lines"), str(len(unmet))),
    ]

    notes = []
    if any(a.capped for a in r.areas):
        notes.append(pick(L, "* 该领域存在未满足的红线，等级被封顶。", "* capped by an unmet red line in the area."))
    gated = gate_note([a.id for a in r.areas if a.gate == "met"], L)
    if gated:
        notes.append(gated)
    notes.append(pick(L, "差距 = 目标 − 现状等级；✓ 表示已达到目标。优先：先红线领域，再按领域权重 × 差距。",
                      "Gap = target − current level; ✓ means the target is met. Priority: red-line areas first, "
                      "then area weight × gap."))
    r.area_table = Table(
        [pick(L, "领域", "Area"), pick(L, "得分", "Score"), pick(L, "等级", "Level"), pick(L, "目标", "Target"),
         pick(L, "差距", "Gap"), pick(L, "优先", "Priority")],
        [[f"{a.id} {a.title}", num.score(a.score),
          num.level(a.level) + ("" if a.level is None else f" {a.level_name}") + ("*" if a.capped else ""),
          num.target(a.target, "—"), "✓" if a.met else num.level(a.gap), str(a.priority or "")] for a in r.areas],
        notes)

    if r.since_last is not None:
        r.progress_table = Table(
            [pick(L, "领域", "Area"), pick(L, "上次", "Before"), pick(L, "本次", "Now"), pick(L, "变化", "Change"),
             pick(L, "目标", "Target"), pick(L, "进展", "Progress")],
            [[f"{a['area']} {a['title']}", num.level(a["before"]), num.level(a["after"]), num.change(a["change"]),
              num.target(a["target"], "—"), num.share(a["progress"])] for a in r.since_last["areas"]])
        r.previous_actions = [action_line(x, L) for x in r.since_last["actions"]]

    for x in r.red_lines:
        status = pick(L, "未满足", "NOT MET") if x.status == "unmet" else pick(L, "未作答", "not answered")
        x.heading = pick(L, f"{x.question}（{status}）", f"{x.question} ({status})")
        x.details = [pick(L, "要求：", "What is required: ") + x.requirement]
        if x.legal_basis_text:
            x.details.append(pick(L, "法律依据：", "Legal basis: ") + x.legal_basis_text)
        x.details.append(pick(L, "政策依据：", "Policy citations: ") + "; ".join(x.cites))
        if x.actions:
            x.details.append(pick(L, "整改措施：", "Fixed by: ") + ", ".join(x.actions))

    r.roadmap_table = Table([r.labels[k] for k in ("action", "owner", "start", "end", "months")], [])
    for ph in r.phases:
        ph.heading = pick(L, f"{ph.title}（{ph.start} – {ph.end}）", f"{ph.title} ({ph.start} – {ph.end})")
    last = max([0, *(months_between(r.assessment_date, a.end) for a in r.actions)])
    r.gantt_months = gantt_horizon(last)
    r.phase_marks = sorted({ph.start_month for ph in r.phases} - {0})
    at = pick(L, "、", ", ").join(str(m) for m in r.phase_marks)
    if r.actions:
        r.roadmap_note = pick(
            L, f"条形图横轴为自评估日起的月数（0–{r.gantt_months}），细线为季度网格"
               + (f"，深色竖线为阶段分界（第 {at} 个月）。" if r.phase_marks else "。"),
            f"Bars run in months from the assessment date (0–{r.gantt_months}) on a quarterly grid"
            + (f"; darker lines mark the phase boundaries (months {at})." if r.phase_marks else "."))
    if r.uncovered:
        r.uncovered_note = pick(L, "措施库中没有针对以下领域差距的措施：", "The catalogue has no action for the gaps in: ") \
            + pick(L, "、", ", ").join(r.uncovered)
    if r.later:
        r.later_table = Table(
            [r.labels["action"], r.labels["owner"], pick(L, "工期（月）", "Months"), pick(L, "原因", "Why")],
            [[f"{x.id} {x.title}", x.owner, str(x.months), x.reason] for x in r.later], [r.later_note])
    if r.phase_columns:
        rows = [[f"{a.id} {a.title}", num.level(a.level), num.target(a.target, "—"), *(num.level(x) for x in a.after_phase)]
                for a in r.areas]
        rows.append([pick(L, "总体指数", "Overall index"), num.score(r.overall_index), "",
                     *(num.score(x) for x in r.overall_after_phase)])
        r.projection_table = Table([pick(L, "领域", "Area"), pick(L, "现状", "Now"), pick(L, "目标", "Target"),
                                    *r.phase_columns], rows, [r.projection_note])
    if r.workload:
        peak = dict(r.peak_load)
        r.workload_table = Table([pick(L, "责任角色", "Owner role"), *r.phase_columns, pick(L, "月峰值", "Peak")],
                                 [[o, *(f"{x:g}" for x in w), f"{peak.get(o, 0):g}"] for o, w in r.workload],
                                 [r.workload_note])

    for act in r.actions:
        act.info = [
            (pick(L, "原因", "Why"), [f"{act.reason} · {', '.join(act.areas)} · {pick(L, '等级', 'level')} {act.step}"]),
            (r.labels["owner"], [act.owner]),
            (pick(L, "工作量与时间", "Effort and timing"),
             [pick(L, f"{act.effort} · {act.start} – {act.end}（{act.months} 个月）",
                   f"{act.effort} · {act.start} – {act.end} ({act.months} months)")]),
            (pick(L, "前置措施", "Prerequisites"), ["; ".join(act.prerequisites) or pick(L, "无", "none")]),
            (pick(L, "关键指标", "KPIs"), [k.text for k in act.kpis]),
            (pick(L, "完成证据", "Evidence of completion"), list(act.evidence)),
            (pick(L, "政策依据", "Policy clauses"), ["; ".join(act.cites)]),
        ]
    r.answers_table = Table([r.labels["question"], pick(L, "题目", "Text"), pick(L, "答案", "Answer"),
                             pick(L, "证据与备注", "Evidence and note")],
                            [[x.question, x.text, x.answer,
                              x.evidence + (pick(L, "；", "; ") + x.note if x.note and x.evidence else x.note)]
                             for x in r.answers])
    if r.calibration:
        r.calibration_table = Table([r.labels["question"], r.labels["by_assessor"]],
                                    [[c["question"], "; ".join(f"{k}: {v}" for k, v in c["values"].items())]
                                     for c in r.calibration], [r.labels["calibrate_note"]])
    r.document_lines = [(pick(L, f"{title}（{d}）", f"{title} ({d})"),
                         r.labels["clauses"] + pick(L, "、", ", ").join(clauses)) for d, title, clauses in r.documents]


def months_between(start: str, end: str) -> int:
    """Whole months from one ISO date to another (the day of the month ignored)."""
    y1, m1, _ = (int(p) for p in start.split("-"))
    y2, m2, _ = (int(p) for p in end.split("-"))
    return (y2 - y1) * 12 + (m2 - m1)
