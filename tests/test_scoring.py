"""Scoring against hand-computed expectations, and properties that must always hold.

The mini questionnaire (tests/data/mini-questionnaire.yaml): area A (weight 2)
has A-01 (maturity, weight 2), A-02 (maturity, weight 1, n/a allowed) and A-03
(yes/no red line, weight 1); area B (weight 1) has B-01 (number, bands
<90 | 90-95 | 95-98 | 98-99.5 | >=99.5 -> levels 1-5), B-02 (medium/large only)
and F-01 (food module). A question scores (level - 1) / 4.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qmself.model.answers import AnswerFile
from qmself.model.benchmark import BenchmarkProfile
from qmself.model.questionnaire import Questionnaire
from qmself.scoring import check_answers, compare, score


def make(answers: dict[str, Any], sector: str = "food", size: str = "small", version: str = "2.0") -> AnswerFile:
    return AnswerFile.model_validate(
        {
            "questionnaire": {"id": "mini", "version": version},
            "company": {"name": "测试", "credit_code": "91510100MA6C5T2K3G", "sector": sector, "size": size},
            "assessment": {"date": dt.date(2026, 10, 15)},
            "answers": answers,
        }
    )


FULL = {"A-01": 4, "A-02": 2, "A-03": "yes", "B-01": 96, "F-01": 5}

# (answers, sector, size, missing, A score, B score, overall index, overall level, whole, completeness)
CASES = [
    # the red line A-03 is a gate, not a score: A = (2*.75 + 1*.25) / 3 = 1.75/3; B = (.5 + 1) / 2 = .75;
    # overall = (2*175/3 + 75) / 3 = 575/9
    (FULL, "food", "small", "exclude", 175 / 3, 75.0, 575 / 9, 1 + 4 * 575 / 900, 3, 1.0),
    # red line unmet: A raw = 1.75/3 -> level 3.33 capped to 2 -> score 25;
    # overall = (2*25 + 75) / 3 = 41.67 -> level 2.67 capped to 2
    ({**FULL, "A-03": "no"}, "food", "small", "exclude", 25.0, 75.0, 125 / 3, 2.0, 2, 1.0),
    # n/a leaves the area: A = A-01 alone = .75
    ({**FULL, "A-02": "n/a"}, "food", "small", "exclude", 75.0, 75.0, 75.0, None, None, 1.0),
    # missing excluded: A = A-01 alone as above, completeness 4/5
    ({k: v for k, v in FULL.items() if k != "A-02"}, "food", "small", "exclude", 75.0, 75.0, None, None, None, 0.8),
    # missing counted as lowest: A = (1.5 + 0) / 3 = .5
    ({k: v for k, v in FULL.items() if k != "A-02"}, "food", "small", "lowest", 50.0, 75.0, None, None, None, 0.8),
    # another sector: F-01 does not apply; B = B-01 alone = 50
    ({k: v for k, v in FULL.items() if k != "F-01"}, "other", "small", "exclude", 175 / 3, 50.0, (350 / 3 + 50) / 3,
     None, None, 1.0),
    # medium company: B-02 applies too; B = (.5 + 1 + .25) / 3
    ({**FULL, "B-02": 2}, "food", "medium", "exclude", 175 / 3, 175 / 3, None, None, None, 1.0),
    # band edges: 95 is in 95-98 (level 3), 99.5 in the top band
    ({**FULL, "B-01": 95}, "food", "small", "exclude", 175 / 3, 75.0, None, None, None, 1.0),
    ({**FULL, "B-01": 99.5}, "food", "small", "exclude", 175 / 3, 100.0, None, None, None, 1.0),
    ({**FULL, "B-01": 89.9}, "food", "small", "exclude", 175 / 3, 50.0, None, None, None, 1.0),
]


@pytest.mark.parametrize(("answers", "sector", "size", "missing", "a", "b", "index", "level", "whole", "compl"), CASES)
def test_hand_computed(
    mini: Questionnaire, answers: dict[str, Any], sector: str, size: str, missing: str,
    a: float, b: float, index: float | None, level: float | None, whole: int | None, compl: float,
) -> None:
    af = make(answers, sector, size)
    assert [p for p in check_answers(af, mini) if p.severity == "error"] == []
    r = score(af, mini, missing=missing)  # type: ignore[arg-type]
    assert r.area("A").score == pytest.approx(a)
    assert r.area("B").score == pytest.approx(b)
    if index is not None:
        assert r.overall_index == pytest.approx(index)
    if level is not None:
        assert r.overall_level == pytest.approx(level)
    if whole is not None:
        assert r.whole_level == whole
    assert r.completeness == pytest.approx(compl)


def test_red_line_cap_is_reported(mini: Questionnaire) -> None:
    r = score(make({**FULL, "A-03": "no"}), mini)
    a = r.area("A")
    assert a.capped and a.raw_score == pytest.approx(175 / 3) and a.level == 2.0
    assert a.red_lines_unmet == ["A-03"]
    assert [(f.question, f.status) for f in r.red_lines] == [("A-03", "unmet")]
    assert r.capped and r.whole_level == 2


def test_unanswered_red_line_is_a_finding_but_no_cap(mini: Questionnaire) -> None:
    r = score(make({k: v for k, v in FULL.items() if k != "A-03"}), mini)
    assert [(f.question, f.status) for f in r.red_lines] == [("A-03", "unanswered")]
    assert not r.area("A").capped
    assert r.area("A").score == pytest.approx(100 * (1.5 + 0.25) / 3)


def test_area_with_nothing_answered_is_not_assessed(mini: Questionnaire) -> None:
    r = score(make({"A-01": 3}), mini)
    b = r.area("B")
    assert b.score is None and b.level is None and b.whole_level is None
    assert r.overall_index == pytest.approx(50.0)  # only A counts: A-01 level 3 -> .5


def test_whole_level_is_rounded_down(mini: Questionnaire) -> None:
    r = score(make({**FULL}), mini)
    assert r.area("A").level == pytest.approx(1 + 7 / 3) and r.area("A").whole_level == 3
    assert r.area("B").level == pytest.approx(4.0) and r.area("B").whole_level == 4


def profile(
    targets: dict[str, float], require_red_lines: bool = True, min_overall: float | None = None
) -> BenchmarkProfile:
    t = {k: {"level": v, "rationale": {"zh": "理由", "en": "why"}, "cites": ["outline-2023 （二十）"]}
         for k, v in targets.items()}
    return BenchmarkProfile.model_validate(
        {"kind": "benchmark", "id": "t", "version": "1.0", "questionnaire": "mini",
         "title": {"zh": "测", "en": "t"}, "summary": {"zh": "测", "en": "t"},
         "rationale": {"zh": "测", "en": "t"}, "cites": ["outline-2023 （二十）"],
         "require_red_lines": require_red_lines, "min_overall_level": min_overall, "targets": t}
    )


def test_gaps_against_a_profile(mini: Questionnaire) -> None:
    # A level 1 + 4 * 1.75/3 = 10/3, B level 4.0
    c = compare(score(make(FULL), mini), profile({"A": 4.5, "B": 3.0}), mini)
    a, b = c.areas
    assert (a.area, a.target, a.gap, a.met, a.priority) == ("A", 4.5, pytest.approx(4.5 - 10 / 3), False, 1)
    assert (b.area, b.gap, b.met, b.priority) == ("B", 0.0, True, None)
    # progress = (2*min(7/3, 3.5) + 1*min(3, 2)) / (2*3.5 + 1*2) = (14/3 + 2) / 9
    assert c.progress == pytest.approx(100 * (14 / 3 + 2) / 9)
    assert (c.met, c.targeted, c.all_met) == (1, 2, False)


def test_red_line_areas_come_first(mini: Questionnaire) -> None:
    # A capped at 2 with a red line; B at 2.0 when B-01 = 92 and F-01 = 3 -> (.25 + .5) / 2 -> level 2.5
    r = score(make({**FULL, "A-03": "no", "B-01": 92, "F-01": 3}), mini)
    c = compare(r, profile({"A": 2.0, "B": 4.5}), mini)
    gaps = {g.area: g for g in c.areas}
    # A reaches 2.0 but its red line keeps it unmet, and it still comes first
    assert gaps["A"].gap == 0.0 and not gaps["A"].met and gaps["A"].priority == 1
    assert gaps["B"].gap == pytest.approx(2.0) and gaps["B"].priority == 2
    assert not c.red_lines_ok
    lenient = compare(r, profile({"A": 2.0, "B": 4.5}, require_red_lines=False), mini)
    assert {g.area: g.met for g in lenient.areas}["A"] is True


def test_priority_is_weight_times_gap(mini: Questionnaire) -> None:
    # A (weight 2) gap 0.5 -> 1.0; B (weight 1) gap 1.5 -> 1.5: B first
    r = score(make({"A-01": 4, "A-02": 4, "A-03": "yes", "B-01": 92, "F-01": 3}), mini)
    # A = (2*.75 + .75) / 3 = .75 -> level 4.0 (the red line is a gate); B = level 2.5
    c = compare(r, profile({"A": 4.5, "B": 4.0}), mini)
    assert [g.area for g in c.priorities] == ["B", "A"]


def test_min_overall_level(mini: Questionnaire) -> None:
    c = compare(score(make(FULL), mini), profile({"A": 1, "B": 1}, min_overall=4.0), mini)
    assert not c.overall_ok and not c.all_met and c.met == 2


# ---- properties -----------------------------------------------------------------------

LEVEL = st.integers(1, 5)
ANSWERS = st.fixed_dictionaries(
    {
        "A-01": LEVEL,
        "A-02": st.one_of(LEVEL, st.just("n/a"), st.none()),
        "A-03": st.sampled_from(["yes", "no", "n/a", None]),
        "B-01": st.one_of(st.floats(0, 100, allow_nan=False), st.none()),
        "F-01": st.one_of(LEVEL, st.none()),
    }
)


@settings(max_examples=300, deadline=None)
@given(ANSWERS, st.sampled_from(["A-01", "A-02", "B-01", "F-01", "A-03"]))
def test_raising_an_answer_never_lowers_a_score(mini: Questionnaire, answers: dict[str, Any], qid: str) -> None:
    before = score(make(answers), mini)
    raised = dict(answers)
    v = answers[qid]
    if qid == "A-03":
        if v != "no":
            return
        raised[qid] = "yes"
    elif qid == "B-01":
        if v is None:
            return
        raised[qid] = min(100.0, v + 5)
    else:
        if not isinstance(v, int) or v == 5:
            return
        raised[qid] = v + 1
    after = score(make(raised), mini)
    for a0, a1 in zip(before.areas, after.areas, strict=True):
        if a0.score is not None:
            assert a1.score is not None and a1.score >= a0.score - 1e-9
    if before.overall_index is not None:
        assert after.overall_index is not None and after.overall_index >= before.overall_index - 1e-9


@settings(max_examples=300, deadline=None)
@given(ANSWERS, st.sampled_from(["food", "other"]), st.sampled_from(["micro", "small", "medium", "large"]))
def test_scores_stay_in_range(mini: Questionnaire, answers: dict[str, Any], sector: str, size: str) -> None:
    if sector == "other":
        answers = {k: v for k, v in answers.items() if k != "F-01"}
    r = score(make(answers, sector, size), mini)
    for a in r.areas:
        if a.score is not None:
            assert 0 <= a.score <= 100 and 1 <= (a.level or 0) <= 5 and a.whole_level in range(1, 6)
    assert r.overall_index is not None and 0 <= r.overall_index <= 100
    assert 0 <= r.completeness <= 1


def test_all_top_answers_give_level_5_and_index_100(mini: Questionnaire) -> None:
    r = score(make({"A-01": 5, "A-02": 5, "A-03": "yes", "B-01": 100, "F-01": 5, "B-02": 5}, size="large"), mini)
    assert r.overall_index == pytest.approx(100.0) and r.whole_level == 5
    assert all(a.whole_level == 5 for a in r.areas)


def test_all_bottom_answers_give_level_1_and_index_0(mini: Questionnaire) -> None:
    r = score(make({"A-01": 1, "A-02": 1, "A-03": "no", "B-01": 0, "F-01": 1}), mini)
    assert r.overall_index == pytest.approx(0.0) and r.whole_level == 1


# ---- checking answers against the questionnaire ---------------------------------------------


def test_older_answers_are_read_and_dropped_ids_noticed(mini: Questionnaire) -> None:
    problems = check_answers(make({**FULL, "A-09": 3, "X-01": 2}, version="1.0"), mini)
    assert [(p.field, p.severity) for p in problems] == [("answers.A-09", "notice"), ("answers.X-01", "notice")]
    assert "merged into A-01" in problems[0].en


def test_same_version_unknown_id_is_an_error(mini: Questionnaire) -> None:
    problems = check_answers(make({**FULL, "X-01": 2}), mini)
    assert [(p.field, p.severity) for p in problems] == [("answers.X-01", "error")]


def test_answer_to_inapplicable_question_is_noticed(mini: Questionnaire) -> None:
    problems = check_answers(make({**FULL, "B-02": 3}), mini)  # small company
    assert [(p.field, p.severity) for p in problems] == [("answers.B-02", "notice")]


def test_a_changed_copy_of_a_questionnaire_does_not_reuse_the_originals_cached_views(mini: Questionnaire) -> None:
    before = score(make(FULL), mini)  # fills the original's caches for food/small
    reweighted = mini.model_copy(
        update={"questions": [q.model_copy(update={"weight": 3.0}) if q.id == "A-02" else q for q in mini.questions]}
    )
    after = score(make(FULL), reweighted)
    # A = (2*.75 + 3*.25) / 5 = 2.25 / 5 (the red line A-03 is a gate, not a score)
    assert after.area("A").score == pytest.approx(100 * 2.25 / 5)
    assert before.area("A").score == pytest.approx(175 / 3)
    assert score(make(FULL), mini).area("A").score == pytest.approx(175 / 3)
