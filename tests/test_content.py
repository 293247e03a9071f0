"""The bundled questionnaire and benchmark profiles: complete, bilingual, cited, consistent."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qmself.citations import citation_problem
from qmself.lint import profile_problems, questionnaire_problems
from qmself.model.benchmark import BenchmarkProfile
from qmself.model.questionnaire import Questionnaire
from qmself.storage.bundled import Catalog, data_dir
from qmself.storage.loaders import load_answer_file, load_profile
from qmself.storage.template import render_template

CJK = re.compile(r"[\u4e00-\u9fff]")
AREAS = ["LEAD", "QMS", "TRACE", "DISC", "STD", "CUST", "SUPPLY", "DIGI", "PEOPLE", "BRAND", "RISK", "GREEN"]


@pytest.fixture(scope="module")
def core() -> Questionnaire:
    return Catalog().questionnaire("qmself-core")


@pytest.fixture(scope="module")
def profiles(core: Questionnaire) -> dict[str, BenchmarkProfile]:
    return {p.id: p for p in (load_profile(f, core) for f in sorted(data_dir("benchmarks").glob("*.yaml")))}


def test_core_lints_clean(core: Questionnaire) -> None:
    assert questionnaire_problems(core) == []


def test_twelve_areas_and_enough_core_questions(core: Questionnaire) -> None:
    assert [a.id for a in core.areas] == AREAS  # one area per duty group of the domain brief
    core_qs = [q for q in core.questions if q.module is None]
    assert len(core_qs) >= 80
    for area in AREAS:
        assert sum(q.area == area for q in core_qs) >= 6, area


def test_sector_modules(core: Questionnaire) -> None:
    assert {"food", "construction", "equipment", "digital", "services"} <= {m.id for m in core.modules}
    for m in core.modules:
        qs = [q for q in core.questions if q.module == m.id]
        assert len(qs) >= 4, m.id
        sectors = [s.id for s in core.sectors if m.id in s.modules]
        assert sectors, f"module {m.id} applies to no sector"
        outsider = next(s.id for s in core.sectors if m.id not in s.modules)
        applicable = {q.id for q in core.applicable(outsider, "medium")}
        assert not applicable & {q.id for q in qs}


def test_every_question_is_bilingual_and_cited(core: Questionnaire) -> None:
    for q in core.questions:
        texts = [q.text, q.guidance, *q.evidence, *(q.levels or {}).values()]
        for t in texts:
            assert CJK.search(t.zh), (q.id, t.zh)
            # English may quote a Chinese term such as 三包, but is English
            assert len(CJK.findall(t.en)) <= len(t.en) * 0.1, (q.id, t.en)
        assert q.cites and all(citation_problem(c) is None for c in q.cites), q.id


def test_red_lines_cover_the_statutory_duties(core: Questionnaire) -> None:
    red = [q for q in core.questions if q.red_line]
    assert all(q.type == "yesno" for q in red)
    by_area = {a: [q.id for q in red if q.area == a and q.module is None] for a in AREAS}
    assert len(by_area["CUST"]) >= 3  # recall, warranty/三包, consumer rights
    assert by_area["RISK"]  # mandatory accident reporting
    assert by_area["TRACE"]  # traceability where the law requires it
    assert any(q.module == "food" for q in red)


def test_answer_types_in_use(core: Questionnaire) -> None:
    types = {q.type for q in core.questions}
    assert types == {"maturity", "yesno", "number"}
    assert any(q.allow_na for q in core.questions)
    assert any(q.sizes for q in core.questions)


@pytest.mark.parametrize("sector", ["food", "construction", "equipment", "digital", "services", "consumer", "other"])
@pytest.mark.parametrize("size", ["micro", "large"])
def test_template_for_every_sector_loads(core: Questionnaire, sector: str, size: str, tmp_path: Path) -> None:
    text = render_template(core, sector, size, "zh", company="测试")
    text = text.replace('credit_code: ""', "credit_code: 91510100MA6C5T2K3G")
    p = tmp_path / "t.yaml"
    p.write_text(text, encoding="utf-8")
    loaded = load_answer_file(p, {"qmself-core": core})
    assert set(loaded.answers.answers) == {q.id for q in core.applicable(sector, size)}
    assert all(not a.answered for a in loaded.answers.answers.values())


REQUIRED_PROFILES = ["statutory-baseline", "sme-starter", "standard-leader", "quality-award"]


def test_profiles_are_complete_and_justified(core: Questionnaire, profiles: dict[str, BenchmarkProfile]) -> None:
    assert set(REQUIRED_PROFILES) <= set(profiles)
    for p in profiles.values():
        assert profile_problems(p, core) == []
        assert list(p.targets) == AREAS, p.id
        for t in p.targets.values():
            assert CJK.search(t.rationale.zh) and len(t.rationale.en) > 40
    assert profiles["statutory-baseline"].require_red_lines


def test_profiles_rise_from_baseline_to_award(profiles: dict[str, BenchmarkProfile]) -> None:
    ladder = [profiles[i] for i in REQUIRED_PROFILES]
    for area in AREAS:
        levels = [p.targets[area].level for p in ladder]
        assert levels == sorted(levels), (area, levels)
    means = [sum(t.level for t in p.targets.values()) / len(p.targets) for p in ladder]
    assert means == sorted(means) and means[0] < means[-1]


def test_core_actions_speak_to_every_sector() -> None:
    """Sector-specific wording (cars, e-bikes, children's products, food, shops) only in that
    sector's module actions: the core actions reach a hydraulic-parts maker and a builder alike."""
    import re

    from qmself.storage.bundled import Catalog

    cat = Catalog()
    q = cat.questionnaire()
    zh_words = ["汽车", "电动自行车", "儿童", "食品", "门店", "药品", "化妆品"]
    en_words = re.compile(r"(?<![-\w])(cars?|e-bikes?|child(ren)?|food|shops?|drugs?|cosmetics)(?![-\w])", re.I)
    for a in cat.catalogue(q).actions:
        if a.module is not None:
            continue
        texts = [a.title, a.description, *a.evidence, *(k.name for k in a.kpis), *(k.measure for k in a.kpis)]
        zh = " ".join(t("zh") for t in texts)
        en = " ".join(t("en") for t in texts)
        assert not [w for w in zh_words if w in zh], (a.id, [w for w in zh_words if w in zh])
        assert not en_words.search(en), (a.id, en_words.search(en))
