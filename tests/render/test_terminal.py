"""Nothing from a file drives the terminal: escape sequences and control characters are removed."""

from __future__ import annotations

import pytest

from qmself.render.terminal import clean


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
