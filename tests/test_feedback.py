"""Strengths and opportunities for improvement (`qmself.feedback`), KPI baselines, and the same
words in PDF, Markdown, JSON and Word."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from pypdf import PdfReader
from typer.testing import CliRunner

from qmself.cli import app
from qmself.feedback import AT_TARGET_FLOOR, STRONG_LEVEL, feedback
from qmself.model.answers import NA
from qmself.model.benchmark import default_profile_id
from qmself.planning import plan_for
from qmself.scoring import answer_level, score
from qmself.storage.bundled import Catalog
from qmself.storage.loaders import load_answer_file
from tests.conftest import CONSUMER_MAKER, EXAMPLES, docx_text

runner = CliRunner()
FILES = [EXAMPLES / "food-producer.yaml", EXAMPLES / "small-manufacturer.yaml", EXAMPLES / "construction-firm.yaml",
         CONSUMER_MAKER]
PROFILES = ["statutory-baseline", "sme-starter", "standard-leader", "quality-award", None]


def _flat(text: str) -> str:
    return "".join(text.split())


def _plan(tmp: Path, answers: Path, fmt: str, *extra: str) -> Path:
    out = tmp / f"{answers.stem}-{fmt}-{'-'.join(x.strip('-') for x in extra)}.{fmt}"
    r = runner.invoke(app, ["plan", str(answers), "-o", str(out), *extra])
    assert r.exit_code == 0, r.stderr
    return out


def _json(tmp: Path, answers: Path, *extra: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_plan(tmp, answers, "json", *extra).read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("profile_id", PROFILES)
def test_strengths_and_opportunities_follow_the_rule(path: Path, profile_id: str | None) -> None:
    """Every question that meets the strength rule is a strength and nothing else is; every
    opportunity stands below its area's target (or is an unmet red line, or unanswered), ranked
    1..n with red lines first and, after them, areas in the gap table's order."""
    catalog = Catalog()
    loaded = load_answer_file(path, catalog.questionnaires)
    q = loaded.questionnaire
    result = score(loaded.answers, q)
    chosen = catalog.profile(profile_id or default_profile_id(result.size))
    plan, comparison, _ = plan_for(result, loaded.answers, chosen, catalog.profiles, q, catalog.catalogue(q))
    fb = feedback(result, comparison, plan, loaded.answers, q)
    target = {g.area: g.target for g in comparison.areas}
    strong = {s.question for a in fb for s in a.strengths}
    expected = set()
    for x in q.applicable(result.sector, result.size, loaded.answers.company):
        a = loaded.answers.answers.get(x.id)
        if x.type == "yesno" or a is None or a.value in (None, NA):
            continue
        lv = answer_level(x, a)
        if lv is not None and (lv >= STRONG_LEVEL or (lv >= AT_TARGET_FLOOR and lv >= target[x.area])):
            expected.add(x.id)
    assert strong == expected
    opps = sorted((o for a in fb for o in a.opportunities), key=lambda o: o.rank)
    assert [o.rank for o in opps] == list(range(1, len(opps) + 1))
    kinds = [o.kind for o in opps]
    assert kinds == sorted(kinds, key=lambda k: k != "red_line")
    for o in opps:
        assert o.question not in strong
        if o.kind == "below":
            assert o.level is not None and o.target is not None and o.level < o.target
    prio = {g.area: g.priority or 99 for g in comparison.areas}
    below = [prio[o.area] for o in opps if o.kind != "red_line"]
    assert below == sorted(below)
    # every action the plan takes for a question names it as an opportunity's action
    for p in plan.actions:
        for qid, _, _ in p.because:
            match = [o for o in opps if o.question == qid]
            if match:
                assert p.action.id in match[0].actions


def test_food_producer_default_plan_has_actions_and_strengths(tmp_path: Path) -> None:
    rep = _json(tmp_path, EXAMPLES / "food-producer.yaml")
    assert rep["actions"] and rep["strengths"] and rep["opportunities"]
    # the stretch target is stated first, in the summary and the notices
    assert "延伸目标" in rep["summary"][0] and rep["notices"][0] == rep["stretch"]
    assert rep["stretch_from"] == "中小微企业起步水平"
    s = {x["question"]: x for x in rep["strengths"]}
    assert s["TRACE-05"]["level"] == 5 and s["TRACE-05"]["value"] == 98.5
    assert "98.5%" in s["TRACE-05"]["text"] and s["TRACE-05"]["evidence"]
    assert len(rep["board_strengths"]) == 3
    assert len({b.split("（")[0] for b in rep["board_strengths"]}) == 3  # three different areas


def test_kpi_baseline_beside_its_target(tmp_path: Path) -> None:
    rep = _json(tmp_path, EXAMPLES / "small-manufacturer.yaml")
    by_id = {a["id"]: a for a in rep["actions"]}
    (kpi,) = [k for k in by_id["ACT-SUPPLY-02"]["kpis"] if k["question"]]
    assert (kpi["question"], kpi["baseline"], kpi["target"], kpi["met"]) == ("SUPPLY-03", "96.8%", "≥98%", False)
    assert "基线 SUPPLY-03：96.8% → ≥98%" in kpi["text"]
    # KPIs without a linked question carry no baseline
    assert all(k["baseline"] == "" for a in rep["actions"] for k in a["kpis"] if k["question"] is None)
    # every format prints the same line
    small = EXAMPLES / "small-manufacturer.yaml"
    pdf = _flat("".join(p.extract_text() for p in PdfReader(_plan(tmp_path, small, "pdf")).pages))
    assert _flat(kpi["text"]) in pdf
    md = _plan(tmp_path, EXAMPLES / "small-manufacturer.yaml", "md").read_text(encoding="utf-8")
    assert kpi["text"] in md
    doc = Document(str(_plan(tmp_path, EXAMPLES / "small-manufacturer.yaml", "docx")))
    assert kpi["text"] in docx_text(doc)


def test_kpi_baseline_of_a_level_question_and_in_english(tmp_path: Path) -> None:
    rep = _json(tmp_path, EXAMPLES / "construction-firm.yaml", "-b", "quality-award", "--lang", "en")
    by_id = {a["id"]: a for a in rep["actions"]}
    (kpi,) = [k for k in by_id["ACT-QMS-05"]["kpis"] if k["question"]]
    assert (kpi["question"], kpi["baseline"], kpi["target"]) == ("QMS-03", "level 3", "level 5")
    (trace,) = [k for k in by_id["ACT-TRACE-03"]["kpis"] if k["question"]]
    assert "(baseline TRACE-05: 62% → ≥95%)" in trace["text"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_feedback_note_points_to_the_document_the_reader_holds(tmp_path: Path, lang: str) -> None:
    """A board reader has the PDF or the Word file, not the JSON: the note names the appendix that
    is printed in both."""
    food = EXAMPLES / "food-producer.yaml"
    rep = _json(tmp_path, food, "--lang", lang)
    note, heading = rep["feedback_note"], rep["labels"]["answers"]  # "B. 答卷与证据"
    assert "JSON" not in note
    assert heading.split(". ")[1].lower() in note.lower() and (" B " in note if lang == "zh" else "appendix B," in note)
    pdf = "".join(p.extract_text() for p in PdfReader(_plan(tmp_path, food, "pdf", "--lang", lang)).pages)
    word = docx_text(Document(str(_plan(tmp_path, food, "docx", "--lang", lang))))
    for text in (_flat(pdf), word):
        assert _flat(note) in _flat(text) and _flat(heading) in _flat(text)


def test_strengths_and_opportunities_in_every_format(tmp_path: Path) -> None:
    food = EXAMPLES / "food-producer.yaml"
    rep = _json(tmp_path, food)
    lines = [x for fa in rep["feedback"] for x in [fa["title"], *fa["strengths"], *fa["opportunities"]]]
    assert any(x.startswith("1. ") for fa in rep["feedback"] for x in fa["opportunities"])
    md = _plan(tmp_path, food, "md").read_text(encoding="utf-8")
    assert "## 三、优势与改进机会" in md and rep["feedback_note"] in md
    pdf = _flat("".join(p.extract_text() for p in PdfReader(_plan(tmp_path, food, "pdf")).pages))
    doc = Document(str(_plan(tmp_path, food, "docx")))
    word = docx_text(doc)
    for x in lines:
        assert x in md
        assert _flat(x) in pdf
        assert x in word


def test_board_page_states_the_stretch_target(tmp_path: Path) -> None:
    food = EXAMPLES / "food-producer.yaml"
    board = _flat(PdfReader(_plan(tmp_path, food, "pdf")).pages[1].extract_text())
    assert "董事会摘要" in board
    key = "企业已达到所选基准“中小微企业起步水平”的全部目标"
    assert key in board and "以下一档“标准领跑与对标达标水平”为延伸目标" in board
    assert "确认以“标准领跑与对标达标水平”作为延伸目标" in board  # a decision asked of the board
    # top strengths and priorities, effort, decisions, approval block, document number and version
    for text in ("三项主要优势", "三项优先改进", "人月", "提请董事会决定", "编制", "审核", "批准", "文件编号", "第1版"):
        assert text in board
    doc = Document(str(_plan(tmp_path, food, "docx")))
    paras = [p.text for p in doc.paragraphs]
    before_contents = paras[:paras.index("目录")]
    cells = [c.text for t in doc.tables[1:6] for row in t.rows for c in row.cells]
    header = doc.sections[0].header.paragraphs[0].text  # the board page's running header (not the cover's)
    board_word = _flat("\n".join([header, *before_contents, *cells]))
    assert key in board_word and "确认以“标准领跑与对标达标水平”作为延伸目标" in board_word
    for text in ("董事会摘要", "三项主要优势", "三项优先改进", "人月", "提请董事会决定", "编制", "审核", "批准",
                 "文件编号", "第1版", "总体等级与指数", "未满足的法定红线", "计划周期与措施"):
        assert text in board_word, text
    # without a stretch the board says nothing of one
    plain = _flat(PdfReader(_plan(tmp_path, EXAMPLES / "small-manufacturer.yaml", "pdf")).pages[1].extract_text())
    assert "延伸目标" not in plain and "对照“中小微企业起步水平”" in plain


def test_lint_checks_kpi_question_links() -> None:
    from qmself.lint import catalogue_problems

    catalog = Catalog()
    q = catalog.questionnaires["qmself-core"]
    cat = catalog.catalogue(q)
    assert not [p for p in catalogue_problems(cat, q) if "kpis" in p.field]
    act = cat.action_by_id["ACT-SUPPLY-02"]
    i = next(i for i, k in enumerate(act.kpis) if k.question == "SUPPLY-03")

    def problems(**change: Any) -> list[str]:
        kpis = [k.model_copy(update=change) if j == i else k for j, k in enumerate(act.kpis)]
        bad = act.model_copy(update={"kpis": kpis})
        c = cat.model_copy(update={"actions": [bad if a.id == act.id else a for a in cat.actions]})
        return [p.en for p in catalogue_problems(c, q) if "kpis" in p.field]

    assert problems(target=97) == ["the measure does not state the target 97"] * 2
    # SUPPLY-02 lifts SUPPLY-03 to level 3, which starts at 97%: a lower target cannot be the KPI
    assert problems(target=96) == ["target 96 falls short of the action's level (SUPPLY-03 reaches it at 97)",
                                   *["the measure does not state the target 96"] * 2]
    assert problems(target=None) == ["SUPPLY-03 is a number question: give the target in its unit"]
    assert problems(target=101) == ["target 101 is outside SUPPLY-03's range",
                                    *["the measure does not state the target 101"] * 2]
    assert problems(question="LEAD-01", target=None) == [
        "question LEAD-01 is in none of the action's areas or its module: no baseline for this KPI"]
    assert problems(question="SUPPLY-01", target=98) == [
        "SUPPLY-01 is a maturity question: the KPI aims at the action's level, no target of its own"]
    assert problems(question="NOPE-1") == ["unknown question id 'NOPE-1'"]
    assert problems(question=None, target=98) == ["a target goes with a question (it is in that question's unit)"]


def test_every_number_question_is_some_kpis_baseline() -> None:
    catalog = Catalog()
    q = catalog.questionnaires["qmself-core"]
    linked = {k.question for a in catalog.catalogue(q).actions for k in a.kpis}
    assert {x.id for x in q.questions if x.type == "number"} <= linked


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_opportunity_without_an_action_says_why(tmp_path: Path, lang: str) -> None:
    """A question below its area's target in an area that meets the target on average gets no action
    (the plan closes area gaps): the plan says so, instead of a bare "no action in this plan"."""
    rep = _json(tmp_path, EXAMPLES / "construction-firm.yaml", "--lang", lang)
    met = {a["id"] for a in rep["areas"] if a["met"]}
    bare = ("（本计划未安排措施）", " (no action in this plan)")[lang == "en"]
    said = ("本领域已达目标", "the area meets its target")[lang == "en"]
    idle = [o for o in rep["opportunities"] if not o["actions"] and not o["later"] and o["kind"] == "below"]
    assert idle, "the example has questions below target in areas that meet it"
    for o in idle:
        assert (said in o["text"]) == (o["area"] in met) and (bare in o["text"]) == (o["area"] not in met), o
