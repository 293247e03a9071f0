"""An answer file: which questionnaire, which company, which assessment, which answers.

The shape of a value is checked here; whether it fits its question (a level for a
maturity question, yes/no for a statutory check…) is checked against the
questionnaire by `qmself.scoring.check_answers`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import AfterValidator, Field, PlainValidator, field_validator
from pydantic_core import PydanticCustomError

from qmself.lookalike import code_point
from qmself.model.applicability import CompanyFacts
from qmself.model.common import VERSION_PATTERN, Size, Strict, bilingual_error
from qmself.model.creditcode import credit_code_problem

NA = "n/a"
_YES = {"yes", "y", "true", "是", "有"}
_NO = {"no", "n", "false", "否", "无"}
_NA = {"n/a", "na", "不适用"}

AnswerValue = bool | int | float | Literal["n/a"] | None
"""True/False (yes/no), a level or number, "n/a", or None for not answered yet."""


MAX_NUMBER = 10**15
"""Larger numbers (in absolute value), and infinity or NaN, mean nothing in an assessment and are refused."""


def _huge(raw: Any) -> PydanticCustomError:
    if raw != raw:  # NaN (from a workbook's hidden data, or "nan" in quotes)
        return bilingual_error("数值 NaN 不是一个数", "NaN is not a number")
    shown = str(raw)[:20] + ("…" if len(str(raw)) > 20 else "")
    return bilingual_error(f"数值 {shown} 过大，没有意义（绝对值上限 10^15）",
                           f"the number {shown} is too large to mean anything (the limit is 10^15)")


def foreign_digit(text: str) -> tuple[str, str] | None:
    """(zh, en) naming the first digit in `text` that is neither ASCII `0-9` nor full-width `０-９`, if any.

    Python's `int()` and `float()` read the decimal digits of every script (`٣` is 3, `३` is 3): a number
    written so is refused rather than read, as an id with a look-alike letter is. Full-width digits, which a
    Chinese input method types, stay numbers.
    """
    for c in text:
        if c.isdecimal() and not ("0" <= c <= "9" or "０" <= c <= "９"):
            return (f"「{c}」是 {code_point(c)}，不是 0-9 的数字；数值请用 0-9 书写（全角数字也可以）",
                    f"'{c}' is {code_point(c)}, not a digit 0-9: write numbers with 0-9 (full-width ones will do)")
    return None


def normalise_value(raw: Any) -> AnswerValue:
    """Turn what a person may write (`yes`, `是`, `N/A`, `3`) into a canonical value.

    Numbers come as numbers (YAML, a workbook's cell) or as text (`"3"`, `"３"`
    typed with a Chinese input method, `"90.6"`); either way one past
    `MAX_NUMBER`, infinite or NaN is refused, and so is text with the digits of
    another script (`"٣"`, `foreign_digit`).
    """
    cls = raw.__class__
    if cls is bool or raw is None:  # the common case, first
        return raw  # type: ignore[no-any-return]
    if cls is int or cls is float or isinstance(raw, int | float):
        if not -MAX_NUMBER <= raw <= MAX_NUMBER:  # also NaN, which compares false
            raise _huge(raw)
        return raw  # type: ignore[no-any-return]
    if isinstance(raw, str):
        s = raw.strip().lower()
        if s in _YES:
            return True
        if s in _NO:
            return False
        if s in _NA:
            return "n/a"
        if s == "":
            return None
        n = typed_number(raw)
        if n is not None:
            return n
    shown = str(raw)[:40]
    raise bilingual_error(
        f"答案应为等级 1-5、是/否（yes/no）、数值或 n/a，实为 {shown!r}",
        f"an answer is a level 1-5, yes/no, a number or n/a, not {shown!r}",
    )


def typed_number(text: str) -> int | float | None:
    """A number written as text (`"3"`, `"３"`, `" 90.6"`): in an answer file, a workbook's cell, the TUI's
    number field and a prompt alike; None when `text` is no number. Raises PydanticCustomError (both
    languages) for one past `MAX_NUMBER`, infinite or NaN, or with the digits of another script."""
    s = text.strip()
    if "_" in s or len(s) > 40:  # Python's int() reads "1_000"; YAML does not
        return None
    if not s.isascii():
        foreign = foreign_digit(s)
        if foreign is not None:
            raise bilingual_error(f"数值 '{s}' 中的{foreign[0]}", f"in the number '{s}', {foreign[1]}")
    try:
        n = float(s) if any(c in s for c in ".eE") else int(s)
    except ValueError:
        return None
    if not -MAX_NUMBER <= n <= MAX_NUMBER:
        raise _huge(n if n != n else s)  # shown as written ("1e400"), NaN by name
    return n


class Answer(NamedTuple):
    """One answer: its value, and optionally the evidence seen and a note.

    An immutable named tuple built by `Answer.parse` rather than a pydantic
    model: a batch reads ~120 of them per file, and parsing them in one loop is
    several times faster than validating each as a model.
    """

    value: AnswerValue = None
    evidence: str | None = None
    note: str | None = None
    sample: int | None = None
    """How many observations a rate was computed from (batches, complaints…)."""

    @property
    def answered(self) -> bool:
        return self.value is not None

    @classmethod
    def parse(cls, raw: Any, where: tuple[str, ...] = ()) -> Answer:
        """`3`, `yes`, `n/a` or `{value: 3, evidence: …, note: …, sample: 120}` -> Answer.

        Errors are raised as PydanticCustomError whose context carries `loc`,
        the place inside the answer (`where` + "value", "evidence"…).
        """
        if not isinstance(raw, dict):
            return cls(_value(raw, where))
        for k in raw:
            if k not in _ANSWER_KEYS:
                raise _located((*where, str(k)), "未知字段（可能拼写有误）", "unknown field (misspelt?)")
        for k in ("evidence", "note"):
            v = raw.get(k)
            if v is not None and not isinstance(v, str):
                if isinstance(v, int | float) and not isinstance(v, bool):
                    continue  # `evidence: 2024` is text a person meant
                raise _located((*where, k), "应为文本", "must be text")
        sample = raw.get("sample")
        if sample is not None and (sample.__class__ is not int or sample < 0):
            raise _located((*where, "sample"), "样本量应为非负整数",
                           "the sample size must be a whole number, 0 or more")
        ev, note = raw.get("evidence"), raw.get("note")
        return cls(
            _value(raw.get("value"), where),
            None if ev is None else str(ev),
            None if note is None else str(note),
            sample,
        )


def _located(loc: tuple[str, ...], zh: str, en: str) -> PydanticCustomError:
    return PydanticCustomError("qmself", "{en}", {"zh": zh, "en": en, "loc": loc})


def _value(raw: Any, where: tuple[str, ...]) -> AnswerValue:
    try:
        return normalise_value(raw)
    except PydanticCustomError as e:
        ctx = e.context or {}
        raise _located((*where, "value"), ctx["zh"], ctx["en"]) from None


def _answers(v: Any) -> dict[str, Answer]:
    if v is None:
        return {}
    if not isinstance(v, dict):
        raise _located((), "应为映射（题号: 答案）", "must be a mapping (id: answer)")
    out: dict[str, Answer] = {}
    plain = _PLAIN
    keys = _FAST_KEYS
    for k, raw in v.items():
        key = k if k.__class__ is str else str(k)
        cls = raw.__class__
        # fast paths for what nearly every file holds, checked exactly as Answer.parse would
        if cls is int or cls is str:  # a plain level or word: one shared Answer for each
            out[key] = plain.get(raw) or Answer.parse(raw, (key,))
        elif raw is None or (cls is float and -MAX_NUMBER <= raw <= MAX_NUMBER):
            out[key] = Answer(raw)
        elif cls is dict and raw.keys() <= keys:
            # {value: 3, evidence: text, note: text}, the usual annotated answer
            value, ev, note = raw.get("value"), raw.get("evidence"), raw.get("note")
            vc = value.__class__
            if (
                (((vc is int or vc is float) and -MAX_NUMBER <= value <= MAX_NUMBER) or value is None
                 or (vc is str and value in plain))
                and (ev is None or ev.__class__ is str)
                and (note is None or note.__class__ is str)
            ):
                out[key] = Answer(plain[value].value if vc is str else value, ev, note)
            else:
                out[key] = Answer.parse(raw, (key,))
        else:
            out[key] = raw if cls is Answer else Answer.parse(raw, (key,))
    return out


_FAST_KEYS = {"value", "evidence", "note"}
_ANSWER_KEYS = {*_FAST_KEYS, "sample"}
_PLAIN: dict[int | str, Answer] = {
    **{n: Answer(n) for n in range(1, 6)},
    **{w: Answer(normalise_value(w)) for w in _YES | _NO | _NA},  # exact words; others take the general path
}


class QuestionnaireRef(Strict):
    """Which questionnaire (and version) an answer file was written for."""

    id: str = Field(min_length=1)
    version: str = Field(pattern=VERSION_PATTERN)


class _Identity(Strict):
    """Who the assessed company is (the fields come first in a dump)."""

    name: str = Field(min_length=1)
    credit_code: str
    """Unified social credit code, GB 32100-2015."""
    sector: str = Field(min_length=1)
    size: Size
    region: str | None = None

    @field_validator("name")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise bilingual_error("不能为空", "must not be empty")
        return v.strip()

    @field_validator("credit_code", mode="before")
    @classmethod
    def _credit_code(cls, v: Any) -> str:
        if isinstance(v, int) and not isinstance(v, bool):
            v = str(v)  # an all-digit code written without quotes
        if not isinstance(v, str):
            raise bilingual_error("应为 18 位文本", "must be an 18-character text")
        code = v.strip().upper()
        problem = credit_code_problem(code)
        if problem is not None:
            raise bilingual_error(*problem)
        return code


class Company(CompanyFacts, _Identity):
    """The assessed company: who it is, then the facts that decide what applies to it."""


FIRST_YEAR, LAST_YEAR = 1990, 2099
"""An assessment date outside these years is a typing slip (a plan counts months on from it)."""


def plausible_date(v: dt.date) -> dt.date:
    """`v` if its year is one an assessment can have been made in, else a bilingual validation error."""
    if not FIRST_YEAR <= v.year <= LAST_YEAR:
        raise bilingual_error(f"日期 {v.isoformat()} 不合理（应在 {FIRST_YEAR} 年至 {LAST_YEAR} 年之间）",
                              f"the date {v.isoformat()} is implausible (it must lie in {FIRST_YEAR}–{LAST_YEAR})")
    return v


class Assessment(Strict):
    """When and by whom the assessment was made."""

    date: Annotated[dt.date, AfterValidator(plausible_date)]
    assessor: str | None = None


class MergeSource(Strict):
    """One assessor's file that went into a merged answer file."""

    assessor: str
    file: str
    date: dt.date


class CalibrationItem(Strict):
    """A question on which merged assessors differ by two levels or more."""

    question: str
    values: dict[str, bool | int | float | str | None]
    """Assessor -> the value they gave."""


class AnswerFile(Strict):
    """A whole answer file."""

    questionnaire: QuestionnaireRef
    company: Company
    assessment: Assessment
    answers: Annotated[dict[str, Answer], PlainValidator(_answers)] = {}
    merged_from: list[MergeSource] = Field(default_factory=list)
    """Set by `qmself merge`: the assessors' files combined into this one."""
    calibration: list[CalibrationItem] = Field(default_factory=list)
    """Set by `qmself merge`: questions to settle in a calibration meeting."""
