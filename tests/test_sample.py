"""Rates with a minimum sample, and the partial-fulfilment rule shown with the levels."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError
from pydantic_core import PydanticCustomError
from typer.testing import CliRunner

from qmself.cli import app
from qmself.model.answers import Answer, AnswerFile
from qmself.model.questionnaire import Question, Questionnaire
from qmself.scoring import answer_level, check_answers
from qmself.storage.bundled import Catalog
from tests.conftest import SMALL_SAMPLE_FOOD

runner = CliRunner()


@pytest.fixture(scope="module")
def core() -> Questionnaire:
    return Catalog().questionnaire("qmself-core")


def food(answers: dict[str, Any]) -> AnswerFile:
    return AnswerFile.model_validate(
        {
            "questionnaire": {"id": "qmself-core", "version": "1.1"},
            "company": {"name": "测试", "credit_code": "91510100MA6C5T2K3G", "sector": "food", "size": "small",
                        "consumer_sales": True, "food_role": "producer"},  # facts stated: no notice for them
            "assessment": {"date": dt.date(2026, 10, 15)},
            "answers": answers,
        }
    )


@pytest.mark.parametrize(
    ("value", "sample", "level"),
    [
        (100, 3, 3),  # three batches without failure prove no excellence
        (66.7, 3, 2),  # nor does one failure in three prove a system that fails
        (100, None, 3),  # an unstated sample counts as too small
        (100, 38, 5),
        (96.7, 30, 2),  # one failure in thirty
        (99.0, 100, 3),
    ],
)
def test_food_pass_rate_needs_its_minimum_sample(core: Questionnaire, value: float, sample: int | None,
                                                 level: int) -> None:
    q = core.question_by_id["FOOD-06"]
    assert q.min_sample == 30
    assert answer_level(q, Answer(value, sample=sample)) == level


def test_sample_is_read_from_the_answer_file_and_noticed_when_small(core: Questionnaire) -> None:
    af = food({"FOOD-06": {"value": 100, "sample": 3, "evidence": "3 批"}, "CUST-08": {"value": 99, "sample": 40},
               "SUPPLY-03": 99.9})
    assert af.answers["FOOD-06"].sample == 3
    problems = check_answers(af, core)
    assert {p.path[-1] for p in problems} == {"FOOD-06", "SUPPLY-03"}
    assert all(p.severity == "notice" for p in problems)
    small = next(p for p in problems if p.path[-1] == "FOOD-06")
    assert "30 批次" in small.zh and "2-3" in small.zh and "sample of 3 batches" in small.en
    unstated = next(p for p in problems if p.path[-1] == "SUPPLY-03")
    assert "未写样本量" in unstated.zh


def test_sample_only_on_number_answers(core: Questionnaire) -> None:
    problems = check_answers(food({"LEAD-01": {"value": 3, "sample": 10}}), core)
    assert [(p.path, p.severity) for p in problems] == [(("answers", "LEAD-01", "sample"), "error")]
    with pytest.raises(PydanticCustomError):
        Answer.parse({"value": 99, "sample": -1})
    with pytest.raises(PydanticCustomError):
        Answer.parse({"value": 99, "sample": "many"})


def test_minimum_sample_is_declared_with_its_unit_on_number_questions(core: Questionnaire) -> None:
    base = core.question_by_id["FOOD-06"].model_dump(exclude_none=True)
    with pytest.raises(ValidationError, match="set together"):
        Question.model_validate({**base, "sample_unit": None})
    maturity = core.question_by_id["LEAD-01"].model_dump(exclude_none=True)
    with pytest.raises(ValidationError, match="minimum sample"):
        Question.model_validate({**maturity, "min_sample": 5, "sample_unit": {"zh": "件", "en": "items"}})


def test_level_rule_in_show_and_template(core: Questionnaire) -> None:
    assert core.level_rule is not None
    shown = runner.invoke(app, ["questionnaire", "show", "--question", "LEAD-01", "--lang", "en"])
    assert shown.exit_code == 0
    assert "Level rule: A level counts only when every element" in shown.stdout.replace("\n", " ")
    blank = runner.invoke(app, ["template", "--sector", "food", "--size", "small"])
    assert blank.exit_code == 0
    head = blank.stdout.split("questionnaire:")[0]
    assert "计级规则：只有当某一级描述中的每一项要素都已做到" in head.replace("\n# ", "")
    assert "最少样本 30 批次" in blank.stdout.replace("\n  # ", "")


def test_how_to_give_the_sample_is_worded_for_where_the_answers_are(core: Questionnaire, tmp_path: Any) -> None:
    from qmself.session import Session
    from qmself.storage.loaders import check_answer_file, problem_error
    from qmself.storage.yamlio import Locations

    path = tmp_path / "food.yaml"
    path.write_text(SMALL_SAMPLE_FOOD, encoding="utf-8")
    catalog = Catalog()
    loaded, _ = check_answer_file(path, catalog.questionnaires)
    assert loaded is not None
    (in_file,) = [n for n in loaded.notices if n.field == "answers.FOOD-06"]
    assert "{value: 数值, sample: 样本量}" in in_file.zh and "sample: SIZE" in in_file.en and in_file.line == 6
    # assess (the TUI and --simple) says what to do there, not how to write YAML
    session = Session.open(path, catalog, "zh")
    (shown,) = [n for n in session.notices if "FOOD-06" in n]
    assert "输入数值后再填样本量" in shown and "YAML" not in shown and "{" not in shown
    assert "after the number" in Session.open(path, catalog, "en").notices[-1]
    # a workbook's notice names its column
    small = next(p for p in check_answers(loaded.answers, core) if p.fix == "sample")
    in_book = problem_error(small, Locations("", "a.xlsx", {}), "a.xlsx")
    assert "“样本量”列" in in_book.zh and "YAML" not in in_book.zh
