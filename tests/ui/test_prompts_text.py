"""`assess --simple`: the whole questionnaire folded by the CJK rule, number bands, hints in the language,
evidence and note prompts, a clear message for letters in a number."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import questionary
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from qmself.cjk import cell_width, offending_lines
from qmself.model.common import pick
from qmself.session import Session
from qmself.storage.bundled import Catalog
from qmself.storage.loaders import load_answer_file
from qmself.ui import prompts
from qmself.ui.prompts import GUIDE, SKIP, code_problem, number_problem, run_prompts, sample_problem
from tests.conftest import EXAMPLES

ENTER, BS = "\r", "\x7f"


class Recorder:
    """Stands in for questionary: records every message and choice; asks for each question's good practice
    once, then skips it."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.instructions: list[str | None] = []
        self.printed: list[str] = []
        self.pauses: list[str] = []
        self.asked: set[str] = set()
        self.messages: list[str] = []
        self.titles: list[str] = []

    def _first(self, message: str) -> bool:
        first = message not in self.asked
        self.asked.add(message)
        return first

    def _prompt(self, answer: object) -> Any:
        class Q:
            def unsafe_ask(self) -> object:
                return answer

        return Q()

    def select(self, message: str, choices: list[Any], instruction: str | None = None, **kw: Any) -> Any:
        self.lines += message.splitlines()
        self.messages.append(message)
        self.titles += [str(c.title) for c in choices]
        for c in choices:
            self.lines += str(c.title).splitlines() + (c.description or "").splitlines()
        self.instructions.append(instruction)
        return self._prompt(GUIDE if self._first(message) else SKIP)

    def text(self, message: str, **kw: Any) -> Any:
        self.lines += message.splitlines()
        self.messages.append(message)
        return self._prompt("?" if self._first(message) else "")

    def print(self, text: str, **kw: Any) -> None:
        self.lines += text.splitlines()
        self.printed.append(text)

    def press_any_key_to_continue(self, message: str, **kw: Any) -> Any:
        self.lines += message.splitlines()
        self.pauses.append(message)
        return self._prompt(None)


def record(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    rec = Recorder()
    for name in ("select", "text", "print", "press_any_key_to_continue"):
        monkeypatch.setattr(questionary, name, getattr(rec, name))
    return rec


@pytest.mark.parametrize("sector", ["equipment", "food", "digital"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_question_folds_within_80_columns_by_the_cjk_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               lang: str, sector: str) -> None:
    from qmself.model.answers import Company

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "24")
    rec = record(monkeypatch)
    catalog = Catalog()
    company = Company(name="测试", credit_code="91510100MA6C5T2K3G", sector=sector, size="medium")
    session = Session.create(tmp_path / "n.yaml", catalog, company)
    prompts.question_prompts(session, lang)
    assert len(rec.lines) > 20 * len(session.questions) // 10
    too_wide = [ln for ln in rec.lines if cell_width(ln) > 76]
    assert too_wide == []
    assert offending_lines(rec.lines) == []
    assert set(rec.instructions) == {"（↑↓ 选择，回车确认）" if lang == "zh" else "(arrow keys, Enter)"}
    # each prompt's first line names its question (asked twice: before and after its good practice);
    # a choice's title is one short line, the answer echoed after the question
    assert [m.split(" · ", 1)[0] for m in rec.messages] == [q.id for q in session.questions for _ in (1, 2)]
    # the prompt line folds between its parts: the area's name stays whole, no line ends with the separator
    qn = session.questionnaire
    for m, q in zip(rec.messages[::2], session.questions, strict=True):
        head = m.split("\n")[:3]
        assert any(qn.area_by_id[q.area].title(lang) in line for line in head), head
        assert not any(line.rstrip().endswith("·") for line in head), head
    assert max(cell_width(t) for t in rec.titles) <= 24 and not any("\n" in t for t in rec.titles)
    if lang == "zh":
        assert any(ln.strip().startswith("5 ") and ("≥" in ln or "<" in ln) for ln in rec.lines)  # bands
    # each question's good practice, on request, a screenful at a time: a page and its pause fit 24 rows
    label = "  良好实践：" if lang == "zh" else "  Good practice: "
    assert sum(p.startswith(label) for p in rec.printed) == len(session.questions)
    assert max(len(p.splitlines()) for p in rec.printed) <= 22
    assert len(rec.pauses) == len(rec.printed)
    if lang == "en":
        assert len(rec.printed) > len(session.questions)  # a long red line's runs to a second page


def test_letters_in_a_number_get_a_clear_message() -> None:
    assert number_problem("35", "zh") is True and number_problem("", "en") is True
    assert number_problem("n/a", "en") is True and number_problem("b", "zh") is True
    message = number_problem("三十五", "zh")
    assert isinstance(message, str) and "不是数字" in message and "35" in message
    message = number_problem("35%", "en")
    assert isinstance(message, str) and "'35%' is not a number" in message


def test_number_with_evidence_and_note(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    shutil.copy(EXAMPLES / "small-manufacturer.yaml", path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  TRACE-05:\n    value: 35\n", "  TRACE-05:\n    value:\n"), encoding="utf-8")
    catalog = Catalog()
    session = Session.open(path, catalog)
    with create_pipe_input() as inp:
        # letters refused (the prompt stays), erased, a number; evidence added to, a note typed
        inp.send_text("abc" + ENTER + BS * 3 + "42" + ENTER + "；扫码记录" + ENTER + "抽查 3 批" + ENTER)
        inp.close()
        run_prompts(catalog, path, session, "zh", input=inp, output=DummyOutput())
    a = load_answer_file(path, catalog.questionnaires).answers.answers["TRACE-05"]
    assert a.value == 42
    assert a.evidence == "2025 年发货台账；主机厂要求的二维码标签只用于阀体产品；扫码记录"
    assert a.note == "抽查 3 批"


@pytest.mark.parametrize(("lang", "want"), [
    ("zh", ["  法律依据：《中华人民共和国产品质量法》第2条、第40条；《中华人民共和国消费",
            "  者权益保护法》第24条、第25条（适用于：向消费者销售）"]),
    ("en", ["  Legal basis: Product Quality Law of the People's Republic of China, Arts.",
            "  2, 40; Law of the People's Republic of China on the Protection of Consumer",
            "  Rights and Interests, Arts. 24, 25 (applies to: sells to consumers)"]),
])
def test_a_red_line_states_its_legal_basis(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str,
                                          want: list[str]) -> None:
    from qmself.model.answers import Company

    monkeypatch.setenv("COLUMNS", "80")
    rec = record(monkeypatch)
    company = Company(name="测试", credit_code="91510100MA6C5T2K3G", sector="equipment", size="medium",
                      consumer_sales=True)
    session = Session.create(tmp_path / "n.yaml", Catalog(), company)
    prompts.question_prompts(session, lang)
    at = rec.lines.index(want[0])
    assert rec.lines[at:at + len(want)] == want
    label = "法律依据：" if lang == "zh" else "Legal basis: "
    # every red line, and only red lines, says it (each is asked twice: its good practice is asked for)
    asked = [x for x in session.questions if x.red_line]
    assert sum(ln.startswith("  " + label) for ln in rec.lines) == 2 * len(asked) > 6


def test_digits_of_another_script_in_a_number_or_sample_are_named() -> None:
    message = number_problem("٣5", "zh")
    assert isinstance(message, str) and "「٣」是 U+0663 ARABIC-INDIC DIGIT THREE，不是 0-9 的数字" in message
    message = number_problem("३", "en")
    assert isinstance(message, str) and "'३' is U+0969 DEVANAGARI DIGIT THREE, not a digit 0-9" in message
    assert number_problem("３５.５", "zh") is True  # full-width, typed with a Chinese input method
    rate = Catalog().questionnaire().question_by_id["SUPPLY-03"]
    assert sample_problem("60", rate, "zh") is True and sample_problem("６０", rate, "zh") is True
    assert sample_problem("", rate, "zh") is True  # keeps the file's
    message = sample_problem("٦٠", rate, "en")
    assert isinstance(message, str) and "U+0666 ARABIC-INDIC DIGIT SIX" in message
    for bad in ("²", "6.5", "-3", "abc"):  # "²".isdigit() is true, but int() refuses it
        message = sample_problem(bad, rate, "zh")
        assert isinstance(message, str) and "不是整数" in message, bad


def test_a_number_is_checked_against_the_range_and_bands_in_the_prompt() -> None:
    q = Catalog().questionnaire().question_by_id["TRACE-05"]
    assert number_problem("85.5", "en", q) is True and number_problem("?", "en", q) is True
    assert number_problem("150", "en", q) == "value 150 is outside the range 0–100"
    assert number_problem("-1", "zh", q) == "数值 -1 超出范围 0–100"
    assert number_problem("1e400", "en", q) == "the number 1e400 is too large to mean anything (the limit is 10^15)"
    assert number_problem("150", "en") is True  # no question: only whether it is a number


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("columns", [80, 50])
def test_every_validation_message_fits_one_terminal_line(monkeypatch: pytest.MonkeyPatch, lang: str,
                                                         columns: int) -> None:
    """prompt_toolkit shows a validation message on one line and cuts what does not fit."""
    monkeypatch.setenv("COLUMNS", str(columns))
    qn = Catalog().questionnaire()
    typed = ["ninety", "九十", "x" * 200, "三" * 100, "1e400", "nan", "-5", "150", "1000000", "35%", "٣5"]
    messages = [number_problem(t, lang, q) for q in qn.questions if q.type == "number" for t in typed]
    messages += [code_problem(c, lang) for c in ("", "91510100MA6C5T2K3", "91510100MA6C5T2K3I", "91510100MA6C5T2K3X",
                                                 "统一社会信用代码" * 3)]
    sample = next(q for q in qn.questions if q.min_sample is not None)
    messages += [sample_problem(t, sample, lang) for t in ("x", "12.5", "一百二十" * 20)]
    refused = [m for m in messages if m is not True]  # 150 or -5 are fine for some questions
    assert len(refused) > len(messages) * 2 // 3 and all(isinstance(m, str) for m in refused)
    messages = refused
    assert max(cell_width(str(m)) for m in messages) < columns
    if columns == 80:  # worded to fit as they are: nothing is left off or cut at 80 columns
        assert number_problem("ninety", lang) == pick(lang, "“ninety”不是数字：请输入数字，如 35 或 12.5",
                                                      "'ninety' is not a number: type one such as 35 or 12.5")
        assert not [m for m in messages if str(m).endswith("…")]
