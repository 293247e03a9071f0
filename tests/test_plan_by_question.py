"""Plans choose actions by question: every action traces back to named answers."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from qmself.model.plan import Plan
from qmself.planning import make_plan, plan_for, question_levels
from qmself.scoring import compare, score
from qmself.storage.bundled import Catalog
from qmself.storage.loaders import load_answer_file
from tests.conftest import CONSUMER_MAKER

EXAMPLES = sorted((Path(__file__).parents[1] / "examples").glob("*.yaml"))
CAT = Catalog()
PROFILES = sorted(CAT.profiles)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("profile_id", PROFILES)
def test_every_planned_action_names_the_questions_that_need_it(example: Path, profile_id: str) -> None:
    loaded = load_answer_file(example, CAT.questionnaires)
    q = loaded.questionnaire
    result = score(loaded.answers, q)
    plan, _cmp, _profile = plan_for(result, loaded.answers, CAT.profile(profile_id), CAT.profiles, q, CAT.catalogue(q))
    levels = question_levels(loaded.answers, q, result.sector, result.size)
    for p in plan.actions:
        if p.reason == "red_line":
            assert any(lv == 1 for _, lv, _ in p.because), p.action.id
            continue
        if p.reason == "prerequisite" or not p.action.questions:
            continue
        assert p.because, f"{example.stem}/{profile_id}: {p.action.id} planned with no question calling for it"
        for qid, lv, aim in p.because:
            assert qid in p.action.questions and levels[qid] == lv and lv < aim == p.action.level_for(qid)


def test_an_action_whose_questions_reached_its_level_is_not_planned() -> None:
    # the small manufacturer's QMS-01, QMS-02 and QMS-08 stand at 3 (an ISO 9001 certificate valid to 2028)
    loaded = load_answer_file(EXAMPLES[[p.stem for p in EXAMPLES].index("small-manufacturer")], CAT.questionnaires)
    q = loaded.questionnaire
    result = score(loaded.answers, q)
    cmp = compare(result, CAT.profile("sme-starter"), q)
    ids = _chosen(make_plan(result, cmp, q, CAT.catalogue(q), loaded.answers))
    assert "ACT-QMS-02" not in ids and "ACT-SUPPLY-01" not in ids and "ACT-STD-01" not in ids
    # without the answers (area logic only) the area's actions were taken whole (inside the
    # horizon or after it: the catalogue is large enough that some fall beyond it)
    assert "ACT-QMS-02" in _chosen(make_plan(result, cmp, q, CAT.catalogue(q)))


def _chosen(plan: Plan) -> set[str]:
    """The actions a plan chose: those it schedules and those left for after its horizon."""
    return {p.action.id for p in plan.actions} | {x.action.id for x in plan.later}


def test_na_never_pulls_an_action_in() -> None:
    loaded = load_answer_file(EXAMPLES[[p.stem for p in EXAMPLES].index("small-manufacturer")], CAT.questionnaires)
    assert loaded.answers.answers["STD-05"].value == "n/a"
    q = loaded.questionnaire
    result = score(loaded.answers, q)
    cmp = compare(result, CAT.profile("quality-award"), q)
    ids = {p.action.id for p in make_plan(result, cmp, q, CAT.catalogue(q), loaded.answers).actions}
    assert "ACT-STD-04" not in ids  # its only question, STD-05, is n/a (no export business)


def test_a_met_profile_plans_toward_the_next_one() -> None:
    loaded = load_answer_file(EXAMPLES[[p.stem for p in EXAMPLES].index("food-producer")], CAT.questionnaires)
    q = loaded.questionnaire
    result = score(loaded.answers, q)
    plan, cmp, profile = plan_for(result, loaded.answers, CAT.profile("sme-starter"), CAT.profiles, q, CAT.catalogue(q))
    assert plan.stretch_from == "sme-starter" and profile.id == "standard-leader" and plan.actions
    assert not cmp.all_met


def _with_condition(catalogue, action_id: str, **cond: object):  # type: ignore[no-untyped-def]
    """The catalogue with one action given an `applies_if` condition."""
    from qmself.model.applicability import Applicability

    actions = [a.model_copy(update={"applies_if": Applicability(**cond)}) if a.id == action_id else a
               for a in catalogue.actions]
    return catalogue.model_copy(update={"actions": actions})


def test_an_action_applies_only_where_its_condition_holds() -> None:
    # the small manufacturer does not export (company.exports: false)
    loaded = load_answer_file(EXAMPLES[[p.stem for p in EXAMPLES].index("small-manufacturer")], CAT.questionnaires)
    q = loaded.questionnaire
    result = score(loaded.answers, q)
    assert result.facts.exports is False
    cmp = compare(result, CAT.profile("quality-award"), q)
    base = CAT.catalogue(q)
    planned = [p.action.id for p in make_plan(result, cmp, q, base, loaded.answers).actions]
    victim = planned[0]
    only_exporters = _with_condition(base, victim, exports=True)
    ids = {p.action.id for p in make_plan(result, cmp, q, only_exporters, loaded.answers).actions}
    assert victim not in ids
    # a condition the company meets (it does not export) keeps the action
    non_exporters = _with_condition(base, victim, exports=False)
    assert victim in {p.action.id for p in make_plan(result, cmp, q, non_exporters, loaded.answers).actions}
    # an unstated fact counts as holding, as for questions
    unstated = dataclasses.replace(result, facts=result.facts.model_copy(update={"exports": None}))
    assert victim in {p.action.id for p in make_plan(unstated, cmp, q, only_exporters, loaded.answers).actions}


@pytest.mark.parametrize("size", ["micro", "small"])
def test_a_small_firms_plan_names_only_roles_it_has(size: str) -> None:
    loaded = load_answer_file(EXAMPLES[[p.stem for p in EXAMPLES].index("small-manufacturer")], CAT.questionnaires)
    q = loaded.questionnaire
    answers = loaded.answers.model_copy(update={"company": loaded.answers.company.model_copy(update={"size": size})})
    result = score(answers, q)
    cat = CAT.catalogue(q)
    plan, _cmp, _p = plan_for(result, answers, CAT.profile("quality-award"), CAT.profiles, q, cat)
    owners = {p.action.owner for p in plan.actions} | set(plan.workload)
    assert owners and not owners & {"legal-compliance", "it-data", "cqo", "marketing"}
    if size == "micro":
        assert owners <= {"top-management", "quality-manager", "production"}
    # each action went to the role that holds its catalogue owner at this size
    for p in plan.actions:
        assert p.action.owner == cat.owner_for(cat.action_by_id[p.action.id].owner, size)
    # a medium firm keeps the catalogue's roles
    medium = answers.model_copy(update={"company": answers.company.model_copy(update={"size": "medium"})})
    r2 = score(medium, q)
    plan2, _c, _p2 = plan_for(r2, medium, CAT.profile("quality-award"), CAT.profiles, q, cat)
    assert all(p.action.owner == cat.action_by_id[p.action.id].owner for p in plan2.actions)
    assert {"legal-compliance", "it-data"} & {p.action.owner for p in plan2.actions}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_red_line_reads_not_met_to_met(lang: str) -> None:
    from qmself.render.report import build_report

    loaded = load_answer_file(CONSUMER_MAKER, CAT.questionnaires)  # the example with an unmet red line
    q = loaded.questionnaire
    result = score(loaded.answers, q)
    cat = CAT.catalogue(q)
    plan, cmp, prof = plan_for(result, loaded.answers, CAT.profile("sme-starter"), CAT.profiles, q, cat)
    rep = build_report(loaded.answers, result, cmp, plan, q, cat, prof.title(lang), lang)
    fixes = [a for a in rep.actions if a.id == "ACT-RISK-01"]
    assert fixes, [a.id for a in rep.actions]
    want = "RISK-03 未满足 → 满足" if lang == "zh" else "RISK-03 not met → met"
    assert want in fixes[0].reason and "→ 5" not in fixes[0].reason
