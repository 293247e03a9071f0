"""Two scheduling rules that once had no test able to fail (issue "nothing lost"): each test
below was checked by making the fault in `planning.py` and watching it fail.

* the "lower step first" tie-break: among actions free to go for gaps of the same priority,
  the lower step is scheduled first (`make_plan`'s sort key);
* red-line fixes are never subject to owner capacity: they start at once, together, even when
  that takes their owner over the monthly limit (`schedule`).
"""

from __future__ import annotations

import pytest

from qmself.model.actions import Catalogue
from qmself.model.questionnaire import Questionnaire
from qmself.planning import CAPACITY, intensity, make_plan
from qmself.scoring import compare, score
from qmself.storage.loaders import load_catalogue
from tests.conftest import DATA
from tests.test_planning import assert_one_schedule
from tests.test_scoring import FULL, make, profile


@pytest.fixture(scope="module")
def catalogue(mini: Questionnaire) -> Catalogue:
    return load_catalogue(DATA / "mini-actions.yaml", mini)


def test_the_lower_step_goes_first(mini: Questionnaire, catalogue: Catalogue) -> None:
    # A stands at 2 (A-01 = A-02 = 2) with target 4: the steps 2→3 (ACT-A-02) and 3→4 (ACT-A-03).
    # Here neither waits for the other, and the catalogue lists the higher step first, so only the
    # tie-break puts 2→3 first. One quality manager of a small firm (1 person-month a month) cannot
    # run both at once (2/3 + 1/2 a month), so the order decides who starts in month 0.
    by_id = catalogue.action_by_id
    free = {i: by_id[i].model_copy(update={"prerequisites": []}) for i in ("ACT-A-02", "ACT-A-03")}
    assert free["ACT-A-02"].from_level == 2 and free["ACT-A-03"].from_level == 3
    assert intensity(free["ACT-A-02"]) + intensity(free["ACT-A-03"]) > CAPACITY["small"]
    reordered = catalogue.model_copy(update={"actions": [
        free["ACT-A-03"], free["ACT-A-02"], *(a for a in catalogue.actions if a.id not in free)]})
    answers = make({**FULL, "A-01": 2, "A-02": 2})
    r = score(answers, mini)
    assert r.area("A").level == pytest.approx(2.0)
    cmp = compare(r, profile({"A": 4.0, "B": 1.0}), mini)
    for with_answers in (None, answers):
        plan = make_plan(r, cmp, mini, reordered, with_answers)
        got = {p.action.id: (p.start_month, p.end_month) for p in plan.actions}
        assert got == {"ACT-A-02": (0, 3), "ACT-A-03": (3, 7)}, got
        assert_one_schedule(plan, "small")


def test_red_line_fixes_ignore_owner_capacity(mini: Questionnaire, catalogue: Catalogue) -> None:
    # two red-line fixes for A-03, both the legal role's, each 2 person-months in one month: together
    # 4 a month for a micro firm's 0.75. Both start in month 0 all the same; nothing else of the
    # role's shares those months.
    rl = catalogue.action_by_id["ACT-A-RL"]
    heavy = rl.model_copy(update={"effort": "M", "duration_months": 1})
    second = heavy.model_copy(update={"id": "ACT-A-RL2"})
    other = catalogue.action_by_id["ACT-A-02"].model_copy(update={"owner": "legal", "prerequisites": []})
    cat = catalogue.model_copy(update={"actions": [
        heavy, second, other, *(a for a in catalogue.actions if a.id not in (rl.id, other.id))]})
    r = score(make({**FULL, "A-03": "no"}, size="micro"), mini)
    plan = make_plan(r, compare(r, profile({"A": 4.0, "B": 1.0}), mini), mini, cat)
    by_id = {p.action.id: p for p in plan.actions}
    assert by_id["ACT-A-RL"].start_month == by_id["ACT-A-RL2"].start_month == 0
    assert plan.monthly_load["legal"][0] == pytest.approx(4.0) and CAPACITY["micro"] < 4.0
    assert by_id["ACT-A-02"].start_month >= 1  # ordinary work only in what the red lines leave
    assert_one_schedule(plan, "micro")
