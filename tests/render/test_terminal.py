"""Nothing from a file drives the terminal: escape sequences and control characters are removed."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qmself.cli import app
from qmself.render import terminal
from qmself.render.terminal import CleanStream, clean
from tests.conftest import MINI_A, MINI_Q


@pytest.mark.parametrize(("raw", "shown"), [
    ("眉山市\x1b]0;pwned\x07食品有限公司", "眉山市食品有限公司"),  # OSC: retitles the window
    ("A\x1b[2J\x1b[31mB\x1b[0m", "AB"),  # CSI: clears the screen, colours
    ("\x1b]8;;http://evil.example\x1b\\点我\x1b]8;;\x1b\\", "点我"),  # OSC 8 hyperlink, ST-terminated
    ("x\x9b31my", "xy"),  # 8-bit CSI
    ("a\x00b\x08c\x7fd\x85e", "abcde"),  # C0, DEL, C1
    ("line one\n\tline two", "line one\n\tline two"),  # newline and tab kept
    ("abc\u202edcba", "abcdcba"),  # right-to-left override
    ("质量手册 QM-01（2024 版）", "质量手册 QM-01（2024 版）"),
    ("\x1bc", ""),  # ESC c resets the terminal
])
def test_clean(raw: str, shown: str) -> None:
    assert clean(raw) == shown


def test_clean_stream_cleans_every_write() -> None:
    inner = io.StringIO()
    s = CleanStream(inner)  # type: ignore[arg-type]
    s.write("a\x1b")
    s.write("[2Jb\n")  # a sequence split over two writes: ESC never passes, the rest is plain text
    assert inner.getvalue() == "a[2Jb\n"
    with pytest.raises(TypeError):
        s.write(b"x")  # type: ignore[arg-type]


HOSTILE = "\x1b]0;pwned\x07\x1b[2J"


def test_everything_printed_to_a_terminal_is_cleaned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = MINI_A.read_text(encoding="utf-8")
    f = tmp_path / "a.yaml"
    f.write_text(text.replace("  name: 测试食品有限公司", '  name: "测试\\e]0;pwned\\a\\e[2J食品有限公司"')
                 .replace("  A-01: 4", '  "A-01\\e]0;x\\a": 4'), encoding="utf-8")
    monkeypatch.setattr(terminal, "is_terminal", lambda _s: True)  # CliRunner's stdout stands for a terminal
    res = CliRunner().invoke(app, ["validate", str(f), "-q", str(MINI_Q)])
    assert res.exit_code == 1
    assert "\x1b" not in res.output and "\x07" not in res.output  # the message on stderr names them instead
    assert "未知题号 'A-01'，其中有非 ASCII 字符：第 5 个字符是 U+001B CONTROL CHARACTER" in res.output
    f.write_text(text.replace("  name: 测试食品有限公司", '  name: "测试\\e]0;pwned\\a\\e[2J食品有限公司"'),
                 encoding="utf-8")
    for fmt in ("table", "yaml", "csv"):
        res = CliRunner().invoke(app, ["score", str(f), "-q", str(MINI_Q), "-f", fmt])
        assert res.exit_code == 0, res.output
        assert "\x1b" not in res.output and "\x07" not in res.output
        assert fmt == "yaml" or "测试食品有限公司" in res.output  # YAML writes them as \e and \a
    monkeypatch.setattr(terminal, "is_terminal", lambda _s: False)  # a pipe or a file gets the data as it is
    res = CliRunner().invoke(app, ["score", str(f), "-q", str(MINI_Q), "-f", "csv"])
    assert HOSTILE in next(csv.DictReader(io.StringIO(res.stdout)))["company"]
