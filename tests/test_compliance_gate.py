"""Compliance is a gate, not a score (questionnaire 1.1, scoring rule 4).

A company at level 2 on every maturity question, in the level-2 band of every
number question, and "yes" on every red line that applies to it, must have no
area above level 2: obeying the law is what level 2 (规范) means, so it cannot
lift an area by itself. Checked for every sector and size of the shipped
questionnaire, with facts that make every role-bound question apply.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from qmself.model.answers import AnswerFile
from qmself.model.applicability import CONSTRUCTION_ROLES
from qmself.model.questionnaire import Questionnaire
from qmself.scoring import check_answers, score
from qmself.storage.bundled import Catalog

SIZES = ("micro", "small", "medium", "large")
FACTS: dict[str, Any] = {"consumer_sales": True, "exports": True}
ROLES: dict[str, dict[str, Any]] = {
    "food": {"food_role": ["grower", "producer", "wholesaler", "retailer", "caterer"]},
    "construction": {"construction_role": list(CONSTRUCTION_ROLES)},
}


@pytest.fixture(scope="module")
def core() -> Questionnaire:
    return Catalog().questionnaire("qmself-core")


def level_two_everywhere(q: Questionnaire, sector: str, size: str, maturity: int = 2) -> AnswerFile:
    company = {"name": "门槛测试有限公司", "credit_code": "91510100MA6C5T2K3G", "sector": sector, "size": size,
               **FACTS, **ROLES.get(sector, {})}
    probe = AnswerFile.model_validate({
        "questionnaire": {"id": q.id, "version": q.version}, "company": company,
        "assessment": {"date": dt.date(2026, 12, 1)}, "answers": {}})
    answers: dict[str, Any] = {}
    for question in q.applicable(sector, size, probe.company):
        if question.type == "maturity":
            answers[question.id] = maturity
        elif question.type == "yesno":
            answers[question.id] = "yes"
        else:
            band = next(b for b in question.bands or [] if b.level == 2)
            value = band.min if band.min is not None else (band.max or 1) - 1
            answers[question.id] = {"value": value, "sample": question.min_sample} if question.min_sample else value
    return AnswerFile.model_validate({**probe.model_dump(mode="json", exclude_none=True), "answers": answers})


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("sector", ["food", "construction", "equipment", "digital", "services", "consumer", "other"])
def test_red_lines_met_lift_no_area_above_level_two(core: Questionnaire, sector: str, size: str) -> None:
    af = level_two_everywhere(core, sector, size)
    assert [p for p in check_answers(af, core) if p.severity == "error"] == []
    r = score(af, core)
    assert r.red_lines == []  # findings list only unmet or unanswered red lines
    gated = [a for a in r.areas if a.gate == "met"]
    assert gated, "some area must have a red line that applies"
    for a in r.areas:
        assert a.level is not None and a.level <= 2.0 + 1e-9, (a.id, a.level)
    assert r.overall_level == pytest.approx(2.0)


def test_an_unmet_red_line_still_caps(core: Questionnaire) -> None:
    af = level_two_everywhere(core, "food", "medium", maturity=4)
    red = next(q.id for q in core.applicable("food", "medium", af.company) if q.red_line)
    r = score(af.model_copy(update={"answers": {**af.answers, red: af.answers[red]._replace(value=False)}}), core)
    area = next(a for a in r.areas if red in a.red_lines_unmet)
    assert area.capped and area.level == core.red_line_cap and area.gate == "unmet"
    # its maturity questions alone: level 4 on each, number questions at level 2, no red-line points either way
    assert (area.raw_score or 0) < 75.0 + 1e-9
    met = score(af, core).area(area.id)
    assert met.gate == "met" and met.raw_score == pytest.approx(area.raw_score)
