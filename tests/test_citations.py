"""The shipped registry of documents and clauses, and citation checking."""

import pytest

from qmself.citations import DOCUMENTS, citation_problem, parse_citation


@pytest.mark.parametrize(
    "text",
    [
        "action-plan-2022 （二十一）",
        "outline-2023 专栏3",
        "outline-2023 （二十）",
        "sichuan-plan-2023 15",
        "sichuan-plan-2023 三（三）",
        "sichuan-plan-2023 一（二）",
        "guiding-opinions-2017 （十五）",
        "action-plan-qa-2022 二",
    ],
)
def test_valid_citations(text: str) -> None:
    assert citation_problem(text) is None
    c = parse_citation(text)
    assert str(c) == text
    assert c.document is DOCUMENTS[c.doc]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("action-plan-2022 （二十三）", "no clause"),  # the plan has 22 tasks
        ("action-plan-2022 (二十一)", "half-width"),
        ("action-plan-2022（二十一）", "form"),
        ("action-plan-2022  （二十一）", "form"),
        ("plan-2099 （一）", "unknown document"),
        ("sichuan-plan-2023 （三）", "prefix the part"),  # ambiguous: 一/二/三 all have （三）
        ("sichuan-plan-2023 19", "no clause"),
        ("outline-2023 专栏8", "no clause"),
        ("outline-2023", "form"),
    ],
)
def test_invalid_citations(text: str, why: str) -> None:
    problem = citation_problem(text)
    assert problem is not None and why in problem
    with pytest.raises(ValueError):
        parse_citation(text)


def test_registry_has_the_five_documents() -> None:
    assert set(DOCUMENTS) == {
        "action-plan-2022", "guiding-opinions-2017", "action-plan-qa-2022", "outline-2023", "sichuan-plan-2023",
    }
    assert len(DOCUMENTS["action-plan-2022"].clauses & {f"（{n}）" for n in ["一", "二十二"]}) == 2
