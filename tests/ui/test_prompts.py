"""`qmself assess --simple`: the prompt flow with piped keystrokes (prompt_toolkit pipe input)."""

from __future__ import annotations

import shutil
from pathlib import Path

from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from qmself.cli import app
from qmself.session import Session
from qmself.storage.bundled import Catalog
from qmself.storage.loaders import load_answer_file
from qmself.ui.prompts import run_prompts
from tests.conftest import EXAMPLES

DOWN, UP, ENTER, CTRL_C = "\x1b[B", "\x1b[A", "\r", "\x03"


def answers_on_disk(path: Path) -> dict[str, object]:
    loaded = load_answer_file(path, Catalog().questionnaires)
    return {k: a.value for k, a in loaded.answers.answers.items() if a.answered}


def test_new_file_profile_then_answers_then_ctrl_c(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    catalog = Catalog()
    keys = [
        "成都测试食品有限公司" + ENTER,
        "91510100MA6C5T2K3X" + ENTER,  # wrong check character: refused, the prompt stays
        "\x7f" + "G" + ENTER,  # backspace, right character
        ENTER,  # sector: the first one (food)
        DOWN + ENTER,  # size: small
        DOWN + ENTER,  # sells to consumers: no
        DOWN + " " + DOWN + " " + ENTER,  # role in the food chain: producer and wholesaler
        "四川省眉山市" + ENTER,
        "李工" + ENTER,
        DOWN + DOWN + ENTER,  # first question: level 3
        ENTER + ENTER,  # no evidence, no note
        DOWN + ENTER,  # second: level 2
        ENTER + ENTER,
        CTRL_C,
    ]
    with create_pipe_input() as inp:
        inp.send_text("".join(keys))
        inp.close()
        result = run_prompts(catalog, path, None, "zh", input=inp, output=DummyOutput())
    assert result == path
    loaded = load_answer_file(path, catalog.questionnaires)
    assert loaded.answers.company.name == "成都测试食品有限公司"
    assert loaded.answers.company.credit_code == "91510100MA6C5T2K3G"
    assert (loaded.answers.company.sector, loaded.answers.company.size) == ("food", "small")
    assert loaded.answers.assessment.assessor == "李工"
    company = loaded.answers.company
    assert company.consumer_sales is False and company.food_role == ["producer", "wholesaler"]
    first, second = loaded.questionnaire.applicable("food", "small", company)[:2]
    assert answers_on_disk(path) == {first.id: 3, second.id: 2}


def test_only_the_facts_the_sector_depends_on_are_asked(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    catalog = Catalog()
    keys = ["Acme" + ENTER, "91510100MA6C5T2K3G" + ENTER,
            DOWN * 2 + ENTER,  # sector: equipment
            ENTER,  # size: micro
            DOWN * 2 + ENTER,  # sells to consumers: not stated
            ENTER, ENTER,  # region, assessor (no role question comes between)
            CTRL_C]
    with create_pipe_input() as inp:
        inp.send_text("".join(keys))
        inp.close()
        run_prompts(catalog, path, None, "en", input=inp, output=DummyOutput())
    company = load_answer_file(path, catalog.questionnaires).answers.company
    assert (company.sector, company.size) == ("equipment", "micro")
    assert company.consumer_sales is None and company.food_role is None and company.construction_role is None


def test_resume_skip_back_and_quit(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    shutil.copy(EXAMPLES / "small-manufacturer.yaml", path)
    text = (path.read_text(encoding="utf-8")
            .replace("  QMS-03:\n    value: 2\n", "  QMS-03:\n    value:\n")
            .replace("  GREEN-02:\n    value: 2\n", "  GREEN-02:\n    value:\n"))
    path.write_text(text, encoding="utf-8")
    catalog = Catalog()
    session = Session.open(path, catalog)
    # choices: levels 1-5, good practice, skip, back, quit; the cursor starts on the current answer (QMS-04 has 3)
    # QMS-03 (first open): skip -> QMS-04; back -> QMS-03; level 4 -> QMS-04; quit
    keys = DOWN * 6 + ENTER + DOWN * 5 + ENTER + DOWN * 3 + ENTER + ENTER + ENTER + DOWN * 6 + ENTER
    with create_pipe_input() as inp:
        inp.send_text(keys)
        inp.close()  # if the keys ran out, the flow would end instead of waiting
        run_prompts(catalog, path, session, "en", input=inp, output=DummyOutput())
    on_disk = answers_on_disk(path)
    assert on_disk["QMS-03"] == 4
    assert on_disk["QMS-04"] == 3  # untouched: skipped over, then left by "back"
    assert "GREEN-02" not in on_disk
    kept = load_answer_file(path, catalog.questionnaires).answers.answers["QMS-03"]
    assert kept.evidence == "2025 年绵阳市质量管理诊断报告"


def test_simple_mode_needs_a_terminal(tmp_path: Path) -> None:
    r = CliRunner().invoke(app, ["assess", "--simple", str(tmp_path / "x.yaml"), "--lang", "en"])
    assert r.exit_code == 2
    assert "assess needs an interactive terminal" in r.stderr
    assert not (tmp_path / "x.yaml").exists()


def test_assess_refuses_a_corrupt_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"\xff\xfe not yaml")
    r = CliRunner().invoke(app, ["assess", str(path), "--lang", "en"])
    assert r.exit_code == 1 and "not UTF-8" in r.stderr
    assert path.read_bytes() == b"\xff\xfe not yaml"


def _blanked(tmp_path: Path, qid: str, after: str) -> tuple[Path, Catalog, Session]:
    """The small manufacturer with `qid`'s whole entry (up to `after`) left blank, opened."""
    path = tmp_path / "c.yaml"
    text = (EXAMPLES / "small-manufacturer.yaml").read_text(encoding="utf-8")
    start = text.index(f"  {qid}:")
    end = text.index(f"  {after}:")
    path.write_text(text[:start] + f"  {qid}:\n" + text[end:], encoding="utf-8")
    catalog = Catalog()
    return path, catalog, Session.open(path, catalog)


def test_number_question_rejects_text_then_saves(tmp_path: Path) -> None:
    path, catalog, session = _blanked(tmp_path, "TRACE-05", "TRACE-06")
    with create_pipe_input() as inp:
        # text is refused with a message (the prompt stays), erased; the number is saved
        inp.send_text("abc" + ENTER + "\x7f" * 3 + "85.5" + ENTER + ENTER + ENTER)
        inp.close()
        run_prompts(catalog, path, session, "en", input=inp, output=DummyOutput())
    assert answers_on_disk(path)["TRACE-05"] == 85.5


def test_a_rate_asks_its_sample_size(tmp_path: Path) -> None:
    path, catalog, session = _blanked(tmp_path, "SUPPLY-03", "SUPPLY-04")
    with create_pipe_input() as inp:
        # the number, then the sample size: letters refused (the prompt stays), erased, a whole number saved
        inp.send_text("96" + ENTER + "x" + ENTER + "\x7f" + "120" + ENTER + ENTER + ENTER + CTRL_C)
        inp.close()
        run_prompts(catalog, path, session, "zh", input=inp, output=DummyOutput())
    answer = load_answer_file(path, catalog.questionnaires).answers.answers["SUPPLY-03"]
    assert (answer.value, answer.sample) == (96, 120)


def test_good_practice_on_request_then_the_question_again(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    text = (EXAMPLES / "small-manufacturer.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("  QMS-03:\n    value: 2\n", "  QMS-03:\n    value:\n")
                    .replace("  TRACE-05:\n    value: 35\n", "  TRACE-05:\n    value:\n"), encoding="utf-8")
    catalog = Catalog()
    session = Session.open(path, catalog)
    keys = (DOWN * 5 + ENTER + "x"  # QMS-03: "? Good practice", read, any key
            + UP * 2 + ENTER  # asked again with the pointer on it: two up is level 4
            + ENTER + ENTER  # evidence kept, no note; TRACE-05 next (the open questions between are skipped)
            + "?" + ENTER + "x"  # a number's good practice
            + "42" + ENTER + ENTER + ENTER + CTRL_C)
    session.questions = [q for q in session.questions if q.id in ("QMS-03", "TRACE-05")]
    with create_pipe_input() as inp:
        inp.send_text(keys)
        inp.close()
        run_prompts(catalog, path, session, "en", input=inp, output=DummyOutput())
    on_disk = answers_on_disk(path)
    assert (on_disk["QMS-03"], on_disk["TRACE-05"]) == (4, 42)


def test_a_number_out_of_range_is_refused_under_the_field(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    text = (EXAMPLES / "small-manufacturer.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("  TRACE-05:\n    value: 35\n", "  TRACE-05:\n    value:\n"), encoding="utf-8")
    catalog = Catalog()
    session = Session.open(path, catalog)
    with create_pipe_input() as inp:
        # 150 is refused and stays in the field (the range 0-100 said under it); one backspace makes it 15
        inp.send_text("150" + ENTER + "\x7f" + ENTER + ENTER + ENTER + CTRL_C)
        inp.close()
        run_prompts(catalog, path, session, "en", input=inp, output=DummyOutput())
    assert answers_on_disk(path)["TRACE-05"] == 15
