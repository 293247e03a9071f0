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


def _headings(rows: str) -> dict[str, tuple[str, str]]:
    """`clause|中文标题|English` lines -> {clause: (zh, en)}."""
    out: dict[str, tuple[str, str]] = {}
    for line in rows.strip().splitlines():
        clause, zh, en = (x.strip() for x in line.split("|"))
        out[clause] = (zh, en)
    return out


CLAUSE_HEADINGS: dict[str, dict[str, tuple[str, str]]] = {
    # each clause's own heading in the document (a title, as the document's title is quoted), with our
    # English rendering; what a clause asks, in a line, wherever a citation is shown to a clerk
    "action-plan-2022": _headings("""
        （一）|扩大安全优质农产品食品供给|expand the supply of safe, high-quality farm products and food
        （二）|增强儿童老年人残疾人用品适用性|fit products better to children, older and disabled people
        （三）|促进日用消费品升级迭代和文体用品创新发展|upgrade daily consumer goods, renew culture and sports goods
        （四）|推动建筑工程品质提升|raise the quality of construction projects
        （五）|提高基础件通用件质量性能|improve the quality and performance of basic and general-purpose parts
        （六）|强化材料质量保障能力|strengthen the assurance of materials quality
        （七）|提升装备产品质量可靠性|raise the quality and reliability of equipment
        （八）|提升新一代信息技术产品质量|raise the quality of new-generation IT products
        （九）|推动新技术与产业深度融合|integrate new technologies deeply with industry
        （十）|促进平台企业提供优质产品和服务|get platform companies to offer quality products and services
        （十一）|引导居民生活服务高品质发展|steer consumer services toward high quality
        （十二）|提高生产流通服务专业化融合化水平|make producer and distribution services specialised and integrated
        （十三）|提升社会服务效能|make social services more effective
        （十四）|强化科技创新对质量提升的引领作用|let science and technology innovation lead quality improvement
        （十五）|推动产业链供应链质量联动提升|raise quality jointly along industrial and supply chains
        （十六）|提升质量基础设施服务效能|make quality-infrastructure services more effective
        （十七）|加强质量品牌建设|strengthen quality and brand building
        （十八）|提升劳动者质量素养|raise workers' quality literacy
        （十九）|健全财政金融政策|improve fiscal and financial policies
        （二十）|加强质量安全监管|strengthen quality and safety supervision
        （二十一）|强化企业主体责任|strengthen enterprises' primary responsibility for quality
        （二十二）|发挥示范引领作用|lead by example
    """),
    "guiding-opinions-2017": _headings("""
        （三）|主要目标|main targets
        （四）|增加农产品、食品药品优质供给|supply more high-quality farm products, food and medicines
        （五）|促进消费品提质升级|upgrade the quality of consumer goods
        （七）|提升原材料供给水平|improve the supply of raw materials
        （八）|提升建设工程质量水平|raise the quality of construction projects
        （九）|推动服务业提质增效|improve the quality and efficiency of services
        （十）|提升社会治理和公共服务水平|improve social governance and public services
        （十一）|加快对外贸易优化升级|upgrade foreign trade
        （十二）|实施质量攻关工程|solve key quality problems in targeted programmes
        （十三）|加快标准提档升级|raise the level of standards
        （十四）|激发质量创新活力|stimulate quality innovation
        （十五）|推进全面质量管理|advance total quality management
        （十六）|加强全面质量监管|strengthen comprehensive quality supervision
        （十七）|着力打造中国品牌|build Chinese brands
        （十八）|推进质量全民共治|govern quality together with the whole society
        （十九）|加快国家质量基础设施体系建设|build the national quality infrastructure faster
        （二十一）|提升公共技术服务能力|strengthen public technical services
        （二十二）|健全完善技术性贸易措施体系|complete the system of technical trade measures
        （二十三）|加强质量制度建设|strengthen quality institutions
        （二十四）|加大财政金融支持力度|increase fiscal and financial support
        （二十五）|健全质量人才培养体系|improve the training of quality professionals
        （二十六）|健全质量激励制度|improve quality incentives
        （二十七）|实施质量强国战略|carry out the quality-powerhouse strategy
        （二十八）|加强党对质量工作领导|strengthen the Party's leadership of quality work
        （二十九）|狠抓督察考核|inspect and appraise rigorously
        （三十）|加强宣传动员|strengthen publicity and mobilisation
    """),
    "outline-2023": _headings("""
        （一）|指导思想|guiding thought
        （二）|主要目标|main targets
        （三）|增强质量发展创新动能|strengthen innovation as a driver of quality
        （四）|树立质量发展绿色导向|make quality development green
        （五）|强化质量发展利民惠民|let quality development benefit the people
        （六）|强化产业基础质量支撑|strengthen the quality of industrial foundations
        （七）|提高产业质量竞争水平|raise industries' quality competitiveness
        （八）|提升产业集群质量引领力|make industrial clusters lead on quality
        （九）|打造区域质量发展新优势|build new regional quality advantages
        专栏1|区域质量发展示范工程|regional quality-development demonstration programme
        （十）|提高农产品食品药品质量安全水平|raise the quality and safety of farm products, food and medicines
        （十一）|优化消费品供给品类|improve the range of consumer goods supplied
        （十二）|推动工业品质量迈向中高端|move industrial products' quality toward the middle and high end
        专栏2|重点产品质量阶梯攀登工程|quality-ladder programme for key products
        （十三）|强化工程质量保障|strengthen the assurance of construction quality
        （十四）|提高建筑材料质量水平|raise the quality of building materials
        （十五）|打造中国建造升级版|build an upgraded "Built in China"
        专栏3|建设工程质量管理升级工程|construction quality-management upgrade programme
        （十六）|提高生产服务专业化水平|make producer services more specialised
        （十七）|促进生活服务品质升级|upgrade consumer services
        （十八）|提升公共服务质量效率|raise the quality and efficiency of public services
        专栏4|服务品质提升工程|service-quality programme
        （十九）|加快质量技术创新应用|apply quality-technology innovation faster
        （二十）|提升全面质量管理水平|raise the level of total quality management
        （二十一）|争创国内国际知名品牌|strive for well-known domestic and international brands
        专栏5|中国品牌建设工程|Chinese brand-building programme
        （二十二）|优化质量基础设施管理|improve the management of quality infrastructure
        （二十三）|加强质量基础设施能力建设|strengthen quality-infrastructure capacity
        （二十四）|提升质量基础设施服务效能|make quality-infrastructure services more effective
        专栏6|质量基础设施升级增效工程|quality-infrastructure upgrade programme
        （二十五）|加强质量法治建设|strengthen the rule of law on quality
        （二十六）|健全质量政策制度|improve quality policies and institutions
        （二十七）|优化质量监管效能|make quality supervision more effective
        （二十八）|推动质量社会共治|govern quality together with society
        （二十九）|加强质量国际合作|strengthen international cooperation on quality
        专栏7|质量安全监管筑堤工程|quality-safety supervision programme
        （三十）|加强党的领导|strengthen the Party's leadership
        （三十一）|狠抓工作落实|see the work through
        （三十二）|开展督察评估|inspect and evaluate
    """),
    "sichuan-plan-2023": _headings("""
        一（一）|指导思想|guiding thought
        一（二）|行动目标|targets
        1|强化农产品质量安全保障|strengthen the quality and safety of farm products
        2|增强特定人群特殊产品适用性|make special products fit the groups they serve better
        3|提升特色优质消费品质量供给|supply more distinctive, high-quality consumer goods
        4|打造四川工程质量品质标杆|set benchmarks of construction quality in Sichuan
        5|实施产业质量强基工程|strengthen industries' quality foundations
        6|实施材料质量领航工程|lead on materials quality
        7|实施装备质量攻关工程|solve key equipment-quality problems
        8|提升新一代信息技术产品质量水平|raise the quality of new-generation IT products
        9|推动新技术与现代化产业融合发展|integrate new technologies with modern industry
        10|优化平台企业产品服务质量管理|improve platform companies' product and service quality management
        11|推进生活性服务质量品质化|raise the quality of consumer services
        12|推动生产性服务质量专业化|make producer services more specialised
        13|促进公共服务质量便民化|make public services more convenient
        14|发挥科技创新引领优势|let science and technology innovation lead
        15|强化产业链全面质量管理|strengthen total quality management along industrial chains
        16|深化质量基础设施协同服务|deepen coordinated quality-infrastructure services
        17|加快四川特色品牌培育创建|build distinctive Sichuan brands faster
        18|加强质量人才专业化培养|train quality professionals
        三（一）|完善财政金融政策|improve fiscal and financial policies
        三（二）|强化质量安全监管|strengthen quality and safety supervision
        三（三）|落实企业主体责任|make enterprises carry their primary responsibility
        三（四）|发挥示范带动作用|lead by example
    """),
}
"""Clause headings by document (numbered clauses and boxes; not the parts 一、二、…)."""

_PART = re.compile(r"^[一二三四五六七八九十]+(?=（)")


def clause_heading(doc: str, clause: str, lang: str) -> str | None:
    """The heading of a cited clause in `lang` (zh or en), None when it is not recorded.

    A part prefix (`七（二十一）`) is dropped where clauses are numbered across the whole document.
    """
    table = CLAUSE_HEADINGS.get(doc, {})
    found = table.get(clause)
    if found is None and doc != "sichuan-plan-2023":
        found = table.get(_PART.sub("", clause))
    if found is None:
        return None
    return found[0] if lang == "zh" else found[1]
