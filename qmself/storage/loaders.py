"""Loaders: YAML file -> validated model, every problem named by file, line and field.

Loading is two steps: parse (`yamlio.load`, plain data plus line numbers), then
validate with pydantic and the pure cross-checks. Every failure becomes a
`QmselfError`; nothing here prints.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from qmself.errors import Problem, QmselfError, dotted
from qmself.model.answers import AnswerFile
from qmself.model.benchmark import BenchmarkProfile
from qmself.model.questionnaire import Questionnaire
from qmself.scoring import check_answers
from qmself.storage import yamlio
from qmself.storage.yamlio import Locations, line_of

if TYPE_CHECKING:
    from qmself.model.actions import Catalogue
    from qmself.model.crosswalk import Crosswalk

# qmself.lint (and the catalogue and crosswalk models it needs) is imported where a file is linted, not
# here: answering and scoring with the bundled questionnaire never need it (a faster start of `assess`)

M = TypeVar("M", bound=BaseModel)

_TYPE_ZH = {
    "missing": ("缺少必填字段", "missing required field"),
    "extra_forbidden": ("未知字段（可能拼写有误）", "unknown field (misspelt?)"),
    "string_type": ("应为文本", "must be text"),
    "int_type": ("应为整数", "must be a whole number"),
    "int_parsing": ("应为整数", "must be a whole number"),
    "int_from_float": ("应为整数", "must be a whole number"),
    "float_type": ("应为数值", "must be a number"),
    "float_parsing": ("应为数值", "must be a number"),
    "bool_type": ("应为 true 或 false", "must be true or false"),
    "bool_parsing": ("应为 true 或 false", "must be true or false"),
    "dict_type": ("应为映射（键: 值）", "must be a mapping (key: value)"),
    "model_type": ("应为映射（键: 值）", "must be a mapping (key: value)"),
    "list_type": ("应为列表", "must be a list"),
    "date_type": ("应为日期，格式 YYYY-MM-DD", "must be a date, YYYY-MM-DD"),
    "date_parsing": ("应为日期，格式 YYYY-MM-DD", "must be a date, YYYY-MM-DD"),
    "date_from_datetime_parsing": ("应为日期，格式 YYYY-MM-DD", "must be a date, YYYY-MM-DD"),
    "date_from_datetime_inexact": ("应为日期，不含时间", "must be a date without a time"),
    "string_too_short": ("不能为空", "must not be empty"),
    "frozen_instance": ("不可修改", "cannot be changed"),
}


def _translate(err: Any) -> tuple[str, str]:
    t = err["type"]
    ctx = err.get("ctx") or {}
    if t == "qmself":
        return ctx["zh"], ctx["en"]
    if t in _TYPE_ZH:
        return _TYPE_ZH[t]
    if t == "literal_error":
        return f"应为以下之一：{ctx.get('expected')}", f"must be one of {ctx.get('expected')}"
    if t == "string_pattern_mismatch":
        return f"格式不符合 {ctx.get('pattern')}", f"does not match the pattern {ctx.get('pattern')}"
    if t in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        op = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤", "less_than": "<"}[t]
        limit = next(iter(ctx.values()), "?")
        return f"应 {op} {limit}", f"must be {op} {limit}"
    if t in ("too_short", "too_long"):
        return f"项数不符合要求：{err['msg']}", err["msg"]
    msg = str(err["msg"]).removeprefix("Value error, ")
    return f"取值无效：{msg}", msg


def _clean_loc(loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    # pydantic adds union member and validator names to locations; drop them
    return tuple(p for p in loc if not (isinstance(p, str) and ("[" in p or p in _NOISE)))


_NOISE = {"bool", "int", "float", "str", "literal['n/a']", "none", "function-before", "function-after"}


def validation_errors(cls: type[M], data: Any, locs: Locations, file: str) -> tuple[M | None, list[QmselfError]]:
    """Validate `data` as `cls`; all errors, each located."""
    if not isinstance(data, dict):
        return None, [QmselfError("文件顶层应为映射（键: 值）", "the top level must be a mapping (key: value)",
                                  file=file, line=1)]
    try:
        return cls.model_validate(data), []
    except ValidationError as e:
        out = []
        for err in e.errors():
            path = _clean_loc(err["loc"]) + tuple((err.get("ctx") or {}).get("loc", ()))
            zh, en = _as_text(err, path, locs, file) or _translate(err)
            out.append(hinted(QmselfError(zh, en, file=file, line=line_of(locs, path), field=dotted(path) or None,
                                          cell=cell_of(locs, path)), locs))
        return None, out


def _as_text(err: Any, path: tuple[str | int, ...], locs: Locations, file: str) -> tuple[str, str] | None:
    """For text given as a number (`version: 1.10`, which YAML reads as the float 1.1): how to write it as text,
    showing the number as it was written."""
    raw = err.get("input")
    if err["type"] != "string_type" or isinstance(raw, bool) or not isinstance(raw, int | float):
        return None
    key = path[-1] if path else None
    written = str(raw)
    if medium_of(file) == "xlsx":
        return (f"应为文本；工作簿把 {written} 存为数值，请先输入英文单引号再输入（'{written}），或把单元格设为文本格式",
                f"must be text; the workbook holds {written} as a number: type an apostrophe first ('{written}) "
                "or format the cell as text")
    line, text = line_of(locs, path), getattr(locs, "text", "")
    if line and text and isinstance(key, str):
        m = re.search(rf"(?:^|[\s{{,]){re.escape(key)}[ \t]*:[ \t]+([^\s,}}\]#]+)", text.splitlines()[line - 1])
        if m is not None:
            written = m[1]
    shown = f'{key}: "{written}"' if isinstance(key, str) else f'"{written}"'
    return (f"应为文本；不加引号的 {written} 会被 YAML 读作数值，请加引号写成 {shown}",
            f"must be text; YAML reads an unquoted {written} as a number: write it in quotes, {shown}")


Medium = Literal["yaml", "xlsx", "session"]
"""Where answers are kept: a YAML file, a workbook, or the questions of `assess` (the TUI and --simple)."""

FIXES: dict[str, dict[Medium, tuple[str, str]]] = {
    "sample": {
        "yaml": ("YAML 写成 {value: 数值, sample: 样本量}", "in YAML write {value: N, sample: SIZE}"),
        "xlsx": ("在工作簿的“样本量”列填写", "fill in the workbook's 'sample' column"),
        "session": ("回到此题，输入数值后再填样本量", "go back to this question and give the sample size after the number"),
    },
}
"""How to put a problem right (`Problem.fix`), in the words of where the answers are kept."""


def medium_of(file: str) -> Medium:
    return "xlsx" if file.lower().endswith(".xlsx") else "yaml"


def problem_error(p: Problem, locs: Locations, file: str, medium: Medium | None = None) -> QmselfError:
    zh, en = p.zh, p.en
    if p.fix is not None:
        fix_zh, fix_en = FIXES[p.fix][medium or medium_of(file)]
        zh, en = f"{zh}（{fix_zh}）", f"{en} ({fix_en})"
    return hinted(QmselfError(zh, en, file=file, line=line_of(locs, p.path), field=p.field or None,
                              cell=cell_of(locs, p.path)), locs)


def hinted(e: QmselfError, locs: Any) -> QmselfError:
    """`e` with a hint when its line, or a more indented line right below it, has a usual typing slip
    (a full-width colon or space typed with a Chinese input method...; `syntax.line_hint`)."""
    text = getattr(locs, "text", None)
    if not e.line or not text:
        return e
    lines = text.splitlines()[e.line - 1: e.line + 2]
    indent = len(lines[0]) - len(lines[0].lstrip(" ")) if lines else 0
    for i, line in enumerate(lines):
        if i and (not line.strip() or len(line) - len(line.lstrip(" \u3000")) <= indent):
            break
        from qmself.storage.syntax import line_hint  # only for a file with a mistake in it

        hint = line_hint(line)
        if hint is not None:
            e.zh, e.en = f"{e.zh}；{hint[0]}", f"{e.en}; {hint[1]}"
            if i:
                e.line += i
            break
    return e


def cell_of(locs: Any, path: tuple[str | int, ...]) -> str | None:
    """In a workbook, the `Sheet!C7` of `path` (YAML files have lines instead)."""
    cell = getattr(locs, "cell", None)
    return cell(path) if cell is not None else None


def read_data(path: Path | str, name: str) -> tuple[Any, Locations]:
    """The one dispatch point: a YAML file or an Excel workbook -> plain data and where each part is."""
    if str(path).lower().endswith((".xlsx", ".xlsm", ".xltx", ".xls")):
        from qmself.office.xlsx import read_workbook

        data, cells = read_workbook(path, name)
        return data, cells  # type: ignore[return-value]
    return yamlio.load(path, name)


@dataclass
class Report:
    """Everything found in one file: errors fail it, notices do not."""

    file: str
    errors: list[QmselfError] = field(default_factory=list)
    notices: list[QmselfError] = field(default_factory=list)

    def raise_first(self) -> None:
        if self.errors:
            raise self.errors[0]


def _load_model(cls: type[M], path: Path | str, display: str | None) -> tuple[M | None, Locations, Report]:
    name = display or str(path)
    report = Report(name)
    try:
        data, locs = read_data(path, name)
    except QmselfError as e:
        report.errors.append(e)
        return None, Locations("", name, {}), report
    model, errors = validation_errors(cls, data, locs, name)
    report.errors += errors
    return model, locs, report


def check_questionnaire(path: Path, display: str | None = None, *, lint: bool = True
                        ) -> tuple[Questionnaire | None, Report]:
    """Load a questionnaire and report every problem (for `lint`); `lint=False` checks the model only
    (the bundled questionnaire, which the test suite lints)."""
    q, locs, report = _load_model(Questionnaire, path, display)
    if q is not None and lint:
        from qmself.lint import questionnaire_problems

        for p in questionnaire_problems(q):
            (report.errors if p.severity == "error" else report.notices).append(problem_error(p, locs, report.file))
    return q, report


def load_questionnaire(path: Path, display: str | None = None, *, lint: bool = True) -> Questionnaire:
    q, report = check_questionnaire(path, display, lint=lint)
    report.raise_first()
    assert q is not None
    return q


def check_profile(
    path: Path, questionnaire: Questionnaire | None, display: str | None = None
) -> tuple[BenchmarkProfile | None, Report]:
    from qmself.lint import profile_problems

    p, locs, report = _load_model(BenchmarkProfile, path, display)
    if p is not None:
        for prob in profile_problems(p, questionnaire):
            report.errors.append(problem_error(prob, locs, report.file))
    return p, report


def load_profile(path: Path, questionnaire: Questionnaire | None, display: str | None = None) -> BenchmarkProfile:
    p, report = check_profile(path, questionnaire, display)
    report.raise_first()
    assert p is not None
    return p


@dataclass
class LoadedAnswers:
    """A validated answer file with the questionnaire it is scored against."""

    answers: AnswerFile
    questionnaire: Questionnaire
    locations: Locations
    notices: list[QmselfError]


def check_answer_file(
    path: Path | str, questionnaires: dict[str, Questionnaire], display: str | None = None,
    medium: Medium | None = None,
) -> tuple[LoadedAnswers | None, Report]:
    """Load an answer file and check it against its questionnaire; all problems (with `medium`, how to
    put them right is worded for it: `session` for `assess`)."""
    name = display or str(path)
    af, locs, report = _load_model(AnswerFile, path, name)
    if af is None:
        return None, report
    q = questionnaires.get(af.questionnaire.id)
    if q is None:
        known = ", ".join(sorted(questionnaires)) or "-"
        report.errors.append(
            QmselfError(
                f"未知问卷 '{af.questionnaire.id}'（可用：{known}；自定义问卷用 --questionnaire 指定）",
                f"unknown questionnaire '{af.questionnaire.id}' (available: {known}; "
                "give your own with --questionnaire)",
                file=name, line=line_of(locs, ("questionnaire", "id")), field="questionnaire.id",
            )
        )
        return None, report
    for p in check_answers(af, q):
        (report.errors if p.severity == "error" else report.notices).append(problem_error(p, locs, name, medium))
    if report.errors:
        return None, report
    return LoadedAnswers(af, q, locs, report.notices), report


def load_answer_file(
    path: Path | str, questionnaires: dict[str, Questionnaire], display: str | None = None
) -> LoadedAnswers:
    loaded, report = check_answer_file(path, questionnaires, display)
    report.raise_first()
    assert loaded is not None
    return loaded


C = TypeVar("C", "Catalogue", "Crosswalk")


def _check_against(
    cls: type[C], problems: Callable[[C, Questionnaire | None], list[Problem]],
    path: Path, questionnaire: Questionnaire | None, display: str | None,
) -> tuple[C | None, Report]:
    """Load a file tied to a questionnaire and report every problem its cross-checks find."""
    c, locs, report = _load_model(cls, path, display)
    if c is not None:
        for p in problems(c, questionnaire):
            (report.errors if p.severity == "error" else report.notices).append(problem_error(p, locs, report.file))
    return c, report


def check_catalogue(
    path: Path, questionnaire: Questionnaire | None, display: str | None = None
) -> tuple[Catalogue | None, Report]:
    """Load an action catalogue and report every problem (for `lint`)."""
    from qmself.lint import catalogue_problems
    from qmself.model.actions import Catalogue

    return _check_against(Catalogue, catalogue_problems, path, questionnaire, display)


def load_catalogue(path: Path, questionnaire: Questionnaire | None, display: str | None = None) -> Catalogue:
    c, report = check_catalogue(path, questionnaire, display)
    report.raise_first()
    assert c is not None
    return c


def check_crosswalk(
    path: Path, questionnaire: Questionnaire | None, display: str | None = None
) -> tuple[Crosswalk | None, Report]:
    """Load a framework crosswalk and report every problem (for `lint`)."""
    from qmself.lint import crosswalk_problems
    from qmself.model.crosswalk import Crosswalk

    return _check_against(Crosswalk, crosswalk_problems, path, questionnaire, display)


def load_crosswalk(path: Path, questionnaire: Questionnaire | None, display: str | None = None) -> Crosswalk:
    c, report = check_crosswalk(path, questionnaire, display)
    report.raise_first()
    assert c is not None
    return c


def kind_of(path: Path) -> str | None:
    """The `kind:` a YAML file declares (questionnaire, benchmark, actions), if it can be read."""
    try:
        data, _ = yamlio.load(path)
    except QmselfError:
        return None
    kind = data.get("kind") if isinstance(data, dict) else None
    return kind if isinstance(kind, str) else None
