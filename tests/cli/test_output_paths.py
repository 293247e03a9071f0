"""Every command that writes a file: a bad target is one line and exit 2, nothing is left behind, a symlink
is written through."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qmself.cli import app
from tests.storage.test_atomic import bad_target, names

EXAMPLE = Path(__file__).parents[2] / "examples" / "small-manufacturer.yaml"
OTHER = Path(__file__).parents[2] / "examples" / "food-producer.yaml"

COMMANDS = {
    "score": ["score", "{a}", "-f", "csv", "-o", "{out}"],
    "plan-pdf": ["plan", "{a}", "-f", "pdf", "-o", "{out}"],
    "plan-md": ["plan", "{a}", "-f", "md", "-o", "{out}"],
    "portfolio": ["portfolio", "{a}", "-o", "{out}"],
    "merge": ["merge", "{a}", str(OTHER), "-o", "{out}", "--force"],
    "template": ["template", "--sector", "food", "--size", "small", "-o", "{out}", "--force"],
    "template-xlsx": ["template", "--sector", "food", "--size", "small", "-f", "xlsx", "-o", "{out}", "--force"],
    "convert": ["convert", "{a}", "{out}", "--force"],
    "benchmark-build": ["benchmark", "build", "{a}", "-o", "{out}", "--force"],
}
MESSAGES = {
    "folder": "这是一个文件夹，不是文件；输出需要一个文件名",
    "missing-folder": "不存在；请先创建它（mkdir -p",
    "file-as-folder": "路径中有一段是文件而不是文件夹",
    "read-only": "文件是只读的，不会覆盖",
}


@pytest.mark.parametrize("kind", sorted(MESSAGES))
@pytest.mark.parametrize("cmd", sorted(COMMANDS))
def test_bad_output_target_is_one_line(tmp_path: Path, cmd: str, kind: str) -> None:
    a = tmp_path / "a.yaml"
    shutil.copy(EXAMPLE, a)
    out = bad_target(tmp_path, kind, ".xlsx" if cmd in ("convert", "template-xlsx") else ".csv")
    before = names(tmp_path)
    res = CliRunner().invoke(app, [c.format(a=a, out=out) for c in COMMANDS[cmd]])
    lines = [x for x in res.output.splitlines() if x.strip()]
    assert res.exit_code == 2, res.output
    assert len(lines) == 1, res.output
    assert lines[0].startswith(f"错误：{out}: ") and MESSAGES[kind] in lines[0]
    assert names(tmp_path) == before  # no .tmp, no .bak, nothing created


def test_english_message(tmp_path: Path) -> None:
    out = str(tmp_path / "no" / "r.csv")
    res = CliRunner().invoke(app, ["score", str(EXAMPLE), "-f", "csv", "-o", out, "--lang", "en"])
    assert res.exit_code == 2
    assert res.output.strip() == (f"error: {tmp_path / 'no' / 'r.csv'}: the folder {tmp_path / 'no'} does not exist; "
                                  f"create it first (mkdir -p {tmp_path / 'no'}) or choose another path")


@pytest.mark.parametrize("cmd", ["score", "plan-md", "template"])
def test_symlinked_output_is_written_through(tmp_path: Path, cmd: str) -> None:
    a = tmp_path / "a.yaml"
    shutil.copy(EXAMPLE, a)
    (tmp_path / "store").mkdir()
    real = tmp_path / "store" / "report.txt"
    real.write_text("old\n")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    res = CliRunner().invoke(app, [c.format(a=a, out=link) for c in COMMANDS[cmd]])
    assert res.exit_code == 0, res.output
    assert link.is_symlink() and link.resolve() == real
    assert real.read_text() != "old\n" and len(real.read_text()) > 100
    assert names(tmp_path) == ["a.yaml", "link.txt", "store"]
    assert names(tmp_path / "store") == (["report.txt", "report.txt.bak"] if cmd != "score" else ["report.txt"])


def test_answer_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    (tmp_path / "store").mkdir()
    real = tmp_path / "store" / "a.yaml"
    shutil.copy(EXAMPLE, real)
    link = tmp_path / "a.yaml"
    link.symlink_to(real)
    res = CliRunner().invoke(app, ["answer", str(link), "LEAD-02", "3"])
    assert res.exit_code == 0, res.output
    assert link.is_symlink() and link.resolve() == real
    assert "LEAD-02" in real.read_text() and real.read_bytes() != EXAMPLE.read_bytes()
    assert names(tmp_path) == ["a.yaml", "store"]
