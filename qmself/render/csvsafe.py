"""CSV for spreadsheets that cannot be turned into formulas (CSV injection).

A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is read
by Excel, WPS and LibreOffice as a formula: a company name such as
`=HYPERLINK("http://…","点击")` or `+cmd|' /C calc'!A0` in an answer file would
run or link when a consultant opens the exported CSV. As OWASP's CSV-injection
guidance recommends, such a text cell is prefixed with a single quote `'`
(shown as text, the quote hidden), and every text cell is written in double
quotes with inner quotes doubled, so a `;` or `,` inside it cannot start a new
cell in a spreadsheet that splits on another separator. Numbers are numbers:
ints and floats (a negative level difference too) are written as they are,
and so is text that is exactly a number (`-3.5`).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import IO, Any

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")


def safe_cell(value: Any) -> Any:
    """`value`, with a text that a spreadsheet would take for a formula prefixed by `'`."""
    if isinstance(value, str) and value.startswith(_TRIGGERS) and not _NUMBER.match(value):
        return "'" + value
    return value


class SafeWriter:
    """`csv.writer` whose text cells are quoted and neutralised (`safe_cell`)."""

    def __init__(self, out: IO[str]) -> None:
        self._w = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)

    def writerow(self, row: Iterable[Any]) -> None:
        self._w.writerow([safe_cell(c) for c in row])
