"""Planning: assessment + benchmark gaps + action catalogue -> a phased improvement plan.

Pure and deterministic: the same inputs always give the same plan. In order:

1. **Select.** Every catalogue action that fixes an unmet red line; then, for each
   area with a gap (in the comparison's priority order), the area's actions whose
   step lies between the level reached and the target (an area at 2.4 with
   target 3.5 needs the steps 2→3 and 3→4); with the answers, only those called for by
   a question of that area which applies, is answered and stands below the level the
   action lifts it to (`Action.level_for`). n/a never pulls an action in; an action whose
   only open questions are unanswered is listed as "assess first", not planned. A
   previous plan's action whose questions reached their levels is thus never planned
   again (`pipeline.progress_since` says which). Actions apply as questions do:
   sector-module actions only for companies of that sector, and an action's
   `applies_if` must hold for the company's facts (`action_applies`). A micro or
   small firm's actions go to the roles it has (`Role.held_by`: no legal or IT
   department, the general manager or the quality manager takes their actions).
2. **Prerequisites.** A selected action's prerequisites join the plan unless the
   company already stands where they lead (their areas' levels reach their
   `to_level`; for a red-line action, its red line is met).
3. **Order.** Topologically, prerequisites first; among actions that are free to
   go: red-line fixes (and what they wait for) first, then by the priority of the
   gap they close, the lower step first, then catalogue order.
4. **Schedule** (`schedule`, the one schedule everything else is read from). An
   action's effort is a number of person-months (S 0.5, M 2, L 4) spread evenly
   over its months. Red-line fixes are legal duties: they start at month 0 (or as
   soon as their own prerequisites end) whatever the load. Every other action
   starts at the first month where its prerequisites have ended, it lies wholly
   inside one phase window, and its owner role stays within `CAPACITY[size]`
   person-months in every month it runs (red-line work counted). The plan lasts at
   most `HORIZON[size]` months; what does not fit is listed as later.
5. **Phases** are windows no action crosses (`phase_windows`): one per plan year,
   ending at months 12, 24 and 36 within the horizon (the last at the horizon).
   Only windows holding actions are phases, numbered 1..n.
6. **Projection.** After each phase, an area whose red-line fixes are all done
   loses its cap (its uncapped level is used); then it climbs one level for each
   step all of whose planned actions are done, starting from the level reached.
"""

from __future__ import annotations

import calendar
import datetime as dt
import heapq
import itertools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from qmself.model.actions import Action, Catalogue
from qmself.model.answers import NA, AnswerFile
from qmself.model.applicability import NO_FACTS, CompanyFacts
from qmself.model.benchmark import BenchmarkProfile
from qmself.model.plan import AreaProjection, LaterAction, PhaseDef, Plan, PlannedAction
from qmself.model.questionnaire import Questionnaire
from qmself.model.results import AssessmentResult, Comparison
from qmself.scoring import answer_level, compare
from qmself.scoring import whole as _whole

EFFORT_PM = {"S": 0.5, "M": 2.0, "L": 4.0}
"""Person-months an action of each effort takes in all (S under 1, M 1–3, L over 3)."""
CAPACITY = {"micro": 0.75, "small": 1.0, "medium": 1.5, "large": 2.0}
"""Person-months a month one owner role can give to the plan at most: in a small firm one
person full time, in a micro firm three quarters of one person, a medium or large firm's
function one and a half or two people."""
HORIZON = {"micro": 12, "small": 18, "medium": 24, "large": 36}
"""The plan's length in months at most; what does not fit is listed as later."""
BOUNDARIES = (12, 24, 36)
"""Where phases end: one phase per plan year, within the horizon."""
_EPS = 1e-9


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it is shorter)."""
    m = day.month - 1 + months
    year, month = day.year + m // 12, m % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))



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
    that apply to the company, are answered, and stand below the level it lifts them to;
    for an area's gap, one of them must lie in that area (an action listed for two areas
    closes a gap only where it lifts a question). An action whose questions are all at its
    level is never planned; one whose only open questions are unanswered is listed as
    "assess first" instead.
    """
    modules = questionnaire.modules_for(result.sector)
    usable = [a for a in catalogue.actions if action_applies(a, modules, result.facts)]
    order = {a.id: i for i, a in enumerate(catalogue.actions)}
    levels = {a.id: a.level for a in result.areas}
    unmet = {f.question for f in result.unmet_red_lines}
    rank = {g.area: g.priority for g in comparison.areas if g.priority is not None}

    qlev = (question_levels(answers, questionnaire, result.sector, result.size, result.facts)
            if answers is not None else None)
    area_of = {x.id: x.area for x in questionnaire.questions}

    def because(a: Action) -> list[tuple[str, int, int]]:
        """The linked questions that apply, are answered and stand below the level the action lifts them to."""
        assert qlev is not None
        return [(x, lv, aim) for x in a.questions
                if (lv := qlev.get(x)) is not None and lv < (aim := a.level_for(x))]

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
                if any(area_of.get(x) == gap.area for x, _, _ in why):  # called for by a question of this area
                    reasons.setdefault(a.id, why)
                    kept.append(a)
                elif not why:
                    open_q = tuple(x for x in a.questions if x in qlev and qlev[x] is None)
                    if open_q and a.id not in selected:
                        assess_first.setdefault(a.id, open_q)
            found = kept
        if not found:
            uncovered.append(gap.area)
        for a in found:
            selected.setdefault(a.id, "gap")
    if qlev is not None:
        _drop_subsumed(selected, reasons, catalogue.action_by_id, order, because)

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

    steps = _lower_steps(selected, by_id, usable, order, qlev) if qlev is not None else {}

    chosen = {i: catalogue.for_size(by_id[i], result.size) for i in selected}  # owners the company has
    deps = {i: tuple(p for p in a.prerequisites if p in chosen) for i, a in chosen.items()}
    for i, lower in steps.items():  # a question's lower step before its higher one (unless that made a cycle)
        deps[i] = (*deps[i], *(b for b in lower if b not in deps[i] and not _depends(b, i, deps)))

    urgent = {i for i in chosen if selected[i] == "red_line"}  # red-line fixes and what they wait for
    todo = list(urgent)
    while todo:
        for pre_id in deps[todo.pop()]:
            if pre_id not in urgent:
                urgent.add(pre_id)
                todo.append(pre_id)

    def key(i: str) -> tuple[int, int, int, int]:
        a = chosen[i]
        prio = min((rank.get(x, 99) for x in a.areas), default=99)
        return (0 if i in urgent else 1, prio, a.from_level, order[i])

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

    sched = schedule(
        [(chosen[i], deps[i], selected[i]) for i in sequence], result.size, result.assessment_date,
        because={i: tuple(reasons.get(i, ())) if selected[i] != "prerequisite" or qlev is None
                 else tuple(because(chosen[i])) for i in sequence},
    )
    planned = list(sched.actions)
    if answers is not None:
        projections, overall = _project_by_question(result, comparison, questionnaire, planned, answers, sched.phases)
    else:
        projections, overall = _project(result, comparison, questionnaire, planned, sched.phases)
    return Plan(
        start=result.assessment_date,
        actions=sched.actions,
        projections=projections,
        overall_after_phase=overall,
        workload=sched.workload,
        capacity=sched.capacity,
        uncovered=tuple(uncovered),
        assess_first=tuple((k, v) for k, v in assess_first.items() if k not in selected),
        phases=sched.phases,
        horizon=sched.horizon,
        later=sched.later,
        monthly_load=sched.monthly_load,
    )


def _drop_subsumed(selected: dict[str, str], reasons: dict[str, list[tuple[str, int, int]]],
                   by_id: Mapping[str, Action], order: Mapping[str, int],
                   because: Callable[[Action], list[tuple[str, int, int]]]) -> None:
    """Drop a gap action whose every reason another chosen gap action already covers: that one links the
    same questions, starts no higher and lifts them at least as far (the catalogue's 1→3 action and its
    2→3 step for a question at 1 or 2 are the same work; the wider one stays, the earlier in the catalogue
    when both cover each other)."""
    gap = sorted((i for i, why in selected.items() if why == "gap"), key=order.__getitem__)
    whys = {i: because(by_id[i]) for i in gap}

    def covers(a: str, b: str) -> bool:
        """Does action `a` cover every reason of action `b`?"""
        x_a = by_id[a]
        return bool(whys[b]) and all(x in x_a.questions and x_a.from_level <= lv and x_a.level_for(x) >= aim
                                     for x, lv, aim in whys[b])

    kept: list[str] = []
    for i in gap:
        if not any(covers(k, i) for k in kept):
            kept = [k for k in kept if not covers(i, k)] + [i]
    for i in set(gap) - set(kept):
        del selected[i]
        reasons.pop(i, None)


def _lower_steps(selected: dict[str, str], by_id: Mapping[str, Action], usable: list[Action],
                 order: Mapping[str, int], qlev: Mapping[str, int | None]) -> dict[str, list[str]]:
    """Each selected action's lower steps: for a linked question standing below the level the action
    starts from, the catalogue's actions that lift it there step by step come first. They are added to
    `selected` as prerequisites when the plan does not have them yet (a question at level 2 is not lifted
    to 4 by a 3→4 action alone), whatever the catalogue's `prerequisites` say. Returns, per action, the
    lower steps it waits for."""
    lower: dict[str, list[str]] = {}
    todo = [i for i in selected if not by_id[i].red_line]
    while todo:
        a = by_id[todo.pop()]
        for x in a.questions:
            cur = qlev.get(x)
            while cur is not None and cur < a.from_level:
                fits = ([by_id[i] for i in selected if _step(by_id[i], x, cur, a.from_level)]
                        or [b for b in usable if _step(b, x, cur, a.from_level)])
                if not fits:
                    break  # the catalogue has no step here: the action still stands, the gap is shown
                b = max(fits, key=lambda b: (b.level_for(x), b.from_level, -order[b.id]))
                if b.id not in selected:
                    selected[b.id] = "prerequisite"
                    todo.append(b.id)
                if b.id not in lower.setdefault(a.id, []):
                    lower[a.id].append(b.id)
                cur = b.level_for(x)
    return lower


def _step(b: Action, question: str, level: int, until: int) -> bool:
    """Does `b` lift `question` from `level` by a step that ends no higher than `until`?"""
    return not b.red_line and question in b.questions and b.from_level <= level < b.level_for(question) <= until


def _depends(a: str, b: str, deps: Mapping[str, tuple[str, ...]]) -> bool:
    """Does action `a` wait, directly or through others, for action `b`?"""
    seen: set[str] = set()
    todo = [a]
    while todo:
        for d in deps.get(todo.pop(), ()):
            if d == b:
                return True
            if d not in seen:
                seen.add(d)
                todo.append(d)
    return False


@dataclass(frozen=True, slots=True)
class Schedule:
    """The one schedule a plan's roadmap, Gantt, phases, projections and workload come from."""

    actions: tuple[PlannedAction, ...]
    phases: tuple[PhaseDef, ...]
    later: tuple[LaterAction, ...]
    horizon: int
    capacity: float
    monthly_load: dict[str, tuple[float, ...]]
    workload: dict[str, tuple[float, ...]]


def intensity(a: Action) -> float:
    """Person-months a month the action asks of its owner: its effort spread evenly over its months."""
    return EFFORT_PM[a.effort] / a.duration_months


def phase_windows(horizon: int, first_end: int = 0) -> tuple[tuple[int, int], ...]:
    """The phase windows within `horizon` months: one per plan year (ending at months 12,
    24 and 36), the last ending at the horizon; the first lasts at least until `first_end`
    (the red-line fixes' end). The catalogue's longest action takes 12 months, so any action
    fits in a window."""
    cuts = sorted({0, *(b for b in BOUNDARIES if max(first_end, 0) < b < horizon), horizon})
    return tuple(itertools.pairwise(cuts))


def schedule(
    items: list[tuple[Action, tuple[str, ...], str]],
    size: str,
    day: dt.date,
    because: Mapping[str, tuple[tuple[str, int, int], ...]] | None = None,
) -> Schedule:
    """Schedule `items` (action, prerequisites in the plan, reason), given in topological
    order with urgent ones first.

    * Urgent = a red-line fix or a prerequisite of one: it starts as soon as its prerequisites
      end (month 0 when it has none), whatever the load.
    * Every other action starts at the first month where (a) its prerequisites have ended,
      (b) it lies wholly inside one phase window, and (c) its owner role's load stays within
      `CAPACITY[size]` person-months in each of its months, red-line work included.
    * An action that cannot end by the horizon, or whose prerequisite is later, is later.
    """
    because = because or {}
    capacity = CAPACITY.get(size, CAPACITY["small"])
    horizon = HORIZON.get(size, HORIZON["small"])
    urgent: set[str] = {a.id for a, _, why in items if why == "red_line"}
    for a, pre, _ in reversed(items):  # prerequisites come before their users in `items`
        if a.id in urgent:
            urgent.update(pre)
    load: dict[str, list[float]] = {}
    ends: dict[str, int] = {}
    placed: dict[str, tuple[int, int]] = {}
    later: list[LaterAction] = []
    later_ids: dict[str, int] = {}

    def put(a: Action, start: int) -> None:
        end = start + a.duration_months
        timeline = load.setdefault(a.owner, [])
        if len(timeline) < end:
            timeline.extend([0.0] * (end - len(timeline)))
        for m in range(start, end):
            timeline[m] += intensity(a)
        ends[a.id] = end
        placed[a.id] = (start, end)

    for a, pre, _ in items:
        if a.id in urgent:
            put(a, max((ends[p] for p in pre), default=0))
    horizon = max(horizon, *ends.values()) if ends else horizon
    windows = phase_windows(horizon, max(ends.values(), default=0))

    for a, pre, why in items:
        if a.id in urgent:
            continue
        waits = tuple(p for p in pre if p in later_ids)
        start = max([0, *(ends[p] for p in pre if p in ends), *(later_ids[p] for p in waits)])
        if waits:
            later.append(LaterAction(a, why, start, waits, because.get(a.id, ())))
            later_ids[a.id] = start + a.duration_months
            continue
        earliest = start
        timeline = load.get(a.owner, [])
        while True:
            end = start + a.duration_months
            if end > horizon:
                later.append(LaterAction(a, why, earliest, (), because.get(a.id, ())))
                later_ids[a.id] = earliest + a.duration_months
                break
            w_end = next(e for s, e in windows if s <= start < e)
            if end > w_end:
                start = w_end
            elif not _fits(timeline, start, a.duration_months, intensity(a), capacity):
                start += 1
            else:
                put(a, start)
                break

    def window_of(end: int) -> int:
        return next(k for k, (_, e) in enumerate(windows) if end <= e)

    used = sorted({window_of(e) for _, e in placed.values()})
    last_end = max((e for _, e in placed.values()), default=0)
    phases = tuple(  # the last phase ends with the plan
        PhaseDef(n, windows[k][0], last_end if n == len(used) else windows[k][1]) for n, k in enumerate(used, 1)
    )
    number = {k: n for n, k in enumerate(used, 1)}
    order = {a.id: n for n, (a, _, _) in enumerate(items)}
    planned = [
        PlannedAction(
            action=a, reason=why, start_month=placed[a.id][0], end_month=placed[a.id][1],
            start=add_months(day, placed[a.id][0]), end=add_months(day, placed[a.id][1]),
            phase=number[window_of(placed[a.id][1])], blocked_by=pre, because=because.get(a.id, ()),
        )
        for a, pre, why in items if a.id in placed
    ]
    monthly = {
        owner: tuple(timeline[m] if m < len(timeline) else 0.0 for m in range(horizon))
        for owner, timeline in sorted(load.items())
    }
    workload = {
        owner: tuple(sum(months[p.start_month: p.end_month]) for p in phases) for owner, months in monthly.items()
    }
    return Schedule(
        actions=tuple(sorted(planned, key=lambda p: (p.start_month, order[p.action.id]))),
        phases=phases, later=tuple(later), horizon=horizon, capacity=capacity,
        monthly_load=monthly, workload=workload,
    )


def _fits(timeline: list[float], start: int, months: int, need: float, capacity: float) -> bool:
    """Whether `need` more person-months a month keep the owner within `capacity` (an action
    larger than the capacity on its own may still go to an owner with nothing on)."""
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
    phases: tuple[PhaseDef, ...],
) -> tuple[tuple[AreaProjection, ...], tuple[float | None, ...]]:
    """Projection from the answers: after each phase, every question an action that is done
    by then lifts stands at the level the action aims at (never lower than now), every red
    line it fixes is met, and the company is scored again by the same rules."""
    from qmself.scoring import score

    by_id = questionnaire.question_by_id
    targets = {g.area: g.target for g in comparison.areas}
    per_phase: list[AssessmentResult] = []
    for p in phases:
        done = [x for x in planned if x.end_month <= p.end_month]
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
    phases: tuple[PhaseDef, ...],
) -> tuple[tuple[AreaProjection, ...], tuple[float | None, ...]]:
    targets = {g.area: g.target for g in comparison.areas}
    cap = questionnaire.red_line_cap
    weights = {a.id: a.weight for a in questionnaire.areas}
    per_phase: list[dict[str, float | None]] = []
    unfixed: list[bool] = []
    for p in phases:
        done = [x for x in planned if x.end_month <= p.end_month]
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
