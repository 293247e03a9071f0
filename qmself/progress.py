"""Progress between two assessments of the same company (pure).

Per area the change of level; the change of overall index and level; red lines
closed (unmet before, not now) and opened; progress to date toward the target,
(current − baseline) / (target − baseline), per area and area-weighted overall,
at most 100 % (an area past its target has reached it; areas already at target
at the baseline are left out); the questions whose
level went down (regressions); and, for each action the baseline plan proposed,
whether the new assessment shows it reached (every question that called for it
now at the level it aimed at, a red line met), shows evidence for it (new or
changed evidence on one of those questions) or neither, and whether the new plan
schedules it again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from qmself.model.answers import Answer, AnswerFile
from qmself.model.plan import Plan
from qmself.model.questionnaire import Question, Questionnaire
from qmself.model.results import AssessmentResult, Comparison
from qmself.scoring import answer_level


@dataclass(frozen=True, slots=True)
class AreaChange:
    area: str
    before: float | None
    after: float | None
    change: float | None
    target: float | None
    progress: float | None
    """Share of the way from the baseline to the target: 0.0 none, 1.0 there or past it; None if no gap at baseline."""


@dataclass(frozen=True, slots=True)
class ActionStatus:
    action: str
    status: str
    """"reached" (the questions that called for it reached the levels it aimed at since the baseline),
    "evidence" (new or changed evidence on one of them), "met_before" (they were at those levels
    already), "improved" (one of them rose, not yet to its level) or "none"."""
    in_plan: bool | None = None
    """Whether the new plan schedules it again (planned or later); None when no new plan was given."""
    questions: tuple[str, ...] = ()
    """The questions that called for it in the baseline plan."""


@dataclass(frozen=True, slots=True)
class QuestionChange:
    """A question whose level went down between the two assessments."""

    question: str
    area: str
    before: int
    after: int
    yesno: bool = False
    """A yes/no question (a red line): level 5 is "met", 1 "not met"."""


@dataclass(frozen=True, slots=True)
class Progress:
    before_date: dt.date
    after_date: dt.date
    index_before: float | None
    index_after: float | None
    level_before: float | None
    level_after: float | None
    whole_before: int | None
    whole_after: int | None
    areas: tuple[AreaChange, ...]
    closed: tuple[str, ...]
    opened: tuple[str, ...]
    overall_progress: float | None
    actions: tuple[ActionStatus, ...]
    regressions: tuple[QuestionChange, ...] = ()
    """Questions answered both times whose level is lower now (a red line no longer met among them)."""


def _reached(aims: list[tuple[Question, int]], answers: Mapping[str, Answer]) -> bool:
    """Every question stands at (or above) the level aimed at for it."""
    if not aims:
        return False
    for q, level in aims:
        lv = answer_level(q, answers[q.id]) if q.id in answers else None
        if lv is None or lv < level:
            return False
    return True


def _rose(aims: list[tuple[Question, int]], old: Mapping[str, Answer], new: Mapping[str, Answer]) -> bool:
    """One of the questions stands higher than before."""
    def lv(q: Question, answers: Mapping[str, Answer]) -> int:
        a = answers.get(q.id)
        return (answer_level(q, a) or 0) if a is not None else 0
    return any(lv(q, new) > lv(q, old) for q, _ in aims)


def regressions(old: AnswerFile, new: AnswerFile, questionnaire: Questionnaire) -> tuple[QuestionChange, ...]:
    """Questions answered in both files whose level is lower in `new` (n/a and unanswered are no level)."""
    out = []
    for q in questionnaire.questions:
        a, b = old.answers.get(q.id), new.answers.get(q.id)
        if a is None or b is None:
            continue
        before, after = answer_level(q, a), answer_level(q, b)
        if before is not None and after is not None and after < before:
            out.append(QuestionChange(q.id, q.area, before, after, q.type == "yesno"))
    return tuple(out)


def _new_evidence(before: Answer | None, after: Answer | None) -> bool:
    return bool(after and after.evidence and after.evidence != (before.evidence if before else None))


def compare_assessments(
    before: AssessmentResult,
    after: AssessmentResult,
    questionnaire: Questionnaire,
    *,
    old_answers: AnswerFile | None = None,
    new_answers: AnswerFile | None = None,
    baseline_gaps: Comparison | None = None,
    baseline_plan: Plan | None = None,
    new_plan: Plan | None = None,
) -> Progress:
    targets = {g.area: g.target for g in baseline_gaps.areas} if baseline_gaps else {}
    weights = {a.id: a.weight for a in questionnaire.areas}
    changes = []
    num = den = 0.0
    for a0 in before.areas:
        a1 = after.area(a0.id)
        target = targets.get(a0.id)
        change = None if a0.level is None or a1.level is None else a1.level - a0.level
        prog = None
        if target is not None and a0.level is not None and a1.level is not None and target > a0.level + 1e-9:
            gained = min(a1.level - a0.level, target - a0.level)  # past the target counts as reaching it
            prog = gained / (target - a0.level)
            num += weights[a0.id] * gained
            den += weights[a0.id] * (target - a0.level)
        changes.append(AreaChange(a0.id, a0.level, a1.level, change, target, prog))
    unmet_before = {f.question for f in before.unmet_red_lines}
    unmet_after = {f.question for f in after.unmet_red_lines}
    statuses = []
    if baseline_plan is not None and new_answers is not None:
        old = old_answers.answers if old_answers else {}
        new = new_answers.answers
        by_id = questionnaire.question_by_id
        again = None if new_plan is None else {
            *(p.action.id for p in new_plan.actions), *(x.action.id for x in new_plan.later)}
        for p in baseline_plan.actions:
            # what called for the action (a red line aims at "met", level 5 of a yes/no question);
            # a prerequisite called for by nothing of its own is judged by all its questions
            if p.because:
                aims = [(by_id[x], aim) for x, _lv, aim in p.because if x in by_id]
            else:
                aims = [(by_id[x], p.action.level_for(x)) for x in p.action.questions if x in by_id]
            reached = _reached(aims, new)
            shown = any(_new_evidence(old.get(q.id), new.get(q.id)) for q, _ in aims)
            if reached and not _reached(aims, old):
                status = "reached"
            elif shown:
                status = "evidence"
            elif reached:
                status = "met_before"
            else:
                status = "improved" if _rose(aims, old, new) else "none"
            statuses.append(ActionStatus(p.action.id, status, None if again is None else p.action.id in again,
                                         tuple(q.id for q, _ in aims)))
    return Progress(
        before_date=before.assessment_date,
        after_date=after.assessment_date,
        index_before=before.overall_index,
        index_after=after.overall_index,
        level_before=before.overall_level,
        level_after=after.overall_level,
        whole_before=before.whole_level,
        whole_after=after.whole_level,
        areas=tuple(changes),
        closed=tuple(sorted(unmet_before - unmet_after)),
        opened=tuple(sorted(unmet_after - unmet_before)),
        overall_progress=None if den <= 0 else num / den,
        actions=tuple(statuses),
        regressions=() if old_answers is None or new_answers is None else regressions(
            old_answers, new_answers, questionnaire),
    )
