"""Pure pydantic models: questionnaire, answers, benchmark profiles and results.

Nothing here reads files or imports a UI, rendering or YAML library.
"""

from qmself.model.answers import Answer, AnswerFile, Company
from qmself.model.benchmark import BenchmarkProfile
from qmself.model.common import Lang, Size, Text
from qmself.model.questionnaire import Area, Question, Questionnaire
from qmself.model.results import AreaGap, AreaResult, AssessmentResult, Comparison

__all__ = [
    "Answer",
    "AnswerFile",
    "Area",
    "AreaGap",
    "AreaResult",
    "AssessmentResult",
    "BenchmarkProfile",
    "Company",
    "Comparison",
    "Lang",
    "Question",
    "Questionnaire",
    "Size",
    "Text",
]
