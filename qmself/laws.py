"""Registry of the laws, regulations and rules a red line rests on, and `legal_basis` parsing.

Pure data plus parsing: no IO, like `qmself.citations` for the policy documents.
A question's or an action's `legal_basis` lists entries `<law-id> 第N条`; an
entry is valid only when the law is registered here and the article is one of
the articles recorded for it: those whose text was read and quoted in
docs/legal-sources.md. An article not yet checked there cannot be cited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Law:
    """One law, administrative regulation or departmental rule."""

    id: str
    title_zh: str
    title_en: str
    kind_zh: str
    kind_en: str
    version: str
    """The edition whose text was checked (adoption or latest amendment)."""
    source: str
    """Where the quoted text was read (see docs/legal-sources.md)."""
    articles: frozenset[str]
    """Article numbers as written after 第 and before 条: '24', or '4.2.1' in a standard."""


def _arts(*numbers: int | str) -> frozenset[str]:
    return frozenset(str(n) for n in numbers)


LAWS: dict[str, Law] = {
    law.id: law
    for law in (
        Law(
            id="product-quality-law",
            title_zh="中华人民共和国产品质量法",
            title_en="Product Quality Law of the People's Republic of China",
            kind_zh="法律",
            kind_en="law",
            version="2018-12-29 修正",
            source="https://44.wendadaohang.com/zd/YW663V3RZWKKYGWVVGR.html",
            articles=_arts(2, 5, 12, 13, 26, 27, 40),
        ),
        Law(
            id="consumer-rights-law",
            title_zh="中华人民共和国消费者权益保护法",
            title_en="Law of the People's Republic of China on the Protection of Consumer Rights and Interests",
            kind_zh="法律",
            kind_en="law",
            version="2013-10-25 修正",
            source="https://www.3du.tw/knowledge/NTBlbGE=.html",
            articles=_arts(17, 19, 24, 25),
        ),
        Law(
            id="standardisation-law",
            title_zh="中华人民共和国标准化法",
            title_en="Standardisation Law of the People's Republic of China",
            kind_zh="法律",
            kind_en="law",
            version="2017-11-04 修订",
            source="http://crsrw.com/falvchangshi/41625.html",
            articles=_arts(2, 25),
        ),
        Law(
            id="production-licence-regulation",
            title_zh="中华人民共和国工业产品生产许可证管理条例",
            title_en="Regulation of the People's Republic of China on the Administration of Production Licences "
            "for Industrial Products",
            kind_zh="行政法规（国务院令第440号）",
            kind_en="administrative regulation (State Council Order No. 440)",
            version="2005-07-09 公布，2023-07-20 修订",
            source="https://zh.m.wikisource.org/zh-hant/%E4%B8%AD%E5%8D%8E%E4%BA%BA%E6%B0%91%E5%85%B1%E5%92%8C"
            "%E5%9B%BD%E5%B7%A5%E4%B8%9A%E4%BA%A7%E5%93%81%E7%94%9F%E4%BA%A7%E8%AE%B8%E5%8F%AF%E8%AF%81%E7%AE%A1"
            "%E7%90%86%E6%9D%A1%E4%BE%8B_(2023%E5%B9%B4)",
            articles=_arts(2, 5),
        ),
        Law(
            id="ccc-rules",
            title_zh="强制性产品认证管理规定",
            title_en="Provisions on the Administration of Compulsory Product Certification (CCC)",
            kind_zh="部门规章（国家质检总局令第117号）",
            kind_en="departmental rule (AQSIQ Order No. 117)",
            version="2009-07-03 公布，2009-09-01 施行（所读文本；此后的修改未核对）",
            source="http://netcom.cn5135.com/tech/detail-12441130",
            articles=_arts(2, 53),
        ),
        Law(
            id="certificate-marks-rules",
            title_zh="认证证书和认证标志管理办法",
            title_en="Measures for the Administration of Certification Certificates and Marks",
            kind_zh="部门规章（国家质检总局令第63号）",
            kind_en="departmental rule (AQSIQ Order No. 63)",
            version="2004 公布，2015 修订（所读文本为修订后文本）",
            source="http://www.firetc.com/wap/index.php?itemid=29921&moduleid=21&page=3",
            articles=_arts(5),
        ),
        Law(
            id="lifetime-responsibility-2014",
            title_zh="建筑工程五方责任主体项目负责人质量终身责任追究暂行办法（建质〔2014〕124号）",
            title_en="Interim Measures on the Lifetime Quality Responsibility of the Project Leads "
            "of the Five Responsible Parties in Building Works (Jianzhi [2014] No. 124)",
            kind_zh="部门规范性文件（住房和城乡建设部）",
            kind_en="normative document of the Ministry of Housing and Urban-Rural Development",
            version="2014-08 印发",
            source="http://www.qq94.com/fjx/1jkP03_3.html",
            articles=_arts(7, 8, 9, 10),
        ),
        Law(
            id="consumer-recall-rules",
            title_zh="消费品召回管理暂行规定",
            title_en="Interim Provisions on the Administration of Consumer Product Recalls",
            kind_zh="部门规章（国家市场监督管理总局令第19号）",
            kind_en="departmental rule (SAMR Order No. 19)",
            version="2019-11-21 公布，2020-01-01 施行",
            source="http://law.foodmate.net/show-198810.html",
            articles=_arts(3, 4),
        ),
        Law(
            id="food-safety-law",
            title_zh="中华人民共和国食品安全法",
            title_en="Food Safety Law of the People's Republic of China",
            kind_zh="法律",
            kind_en="law",
            version="2015-04-24 修订",
            source="http://www.jk-lawyer.com/detail_4985.html",
            articles=_arts(35, 42, 50, 51, 53, 63, 103),
        ),
        Law(
            id="pipl",
            title_zh="中华人民共和国个人信息保护法",
            title_en="Personal Information Protection Law of the People's Republic of China",
            kind_zh="法律",
            kind_en="law",
            version="2021-08-20 通过，2021-11-01 施行",
            source="http://www.dreamfox.cn/culture/whzl/wlpf/712.html",
            articles=_arts(13, 21, 23, 28, 31, 38, 39, 55),
        ),
    )
}

_BASIS = re.compile(r"^(?P<law>[a-z0-9-]+) 第(?P<article>[1-9][0-9]*(?:\.[0-9]+)*)条$")


@dataclass(frozen=True)
class LegalBasis:
    """A parsed `<law-id> 第N条` entry."""

    law: str
    article: str

    def __str__(self) -> str:
        return f"{self.law} 第{self.article}条"

    @property
    def registered(self) -> Law:
        return LAWS[self.law]

    def describe(self, lang: str) -> str:
        """`《中华人民共和国产品质量法》第40条` / `Product Quality Law …, Art. 40`."""
        law = LAWS[self.law]
        if lang == "zh":
            return f"《{law.title_zh}》第{self.article}条"
        return f"{law.title_en}, Art. {self.article}"


def legal_basis_problem(text: str) -> str | None:
    """Return why `text` is not a valid legal-basis entry, or None when it is valid."""
    m = _BASIS.match(text)
    if m is None:
        return f"'{text}' is not of the form '<law-id> 第N条' (one space, Arabic article number)"
    law, article = m["law"], m["article"]
    if law not in LAWS:
        return f"'{text}' names unknown law '{law}' (known: {', '.join(LAWS)})"
    if article not in LAWS[law].articles:
        known = ", ".join(sorted(LAWS[law].articles, key=_article_key))
        return f"'{text}': article {article} of {law} is not in the registry of checked articles ({known})"
    return None


def parse_legal_basis(text: str) -> LegalBasis:
    """Parse a legal-basis entry, raising ValueError with the reason when it is invalid."""
    problem = legal_basis_problem(text)
    if problem is not None:
        raise ValueError(problem)
    law, rest = text.split(" ", 1)
    return LegalBasis(law, rest[1:-1])


def describe_basis(entries: list[str], lang: str) -> str:
    """A legal-basis list as a reader sees it, articles of one law together:
    `《中华人民共和国产品质量法》第5条、第12条；…` / `Product Quality Law …, Arts. 5, 12; …`.
    An entry lint would reject is shown as written."""
    groups: dict[str, list[str]] = {}
    for entry in entries:
        if legal_basis_problem(entry) is None:
            b = parse_legal_basis(entry)
            groups.setdefault(b.law, []).append(b.article)
        else:
            groups.setdefault(entry, [])
    parts = []
    for key, articles in groups.items():
        law = LAWS.get(key)
        if law is None or not articles:
            parts.append(key)
        elif lang == "zh":
            parts.append(f"《{law.title_zh}》" + "、".join(f"第{a}条" for a in articles))
        else:
            parts.append(f"{law.title_en}, {'Art.' if len(articles) == 1 else 'Arts.'} {', '.join(articles)}")
    return ("；" if lang == "zh" else "; ").join(parts)


def _article_key(article: str) -> tuple[int, ...]:
    return tuple(int(p) for p in article.split("."))
