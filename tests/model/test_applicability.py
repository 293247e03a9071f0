"""Company facts decide what applies; a fact not stated keeps the question, with a notice."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from qmself.lint import catalogue_problems, questionnaire_problems
from qmself.model.actions import Catalogue
from qmself.model.answers import AnswerFile
from qmself.model.applicability import Applicability, CompanyFacts
from qmself.model.questionnaire import Questionnaire
from qmself.scoring import check_answers, score
from qmself.storage.loaders import load_catalogue
from tests.conftest import DATA


@pytest.fixture(scope="module")
def mini_catalogue(mini: Questionnaire) -> Catalogue:
    return load_catalogue(DATA / "mini-actions.yaml", mini)


def with_condition(q: Questionnaire, qid: str, cond: dict[str, Any] | None, **more: Any) -> Questionnaire:
    """`q` with question `qid` given the condition `cond` (and other fields)."""
    qs = [
        x.model_copy(update={"applies_if": None if cond is None else Applicability.model_validate(cond), **more})
        if x.id == qid else x
        for x in q.questions
    ]
    return q.model_copy(update={"questions": qs})


def file(answers: dict[str, Any], version: str = "2.0", **company: Any) -> AnswerFile:
    return AnswerFile.model_validate({
        "questionnaire": {"id": "mini", "version": version},
        "company": {"name": "测试", "credit_code": "91510100MA6C5T2K3G", "sector": "food", "size": "small",
                    **company},
        "assessment": {"date": dt.date(2026, 10, 15)},
        "answers": answers,
    })


FULL = {"A-01": 4, "A-02": 2, "A-03": "yes", "B-01": 96, "F-01": 5}


@pytest.mark.parametrize(
    ("cond", "facts", "applies", "missing"),
    [
        ({"consumer_sales": True}, {"consumer_sales": True}, True, []),
        ({"consumer_sales": True}, {"consumer_sales": False}, False, []),
        ({"consumer_sales": True}, {}, True, ["consumer_sales"]),
        ({"food_role": ["producer", "wholesaler"]}, {"food_role": "wholesaler"}, True, []),
        ({"food_role": ["producer", "wholesaler"]}, {"food_role": "retailer"}, False, []),
        # several roles: one listed role is enough
        ({"food_role": ["producer"]}, {"food_role": ["retailer", "producer"]}, True, []),
        # every given field must hold; a missing one does not override a fact that fails
        ({"exports": True, "food_role": "caterer"}, {"food_role": "grower"}, False, []),
        ({"exports": True, "food_role": "caterer"}, {"food_role": "caterer"}, True, ["exports"]),
        ({"construction_role": ["developer"]}, {"construction_role": "materials"}, False, []),
    ],
)
def test_condition(cond: dict[str, Any], facts: dict[str, Any], applies: bool, missing: list[str]) -> None:
    assert Applicability.model_validate(cond).check(CompanyFacts.model_validate(facts)) == (applies, missing)


def test_unknown_role_is_refused() -> None:
    with pytest.raises(ValidationError):
        CompanyFacts.model_validate({"food_role": "farmer"})
    with pytest.raises(ValidationError):
        Applicability.model_validate({"construction_role": ["builder"]})


def test_a_fact_decides_scoring_and_validation(mini: Questionnaire) -> None:
    q = with_condition(mini, "F-01", {"food_role": ["producer"]})
    # a retailer: F-01 leaves B, whose score is then B-01 alone (level 3 -> 50)
    retailer = file(FULL, food_role="retailer")
    assert score(retailer, q).area("B").score == pytest.approx(50.0)
    notes = check_answers(retailer, q)
    assert [(p.field, p.severity) for p in notes] == [("answers.F-01", "notice")]
    assert "facts" in notes[0].en
    # a producer keeps it: B = (0.5 + 1) / 2
    assert score(file(FULL, food_role="producer"), q).area("B").score == pytest.approx(75.0)


def test_a_missing_fact_keeps_the_question_and_names_the_fact(mini: Questionnaire) -> None:
    q = with_condition(mini, "F-01", {"food_role": ["producer"]})
    unknown = file(FULL)
    assert score(unknown, q).area("B").score == pytest.approx(75.0)
    notes = check_answers(unknown, q)
    assert [(p.field, p.severity) for p in notes] == [("company.food_role", "notice")]
    assert "F-01" in notes[0].zh and "food_role" in notes[0].en
    # no notice for a fact no applicable question needs: F-01 is food-only
    assert check_answers(file({k: v for k, v in FULL.items() if k != "F-01"}, sector="other"), q) == []


def test_an_older_file_gets_a_notice_for_each_changed_question(mini: Questionnaire) -> None:
    changed = [{"id": "A-03", "since": "2.0", "reason": {"zh": "改为仅适用于向消费者销售的企业",
                                                         "en": "now only for firms selling to consumers"}},
               {"id": "A-01", "since": "1.5", "reason": {"zh": "等级描述重写", "en": "levels rewritten"}}]
    q = Questionnaire.model_validate({**mini.model_dump(), "changed": changed})
    old = check_answers(file(FULL, version="1.5"), q)
    assert [(p.field, p.severity) for p in old] == [("answers.A-03", "notice")]
    assert "2.0" in old[0].en and "consumer" in old[0].en
    older = check_answers(file(FULL, version="1.0"), q)
    assert sorted(p.field for p in older) == ["answers.A-01", "answers.A-03"]
    assert check_answers(file(FULL), q) == []  # written for this version: nothing to review


def test_a_change_of_the_upper_levels_leaves_lower_answers_alone(mini: Questionnaire) -> None:
    changed = [{"id": "A-01", "since": "2.0", "from_level": 4, "reason": {"zh": "第4、5级重写", "en": "levels 4-5"}}]
    q = Questionnaire.model_validate({**mini.model_dump(), "changed": changed})
    assert questionnaire_problems(q) == []
    assert [p.field for p in check_answers(file({**FULL, "A-01": 4}, version="1.0"), q)] == ["answers.A-01"]
    assert [p.field for p in check_answers(file({**FULL, "A-01": 5}, version="1.0"), q)] == ["answers.A-01"]
    assert check_answers(file({**FULL, "A-01": 3}, version="1.0"), q) == []  # meant the same in 1.0
    on_yes_no = Questionnaire.model_validate({**mini.model_dump(), "changed": [{**changed[0], "id": "A-03"}]})
    assert [p.field for p in questionnaire_problems(on_yes_no)] == ["changed[0].from_level"]


def test_lint_checks_conditions_and_changes(mini: Questionnaire) -> None:
    assert questionnaire_problems(mini) == []
    ok = with_condition(mini, "F-01", {"food_role": ["producer"]})
    assert questionnaire_problems(ok) == []
    wrong_module = with_condition(mini, "A-01", {"food_role": ["producer"]})
    assert [p.field for p in questionnaire_problems(wrong_module)] == ["questions[0].applies_if.food_role"]
    empty = with_condition(mini, "A-01", {})
    assert [p.field for p in questionnaire_problems(empty)] == ["questions[0].applies_if"]
    bad = Questionnaire.model_validate({**mini.model_dump(), "changed": [
        {"id": "A-99", "since": "2.0", "reason": {"zh": "无", "en": "none"}},
        {"id": "A-01", "since": "3.0", "reason": {"zh": "无", "en": "none"}},
    ]})
    assert [p.field for p in questionnaire_problems(bad)] == ["changed[0].id", "changed[1].since"]


def test_lint_checks_action_conditions(mini: Questionnaire, mini_catalogue: Catalogue) -> None:
    assert catalogue_problems(mini_catalogue, mini) == []
    first = mini_catalogue.actions[0]
    assert first.module is None
    broken = first.model_copy(update={"applies_if": Applicability(construction_role=["developer"])})
    c = mini_catalogue.model_copy(update={"actions": [broken, *mini_catalogue.actions[1:]]})
    assert [p.field for p in catalogue_problems(c, mini)] == ["actions[0].applies_if.construction_role"]


def test_a_surveyor_is_one_of_the_five_responsible_parties() -> None:
    """建质〔2014〕124号 binds the project leads of 建设、勘察、设计、施工、监理 units (docs/legal-sources.md):
    a surveyor answers the lifetime-responsibility red line CONS-01; a materials producer does not."""
    from qmself.storage.bundled import Catalog

    core = Catalog().questionnaire("qmself-core")
    for role, cons01 in [("surveyor", True), ("designer", True), ("materials", False)]:
        facts = CompanyFacts(construction_role=role)  # type: ignore[arg-type]
        ids = core.applicable_ids("construction", "medium", facts)
        assert ("CONS-01" in ids) is cons01, role
        assert ("CONS-08" in ids) is (role == "materials"), role
    assert CompanyFacts.model_validate({"construction_role": ["surveyor", "designer"]}).fact("construction_role") == {
        "surveyor", "designer"}
