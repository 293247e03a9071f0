"""Plans for companies that are not in the repository (seeded random answer files across every
sector, size and company fact) and for the examples, planned against every bundled profile
through the one pipeline. For each plan:

* every planned action is needed: a red-line fix fixes one of the company's unmet red lines; a
  gap action names a question of one of its areas that applies, is answered (not n/a) and stands
  below the level the action lifts it to, in an area that is below its target; a prerequisite is
  not already reached (its answered questions are not all at its levels);
* no action is planned whose answered questions all stand at its levels;
* every action lies inside its phase's window, within the owners' capacity (the one schedule);
* an action whose open questions are all unanswered is listed as "assess first", never planned;
* no gap action is planned whose every reason another planned gap action covers (same questions, from
  no higher, at least as far): the catalogue's 1→3 action and its 2→3 step are the same work;
* a question is lifted step by step: an action that starts from a level above where a linked question
  stands comes after the catalogue's lower step for that question, which the plan has too (ended before
  it starts, or both later).
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest

from qmself.model.answers import NA, AnswerFile
from qmself.model.questionnaire import Question, Questionnaire
from qmself.pipeline import plan_company
from qmself.planning import action_applies, question_levels
from qmself.storage.bundled import Catalog
from qmself.storage.loaders import load_answer_file
from tests.test_planning import assert_one_schedule

CAT = Catalog()
Q = CAT.questionnaire()
PROFILES = sorted(CAT.profiles)
SIZES = ("micro", "small", "medium", "large")
FOOD_ROLES = ["grower", "producer", "wholesaler", "retailer", "caterer"]
BUILD_ROLES = ["developer", "contractor", "surveyor", "designer", "supervisor", "materials"]
COMPANIES = 30
EXAMPLES = sorted((Path(__file__).parents[1] / "examples").glob("*.yaml"))


def _value(q: Question, rng: random.Random, skill: int) -> object:
    """An answer around the company's overall `skill` (1-5): sometimes n/a, sometimes blank."""
    roll = rng.random()
    if roll < 0.05:
        return None
    if roll < 0.10 and q.allow_na:
        return NA
    if q.type == "yesno":
        return rng.random() < 0.85
    level = max(1, min(5, skill + rng.choice((-2, -1, -1, 0, 0, 0, 1, 1, 2))))
    if q.type == "maturity":
        return level
    bands = sorted(q.bands or [], key=lambda b: b.level)
    band = next((b for b in bands if b.level == level), bands[-1])
    low = band.min if band.min is not None else (q.min if q.min is not None else 0.0)
    high = band.max if band.max is not None else (q.max if q.max is not None else low + 10)
    return round(low + (high - low) * rng.random() * 0.99, 1)


def company(seed: int, q: Questionnaire = Q) -> AnswerFile:
    """One made-up company: sector, size, facts and answers drawn from `seed`."""
    rng = random.Random(seed)
    sector = rng.choice(q.sectors)
    modules = set(sector.modules)
    facts: dict[str, object] = {"consumer_sales": rng.choice([True, False, None]),
                                "exports": rng.choice([True, False, None])}
    if "food" in modules:
        facts["food_role"] = rng.sample(FOOD_ROLES, rng.randint(1, 2))
    if "construction" in modules:
        facts["construction_role"] = rng.sample(BUILD_ROLES, rng.randint(1, 2))
    size = rng.choice(SIZES)
    skill = rng.randint(1, 5)
    draft = AnswerFile.model_validate({
        "questionnaire": {"id": q.id, "version": q.version},
        "company": {"name": f"生成企业 {seed}", "credit_code": "91510100MA6C5T2K3G", "sector": sector.id,
                    "size": size, **{k: v for k, v in facts.items() if v is not None}},
        "assessment": {"date": dt.date(2026, 6, 1) + dt.timedelta(days=seed)},
        "answers": {},
    })
    answers = {x.id: {"value": _value(x, rng, skill)}
               for x in q.applicable(sector.id, size, draft.company)}
    for qid, a in answers.items():  # a number at a minimum sample has its sample size
        x = q.question_by_id[qid]
        if x.min_sample and isinstance(a["value"], float):
            a["sample"] = x.min_sample
    return draft.model_copy(update={"answers": AnswerFile.model_validate(
        {**draft.model_dump(mode="json"), "answers": answers}).answers})


@pytest.mark.parametrize("seed", range(COMPANIES))
def test_generated_companies_get_only_needed_actions(seed: int) -> None:
    check_plans(company(seed), f"seed {seed}")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_the_examples_get_only_needed_actions(example: Path) -> None:
    check_plans(load_answer_file(example, CAT.questionnaires).answers, example.stem)


def check_plans(answers: AnswerFile, name: str) -> None:
    """The properties above, for one company against every bundled profile."""
    result_levels = None
    for profile_id in PROFILES:
        planned = plan_company(answers, Q, CAT, profile_id)
        plan, result, cat = planned.plan, planned.result, planned.catalogue
        if result_levels is None:
            result_levels = question_levels(answers, Q, result.sector, result.size, result.facts)
        levels = result_levels
        unmet = {f.question for f in result.unmet_red_lines}
        below = {g.area for g in planned.comparison.areas if g.gap is not None and g.gap > 1e-9}
        where = f"{name} ({result.sector}, {result.size}) against {planned.profile.id}"
        assert_one_schedule(plan, result.size)
        for p in [*plan.actions, *plan.later]:
            a = p.action
            if p.reason == "red_line":
                assert a.red_line and unmet & set(a.questions), (where, a.id)
                continue
            answered = [x for x in a.questions if levels.get(x) is not None]
            if answered:  # never planned when every answered question stands at the action's levels
                assert any(levels[x] < a.level_for(x) for x in answered), (where, a.id, p.reason)  # type: ignore[operator]
            if p.reason == "gap":
                assert p.because, (where, a.id)
                for qid, lv, aim in p.because:
                    assert levels.get(qid) == lv and lv < aim == a.level_for(qid), (where, a.id, qid)
                assert any(Q.question_by_id[x].area in below & set(a.areas) for x, _, _ in p.because), (where, a.id)
        planned_ids = {p.action.id for p in plan.actions} | {x.action.id for x in plan.later}
        check_steps(plan, levels, cat, Q.modules_for(result.sector), result, where)
        gap = [p for p in [*plan.actions, *plan.later] if p.reason == "gap"]
        for p in gap:
            for o in gap:
                if o is not p and p.because:
                    assert not all(x in o.action.questions and o.action.from_level <= lv
                                   and o.action.level_for(x) >= aim for x, lv, aim in p.because), (where, p.action.id,
                                                                                                    o.action.id)
        for aid, open_q in plan.assess_first:
            assert aid not in planned_ids and all(levels.get(x, 0) is None for x in open_q), (where, aid)
            assert all(levels.get(x) is None or levels[x] >= cat.action_by_id[aid].level_for(x)  # type: ignore[operator]
                       for x in cat.action_by_id[aid].questions if x in levels), (where, aid)


def _lifts(b: Any, question: str, level: int, until: int) -> bool:
    """Does action `b` lift `question` from `level` by a step that ends at or below `until`?"""
    return (not b.red_line and question in b.questions
            and b.from_level <= level < b.level_for(question) <= until)


def check_steps(plan: Any, levels: dict[str, int | None], cat: Any, modules: Any, result: Any, where: str) -> None:
    ends = {p.action.id: p.end_month for p in plan.actions}
    starts = {p.action.id: p.start_month for p in plan.actions}
    later = {x.action.id for x in plan.later}
    everything = [*plan.actions, *plan.later]
    for p in everything:
        a = p.action
        if a.red_line:
            continue
        for x in a.questions:
            lv = levels.get(x)
            if lv is None or lv >= a.from_level:
                continue
            if not any(_lifts(b, x, lv, a.from_level) and action_applies(b, modules, result.facts)
                       for b in cat.actions):
                continue  # the catalogue has no lower step for it
            lower = [q.action.id for q in everything if _lifts(q.action, x, lv, a.from_level)]
            assert lower, (where, a.id, x, lv)
            if a.id in starts:
                assert any(b in ends and ends[b] <= starts[a.id] for b in lower), (where, a.id, x, lower)
            else:
                assert a.id in later


def test_the_generated_companies_cover_every_sector_and_size() -> None:
    made = [company(s) for s in range(COMPANIES)]
    assert {c.company.size for c in made} == set(SIZES)
    assert len({c.company.sector for c in made}) >= len(Q.sectors) - 1
    assert any(c.company.food_role for c in made) and any(c.company.construction_role for c in made)
