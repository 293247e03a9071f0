"""A blank, commented answer file for one sector and size, to fill in with any editor."""

from __future__ import annotations

import datetime as dt
import json

from qmself.model.applicability import FACT_HELP, FACTS, NO_FACTS, CompanyFacts
from qmself.model.common import SIZE_NAMES, SIZES, pick
from qmself.model.questionnaire import Question, Questionnaire
from qmself.render.text import width, wrap

_TYPE = {
    "maturity": ("成熟度，填 1-5", "maturity, answer 1-5"),
    "yesno": ("是非题，填 yes 或 no", "yes/no, answer yes or no"),
    "number": ("数值", "number"),
}


def _q(s: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def _comment(text: str, indent: str, lang: str, first: str = "", cols: int = 78) -> list[str]:
    """`text` as wrapped comment lines; continuation lines hang under the text after `first`."""
    hang = " " * width(first) if first.startswith(" ") else ""
    lines = wrap(text, cols - len(indent) - 2, first, hang)
    return [f"{indent}# {ln}".rstrip() for ln in lines]


def _question_block(q: Question, n: int, lang: str, questionnaire: Questionnaire) -> list[str]:
    ind = "  "
    kind = pick(lang, *_TYPE[q.type])
    if q.type == "number" and q.unit is not None:
        rng = f"{q.min if q.min is not None else ''}–{q.max if q.max is not None else ''}"
        kind += f" ({q.unit(lang)}, {rng})"
    flags = [kind, pick(lang, f"权重 {q.weight:g}", f"weight {q.weight:g}")]
    if q.red_line:
        flags.append(pick(lang, "红线（法定义务）", "RED LINE (statutory duty)"))
    if q.allow_na:
        flags.append(pick(lang, "可填 n/a", "n/a allowed"))
    out = [f"{ind}#"]
    out += _comment(f"{q.id} [{' · '.join(flags)}]", ind, lang)
    out += _comment(q.text(lang), ind, lang)
    out += _comment(q.guidance(lang), ind, lang, pick(lang, "良好实践：", "Good practice: "))
    if q.levels:
        for k in sorted(q.levels):
            out += _comment(q.levels[k](lang), ind, lang, f"  {k} {questionnaire.level_name(k, lang)}: ")
    if q.bands:
        for b in sorted(q.bands, key=lambda b: b.level):
            lo = "" if b.min is None else f"≥{b.min:g}"
            hi = "" if b.max is None else f"<{b.max:g}"
            out += _comment(f"  {b.level} {questionnaire.level_name(b.level, lang)}: {lo} {hi}".rstrip(), ind, lang)
    rule = q.sample_rule()
    if rule is not None:
        out += _comment(rule(lang), ind, lang)
    ev = pick(lang, "；", "; ").join(e(lang) for e in q.evidence)
    out += _comment(ev, ind, lang, pick(lang, "证据：", "Evidence: "))
    out += _comment("; ".join(q.cites), ind, lang, pick(lang, "依据：", "Cites: "))
    if q.legal_basis:
        out += _comment(q.legal_basis_text(lang), ind, lang, pick(lang, "法律依据：", "Legal basis: "))
    out.append(f"{ind}{q.id}:")
    return out


def _rule(q: Questionnaire, lang: str) -> str:
    """The questionnaire's partial-fulfilment rule as header comment lines (with a newline)."""
    if q.level_rule is None:
        return ""
    return "\n".join(_comment(q.level_rule(lang), "", lang, pick(lang, "计级规则：", "Level rule: "))) + "\n"


def _fact_lines(q: Questionnaire, sector: str, lang: str, facts: CompanyFacts) -> list[str]:
    """The company facts this sector's questions depend on, as keys with a help comment.

    A fact given in `facts` is filled in; the others are left empty (not stated yet).
    """
    used = q.facts_used(sector)
    out: list[str] = []
    for fact in FACTS:
        if fact not in used:
            continue
        v = getattr(facts, fact)
        shown = "" if v is None else json.dumps(v, ensure_ascii=False)
        out.append(f"  {fact}: {shown}".rstrip() + f"  # {pick(lang, *FACT_HELP[fact])}")
    return out


def render_template(
    questionnaire: Questionnaire,
    sector: str,
    size: str,
    lang: str,
    *,
    company: str = "",
    credit_code: str = "",
    region: str = "",
    assessor: str = "",
    today: dt.date | None = None,
    facts: CompanyFacts = NO_FACTS,
) -> str:
    """The text of a blank answer file; every applicable question is a commented key."""
    q = questionnaire
    sector_name = q.sector_by_id[sector].name(lang)
    size_name = SIZE_NAMES[size][0 if lang == "zh" else 1]
    today = today or dt.date.today()
    head = pick(
        lang,
        f"""# qmself 答卷 — {q.title.zh}
# 问卷 {q.id} {q.version} 版 · 行业：{sector_name} · 规模：{size_name}
#
# 填写方法：在每个题号后的冒号后填写答案，留空表示尚未作答。
#   成熟度题填 1-5（各级含义见题目上方注释）；是非题填 yes 或 no；
#   数值题填数字；注明“可填 n/a”的题目不适用时填 n/a。
#   需要记录证据或备注时，写成：
#     LEAD-01:
#       value: 3
#       evidence: 质量手册（2024 版）第 5 章
#       note: 首席质量官已任命，尚未定期述职
{_rule(q, lang)}# 检查：qmself validate 本文件    评分：qmself score 本文件
""",
        f"""# qmself answer file — {q.title.en}
# questionnaire {q.id} version {q.version} · sector: {sector_name} · size: {size_name}
#
# How to fill it in: write each answer after the colon of its question id;
# leave it empty while unanswered.
#   maturity questions: 1-5 (each level is described above the question);
#   yes/no questions: yes or no; number questions: a number;
#   n/a only where the question says it is allowed.
#   To record evidence or a note, write:
#     LEAD-01:
#       value: 3
#       evidence: Quality manual (2024 edition), chapter 5
#       note: CQO appointed, no regular reporting yet
{_rule(q, lang)}# Check: qmself validate THIS_FILE    Score: qmself score THIS_FILE
""",
    )
    sectors = " | ".join(q.sector_by_id)
    lines = [
        head.rstrip("\n"),
        "questionnaire:",
        f"  id: {q.id}",
        f'  version: "{q.version}"',
        "company:",
        f"  name: {_q(company)}  # {pick(lang, '企业名称', 'company name')}",
        f'  credit_code: {_q(credit_code)}  # {pick(lang, "统一社会信用代码（18 位）", "unified social credit code (18 characters)")}',
        f"  sector: {sector}  # {sectors}",
        f"  size: {size}  # {' | '.join(SIZES)}",
        f'  region: {_q(region)}  # {pick(lang, "地区（可选）", "region (optional)")}',
        *_fact_lines(q, sector, lang, facts),
        "assessment:",
        f"  date: {today.isoformat()}  # YYYY-MM-DD",
        f'  assessor: {_q(assessor)}  # {pick(lang, "评估人", "assessor")}',
        "answers:",
    ]
    applicable = q.applicable(sector, size, facts)
    for area in q.areas:
        qs = [x for x in applicable if x.area == area.id]
        if not qs:
            continue
        title = f"{area.id} {area.title(lang)}"
        lines += ["", f"  # ══ {title} " + "═" * max(3, 72 - width(title))]
        for n, x in enumerate(qs, 1):
            lines += _question_block(x, n, lang, q)
    return "\n".join(lines) + "\n"
