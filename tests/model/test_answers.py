"""Answer values as people write them, through the batch fast paths and the general path alike."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic_core import PydanticCustomError

from qmself.model.answers import Answer, _answers


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (3, Answer(3)),
        (2.5, Answer(2.5)),
        (None, Answer(None)),
        ("yes", Answer(True)),
        ("是", Answer(True)),
        ("N/A", Answer("n/a")),
        (" 4 ", Answer(4)),
        ({"value": 3, "evidence": "记录 R-1", "note": "复核"}, Answer(3, "记录 R-1", "复核")),
        ({"value": 3, "evidence": 2024}, Answer(3, "2024")),  # a year written bare is still text
        ({"value": "no", "note": "整改中"}, Answer(False, None, "整改中")),
        ({"evidence": "记录"}, Answer(None, "记录")),
        ({"value": 95.5, "evidence": "月报"}, Answer(95.5, "月报")),
        ({"value": "不适用"}, Answer("n/a")),
        (7, Answer(7)),  # out of range is for check_answers to report, against its question
        (True, Answer(True)),
    ],
)
def test_values(raw: Any, expected: Answer) -> None:
    got = _answers({"Q-1": raw})["Q-1"]
    assert got == expected
    assert [type(x) for x in got] == [type(x) for x in expected]  # True is not 1, 3 is not 3.0


def test_plain_levels_share_one_answer_each() -> None:
    got = _answers({"Q-1": 3, "Q-2": 3, "Q-3": 4})
    assert got["Q-1"] is got["Q-2"] and got["Q-3"] == Answer(4)


@pytest.mark.parametrize(
    ("raw", "loc"),
    [
        ({"value": 3, "evidnce": "x"}, ("Q-1", "evidnce")),
        ({"value": 3, "note": ["a"]}, ("Q-1", "note")),
        ({"value": "maybe"}, ("Q-1", "value")),
        ("maybe", ("Q-1", "value")),
    ],
)
def test_bad_values_name_their_place(raw: Any, loc: tuple[str, ...]) -> None:
    with pytest.raises(PydanticCustomError) as e:
        _answers({"Q-1": raw})
    assert (e.value.context or {})["loc"] == loc
