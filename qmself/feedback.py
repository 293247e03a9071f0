"""Strengths and opportunities for improvement, per area: the feedback of a Baldrige, EFQM or
GB/T 19580 assessment, computed from the answers, the comparison and the plan.

Pure and deterministic (no rendering): `render.report` words the result once for every format.

- **Strength**: an applicable question answered at level 4 or 5, or at level 3 or more where
  that reaches its area's target (a level 2 that meets a floor target is no strength). Yes/no
  questions are statutory gates, not strengths. Within an area, the highest level first, then
  the heavier question, then questionnaire order.
- **Opportunity**: an applicable question of a targeted area that stands below the area's
  target, an unmet red line, or an applicable question not answered yet (to assess first).
  Ranked over the whole assessment: unmet red lines first; then by the area's gap priority
  (areas that meet their target after those with a gap); within an area answered questions
  by question weight × (target − level), largest first, and unanswered ones last.
  Each names the planned (and later) actions that lift it.
"""

from __future__ import annotations

from dataclasses import dataclass

from qmself.model.answers import NA, AnswerFile
from qmself.model.plan import Plan
from qmself.model.questionnaire import Questionnaire
from qmself.model.results import AssessmentResult, Comparison
from qmself.scoring import answer_level

STRONG_LEVEL = 4
"""A question at this level or above is a strength whatever the target."""
AT_TARGET_FLOOR = 3
"""A question at its area's target is a strength only from this level up."""
_EPS = 1e-9


@dataclass(frozen=True, slots=True)
class Strength:
    question: str
    area: str
    level: int
    value: float | None
    """The numeric answer of a number question (None for a maturity question)."""
    evidence: str


@dataclass(frozen=True, slots=True)
class Opportunity:
    rank: int
    """1 = the most important opportunity of the assessment."""
    question: str
    area: str
    kind: str
    """"red_line" (an unmet statutory red line), "below" (below the area's target) or "unanswered"."""
    level: int | None
    value: float | None
    target: float | None
    actions: tuple[str, ...]
    """Planned actions that lift the question, in plan order."""
    later: tuple[str, ...] = ()
    """Actions beyond the plan's horizon that lift it."""


@dataclass(frozen=True, slots=True)
class AreaFeedback:
    area: str
    level: float | None
    target: float | None
    strengths: tuple[Strength, ...]
    opportunities: tuple[Opportunity, ...]


def _numeric(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def feedback(
    result: AssessmentResult, comparison: Comparison, plan: Plan, answers: AnswerFile, questionnaire: Questionnaire,
) -> tuple[AreaFeedback, ...]:
    """Strengths and ranked opportunities for every assessed area, in questionnaire order."""
    q = questionnaire
    targets = {g.area: g for g in comparison.areas}
    prio = {g.area: g.priority for g in comparison.areas if g.priority is not None}
    unmet = {f.question for f in result.red_lines if f.status == "unmet"}
    lifted: dict[str, list[str]] = {}
    for p in plan.actions:
        for qid in (p.action.questions if p.reason == "red_line" else [b[0] for b in p.because]):
            lifted.setdefault(qid, []).append(p.action.id)
    lifted_later: dict[str, list[str]] = {}
    for la in plan.later:
        for qid, _, _ in la.because:
            lifted_later.setdefault(qid, []).append(la.action.id)
    applicable = q.applicable(result.sector, result.size, result.facts)
    area_order = {a.id: i for i, a in enumerate(q.areas)}
    q_order = {x.id: i for i, x in enumerate(q.questions)}

    strengths: dict[str, list[Strength]] = {}
    found: list[tuple[tuple[float, ...], Opportunity]] = []
    for x in applicable:
        a = answers.answers.get(x.id)
        if a is not None and a.value == NA:
            continue
        gap = targets.get(x.area)
        target = None if gap is None else gap.target
        level = None if a is None else answer_level(x, a)
        value = None if a is None or x.type != "number" else _numeric(a.value)
        if x.type == "yesno":
            if x.id in unmet:
                found.append(((0, area_order[x.area], q_order[x.id]),
                              Opportunity(0, x.id, x.area, "red_line", None, None, target,
                                          tuple(lifted.get(x.id, ())), tuple(lifted_later.get(x.id, ())))))
            continue
        if level is not None and (level >= STRONG_LEVEL or (
                level >= AT_TARGET_FLOOR and target is not None and level + _EPS >= target)):
            strengths.setdefault(x.area, []).append(
                Strength(x.id, x.area, level, value, (a.evidence or "") if a is not None else ""))
            continue
        if target is None:
            continue
        area_rank = prio.get(x.area, 1000 + area_order[x.area])
        if level is None:
            if a is None or a.value is None:
                found.append(((1, area_rank, 1, 0, q_order[x.id]),
                              Opportunity(0, x.id, x.area, "unanswered", None, None, target,
                                          tuple(lifted.get(x.id, ())), tuple(lifted_later.get(x.id, ())))))
            continue
        if level + _EPS >= target:
            continue
        found.append(((1, area_rank, 0, -x.weight * (target - level), q_order[x.id]),
                      Opportunity(0, x.id, x.area, "below", level, value, target,
                                  tuple(lifted.get(x.id, ())), tuple(lifted_later.get(x.id, ())))))
    found.sort(key=lambda kv: kv[0])
    ranked: dict[str, list[Opportunity]] = {}
    for i, (_, o) in enumerate(found, 1):
        ranked.setdefault(o.area, []).append(
            Opportunity(i, o.question, o.area, o.kind, o.level, o.value, o.target, o.actions, o.later))
    weight = {x.id: x.weight for x in q.questions}
    out = []
    for ar in result.areas:
        gap = targets.get(ar.id)
        strong = sorted(strengths.get(ar.id, []), key=lambda s: (-s.level, -weight[s.question], q_order[s.question]))
        out.append(AreaFeedback(ar.id, ar.level, None if gap is None else gap.target, tuple(strong),
                                tuple(ranked.get(ar.id, []))))
    return tuple(out)
