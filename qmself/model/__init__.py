"""Pure pydantic models: questionnaire, answers, benchmark profiles and results.

Nothing here reads files or imports a UI, rendering or YAML library.

The names below are re-exported lazily (PEP 562): importing one module of the
package, as start-up does, does not build the models of all the others.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from qmself.model.answers import Answer, AnswerFile, Company
    from qmself.model.benchmark import BenchmarkProfile
    from qmself.model.common import Lang, Size, Text
    from qmself.model.questionnaire import Area, Question, Questionnaire
    from qmself.model.results import AreaGap, AreaResult, AssessmentResult, Comparison

_WHERE = {
    "Answer": "answers", "AnswerFile": "answers", "Company": "answers",
    "BenchmarkProfile": "benchmark",
    "Lang": "common", "Size": "common", "Text": "common",
    "Area": "questionnaire", "Question": "questionnaire", "Questionnaire": "questionnaire",
    "AreaGap": "results", "AreaResult": "results", "AssessmentResult": "results", "Comparison": "results",
}

__all__ = ["Answer", "AnswerFile", "Area", "AreaGap", "AreaResult", "AssessmentResult", "BenchmarkProfile", "Company",
           "Comparison", "Lang", "Question", "Questionnaire", "Size", "Text"]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f"qmself.model.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'qmself.model' has no attribute {name!r}")
