"""Framework estimates on companies that are not in the repository.

Seeded random companies (every sector, size and combination of stated facts; answers of
every type, with blanks and n/a) check what must hold for any company:

- every coverage lies in [0, 1] and no item, category or total exceeds its maximum;
- raising any one answer (a maturity level, a number into the next band, a red line from
  "no" to "yes") never lowers an item, a category or the total, nor an ISO level, and never
  opens an ISO 9001 gap;
- all level 1 puts every covered item at 5 % of its points and all level 5 at 95 %
  (`level_percent`), so the total stays below 100 or above 850 for every company;
- the stated rule for a company meeting the `quality-award` profile (README): its
  estimate is at least 75 % of the points of the items its answers cover (the 70-85 %
  band or higher), no category it covers falls below the 50-65 % band, and with every
  applicable question answered its total is at least 700 of the file's 1,000.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest

from qmself.frameworks import FrameworkEstimate, company_signals, estimate
from qmself.model.answers import Answer, AnswerFile
from qmself.model.applicability import CONSTRUCTION_ROLES, FOOD_ROLES
from qmself.model.common import SIZES
from qmself.model.crosswalk import FRAMEWORKS, Crosswalk
from qmself.model.questionnaire import Question, Questionnaire
from qmself.scoring import compare, score
from qmself.storage.bundled import Catalog

SEED = 20261206
_EPS = 1e-9


@pytest.fixture(scope="module")
def q() -> Questionnaire:
    return Catalog().questionnaire()


@pytest.fixture(scope="module")
def cws(q: Questionnaire) -> dict[str, Crosswalk]:
    cat = Catalog()
    return {f: cat.crosswalk(f, q) for f in FRAMEWORKS}


def _value(rng: random.Random, x: Question, lo: int, hi: int) -> Any:
    """A random answer to `x` at a level in [lo, hi] (numbers inside a band of that level,
    with a sample large enough to count when the question asks for one)."""
    if x.type == "maturity":
        return rng.randint(lo, hi)
    if x.type == "yesno":
        return rng.random() < 0.85 if lo < hi else lo >= 2
    band = rng.choice([b for b in x.bands or [] if lo <= b.level <= hi])
    low = band.min if band.min is not None else (band.max or 0) - 10
    high = band.max if band.max is not None else low + 10
    v = round(rng.uniform(low, high - 1e-3), 3)
    return {"value": v, "sample": x.min_sample + rng.randint(0, 50)} if x.min_sample else v


def _company(rng: random.Random) -> dict[str, Any]:
    facts: dict[str, Any] = {}
    for fact in ("consumer_sales", "exports"):
        v = rng.choice([True, False, None])
        if v is not None:
            facts[fact] = v
    if rng.random() < 0.5:
        facts["food_role"] = rng.sample(FOOD_ROLES, rng.randint(1, 2))
    if rng.random() < 0.5:
        facts["construction_role"] = rng.sample(CONSTRUCTION_ROLES, rng.randint(1, 2))
    return {"name": f"随机企业{rng.randint(1, 99999)}", "credit_code": "91510100MA6C5T2K3G",
            "sector": rng.choice(["food", "construction", "equipment", "digital", "services", "consumer", "other"]),
            "size": rng.choice(SIZES), **facts}


def _file(q: Questionnaire, company: dict[str, Any], answers: dict[str, Any]) -> AnswerFile:
    return AnswerFile.model_validate({
        "questionnaire": {"id": q.id, "version": q.version}, "company": company,
        "assessment": {"date": "2026-10-01"}, "answers": answers,
    })


def _random_file(rng: random.Random, q: Questionnaire, skip: float = 0.08) -> AnswerFile:
    """A random company with random answers (some left blank, some n/a where allowed)."""
    answers: dict[str, Any] = {}
    for x in q.questions:
        r = rng.random()
        if r < skip:
            continue
        if x.allow_na and r < skip + 0.04:
            answers[x.id] = "n/a"
            continue
        answers[x.id] = _value(rng, x, 1, 5)
    return _file(q, _company(rng), answers)


def _companies(q: Questionnaire, n: int, seed: int = SEED, skip: float = 0.08) -> Iterator[AnswerFile]:
    rng = random.Random(seed)
    for _ in range(n):
        yield _random_file(rng, q, skip)


def _estimates(cws: dict[str, Crosswalk], q: Questionnaire, af: AnswerFile) -> dict[str, FrameworkEstimate]:
    sig = company_signals(af, q)
    return {f: estimate(cw, sig, q.red_line_cap) for f, cw in cws.items()}


def test_random_companies_cover_every_sector_size_and_fact(q: Questionnaire) -> None:
    files = list(_companies(q, 80))
    assert {f.company.sector for f in files} >= {"food", "construction", "equipment", "digital", "services", "consumer"}
    assert {f.company.size for f in files} == set(SIZES)
    assert any(f.company.consumer_sales is False for f in files) and any(f.company.food_role for f in files)


def test_coverage_in_unit_range_and_points_within_maxima(q: Questionnaire, cws: dict[str, Crosswalk]) -> None:
    for af in _companies(q, 80):
        for f, e in _estimates(cws, q, af).items():
            assert 0 <= e.coverage <= 1 + _EPS, (f, af.company)
            for c in e.categories:
                assert 0 <= c.coverage <= 1 + _EPS
                assert c.level is None or 1 - _EPS <= c.level <= 5 + _EPS
                for i in c.items:
                    assert 0 <= i.coverage <= 1 + _EPS
                    assert i.level is None or 1 - _EPS <= i.level <= 5 + _EPS
                    if f == "gbt19580":
                        assert i.points is None or 0 <= (i.points or 0) <= (i.max_points or 0) + _EPS
                if f == "gbt19580":
                    assert c.max_points is not None and 0 <= (c.points or 0) <= c.max_points + _EPS
            if f == "gbt19580":
                assert e.max_points == sum(c.max_points or 0 for c in e.categories)
                assert 0 <= (e.total_points or 0) <= (e.max_points or 0) + _EPS


def _raised(x: Question, a: Answer) -> Answer | None:
    """The same answer one step higher, or None when it cannot go higher."""
    v = a.value
    if x.type == "yesno":
        return a._replace(value=True) if v is False else None
    if x.type == "maturity":
        return a._replace(value=int(v) + 1) if isinstance(v, int) and v < 5 else None
    if not isinstance(v, (int, float)) or isinstance(v, bool):
        return None
    now = x.band_level(float(v), a.sample)
    higher = [b for b in x.bands or [] if now is not None and b.level == now + 1]
    if not higher:
        return None
    b = higher[0]
    new = b.min if b.min is not None else (b.max or 0) - 1
    return a._replace(value=new, sample=max(a.sample or 0, x.min_sample or 0) or None)


def _never_lower(before: FrameworkEstimate, after: FrameworkEstimate, what: str) -> None:
    for cb, ca in zip(before.categories, after.categories, strict=True):
        for ib, ia in zip(cb.items, ca.items, strict=True):
            assert (ia.level or 0) >= (ib.level or 0) - _EPS, (what, ib.id, ib.level, ia.level)
            assert (ia.points or 0) >= (ib.points or 0) - _EPS, (what, ib.id)
            assert ia.coverage == pytest.approx(ib.coverage), (what, ib.id)  # answered stays answered
            assert not (ia.gap and not ib.gap), (what, ib.id)
        assert (ca.points or 0) >= (cb.points or 0) - _EPS, (what, cb.id)
        assert (ca.level or 0) >= (cb.level or 0) - _EPS, (what, cb.id)
    assert (after.total_points or 0) >= (before.total_points or 0) - _EPS, what


@pytest.mark.parametrize(("skip", "n", "least"), [(0.08, 12, 700), (0.85, 40, 200)])
def test_raising_any_one_answer_never_lowers_an_estimate(
    q: Questionnaire, cws: dict[str, Crosswalk], skip: float, n: int, least: int
) -> None:
    """Mostly answered files, and sparse ones (85 % blank) where a red line can be the only
    answer an item has: answering it "yes" instead of "no" must not lose points either."""
    raised = 0
    for af in _companies(q, n, SEED + 1, skip):
        before = _estimates(cws, q, af)
        for qid, a in af.answers.items():
            up = _raised(q.question_by_id[qid], a)
            if up is None:
                continue
            higher = af.model_copy(update={"answers": {**af.answers, qid: up}})
            after = _estimates(cws, q, higher)
            raised += 1
            for f in cws:
                _never_lower(before[f], after[f], f"{f} {qid} {a.value}->{up.value}")
    assert raised > least  # the property was exercised on many answers, red lines among them


def _uniform(q: Questionnaire, company: dict[str, Any], level: int, rng: random.Random) -> AnswerFile:
    """Every question at `level`; red lines met at level 2 and above, unmet at level 1."""
    return _file(q, company, {x.id: _value(rng, x, level, level) for x in q.questions})


def test_all_level_1_is_low_and_all_level_5_high_for_every_company(q: Questionnaire, cws: dict[str, Crosswalk]) -> None:
    rng = random.Random(SEED + 2)
    cw = cws["gbt19580"]
    for _ in range(40):
        company = _company(rng)
        low = estimate(cw, company_signals(_uniform(q, company, 1, rng), q), q.red_line_cap)
        high = estimate(cw, company_signals(_uniform(q, company, 5, rng), q), q.red_line_cap)
        covered = [i for i in high.items if i.level is not None]
        assert [i.id for i in low.items if i.level is not None] == [i.id for i in covered]
        for i_low, i_high in zip(low.items, high.items, strict=True):
            if i_high.level is not None:  # level_percent: 1 -> 5 %, 5 -> 95 %
                assert i_low.percent == pytest.approx(cw.level_percent[1])
                assert i_high.percent == pytest.approx(cw.level_percent[5])
        cover_max = sum(i.max_points or 0 for i in covered)
        assert low.total_points == pytest.approx(cover_max * cw.level_percent[1] / 100)
        assert high.total_points == pytest.approx(cover_max * cw.level_percent[5] / 100)
        assert (low.total_points or 0) < 100 < 850 < (high.total_points or 0), company


def _award_file(rng: random.Random, q: Questionnaire, targets: dict[str, float], spread: bool) -> AnswerFile:
    """A company aiming at the quality-award targets: levels mostly 4-5 (5 where the target
    is 5); with `spread`, some answers as low as 2 that other answers make up for."""
    answers: dict[str, Any] = {}
    skip = 0.03 if spread else 0.0
    for x in q.questions:
        if rng.random() < skip:
            continue
        if x.type == "yesno":
            answers[x.id] = True
            continue
        t = targets.get(x.area, 4.0)
        if spread:
            weights = [0.02, 0.05, 0.25, 0.68] if t < 4.6 else [0, 0, 0.01, 0.99]
            lv = rng.choices([2, 3, 4, 5], weights=weights)[0]
        else:
            r = rng.random()
            lv = 5 if r < min(1.0, t - 4 + 0.25) else (4 if r < 0.97 else 3)
        answers[x.id] = _value(rng, x, lv, lv)
    return _file(q, _company(rng), answers)


@pytest.mark.parametrize("spread", [False, True])
def test_companies_meeting_quality_award_land_in_the_stated_band(
    q: Questionnaire, cws: dict[str, Crosswalk], spread: bool
) -> None:
    cat = Catalog()
    profile = cat.profile("quality-award")
    targets = {a: t.level for a, t in profile.targets.items()}
    rng = random.Random(SEED + 3 + spread)
    met: list[AnswerFile] = []
    tries = 0
    while len(met) < 30 and tries < 2000:
        tries += 1
        af = _award_file(rng, q, targets, spread)
        if compare(score(af, q), profile, q).all_met:
            met.append(af)
    assert len(met) == 30, tries  # the generator reaches the profile often enough to test the rule
    cw = cws["gbt19580"]
    for af in met:
        e = estimate(cw, company_signals(af, q), q.red_line_cap)
        covered = [i for i in e.items if i.level is not None]
        share = 100 * sum(i.points or 0 for i in covered) / sum(i.max_points or 0 for i in covered)
        band = cw.band_of(share)
        assert share >= 75 and band is not None and band.low >= 70, (share, af.company)
        for c in e.categories:
            if c.band is not None:  # a thinly measured category can dip, but not below 50-65 %
                assert c.band.low >= 50, (c.id, c.percent, af.company)
        if not spread:  # every applicable question answered
            assert (e.total_points or 0) >= 700, (e.total_points, af.company)
