"""Estimates against other frameworks: GB/T 19580-2012, ISO 9004:2018, GB/T 19001-2016.

Pure: answers + questionnaire + crosswalk -> an estimate per category and item. It is
an *estimate from a self-assessment*, never a score an examiner would give:

- **Levels.** An item's level is the weighted mean of the maturity levels of the
  answered, applicable questions mapped to it (numbers count through their bands).
  Statutory yes/no questions (red lines) are a gate, not a level: "yes" adds nothing,
  "no" caps the item at the questionnaire's red-line cap; an item answered by gates only
  has no level (and no points), met or not. n/a and questions that do not apply to the
  company leave the item.
- **Coverage** of an item = answered weight / applicable mapped weight; of a category,
  the points-weighted (or, without points, plain) mean of its items' coverage.
- **GB/T 19580 points.** A level stands for a percentage of an item's points
  (`level_percent` in the crosswalk file, interpolated between whole levels); the
  item's estimated points are its points × that percentage; an item with no answered
  question gets none. A category's points add up its items; its band is the scoring
  band of its covered items' percentage. Process categories 4.1-4.6 are commonly
  described as judged by approach, deployment, learning and integration, results (4.7)
  by levels, trends, comparisons and integration (a summary not checked against a quoted
  source, and said so in the crosswalk's note): the maturity levels stand for the steps
  of the former (written rules, deployed everywhere, reviewed and improved, integrated
  and measured); the questionnaire holds only a few result indicators, so 4.7 is
  measured poorly and its coverage says so.
- **ISO 9004**: the maturity level 1-5 per sub-clause and clause, read as the levels of
  the standard's self-assessment tool (an assumption the crosswalk states).
- **ISO 9001**: coverage per clause, and the clauses with no question answered at
  level 2 or above (`gap`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from qmself.model.answers import NA, AnswerFile
from qmself.model.common import Text
from qmself.model.crosswalk import Category, Crosswalk, ScoringBand
from qmself.model.questionnaire import Questionnaire
from qmself.scoring import answer_level

_EPS = 1e-9


@dataclass(frozen=True, slots=True)
class QuestionSignal:
    """What one question tells the estimate."""

    level: float | None
    """The maturity level (1-5); None for a yes/no gate or an unanswered question."""
    answered: bool
    gate_unmet: bool
    """A statutory yes/no question answered "no"."""


@dataclass(frozen=True, slots=True)
class ItemEstimate:
    id: str
    title: Text
    max_points: float | None
    level: float | None
    """Weighted mean level of the answered questions; None when none was answered."""
    percent: float | None
    points: float | None
    coverage: float
    capped: bool
    questions: tuple[str, ...]
    """Applicable questions mapped here, in mapping order."""
    answered: tuple[str, ...]
    gap: bool
    """ISO 9001: no question mapped here is answered at level 2 or above."""


@dataclass(frozen=True, slots=True)
class CategoryEstimate:
    id: str
    title: Text
    kind: str
    max_points: float | None
    points: float | None
    percent: float | None
    """Percentage of the covered items' points (what the band is read from)."""
    band: ScoringBand | None
    level: float | None
    coverage: float
    measured: str
    note: Text | None
    points_verified: bool
    items: tuple[ItemEstimate, ...]


@dataclass(frozen=True, slots=True)
class FrameworkEstimate:
    framework: str
    crosswalk: str
    crosswalk_version: str
    edition: str
    title: Text
    categories: tuple[CategoryEstimate, ...]
    total_points: float | None
    max_points: float | None
    coverage: float
    points_verified: bool
    bands_verified: bool
    estimate_note: Text

    @property
    def items(self) -> list[ItemEstimate]:
        return [i for c in self.categories for i in c.items]


def question_signals(
    answers: AnswerFile, questionnaire: Questionnaire, applicable: Iterable[str]
) -> dict[str, QuestionSignal]:
    """Per applicable question that is not answered n/a, what it says to the estimate."""
    by_id = questionnaire.question_by_id
    out: dict[str, QuestionSignal] = {}
    for qid in applicable:
        q = by_id.get(qid)
        if q is None:
            continue
        a = answers.answers.get(qid)
        if a is not None and a.value == NA:
            continue
        if a is None or a.value is None:
            out[qid] = QuestionSignal(None, False, False)
        elif q.type == "yesno":
            out[qid] = QuestionSignal(None, True, a.value is False)
        else:
            out[qid] = QuestionSignal(answer_level(q, a), True, False)
    return out


def level_to_percent(crosswalk: Crosswalk, level: float) -> float:
    """The percentage of an item's points that a (continuous) level stands for."""
    lp = crosswalk.level_percent
    lo = max(1, min(4, math.floor(level + _EPS)))
    frac = min(1.0, max(0.0, level - lo))
    return lp[lo] + (lp[lo + 1] - lp[lo]) * frac


def estimate(
    crosswalk: Crosswalk, signals: Mapping[str, QuestionSignal], cap: float = 2.0
) -> FrameworkEstimate:
    """The estimate of one company against one framework (see the module docstring)."""
    cats: list[CategoryEstimate] = []
    for c in crosswalk.categories:
        items: list[ItemEstimate] = []
        for it in c.items:
            links = [(qid, w) for qid, w in crosswalk.by_item.get(it.id, []) if qid in signals]
            total_w = sum(w for _, w in links)
            answered = [(qid, w) for qid, w in links if signals[qid].answered]
            ans_w = sum(w for _, w in answered)
            leveled = [(signals[qid].level, w) for qid, w in answered if signals[qid].level is not None]
            lw = sum(w for _, w in leveled)
            level = sum((lv or 0) * w for lv, w in leveled) / lw if lw > 0 else None
            capped = any(signals[qid].gate_unmet for qid, _ in answered)
            if capped and level is not None and level > cap:
                level = cap
            # An item answered only by yes/no gates has no level whichever way they are
            # answered: "no" caps a level but does not make one, so meeting a red line never
            # scores less than missing it.
            percent = level_to_percent(crosswalk, level) if level is not None and crosswalk.level_percent else None
            points = it.points * percent / 100 if it.points is not None and percent is not None else None
            gap = not any(
                (signals[qid].level or 0) >= 2 - _EPS for qid, _ in answered
            )
            items.append(
                ItemEstimate(
                    id=it.id, title=it.title, max_points=it.points, level=level, percent=percent,
                    points=points,
                    coverage=ans_w / total_w if total_w > 0 else 0.0, capped=capped,
                    questions=tuple(q for q, _ in links), answered=tuple(q for q, _ in answered), gap=gap,
                )
            )
        cats.append(_category(crosswalk, c, items))
    max_points = crosswalk.max_points
    total = sum(c.points or 0 for c in cats) if max_points is not None else None
    coverage = _weighted([(c.coverage, c.max_points or 1.0) for c in cats])
    return FrameworkEstimate(
        framework=crosswalk.framework, crosswalk=crosswalk.id, crosswalk_version=crosswalk.version,
        edition=crosswalk.edition, title=crosswalk.title, categories=tuple(cats),
        total_points=total, max_points=max_points, coverage=coverage or 0.0,
        points_verified=crosswalk.points_verified, bands_verified=crosswalk.bands_verified,
        estimate_note=crosswalk.estimate_note,
    )


def _weighted(pairs: list[tuple[float, float]]) -> float | None:
    w = sum(b for _, b in pairs)
    return sum(a * b for a, b in pairs) / w if w > 0 else None


def _category(crosswalk: Crosswalk, c: Category, items: list[ItemEstimate]) -> CategoryEstimate:
    covered = [i for i in items if i.level is not None]
    has_points = c.points is not None
    points = sum(i.points or 0 for i in items) if has_points else None
    percent = None
    if has_points and covered:
        covered_max = sum(i.max_points or 0 for i in covered)
        percent = 100 * sum(i.points or 0 for i in covered) / covered_max if covered_max > 0 else None
    level = _weighted([(i.level or 0, i.max_points or 1.0) for i in covered]) if covered else None
    coverage = _weighted([(i.coverage, i.max_points or 1.0) for i in items]) or 0.0
    return CategoryEstimate(
        id=c.id, title=c.title, kind=c.kind, max_points=c.points, points=points, percent=percent,
        band=crosswalk.band_of(percent) if percent is not None else None, level=level,
        coverage=coverage, measured=c.measured, note=c.note,
        points_verified=c.points_verified and all(i.points_verified for i in c.items),
        items=tuple(items),
    )


def categories_raised(crosswalk: Crosswalk, questions: Iterable[str]) -> list[str]:
    """The categories an action lifting `questions` raises, in framework order."""
    hit = {crosswalk.category_of[item].id for q in questions for item in crosswalk.mapping.get(q, {})}
    return [c.id for c in crosswalk.categories if c.id in hit]


@dataclass(frozen=True, slots=True)
class Finding:
    """A strength or an opportunity for improvement in a self-assessment outline."""

    question: str
    level: float
    evidence: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class OutlineSection:
    category: str
    title: Text
    strengths: tuple[Finding, ...]
    opportunities: tuple[Finding, ...]
    unanswered: tuple[str, ...]


def self_assessment_outline(
    crosswalk: Crosswalk, answers: AnswerFile, signals: Mapping[str, QuestionSignal], strong: float = 4.0
) -> list[OutlineSection]:
    """Per category: strengths (questions at `strong` or above, with their evidence) and
    opportunities (the rest, lowest level first; unmet red lines first of all)."""
    out: list[OutlineSection] = []
    for c in crosswalk.categories:
        seen: dict[str, float] = {}
        for it in c.items:
            for qid, w in crosswalk.by_item.get(it.id, []):
                if qid in signals:
                    seen[qid] = max(seen.get(qid, 0.0), w)
        strengths: list[Finding] = []
        ofis: list[tuple[tuple[int, float, float], Finding]] = []
        unanswered: list[str] = []
        for qid, w in seen.items():
            s = signals[qid]
            a = answers.answers.get(qid)
            ev = a.evidence if a is not None else None
            nt = a.note if a is not None else None
            if not s.answered:
                unanswered.append(qid)
            elif s.gate_unmet:
                ofis.append(((0, 0.0, -w), Finding(qid, 1.0, ev, nt)))
            elif s.level is not None and s.level >= strong - _EPS:
                strengths.append(Finding(qid, s.level, ev, nt))
            elif s.level is not None:
                ofis.append(((1, s.level, -w), Finding(qid, s.level, ev, nt)))
        strengths.sort(key=lambda f: -f.level)
        out.append(
            OutlineSection(
                category=c.id, title=c.title, strengths=tuple(strengths),
                opportunities=tuple(f for _, f in sorted(ofis, key=lambda t: t[0])),
                unanswered=tuple(unanswered),
            )
        )
    return out


def company_signals(answers: AnswerFile, questionnaire: Questionnaire) -> dict[str, QuestionSignal]:
    """`question_signals` over the questions that apply to the answer file's company (its
    sector's modules, its size and the facts it states) - what `score` and `plan` both use."""
    c = answers.company
    return question_signals(answers, questionnaire, questionnaire.applicable_ids(c.sector, c.size, c))


def estimates(
    crosswalks: Iterable[Crosswalk], answers: AnswerFile, questionnaire: Questionnaire
) -> dict[str, FrameworkEstimate]:
    """Every requested framework's estimate for one answer file, by framework id."""
    signals = company_signals(answers, questionnaire)
    return {cw.framework: estimate(cw, signals, questionnaire.red_line_cap) for cw in crosswalks}
