"""The bundled examples: valid, fully answered, scored as their stories say, and planned."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from qmself.cli import app
from qmself.scoring import compare, score
from qmself.storage.bundled import Catalog
from qmself.storage.loaders import load_answer_file
from tests.conftest import CONSUMER_MAKER, EXAMPLES

runner = CliRunner()
NAMES = ["small-manufacturer", "food-producer", "construction-firm"]


@pytest.mark.parametrize("name", NAMES)
def test_example_is_valid_and_fully_answered(name: str) -> None:
    catalog = Catalog()
    loaded = load_answer_file(EXAMPLES / f"{name}.yaml", catalog.questionnaires)
    assert loaded.notices == []
    result = score(loaded.answers, loaded.questionnaire)
    assert result.completeness == 1.0
    assert all(a.score is not None for a in result.areas)


def test_small_manufacturer_is_not_capped_by_a_duty_it_does_not_have() -> None:
    """The B2B valve maker sells nothing to consumers and no food: no reporting duty binds it (issue 11)."""
    catalog = Catalog()
    loaded = load_answer_file(EXAMPLES / "small-manufacturer.yaml", catalog.questionnaires)
    q = loaded.questionnaire
    result = score(loaded.answers, q)
    assert result.red_lines == []  # no unmet or unanswered red line
    assert not result.capped and not any(a.capped for a in result.areas)
    assert loaded.answers.answers["RISK-03"].value == "n/a"  # with a note naming the rules checked
    applicable = q.applicable_ids("equipment", "small", loaded.answers.company)
    assert {"CUST-02", "CUST-03"}.isdisjoint(applicable)  # consumer-sales duties


def test_an_unmet_red_line_caps_its_area() -> None:
    catalog = Catalog()
    loaded = load_answer_file(CONSUMER_MAKER, catalog.questionnaires)
    result = score(loaded.answers, loaded.questionnaire)
    assert [f.question for f in result.unmet_red_lines] == ["RISK-03"]
    risk = result.area("RISK")
    assert risk.capped and risk.level == 2.0 and (risk.raw_score or 0) > 25.0
    assert (result.overall_level or 9) <= 2.0  # below the cap already: red lines add no points
    gaps = compare(result, catalog.profile("sme-starter"), loaded.questionnaire)
    assert gaps.priorities[0].area == "RISK"  # red-line areas come first


def test_food_producer_meets_the_food_baseline() -> None:
    catalog = Catalog()
    loaded = load_answer_file(EXAMPLES / "food-producer.yaml", catalog.questionnaires)
    result = score(loaded.answers, loaded.questionnaire)
    assert result.red_lines == []
    assert compare(result, catalog.profile("food-safety-baseline"), loaded.questionnaire).all_met


def test_readme_main_command_output() -> None:
    r = runner.invoke(app, ["score", str(EXAMPLES / "small-manufacturer.yaml"), "--benchmark", "sme-starter"])
    assert r.exit_code == 0
    assert "绵阳市涪城精工机械有限公司" in r.stdout
    assert "红线：全部满足" in r.stdout
    assert "基准 sme-starter 1.0" in r.stdout
    r = runner.invoke(app, ["score", str(CONSUMER_MAKER), "--benchmark", "sme-starter"])
    assert r.exit_code == 0
    assert "红线未满足 RISK-03" in r.stdout


def test_example_plan_pdf(tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    r = runner.invoke(app, ["plan", str(CONSUMER_MAKER), "-o", str(out)])
    assert r.exit_code == 0, r.stderr
    reader = PdfReader(out)
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "绵阳市涪城精工机械有限公司" in text
    assert "RISK-03（未满足）" in text  # the consumer-selling variant of the example
    # every selected action, with its title and each of its citations
    catalog = Catalog()
    loaded = load_answer_file(CONSUMER_MAKER, catalog.questionnaires)
    q = loaded.questionnaire
    from qmself.planning import make_plan

    result = score(loaded.answers, q)
    plan = make_plan(result, compare(result, catalog.profile("sme-starter"), q), q, catalog.catalogue(q),
                     loaded.answers)
    assert plan.actions
    flat = text.replace("\n", "")
    for p in plan.actions:
        assert p.action.id in text
        for cite in p.action.cites:
            assert cite.replace(" ", "") in flat.replace(" ", "")
    assert "ACT-RISK-01" in text  # the red-line fix
    assert 8 <= len(reader.pages) <= 40
