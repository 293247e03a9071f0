"""Hostile inputs beyond the corpus in tests/data/broken: what is read correctly, and what is refused in one line.

The corpus files are checked one by one in test_loaders.py (line, field and
message); here: the inputs that are odd but mean something (read as meant),
inputs too big to keep as files (made here), and the whole corpus in one batch,
where every broken file is one line and the good file is still scored.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qmself.cli import app
from qmself.errors import QmselfError
from qmself.model.questionnaire import Questionnaire
from qmself.storage import yamlio
from qmself.storage.loaders import load_answer_file
from tests.conftest import BROKEN, MINI_A, MINI_Q

runner = CliRunner()
TEXT = MINI_A.read_text(encoding="utf-8")


def _load(tmp_path: Path, mini: Questionnaire, data: bytes, name: str = "x.yaml") -> dict[str, object]:
    p = tmp_path / name
    p.write_bytes(data)
    loaded = load_answer_file(p, {"mini": mini}, name)
    return {k: a.value for k, a in loaded.answers.answers.items()}


@pytest.mark.parametrize(("old", "new", "qid", "value"), [
    ("A-01: 4 ", "A-01: 4.0 ", "A-01", 4),  # a level written as a float
    ("A-01: 4 ", 'A-01: "４" ', "A-01", 4),  # a full-width digit typed with a Chinese input method
    ("B-01: 96 ", 'B-01: "９６" ', "B-01", 96),
    ("B-01: 96 ", 'B-01: "96.5" ', "B-01", 96.5),
])
def test_numbers_written_oddly_are_read_as_meant(tmp_path: Path, mini: Questionnaire, old: str, new: str,
                                                 qid: str, value: object) -> None:
    assert old in TEXT
    got = _load(tmp_path, mini, TEXT.replace(old, new).encode())
    assert got[qid] == value


@pytest.mark.parametrize(("text", "fragment"), [
    ('"1_000"', "an answer is a level 1-5, yes/no, a number or n/a, not '1_000'"),  # Python reads it, YAML not
    ('"1e16"', "the number 1e16 is too large"),
    ('"-1e400"', "the number -1e400 is too large"),
    ('"nan"', "not 'nan'"),
    ('"9' + "9" * 60 + '"', "an answer is a level 1-5"),
])
def test_numbers_in_quotes_follow_the_same_limits_as_plain_ones(tmp_path: Path, mini: Questionnaire,
                                                                text: str, fragment: str) -> None:
    with pytest.raises(QmselfError) as info:
        _load(tmp_path, mini, TEXT.replace("B-01: 96 ", f"B-01: {text} ").encode())
    assert info.value.line == 20 and info.value.field == "answers.B-01.value"
    assert fragment in info.value.en and "内部错误" not in info.value.zh


@pytest.mark.parametrize(("newline", "bom"), [("\r", b""), ("\r\n", b""), ("\r", b"\xef\xbb\xbf")])
def test_old_mac_and_windows_line_endings_are_read(tmp_path: Path, mini: Questionnaire, newline: str,
                                                   bom: bytes) -> None:
    data = bom + TEXT.replace("\n", newline).encode()
    assert _load(tmp_path, mini, data) == {"A-01": 4, "A-02": 2, "A-03": True, "B-01": 96, "F-01": 5}
    broken = bom + TEXT.replace("A-01: 4 ", "A-01: [4 ").replace("\n", newline).encode()
    with pytest.raises(QmselfError) as info:  # and a mistake in such a file is still at its line
        _load(tmp_path, mini, broken)
    assert info.value.line == 15


def test_document_markers_are_accepted(tmp_path: Path, mini: Questionnaire) -> None:
    assert _load(tmp_path, mini, ("---\n" + TEXT + "...\n").encode())["A-01"] == 4


def test_a_4_mb_single_line_is_read_quickly(tmp_path: Path, mini: Questionnaire) -> None:
    note = "长" * ((yamlio.MAX_BYTES - len(TEXT.encode()) - 100) // 3)
    data = TEXT.replace("    evidence: 记录表", f"    evidence: 记录表\n    note: {note}").encode()
    assert yamlio.MAX_BYTES - 200 < len(data) <= yamlio.MAX_BYTES
    (tmp_path / "x.yaml").write_bytes(data)
    start = time.perf_counter()
    loaded = load_answer_file(tmp_path / "x.yaml", {"mini": mini}, "x.yaml")
    assert loaded.answers.answers["A-02"].note == note
    assert time.perf_counter() - start < 5


def test_too_many_nodes_is_one_line_without_reading_them_all(tmp_path: Path, mini: Questionnaire) -> None:
    text = TEXT.replace("F-01: 5", "F-01: [" + "1," * (yamlio.MAX_NODES + 10) + "1]")
    start = time.perf_counter()
    with pytest.raises(QmselfError) as info:
        _load(tmp_path, mini, text.encode())
    assert info.value.line == 21 and info.value.field == "answers.F-01"
    assert "too many nodes" in info.value.en and "节点过多" in info.value.zh
    assert time.perf_counter() - start < 10


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_whole_corpus_in_one_batch(tmp_path: Path, lang: str) -> None:
    """Every broken file is one line naming it; the good file among them is still scored."""
    folder = tmp_path / "batch"
    shutil.copytree(BROKEN, folder)
    shutil.copy(MINI_A, folder / "zz-good.yaml")
    r = runner.invoke(app, ["score", str(folder), "-q", str(MINI_Q), "-f", "csv", "--lang", lang])
    assert r.exit_code == 1
    assert "测试食品有限公司" in r.stdout  # the good file's row
    broken = sorted(p.name for p in BROKEN.glob("*.yaml"))
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 + len(broken), r.stderr  # the count, then one line per broken file
    for name, line in zip(broken, lines[1:], strict=True):
        assert line.strip().startswith(str(folder / name)), line
    for bad in ("Traceback", "内部错误", "internal error"):
        assert bad not in r.stderr
