"""Plans choose actions by question: every action traces back to named answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from qmself.planning import make_plan, plan_for, question_levels
from qmself.scoring import compare, score
from qmself.storage.bundled import Catalog
from qmself.storage.loaders import load_answer_file

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
            assert qid in p.action.questions and levels[qid] == lv and lv < aim == p.action.to_level


def test_an_action_whose_questions_reached_its_level_is_not_planned() -> None:
    # the small manufacturer's QMS-01, QMS-02 and QMS-08 stand at 3 (an ISO 9001 certificate valid to 2028)
    loaded = load_answer_file(EXAMPLES[[p.stem for p in EXAMPLES].index("small-manufacturer")], CAT.questionnaires)
    q = loaded.questionnaire
    result = score(loaded.answers, q)
    cmp = compare(result, CAT.profile("sme-starter"), q)
    ids = {p.action.id for p in make_plan(result, cmp, q, CAT.catalogue(q), loaded.answers).actions}
    assert "ACT-QMS-02" not in ids and "ACT-SUPPLY-01" not in ids and "ACT-STD-01" not in ids
    # without the answers (area logic only) the area's actions were taken whole
    assert "ACT-QMS-02" in {p.action.id for p in make_plan(result, cmp, q, CAT.catalogue(q)).actions}


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
