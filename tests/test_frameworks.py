"""Framework estimates (GB/T 19580, ISO 9004, ISO 9001): arithmetic checked by hand on
the mini questionnaire, lint of the crosswalk files, and the consistency rules on the
bundled questionnaire."""

from __future__ import annotations

from pathlib import Path

import pytest

from qmself.frameworks import estimate, level_to_percent, question_signals, self_assessment_outline
from qmself.model.answers import AnswerFile
from qmself.model.crosswalk import FRAMEWORKS, Crosswalk
from qmself.model.questionnaire import Questionnaire
from qmself.storage.bundled import Catalog, crosswalk_files
from qmself.storage.loaders import check_crosswalk, load_crosswalk, load_questionnaire
from qmself.storage.yamlio import load as load_yaml

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def mini() -> Questionnaire:
    return load_questionnaire(DATA / "mini-questionnaire.yaml")


@pytest.fixture(scope="module")
def mini_cw(mini: Questionnaire) -> Crosswalk:
    return load_crosswalk(DATA / "mini-crosswalk.yaml", mini)


def _answers(mini: Questionnaire, **changes: object) -> AnswerFile:
    data, _ = load_yaml(DATA / "mini-answers.yaml")
    for k, v in changes.items():
        key = k.replace("_", "-")
        if v is None:
            data["answers"].pop(key, None)
        else:
            data["answers"][key] = v
    return AnswerFile.model_validate(data)


def _estimate(mini: Questionnaire, cw: Crosswalk, **changes: object):  # type: ignore[no-untyped-def]
    af = _answers(mini, **changes)
    sig = question_signals(af, mini, mini.applicable_ids(af.company.sector, af.company.size))
    return estimate(cw, sig, mini.red_line_cap)


def test_worked_example(mini: Questionnaire, mini_cw: Crosswalk) -> None:
    e = _estimate(mini, mini_cw)
    one, two = e.categories
    i11, i12 = one.items
    # 1.1: A-01 4 (w 1), A-02 2 (w 0.5), F-01 5 (w 1) -> (4 + 1 + 5) / 2.5 = 4.0 -> 75 % of 60
    assert i11.level == pytest.approx(4.0) and i11.points == pytest.approx(45.0) and i11.coverage == 1.0
    # 1.2: A-02 2 (w 0.5); A-03 "yes" is a gate: answered, no level; B-02 does not apply to a small firm
    assert i12.level == pytest.approx(2.0) and i12.points == pytest.approx(10.0) and i12.coverage == 1.0
    assert "B-02" not in i12.questions and not i12.capped
    assert one.points == pytest.approx(55.0) and one.percent == pytest.approx(55.0)
    assert one.band is not None and one.band.label.en == "middle"
    assert one.level == pytest.approx((4 * 60 + 2 * 40) / 100)
    # 2.1: B-01 96 -> band level 3 -> 50 % of 50
    assert two.points == pytest.approx(25.0) and two.band is not None and two.band.label.en == "middle"
    assert e.total_points == pytest.approx(80.0) and e.max_points == 150
    assert not e.points_verified and not one.points_verified and two.points_verified


def test_unmet_red_line_caps_the_item(mini: Questionnaire, mini_cw: Crosswalk) -> None:
    e = _estimate(mini, mini_cw, A_02=4, A_03="no")
    i11, i12 = e.categories[0].items
    # 1.1: (4 + 2 + 5) / 2.5 = 4.4 -> 75 + 0.4 x 25 = 85 % of 60
    assert i11.points == pytest.approx(51.0)
    # 1.2: A-02 at 4 alone, but A-03 "no" holds it at the cap 2 -> 25 % of 40
    assert i12.capped and i12.level == pytest.approx(2.0) and i12.points == pytest.approx(10.0)


def test_an_item_answered_by_red_lines_only_has_no_level(mini: Questionnaire, mini_cw: Crosswalk) -> None:
    # 1.2 without A-02: only A-03 (a yes/no gate) answered; B-02 does not apply to a small firm
    for value in ("no", "yes"):
        i12 = _estimate(mini, mini_cw, A_02=None, A_03=value).categories[0].items[1]
        assert i12.level is None and i12.points is None and i12.capped == (value == "no")
        assert i12.coverage == pytest.approx(1 / 1.5)  # A-03 (w 1) answered of A-02 (0.5) + A-03 (1)


def test_bundled_level_rule_is_the_one_the_readme_states() -> None:
    cat = Catalog()
    cw = cat.crosswalk("gbt19580", cat.questionnaire())
    # README: 1 -> 5 %, 2 -> 25 %, 3 -> 50 %, 4 -> 72.5 %, 5 -> 95 %, linear in between
    for level, percent in [(1, 5), (2, 25), (3, 50), (4, 72.5), (5, 95), (3.5, 61.25), (4.4, 81.5)]:
        assert level_to_percent(cw, level) == pytest.approx(percent), level


def test_unanswered_questions_lower_coverage_not_level(mini: Questionnaire, mini_cw: Crosswalk) -> None:
    e = _estimate(mini, mini_cw, F_01=None)
    i11 = e.categories[0].items[0]
    assert i11.level == pytest.approx(5 / 1.5)  # (4 + 0.5 x 2) / 1.5
    assert i11.points == pytest.approx(60 * (50 + (5 / 1.5 - 3) * 25) / 100)
    assert i11.coverage == pytest.approx(1.5 / 2.5)
    assert e.categories[0].coverage == pytest.approx((0.6 * 60 + 1.0 * 40) / 100)


def test_outline_lists_strengths_with_evidence_and_ranked_opportunities(
    mini: Questionnaire, mini_cw: Crosswalk
) -> None:
    af = _answers(mini)
    sig = question_signals(af, mini, mini.applicable_ids("food", "small"))
    one = self_assessment_outline(mini_cw, af, sig)[0]
    assert [f.question for f in one.strengths] == ["F-01", "A-01"]
    assert [f.question for f in one.opportunities] == ["A-02"]
    assert one.opportunities[0].evidence == "记录表"


def _problems(tmp_path: Path, mini: Questionnaire, old: str, new: str) -> list[str]:
    text = (DATA / "mini-crosswalk.yaml").read_text(encoding="utf-8")
    assert old in text
    p = tmp_path / "cw.yaml"
    p.write_text(text.replace(old, new), encoding="utf-8")
    _, report = check_crosswalk(p, mini)
    return [e.render("en") for e in report.errors]


def test_lint_needs_every_question_mapped(tmp_path: Path, mini: Questionnaire) -> None:
    errs = _problems(tmp_path, mini, '  F-01: {"1.1": 1}\n', "")
    assert any("F-01 maps to no part" in e for e in errs)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('A-01: {"1.1": 1}', 'A-01: {"9.9": 1}', "unknown item 9.9"),
        ('A-01: {"1.1": 1}', 'A-01: {"1.1": 1.5}', "must be in (0, 1]"),
        ('A-02: {"1.1": 0.5, "1.2": 0.5}', 'A-02: {"1.1": 0.7, "1.2": 0.5}', "add up to more than 1"),
        ("points: 60}", "points: 65}", "add up to 105"),
        ('  B-02: {"1.2": 1}\n', '  B-09: {"1.2": 1}\n', "unknown question 'B-09'"),
        # a value marked verified needs a source listing it, and a listed value must not stay marked unverified
        ('points: ["1", "1.1", "2"', 'points: ["1", "2"', "points of 1.1 are marked verified but no source lists it"),
        ('points: ["1", "1.1", "2"', 'points: ["1", "1.1", "1.2", "2"',
         "verifies the points of 1.2; drop points_verified: false"),
        ("bands: true", "bands: false", "bands_verified disagrees with the sources"),
        ('titles_en: ["1"]', 'titles_en: ["9"]', "verifies 9, which this file does not have"),
    ],
)
def test_lint_catches_broken_crosswalks(tmp_path: Path, mini: Questionnaire, old: str, new: str, expected: str) -> None:
    errs = _problems(tmp_path, mini, old, new)
    assert any(expected in e for e in errs), errs


def test_bundled_crosswalks_lint_clean_and_cover_every_framework() -> None:
    q = Catalog().questionnaire()
    seen = set()
    for path in crosswalk_files():
        cw, report = check_crosswalk(path, q)
        assert cw is not None and report.errors == [], [e.render("en") for e in report.errors]
        seen.add(cw.framework)
        assert set(cw.mapping) >= {x.id for x in q.questions}
    assert seen == set(FRAMEWORKS)


def _uniform(q: Questionnaire, level: int) -> AnswerFile:
    """A large firm of every sector module at `level` everywhere (numbers at that band, red lines met)."""
    answers: dict[str, object] = {}
    for x in q.questions:
        if x.type == "maturity":
            answers[x.id] = level
        elif x.type == "yesno":
            answers[x.id] = "yes"
        else:
            band = next(b for b in x.bands or [] if b.level == level)
            answers[x.id] = band.min if band.min is not None else (band.max or 0) - 1
    return AnswerFile.model_validate({
        "questionnaire": {"id": q.id, "version": q.version},
        "company": {"name": "甲", "credit_code": "91510100MA6C5T2K3G", "sector": "equipment", "size": "large"},
        "assessment": {"date": "2026-10-01"},
        "answers": answers,
    })


def test_gbt19580_estimate_rises_with_maturity_and_quality_award_lands_high() -> None:
    cat = Catalog()
    q = cat.questionnaire()
    cw = cat.crosswalk("gbt19580", q)
    totals = []
    for level in (1, 2, 3, 4, 5):
        af = _uniform(q, level)
        sig = question_signals(af, q, q.applicable_ids("equipment", "large"))
        e = estimate(cw, sig, q.red_line_cap)
        totals.append(e.total_points or 0)
        if level == 4:
            # The rule (README): a company at level 4 or above everywhere - what quality-award asks -
            # lands in the 70-85 % band or higher in every process category it covers.
            for c in e.categories:
                if c.kind == "process" and c.band is not None:
                    assert c.band.low >= 70, (c.id, c.percent)
    assert totals == sorted(totals) and len(set(totals)) == 5
    assert totals[0] < 100 and totals[-1] > 850


def test_outline_names_unanswered_questions(mini: Questionnaire, mini_cw: Crosswalk) -> None:
    af = _answers(mini, F_01=None)
    sig = question_signals(af, mini, mini.applicable_ids("food", "small"))
    one = self_assessment_outline(mini_cw, af, sig)[0]
    assert one.unanswered == ("F-01",) and [f.question for f in one.strengths] == ["A-01"]
