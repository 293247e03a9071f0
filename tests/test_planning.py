"""Planning against hand-checked expectations (mini questionnaire + tests/data/mini-actions.yaml).

The company: A-03 (red line) answered "no", so area A is capped at 2.0 (raw 2.75);
B is at 4.0. Targets: A 4.0, B 4.5. Worked out by hand:

* red line -> ACT-A-RL; A from 2 to 4 needs the steps 2→3 and 3→4 -> ACT-A-02,
  ACT-A-03 (ACT-A-01 leads to 2, already reached, so it is left out);
  B from 4 to 4.5 needs 4→5 -> ACT-B-04 and the food-module ACT-F-01.
  ACT-B-04 also needs ACT-A-03 (ACT-B-03 leads to 4: reached).
* schedule: ACT-A-RL 0-1, ACT-A-02 0-3, ACT-F-01 0-2, ACT-A-03 3-7, ACT-B-04 7-13.
* A after phase 1: red line fixed -> 2.75 -> step 2→3 done -> 3.0; after phase 2: 4.0.
  B: 4.0 until ACT-B-04 ends in month 13 -> 5.0 after phase 3.
* overall: (2 x 50 + 75) / 3 = 58.3, then (2 x 75 + 75) / 3 = 75, then (150 + 100) / 3 = 83.3.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qmself.model.actions import Catalogue
from qmself.model.questionnaire import Questionnaire
from qmself.planning import CAPACITY, EFFORT_LOAD, add_months, make_plan
from qmself.scoring import compare, score
from qmself.storage.loaders import load_catalogue
from tests.conftest import DATA
from tests.test_scoring import ANSWERS, FULL, make, profile


@pytest.fixture(scope="module")
def catalogue(mini: Questionnaire) -> Catalogue:
    return load_catalogue(DATA / "mini-actions.yaml", mini)


def plan_for(mini: Questionnaire, catalogue: Catalogue, answers: dict, targets: dict, size: str = "small"):  # type: ignore[no-untyped-def,type-arg]
    r = score(make(answers, size=size), mini)
    return make_plan(r, compare(r, profile(targets), mini), mini, catalogue)


def test_hand_checked_plan(mini: Questionnaire, catalogue: Catalogue) -> None:
    plan = plan_for(mini, catalogue, {**FULL, "A-03": "no"}, {"A": 4.0, "B": 4.5})
    got = [(p.action.id, p.reason, p.start_month, p.end_month, p.phase) for p in plan.actions]
    assert got == [
        ("ACT-A-RL", "red_line", 0, 1, 1),
        ("ACT-A-02", "gap", 0, 3, 1),
        ("ACT-F-01", "gap", 0, 2, 1),
        ("ACT-A-03", "gap", 3, 7, 2),
        ("ACT-B-04", "gap", 7, 13, 2),
    ]
    by_id = {p.action.id: p for p in plan.actions}
    assert by_id["ACT-B-04"].blocked_by == ("ACT-A-03",)
    assert by_id["ACT-A-03"].start == dt.date(2027, 1, 15)  # assessed 2026-10-15, + 3 months
    proj = {p.area: p.after_phase for p in plan.projections}
    # phase 1 opens the gate: A is scored on alone, 1.75/3 -> level 10/3
    assert proj["A"] == pytest.approx((10 / 3, 4.0, 4.0, 4.0))
    assert proj["B"] == (4.0, 4.0, 5.0, 5.0)
    assert plan.overall_after_phase == pytest.approx((575 / 9, 75.0, 250 / 3, 250 / 3))
    assert plan.workload["qm"] == (3.0, 9.0, 1.0, 0)
    assert plan.uncovered == ()


def test_red_line_stays_capped_until_fixed(mini: Questionnaire, catalogue: Catalogue) -> None:
    # without the red-line action in the catalogue, A could never pass the cap
    slim = catalogue.model_copy(update={"actions": [a for a in catalogue.actions if not a.red_line]})
    r = score(make({**FULL, "A-03": "no"}), mini)
    plan = make_plan(r, compare(r, profile({"A": 4.0, "B": 4.0}), mini), mini, slim)
    assert {p.area: p.after_phase for p in plan.projections}["A"] == (2.0, 2.0, 2.0, 2.0)
    assert all(x <= 25.0 + 1e-9 for x in plan.overall_after_phase if x is not None)  # overall capped at 2.0


def test_nothing_to_do_when_targets_are_met(mini: Questionnaire, catalogue: Catalogue) -> None:
    plan = plan_for(mini, catalogue, FULL, {"A": 3.0, "B": 3.0})
    assert plan.actions == ()
    assert {p.area: p.after_phase[-1] for p in plan.projections} == pytest.approx({"A": 10 / 3, "B": 4.0})


def test_prerequisites_are_added_when_not_reached(mini: Questionnaire, catalogue: Catalogue) -> None:
    # A at level 1 (A-01 = 1, A-02 = 1): reaching 3 needs ACT-A-01 then ACT-A-02
    plan = plan_for(mini, catalogue, {**FULL, "A-01": 1, "A-02": 1, "A-03": "n/a"}, {"A": 3.0, "B": 1.0})
    ids = [p.action.id for p in plan.actions]
    assert ids == ["ACT-A-01", "ACT-A-02"]
    first, second = plan.actions
    assert second.start_month >= first.end_month


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 11, 15), 3) == dt.date(2027, 2, 15)


@settings(max_examples=150, deadline=None)
@given(ANSWERS, st.sampled_from(["micro", "small", "medium", "large"]),
       st.floats(1, 5), st.floats(1, 5))
def test_plan_invariants(mini: Questionnaire, catalogue: Catalogue, answers: dict, size: str,  # type: ignore[type-arg]
                         ta: float, tb: float) -> None:
    r = score(make(answers, size=size), mini)
    cmp = compare(r, profile({"A": round(ta * 2) / 2, "B": round(tb * 2) / 2}), mini)
    plan = make_plan(r, cmp, mini, catalogue)
    again = make_plan(r, cmp, mini, catalogue)
    assert plan == again  # deterministic
    ends = {p.action.id: p.end_month for p in plan.actions}
    for p in plan.actions:
        for pre in p.blocked_by:
            assert ends[pre] <= p.start_month  # prerequisites first
        if p.reason == "red_line":
            assert p.start_month == 0
    starts = [p.start_month for p in plan.actions]
    assert starts == sorted(starts)
    assert [p.phase for p in plan.actions] == sorted(p.phase for p in plan.actions)
    # an owner's load stays within capacity, except a single action on its own
    months: dict[tuple[str, int], list[float]] = {}
    for p in plan.actions:
        if p.reason == "red_line":
            continue
        for m in range(p.start_month, p.end_month):
            months.setdefault((p.action.owner, m), []).append(EFFORT_LOAD[p.action.effort])
    for loads in months.values():
        assert len(loads) == 1 or sum(loads) <= CAPACITY[size] + 1e-9
    # projections never fall below today's level and never go down from phase to phase
    for proj in plan.projections:
        if proj.current is None:
            continue
        levels = [x for x in proj.after_phase if x is not None]
        assert levels == sorted(levels)
        if not r.area(proj.area).capped:
            assert levels[0] >= proj.current - 1e-9


def test_catalogue_lint_finds_cycles_and_unknowns(mini: Questionnaire, catalogue: Catalogue, tmp_path: Path) -> None:
    from qmself.lint import catalogue_problems

    a01 = catalogue.action_by_id["ACT-A-01"].model_copy(update={"prerequisites": ["ACT-A-04"], "questions": ["ZZ-1"]})
    broken = catalogue.model_copy(
        update={"actions": [a01 if a.id == "ACT-A-01" else a for a in catalogue.actions]}
    )
    messages = [p.en for p in catalogue_problems(broken, mini)]
    assert any("cycle: ACT-A-01 → ACT-A-04 → ACT-A-03 → ACT-A-02 → ACT-A-01" in m for m in messages)
    assert any("unknown question id 'ZZ-1'" in m for m in messages)
