"""The one error family of qmself.

Every problem a user can cause (a bad file, an unknown id, a wrong option) is a
`QmselfError` carrying its message in both languages plus where it happened.
The CLI renders it once, on one line, and maps it to an exit code; nothing in
the core prints.
"""

from __future__ import annotations

from enum import IntEnum

MAX_FIELD = 80
"""A field (a key path) longer than this is cut in the one line shown: a 5,000-character key is no help."""


class ExitCode(IntEnum):
    """Process exit codes of the CLI."""

    OK = 0
    DATA_ERROR = 1
    USAGE_ERROR = 2


class QmselfError(Exception):
    """A user-facing error with a Chinese and an English message.

    `file`, `line` and `field` locate the problem; any of them may be unknown.
    """

    exit_code: ExitCode = ExitCode.DATA_ERROR

    def __init__(
        self,
        zh: str,
        en: str | None = None,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
        cell: str | None = None,
    ) -> None:
        self.zh = zh
        self.en = en if en is not None else zh
        self.file = file
        self.line = line
        self.field = field
        self.cell = cell
        """In a workbook, `Sheet!D7` (a workbook has cells, not lines)."""
        super().__init__(self.render("en"))

    def located(
        self, *, file: str | None = None, line: int | None = None, field: str | None = None
    ) -> QmselfError:
        """Fill in location parts that are not known yet; returns self."""
        self.file = self.file or file
        self.line = self.line or line
        self.field = self.field or field
        return self

    def render(self, lang: str = "zh") -> str:
        """One line: `file:line: field: message` (a workbook: `file: Sheet!D7: field: message`)."""
        where = ""
        if self.file:
            where = self.file + (f":{self.line}" if self.line else "") + (f": {self.cell}" if self.cell else "") + ": "
        elif self.line:
            where = (f"第 {self.line} 行: " if lang == "zh" else f"line {self.line}: ")
        shown = self.field if self.field is None or len(self.field) <= MAX_FIELD else self.field[: MAX_FIELD - 1] + "…"
        field = f"{shown}: " if shown else ""
        msg = self.zh if lang == "zh" else self.en
        return (where + field + msg).replace("\n", " ")


class UsageError(QmselfError):
    """The command line itself is wrong (unknown benchmark id, bad option value)."""

    exit_code = ExitCode.USAGE_ERROR


class Problem:
    """A problem found by a pure check, located by its path inside the data.

    `path` is like ("answers", "LEAD-01", "value"); loaders turn it into a line.
    Severity "notice" is reported but does not fail the file. `fix` names how to
    put it right where that depends on where the answers are kept (a YAML file, a
    workbook, the questions of `assess`); the loaders word it (`loaders.FIXES`).
    """

    __slots__ = ("en", "fix", "path", "severity", "zh")

    def __init__(
        self, path: tuple[str | int, ...], zh: str, en: str, severity: str = "error", fix: str | None = None
    ) -> None:
        self.path = path
        self.zh = zh
        self.en = en
        self.severity = severity
        self.fix = fix

    @property
    def field(self) -> str:
        return dotted(self.path)

    def __repr__(self) -> str:
        return f"Problem({self.field!r}, {self.en!r}, {self.severity!r})"


def dotted(path: tuple[str | int, ...]) -> str:
    """("answers", "Q-1", "value") -> "answers.Q-1.value"; list indexes as [i]."""
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out
