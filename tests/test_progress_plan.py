"""Progress-aware plans (`plan NEW --previous OLD`): what the last plan asked for and reached is
not planned again and the plan says so; questions that went down are flagged in every format;
the executive summary states the progress."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from qmself.cli import app
from qmself.pipeline import plan_company, progress_since
from qmself.storage.bundled import Catalog
from qmself.storage.loaders import load_answer_file

EXAMPLES = Path(__file__).parents[1] / "examples"
FOOD = EXAMPLES / "food-producer.yaml"
CAT = Catalog()
runner = CliRunner()

LOWERED = {"QMS-04": 2, "QMS-05": 2, "SUPPLY-02": 2, "STD-01": 2, "PEOPLE-03": 2}
"""A year ago these stood lower; the food producer's file has them at 3, 3, 4, 3, 3 now."""


def older(tmp: Path, changes: dict[str, object], name: str = "food-2025.yaml") -> Path:
    """The food producer a year earlier: `changes` applied to its answers."""
    y = YAML()
    d = y.load(FOOD.read_text(encoding="utf-8"))
    d["assessment"]["date"] = dt.date(2025, 9, 18)
    for k, v in changes.items():
        if hasattr(d["answers"][k], "keys"):
            d["answers"][k]["value"] = v
        else:
            d["answers"][k] = v
    out = tmp / name
    with out.open("w", encoding="utf-8") as f:
        y.dump(d, f)
    return out


@pytest.fixture(scope="module")
def previous(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # lower levels, the traceability red line unmet, and DISC-01 higher than now (it went down since)
    return older(tmp_path_factory.mktemp("prev"), {**LOWERED, "TRACE-02": False, "DISC-01": 4})


def test_reached_actions_are_not_planned_again(previous: Path) -> None:
    old = load_answer_file(previous, CAT.questionnaires)
    new = load_answer_file(FOOD, CAT.questionnaires)
    planned = plan_company(new.answers, new.questionnaire, CAT, "standard-leader")
    p = progress_since(old.answers, old.questionnaire, planned, CAT, "standard-leader")
    base = plan_company(old.answers, old.questionnaire, CAT, "standard-leader").plan
    assert [s.action for s in p.actions] == [x.action.id for x in base.actions]
    status = {s.action: s for s in p.actions}
    # the red-line fix and the actions whose questions reached their levels
    reached = {k for k, s in status.items() if s.status == "reached"}
    # (QMS-04 and QMS-05 rose from 2 to 3: their 2->3 steps ACT-QMS-11 and ACT-QMS-12 are reached)
    assert {"ACT-TRACE-01", "ACT-SUPPLY-02", "ACT-PEOPLE-03", "ACT-QMS-11", "ACT-QMS-12"} <= reached
    again = {a.action.id for a in planned.plan.actions} | {x.action.id for x in planned.plan.later}
    for k in reached:
        assert k not in again and status[k].in_plan is False
    # an action whose questions rose without reaching its level is improved, and planned again
    assert status["ACT-QMS-03"].status == "improved" and status["ACT-QMS-03"].in_plan is True
    assert all(s.in_plan == (s.action in again) for s in p.actions)
    assert p.closed == ("TRACE-02",) and p.opened == ()
    assert [(r.question, r.before, r.after) for r in p.regressions] == [("DISC-01", 4, 3)]


def test_the_plan_says_what_progress_was_made(previous: Path, tmp_path: Path) -> None:
    from docx import Document
    from pypdf import PdfReader

    outs = {}
    for fmt in ("json", "md", "pdf", "docx"):
        out = tmp_path / f"plan.{fmt}"
        r = runner.invoke(app, ["plan", str(FOOD), "--previous", str(previous), "-b", "standard-leader",
                                "-o", str(out)])
        assert r.exit_code == 0, r.stderr
        outs[fmt] = out
    data = json.loads(outs["json"].read_text(encoding="utf-8"))
    # the executive summary: index change, red lines closed and opened, regressions, actions reached
    summary = data["summary"][1]
    assert "总体指数由 48.2 变为 53.9（+5.7）" in summary and "已整改红线：TRACE-02" in summary
    assert "新出现红线：无" in summary and "DISC-01 4 → 3" in summary
    assert "5 项已达到，其中 5 项本计划不再安排" in summary
    assert data["since_last"]["regressions"][0]["question"] == "DISC-01"
    assert data["since_last_regressions"][0].startswith("DISC-01（质量承诺与信息公开）4 → 3")
    planned = {a["id"] for a in data["actions"]}
    for x in data["since_last"]["actions"]:
        assert x["in_plan"] == (x["action"] in planned)
    md = outs["md"].read_text(encoding="utf-8")
    pdf = "\n".join(p.extract_text() for p in PdfReader(outs["pdf"]).pages).replace("\n", "")
    word = "\n".join(p.text for p in Document(str(outs["docx"])).paragraphs)
    for text in (md, pdf, word):
        assert "较上次回退的题目" in text and "DISC-01" in text
        assert "ACT-SUPPLY-02（SUPPLY-02）：已达到措施目标等级，本计划不再安排" in text
        assert "已整改红线：TRACE-02" in text
    assert "| 目标 |" in md  # the progress table keeps the target column in Markdown too


def test_a_question_that_went_down_is_flagged_on_the_action_it_calls_for(tmp_path: Path) -> None:
    # QMS-04 stood at 4 a year ago and is 3 now: the action that lifts it says it went down
    prev = older(tmp_path, {"QMS-04": 4})
    out = tmp_path / "plan.json"
    r = runner.invoke(app, ["plan", str(FOOD), "--previous", str(prev), "-b", "standard-leader", "-o", str(out),
                            "--lang", "en"])
    assert r.exit_code == 0, r.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    flagged = [a for a in data["actions"] if any(q.get("went_down_from") == 4 for q in a["questions"])]
    assert flagged and all("QMS-04 now level 3 (went down: level 4 last time) → 4" in a["reason"] for a in flagged)
    assert "1 question(s) went down (QMS-04 4 → 3)" in data["summary"][1]


def test_compare_and_plan_use_the_same_baseline_plan(previous: Path) -> None:
    # `compare` and `plan --previous` judge the actions of the plan the one pipeline made from the old answers
    r = runner.invoke(app, ["compare", str(previous), str(FOOD), "-b", "standard-leader", "-f", "json"])
    assert r.exit_code == 0, r.stderr
    old = load_answer_file(previous, CAT.questionnaires)
    base = plan_company(old.answers, old.questionnaire, CAT, "standard-leader").plan
    assert [x["action"] for x in json.loads(r.stdout)["actions"]] == [a.action.id for a in base.actions]


def test_unanswered_questions_ask_to_assess_first(tmp_path: Path) -> None:
    # the README's promise: an action whose only open questions are unanswered is not planned but listed
    y = YAML()
    d = y.load(FOOD.read_text(encoding="utf-8"))
    d["answers"]["QMS-04"] = None
    d["answers"]["QMS-05"] = None
    f = tmp_path / "open.yaml"
    with f.open("w", encoding="utf-8") as fh:
        y.dump(d, fh)
    texts = {}
    for fmt in ("json", "md"):
        out = tmp_path / f"plan.{fmt}"
        r = runner.invoke(app, ["plan", str(f), "-b", "standard-leader", "-o", str(out)])
        assert r.exit_code == 0, r.stderr
        texts[fmt] = out.read_text(encoding="utf-8")
    data = json.loads(texts["json"])
    assert "ACT-QMS-03" not in {a["id"] for a in data["actions"]}
    want = "先评估：ACT-QMS-03 开展质量成本核算与风险分析 取决于尚未作答的 QMS-05、QMS-04"
    assert any(n.startswith(want) for n in data["notices"]) and want in texts["md"]


def test_progress_past_the_target_counts_as_reaching_it(previous: Path) -> None:
    # TRACE went from 2.00 (capped by the unmet red line) to 4.07 against a target of 2.5: 100 %, not 414 %
    old = load_answer_file(previous, CAT.questionnaires)
    new = load_answer_file(FOOD, CAT.questionnaires)
    planned = plan_company(new.answers, new.questionnaire, CAT, "sme-starter")
    p = progress_since(old.answers, old.questionnaire, planned, CAT, "sme-starter")
    trace = next(a for a in p.areas if a.area == "TRACE")
    assert trace.before == pytest.approx(2.0) and trace.after > trace.target == 2.5  # type: ignore[operator]
    assert trace.progress == 1.0 and p.overall_progress == 1.0  # TRACE was the only area below target
    disc = next(a for a in p.areas if a.area == "DISC")
    assert disc.progress is None  # at target already a year ago


def test_the_tui_writes_the_plan_plan_writes(tmp_path: Path) -> None:
    # one pipeline: the review screen's PDF (Session.write_plan) says word for word what `qmself plan` says,
    # stretch target and notices included (the food producer meets sme-starter)
    import shutil

    from pypdf import PdfReader

    from qmself.session import Session

    f = tmp_path / "food.yaml"
    shutil.copy(FOOD, f)
    tui = Session.open(f, CAT).write_plan("sme-starter", "zh", tmp_path / "tui.pdf")
    cli = tmp_path / "cli.pdf"
    assert runner.invoke(app, ["plan", str(f), "-b", "sme-starter", "-o", str(cli)]).exit_code == 0

    def text(p: Path) -> list[str]:
        return [page.extract_text() for page in PdfReader(p).pages]

    assert text(tui) == text(cli)
    assert "延伸目标" in "".join(text(tui))


def test_a_previous_file_of_another_company_is_named(tmp_path: Path) -> None:
    other = EXAMPLES / "small-manufacturer.yaml"
    r = runner.invoke(app, ["plan", str(FOOD), "--previous", str(other), "-o", str(tmp_path / "p.pdf"), "--lang", "en"])
    assert r.exit_code == 1 and not (tmp_path / "p.pdf").exists()
    assert f"{other}: the two answer files are for different companies" in r.stderr


def test_the_last_lines_of_a_long_list_of_earlier_actions_do_not_stand_alone_on_a_page(previous: Path,
                                                                                        tmp_path: Path) -> None:
    """A list of the previous plan's actions that runs three lines over the progress page: those lines
    used to stand alone on a nearly empty page (the area table starts a new page); now the area
    table follows them on that page (`pdf.SHORT_SPILL`). The list is made one line an action, as
    long as needed, so that the case does not hang on the catalogue."""
    from pypdf import PdfReader

    from qmself.render.pdf import render_pdf

    old = load_answer_file(previous, CAT.questionnaires)
    new = load_answer_file(FOOD, CAT.questionnaires)
    planned = plan_company(new.answers, new.questionnaire, CAT, "standard-leader")
    since = progress_since(old.answers, old.questionnaire, planned, CAT, "standard-leader")
    rep = planned.report("en", since_last=since)

    def progress_pages(n: int) -> list[list[str]]:
        """The progress page and the next, without header and footer, with `n` earlier actions."""
        rep.previous_actions = [f"ACT-X-{i:02d} (X-{i:02d}): reached the action's level; not planned again"
                                for i in range(1, n + 1)]
        out = tmp_path / f"{n}.pdf"
        render_pdf(rep, out)
        pages = [p.extract_text().splitlines()[:-2] for p in PdfReader(out).pages]
        start = next(i for i, p in enumerate(pages) if p and p[0] == "Progress since the last assessment")
        return pages[start:start + 2]

    first, _ = progress_pages(80)
    fits = sum(line.startswith("ACT-X-") for line in first)  # list lines the progress page holds
    first, second = progress_pages(fits + 3)
    assert sum(line.startswith("ACT-X-") for line in first) == fits
    assert second[:3] == [line for line in second if line.startswith("ACT-X-")]  # three lines run over
    assert "2. Area scores and gaps" in second  # and the area table follows them
