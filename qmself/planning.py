"""Planning: assessment + benchmark gaps + action catalogue -> a phased improvement plan.

Pure and deterministic: the same inputs always give the same plan. In order:

1. **Select.** Every catalogue action that fixes an unmet red line; then, for each
   area with a gap (in the comparison's priority order), the area's actions whose
   step lies between the level reached and the target (an area at 2.4 with
   target 3.5 needs the steps 2→3 and 3→4). Actions apply as questions do:
   sector-module actions only for companies of that sector, and an action's
   `applies_if` must hold for the company's facts (`action_applies`).
2. **Prerequisites.** A selected action's prerequisites join the plan unless the
   company already stands where they lead (their areas' levels reach their
   `to_level`; for a red-line action, its red line is met).
3. **Order.** Topologically, prerequisites first; among actions that are free to
   go: red-line fixes first, then by the priority of the gap they close, the
   lower step first, then catalogue order.
4. **Schedule.** Each action starts once its prerequisites end, at the first
   month its owner role has room: an owner carries at most `CAPACITY[size]`
   effort units at once (effort S = 0.5, M = 1, L = 1.5 of one person's time),
   though an owner with nothing on always takes the next action. Red-line fixes
   are legal duties and start at once whatever the load.
5. **Phases** by start month: 1 = 0–3 months (quick wins and red lines),
   2 = 3–12, 3 = 12–24, 4 = 24 months and later.
6. **Projection.** After each phase, an area whose red-line fixes are all done
   loses its cap (its uncapped level is used); then it climbs one level for each
   step all of whose planned actions are done, starting from the level reached.
"""

from __future__ import annotations

import calendar
import datetime as dt
import heapq
import math
from collections.abc import Mapping

from qmself.model.actions import Action, Catalogue
from qmself.model.answers import NA, AnswerFile
from qmself.model.applicability import NO_FACTS, CompanyFacts
from qmself.model.benchmark import BenchmarkProfile
from qmself.model.plan import PHASES, AreaProjection, Plan, PlannedAction
from qmself.model.questionnaire import Questionnaire
from qmself.model.results import AssessmentResult, Comparison
from qmself.scoring import answer_level, compare
from qmself.scoring import whole as _whole

EFFORT_LOAD = {"S": 0.5, "M": 1.0, "L": 1.5}
CAPACITY = {"micro": 1.0, "small": 1.5, "medium": 2.5, "large": 4.0}
_EPS = 1e-9


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it is shorter)."""
    m = day.month - 1 + months
    year, month = day.year + m // 12, m % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))



def phase_of(month: int) -> int:
    for p in PHASES:
        if p.end_month is None or month < p.end_month:
            return p.id
    return PHASES[-1].id  # pragma: no cover - the last phase is open


#: The bundled profiles from the statutory floor to award level: a plan whose profile is
#: already met aims at the next one as a declared stretch target.
LADDER = ("statutory-baseline", "sme-starter", "standard-leader", "quality-award")


def question_levels(
    answers: AnswerFile, questionnaire: Questionnaire, sector: str, size: str, facts: CompanyFacts = NO_FACTS,
) -> dict[str, int | None]:
    """Each applicable question's answered level (None = not answered). n/a answers and
    questions that do not apply to the company (sector, size and its facts) are left out:
    they never pull an action in."""
    by_id = questionnaire.question_by_id
    out: dict[str, int | None] = {}
    for qid in questionnaire.applicable_ids(sector, size, facts):
        a = answers.answers.get(qid)
        if a is not None and a.value == NA:
            continue
        out[qid] = None if a is None or a.value is None else answer_level(by_id[qid], a)
    return out


def plan_for(
    result: AssessmentResult,
    answers: AnswerFile,
    profile: BenchmarkProfile,
    profiles: Mapping[str, BenchmarkProfile],
    questionnaire: Questionnaire,
    catalogue: Catalogue,
) -> tuple[Plan, Comparison, BenchmarkProfile]:
    """The one planning pipeline (`plan`, the TUI's review, `portfolio`): the plan against
    `profile`; when it is already met and nothing is left to do, against the next profile of
    the ladder as a declared stretch target. Returns the plan, the comparison it closes and
    the profile it aims at."""
    comparison = compare(result, profile, questionnaire)
    plan = make_plan(result, comparison, questionnaire, catalogue, answers)
    current = profile
    while not plan.actions and comparison.all_met and current.id in LADDER:
        nxt = LADDER.index(current.id) + 1
        if nxt >= len(LADDER) or LADDER[nxt] not in profiles:
            break
        current = profiles[LADDER[nxt]]
        comparison = compare(result, current, questionnaire)
        plan = make_plan(result, comparison, questionnaire, catalogue, answers)
    if current is not profile:
        plan = Plan(**{**{f: getattr(plan, f) for f in plan.__dataclass_fields__}, "stretch_from": profile.id})
    return plan, comparison, current


def action_applies(action: Action, modules: frozenset[str] | set[str], facts: CompanyFacts) -> bool:
    """Does a catalogue action apply to a company with these sector modules and facts?
    As for questions: a sector-module action only in that sector, and its `applies_if`
    must hold (a fact the company has not stated counts as holding)."""
    if action.module is not None and action.module not in modules:
        return False
    return action.applies_if is None or action.applies_if.check(facts)[0]


def make_plan(
    result: AssessmentResult,
    comparison: Comparison,
    questionnaire: Questionnaire,
    catalogue: Catalogue,
    answers: AnswerFile | None = None,
) -> Plan:
    """The phased plan that closes `comparison`'s gaps, red lines first.

    With `answers`, an action is chosen only because of named questions: those it lifts
    that apply to the company, are answered, and stand below the level it aims at. An
    action whose questions are all at its level is never planned; one whose only open
    questions are unanswered is listed as "assess first" instead.
    """
    modules = questionnaire.modules_for(result.sector)
    usable = [a for a in catalogue.actions if action_applies(a, modules, result.facts)]
    order = {a.id: i for i, a in enumerate(catalogue.actions)}
    levels = {a.id: a.level for a in result.areas}
    unmet = {f.question for f in result.unmet_red_lines}
    rank = {g.area: g.priority for g in comparison.areas if g.priority is not None}

    qlev = (question_levels(answers, questionnaire, result.sector, result.size, result.facts)
            if answers is not None else None)

    def because(a: Action) -> list[tuple[str, int, int]]:
        """The linked questions that apply, are answered and stand below the action's level."""
        assert qlev is not None
        return [(x, lv, a.to_level) for x in a.questions if (lv := qlev.get(x)) is not None and lv < a.to_level]

    selected: dict[str, str] = {}
    reasons: dict[str, list[tuple[str, int, int]]] = {}
    assess_first: dict[str, tuple[str, ...]] = {}
    for a in usable:
        if a.red_line and unmet & set(a.questions):
            selected[a.id] = "red_line"
            reasons[a.id] = [(x, 1, 5) for x in a.questions if x in unmet]
    uncovered: list[str] = []
    for gap in comparison.priorities:
        if gap.actual is None or gap.gap is None or gap.gap <= _EPS:
            continue
        low, high = _whole(gap.actual), math.ceil(gap.target - _EPS)
        found = [a for a in usable if not a.red_line and gap.area in a.areas and low <= a.from_level < high]
        if qlev is not None:
            kept = []
            for a in found:
                if not a.questions:
                    kept.append(a)
                    continue
                why = because(a)
                if why:
                    reasons.setdefault(a.id, why)
                    kept.append(a)
                else:
                    open_q = tuple(x for x in a.questions if x in qlev and qlev[x] is None)
                    if open_q and a.id not in selected:
                        assess_first.setdefault(a.id, open_q)
            found = kept
        if not found:
            uncovered.append(gap.area)
        for a in found:
            selected.setdefault(a.id, "gap")

    def reached(a: Action) -> bool:
        if a.red_line:
            return not (unmet & set(a.questions))
        if qlev is not None and any(x in qlev and qlev[x] is not None for x in a.questions):
            return not because(a)
        return all((levels.get(x) or 1.0) + _EPS >= a.to_level for x in a.areas)

    by_id = catalogue.action_by_id
    stack = sorted(selected, key=order.__getitem__)
    while stack:
        for pre in by_id[stack.pop()].prerequisites:
            p = by_id.get(pre)
            if p is None or pre in selected or not action_applies(p, modules, result.facts) or reached(p):
                continue
            selected[pre] = "prerequisite"
            stack.append(pre)

    chosen = {i: by_id[i] for i in selected}
    deps = {i: tuple(p for p in a.prerequisites if p in chosen) for i, a in chosen.items()}

    def key(i: str) -> tuple[int, int, int, int]:
        a = chosen[i]
        prio = min((rank.get(x, 99) for x in a.areas), default=99)
        return (0 if selected[i] == "red_line" else 1, prio, a.from_level, order[i])

    # Kahn's algorithm with a priority queue: deterministic, prerequisites first
    waiting = {i: set(d) for i, d in deps.items()}
    users: dict[str, list[str]] = {i: [] for i in chosen}
    for i, d in deps.items():
        for pre_id in d:
            users[pre_id].append(i)
    ready = [(key(i), i) for i, d in waiting.items() if not d]
    heapq.heapify(ready)
    sequence: list[str] = []
    while ready:
        _, i = heapq.heappop(ready)
        sequence.append(i)
        for u in users[i]:
            waiting[u].discard(i)
            if not waiting[u]:
                heapq.heappush(ready, (key(u), u))

    capacity = CAPACITY.get(result.size, 1.5)
    load: dict[str, list[float]] = {}
    ends: dict[str, int] = {}
    planned: list[PlannedAction] = []
    for i in sequence:
        a = chosen[i]
        start = max((ends[p] for p in deps[i]), default=0)
        need = EFFORT_LOAD[a.effort]
        timeline = load.setdefault(a.owner, [])
        if selected[i] != "red_line":
            while not _fits(timeline, start, a.duration_months, need, capacity):
                start += 1
        end = start + a.duration_months
        if len(timeline) < end:
            timeline.extend([0.0] * (end - len(timeline)))
        for m in range(start, end):
            timeline[m] += need
        ends[i] = end
        planned.append(
            PlannedAction(
                action=a,
                reason=selected[i],
                start_month=start,
                end_month=end,
                start=add_months(result.assessment_date, start),
                end=add_months(result.assessment_date, end),
                phase=phase_of(start),
                blocked_by=deps[i],
                because=tuple(reasons.get(i, ())) if selected[i] != "prerequisite" or qlev is None
                else tuple(because(a)),
            )
        )

    if answers is not None:
        projections, overall = _project_by_question(result, comparison, questionnaire, planned, answers)
    else:
        projections, overall = _project(result, comparison, questionnaire, planned)
    workload = {
        owner: tuple(
            sum(timeline[p.start_month: p.end_month if p.end_month is not None else len(timeline)])
            for p in PHASES
        )
        for owner, timeline in sorted(load.items())
    }
    return Plan(
        start=result.assessment_date,
        actions=tuple(sorted(planned, key=lambda p: (p.start_month, sequence.index(p.action.id)))),
        projections=projections,
        overall_after_phase=overall,
        workload=workload,
        capacity=capacity,
        uncovered=tuple(uncovered),
        assess_first=tuple((k, v) for k, v in assess_first.items() if k not in selected),
    )


def _fits(timeline: list[float], start: int, months: int, need: float, capacity: float) -> bool:
    for m in range(start, start + months):
        used = timeline[m] if m < len(timeline) else 0.0
        if used > 0 and used + need > capacity + _EPS:
            return False
    return True


def _project_by_question(
    result: AssessmentResult,
    comparison: Comparison,
    questionnaire: Questionnaire,
    planned: list[PlannedAction],
    answers: AnswerFile,
) -> tuple[tuple[AreaProjection, ...], tuple[float | None, ...]]:
    """Projection from the answers: after each phase, every question an action that is done
    by then lifts stands at the level the action aims at (never lower than now), every red
    line it fixes is met, and the company is scored again by the same rules."""
    from qmself.scoring import score

    by_id = questionnaire.question_by_id
    targets = {g.area: g.target for g in comparison.areas}
    per_phase: list[AssessmentResult] = []
    for p in PHASES:
        done = [x for x in planned if p.end_month is None or x.end_month <= p.end_month]
        new = dict(answers.answers)
        for x in done:
            for qid, _now, aim in x.because:
                q = by_id.get(qid)
                old = new.get(qid)
                if q is None or old is None:
                    continue
                if q.type == "yesno":
                    new[qid] = old._replace(value=True)
                elif q.type == "maturity" and isinstance(old.value, int) and old.value < aim:
                    new[qid] = old._replace(value=aim)
                elif q.type == "number":  # the lowest value of the band the action aims at
                    band = next((b for b in q.bands or [] if b.level == aim and b.min is not None), None)
                    if band is not None and isinstance(old.value, (int, float)) and old.value < (band.min or 0):
                        new[qid] = old._replace(value=band.min, sample=max(old.sample or 0, q.min_sample or 0) or None)
        lifted = answers.model_copy(update={"answers": new})
        per_phase.append(score(lifted, questionnaire, missing=result.missing_treatment))
    projections = tuple(
        AreaProjection(
            area=a.id, current=a.level, target=targets.get(a.id),
            after_phase=tuple(r.area(a.id).level for r in per_phase),
        )
        for a in result.areas
    )
    return projections, tuple(r.overall_index for r in per_phase)


def _project(
    result: AssessmentResult,
    comparison: Comparison,
    questionnaire: Questionnaire,
    planned: list[PlannedAction],
) -> tuple[tuple[AreaProjection, ...], tuple[float | None, ...]]:
    targets = {g.area: g.target for g in comparison.areas}
    cap = questionnaire.red_line_cap
    weights = {a.id: a.weight for a in questionnaire.areas}
    per_phase: list[dict[str, float | None]] = []
    unfixed: list[bool] = []
    for p in PHASES:
        done = [x for x in planned if p.end_month is None or x.end_month <= p.end_month]
        done_ids = {x.action.id for x in done}
        still_unmet = {f.question for f in result.unmet_red_lines} - {
            q for x in done if x.action.red_line for q in x.action.questions
        }
        levels: dict[str, float | None] = {}
        for area in result.areas:
            if area.level is None:
                levels[area.id] = None
                continue
            level = area.level
            area_unmet = set(area.red_lines_unmet) & still_unmet
            if area.capped and not area_unmet and area.raw_score is not None:
                level = 1 + 4 * area.raw_score / 100
            steps = [x.action for x in planned if area.id in x.action.areas and not x.action.red_line]
            while True:
                k = _whole(level)
                step = [a for a in steps if a.from_level == k]
                if not step or not all(a.id in done_ids for a in step):
                    break
                level = float(max(a.to_level for a in step))
            if area_unmet:
                level = min(level, cap)
            levels[area.id] = level
        per_phase.append(levels)
        unfixed.append(bool(still_unmet))
    projections = tuple(
        AreaProjection(
            area=a.id,
            current=a.level,
            target=targets.get(a.id),
            after_phase=tuple(levels[a.id] for levels in per_phase),
        )
        for a in result.areas
    )
    overall: list[float | None] = []
    for levels, red in zip(per_phase, unfixed, strict=True):
        known = [(weights[k], v) for k, v in levels.items() if v is not None]
        if not known:
            overall.append(None)
            continue
        index = sum(w * 100 * (v - 1) / 4 for w, v in known) / sum(w for w, _ in known)
        overall.append(min(index, 100 * (cap - 1) / 4) if red else index)
    return projections, tuple(overall)
