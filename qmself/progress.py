"""Progress between two assessments of the same company (pure).

Per area the change of level; the change of overall index and level; red lines
closed (unmet before, not now) and opened; progress to date toward the target,
(current − baseline) / (target − baseline), per area and area-weighted overall
(areas already at target at the baseline are left out); and, for each action
the baseline plan proposed, whether the new assessment shows evidence for it
(new or changed evidence on one of its questions) or shows it reached (every
one of its questions at the action's target level).
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
    """Share of the way from the baseline to the target, 0.0 = none, 1.0 = there; None if no gap at baseline."""


@dataclass(frozen=True, slots=True)
class ActionStatus:
    action: str
    status: str
    """"reached" (its questions reached the action's level since the baseline), "evidence" (new or
    changed evidence on one of them), "met_before" (its questions were at that level already) or "none"."""


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


def _reached(questions: list[Question], answers: Mapping[str, Answer], level: int) -> bool:
    if not questions:
        return False
    for q in questions:
        lv = answer_level(q, answers[q.id]) if q.id in answers else None
        if lv is None or lv < level:
            return False
    return True


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
            prog = (a1.level - a0.level) / (target - a0.level)
            num += weights[a0.id] * (a1.level - a0.level)
            den += weights[a0.id] * (target - a0.level)
        changes.append(AreaChange(a0.id, a0.level, a1.level, change, target, prog))
    unmet_before = {f.question for f in before.unmet_red_lines}
    unmet_after = {f.question for f in after.unmet_red_lines}
    statuses = []
    if baseline_plan is not None and new_answers is not None:
        old = old_answers.answers if old_answers else {}
        new = new_answers.answers
        for p in baseline_plan.actions:
            qs = [questionnaire.question_by_id[q] for q in p.action.questions if q in questionnaire.question_by_id]
            reached = _reached(qs, new, p.action.to_level)
            shown = any(_new_evidence(old.get(q.id), new.get(q.id)) for q in qs)
            if reached and not _reached(qs, old, p.action.to_level):
                status = "reached"
            elif shown:
                status = "evidence"
            else:
                status = "met_before" if reached else "none"
            statuses.append(ActionStatus(p.action.id, status))
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
    )
