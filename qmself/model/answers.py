"""An answer file: which questionnaire, which company, which assessment, which answers.

The shape of a value is checked here; whether it fits its question (a level for a
maturity question, yes/no for a statutory check…) is checked against the
questionnaire by `qmself.scoring.check_answers`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from qmself.model.common import VERSION_PATTERN, Size, Strict, bilingual_error
from qmself.model.creditcode import credit_code_problem

NA = "n/a"
_YES = {"yes", "y", "true", "是", "有"}
_NO = {"no", "n", "false", "否", "无"}
_NA = {"n/a", "na", "不适用"}

AnswerValue = bool | int | float | Literal["n/a"] | None
"""True/False (yes/no), a level or number, "n/a", or None for not answered yet."""


def normalise_value(raw: Any) -> AnswerValue:
    """Turn what a person may write (`yes`, `是`, `N/A`, `3`) into a canonical value."""
    if raw is None or isinstance(raw, bool | int | float):
        return raw
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
        try:
            return float(s) if any(c in s for c in ".eE") else int(s)
        except ValueError:
            pass
    shown = str(raw)[:40]
    raise bilingual_error(
        f"答案应为等级 1-5、是/否（yes/no）、数值或 n/a，实为 {shown!r}",
        f"an answer is a level 1-5, yes/no, a number or n/a, not {shown!r}",
    )


class Answer(Strict):
    """One answer: its value, and optionally the evidence seen and a note."""

    value: AnswerValue = None
    evidence: str | None = None
    note: str | None = None

    @field_validator("value", mode="before")
    @classmethod
    def _normalise(cls, v: Any) -> AnswerValue:
        return normalise_value(v)

    @model_validator(mode="before")
    @classmethod
    def _plain_value(cls, data: Any) -> Any:
        # `Q-01: 3` is shorthand for `Q-01: {value: 3}`.
        return data if isinstance(data, dict) else {"value": data}

    @property
    def answered(self) -> bool:
        return self.value is not None


class QuestionnaireRef(Strict):
    """Which questionnaire (and version) an answer file was written for."""

    id: str = Field(min_length=1)
    version: str = Field(pattern=VERSION_PATTERN)


class Company(Strict):
    """The assessed company."""

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


class Assessment(Strict):
    """When and by whom the assessment was made."""

    date: dt.date
    assessor: str | None = None


class AnswerFile(Strict):
    """A whole answer file."""

    questionnaire: QuestionnaireRef
    company: Company
    assessment: Assessment
    answers: dict[str, Answer] = {}

    @field_validator("answers", mode="before")
    @classmethod
    def _none_is_empty(cls, v: Any) -> Any:
        return {} if v is None else v
