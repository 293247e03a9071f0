"""Registry of the policy documents qmself cites and the clauses each one has.

Pure data plus citation parsing: no IO. It lets `qmself questionnaire lint` check
citations for users who have only the installed package. Clause keys are written
as in the documents (full-width parentheses); `sichuan-plan-2023` clauses under
parts 一 and 三 must carry their part prefix because （一）… recur in every part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    """One cited policy document."""

    id: str
    title_zh: str
    title_en: str
    issued: str
    issuer_zh: str
    issuer_en: str
    clauses: frozenset[str]


DOCUMENTS: dict[str, Document] = {
    "action-plan-2022": Document(
        id="action-plan-2022",
        title_zh="进一步提高产品、工程和服务质量行动方案（2022—2025年）",
        title_en="Action Plan to Further Improve the Quality of Products, Projects and Services (2022–2025)",
        issued="2022-11",
        issuer_zh="市场监管总局等18部门",
        issuer_en="SAMR and 17 other departments",
        clauses=frozenset(
            [
                "一", "二", "（一）", "二（一）", "（二）", "二（二）",
                "（三）", "二（三）", "（四）", "二（四）", "三", "（五）",
                "三（五）", "（六）", "三（六）", "（七）", "三（七）", "四",
                "（八）", "四（八）", "（九）", "四（九）", "（十）", "四（十）",
                "五", "（十一）", "五（十一）", "（十二）", "五（十二）", "（十三）",
                "五（十三）", "六", "（十四）", "六（十四）", "（十五）", "六（十五）",
                "（十六）", "六（十六）", "（十七）", "六（十七）", "（十八）", "六（十八）",
                "七", "（十九）", "七（十九）", "（二十）", "七（二十）", "（二十一）",
                "七（二十一）", "（二十二）", "七（二十二）",
            ]
        ),
    ),
    "guiding-opinions-2017": Document(
        id="guiding-opinions-2017",
        title_zh="中共中央 国务院关于开展质量提升行动的指导意见",
        title_en=(
            "Guiding Opinions of the CPC Central Committee and the State Council"
            " on Carrying Out the Quality Improvement Campaign"
        ),
        issued="2017-09",
        issuer_zh="中共中央、国务院",
        issuer_en="CPC Central Committee and State Council",
        clauses=frozenset(
            [
                "（三）", "二", "（四）", "二（四）", "（五）", "二（五）",
                "（六）", "二（六）", "（七）", "二（七）", "（八）", "二（八）",
                "（九）", "二（九）", "（十）", "二（十）", "（十一）", "二（十一）",
                "三", "（十二）", "三（十二）", "（十三）", "三（十三）", "（十四）",
                "三（十四）", "（十五）", "三（十五）", "（十六）", "三（十六）", "（十七）",
                "三（十七）", "（十八）", "三（十八）", "四", "（十九）", "四（十九）",
                "（二十）", "四（二十）", "（二十一）", "四（二十一）", "（二十二）", "四（二十二）",
                "五", "（二十三）", "五（二十三）", "（二十四）", "五（二十四）", "（二十五）",
                "五（二十五）", "（二十六）", "五（二十六）", "六", "（二十七）", "六（二十七）",
                "（二十八）", "六（二十八）", "（二十九）", "六（二十九）", "（三十）", "六（三十）",
            ]
        ),
    ),
    "action-plan-qa-2022": Document(
        id="action-plan-qa-2022",
        title_zh="市场监管总局有关负责人就《进一步提高产品、工程和服务质量行动方案》答记者问",
        title_en="SAMR officials' Q&A on the 2022 quality action plan",
        issued="2022-11",
        issuer_zh="市场监管总局",
        issuer_en="SAMR",
        clauses=frozenset(
            [
                "一", "二", "三", "四", "五",
            ]
        ),
    ),
    "outline-2023": Document(
        id="outline-2023",
        title_zh="质量强国建设纲要",
        title_en="Outline for Building a Quality Powerhouse",
        issued="2023-02",
        issuer_zh="中共中央、国务院",
        issuer_en="CPC Central Committee and State Council",
        clauses=frozenset(
            [
                "一", "二", "（一）", "二（一）", "（二）", "二（二）",
                "三", "（三）", "三（三）", "（四）", "三（四）", "（五）",
                "三（五）", "四", "（六）", "四（六）", "（七）", "四（七）",
                "（八）", "四（八）", "（九）", "四（九）", "专栏1", "五",
                "（十）", "五（十）", "（十一）", "五（十一）", "（十二）", "五（十二）",
                "专栏2", "六", "（十三）", "六（十三）", "（十四）", "六（十四）",
                "（十五）", "六（十五）", "专栏3", "七", "（十六）", "七（十六）",
                "（十七）", "七（十七）", "（十八）", "七（十八）", "专栏4", "八",
                "（十九）", "八（十九）", "（二十）", "八（二十）", "（二十一）", "八（二十一）",
                "专栏5", "九", "（二十二）", "九（二十二）", "（二十三）", "九（二十三）",
                "（二十四）", "九（二十四）", "专栏6", "十", "（二十五）", "十（二十五）",
                "（二十六）", "十（二十六）", "（二十七）", "十（二十七）", "（二十八）", "十（二十八）",
                "（二十九）", "十（二十九）", "专栏7", "十一", "（三十）", "十一（三十）",
                "（三十一）", "十一（三十一）", "（三十二）", "十一（三十二）",
            ]
        ),
    ),
    "sichuan-plan-2023": Document(
        id="sichuan-plan-2023",
        title_zh="四川省进一步提升产品、工程和服务质量行动实施方案（2023-2025年）",
        title_en=(
            "Sichuan Implementation Plan to Further Improve the Quality of Products,"
            " Projects and Services (2023–2025)"
        ),
        issued="2023-06",
        issuer_zh="四川省",
        issuer_en="Sichuan Province",
        clauses=frozenset(
            [
                "一", "一（一）", "一（二）", "二", "二（一）", "1",
                "2", "3", "4", "二（二）", "5", "6",
                "7", "二（三）", "8", "9", "10", "二（四）",
                "11", "12", "13", "二（五）", "14", "15",
                "16", "17", "18", "三", "三（一）", "三（二）",
                "三（三）", "三（四）",
            ]
        ),
    ),
}

_CITATION = re.compile(r"^(?P<doc>[a-z0-9-]+) (?P<clause>\S+)$")


@dataclass(frozen=True)
class Citation:
    """A parsed `<doc-id> <clause>` citation."""

    doc: str
    clause: str

    def __str__(self) -> str:
        return f"{self.doc} {self.clause}"

    @property
    def document(self) -> Document:
        return DOCUMENTS[self.doc]


def citation_problem(text: str) -> str | None:
    """Return why `text` is not a valid citation, or None when it is valid."""
    m = _CITATION.match(text)
    if m is None:
        return f"'{text}' is not of the form '<doc-id> <clause>' (one space between)"
    doc, clause = m["doc"], m["clause"]
    if doc not in DOCUMENTS:
        return f"'{text}' names unknown document '{doc}' (known: {', '.join(DOCUMENTS)})"
    if "(" in clause or ")" in clause:
        return f"'{text}' uses half-width parentheses; write the clause as in the document, e.g. （二十一）"
    if clause not in DOCUMENTS[doc].clauses:
        hint = ""
        if doc == "sichuan-plan-2023" and clause.startswith("（"):
            hint = "; prefix the part, e.g. 一（二） or 三（三）"
        return f"'{text}': {doc} has no clause {clause}{hint}"
    return None


def parse_citation(text: str) -> Citation:
    """Parse a citation, raising ValueError with the reason when it is invalid."""
    problem = citation_problem(text)
    if problem is not None:
        raise ValueError(problem)
    doc, clause = text.split(" ", 1)
    return Citation(doc, clause)
