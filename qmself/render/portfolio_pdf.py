"""A consultant's whole client list in one PDF: heat map, level distribution, common gaps and
red lines, and a one-page summary per company. Same font, page furniture and table style as
the plan (`render.pdf`)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.graphics.shapes import Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Frame, NextPageTemplate, PageBreak, PageTemplate, Paragraph, Spacer

from qmself import __version__
from qmself.model.common import SIZE_NAMES, pick
from qmself.model.questionnaire import Questionnaire
from qmself.render.pdf import (
    FRAME_W,
    INK,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MUTED,
    PAGE_H,
    RED,
    _Doc,
    _drawing,
    _esc,
    _heading,
    _numbered_canvas,
    _para,
    _register_font,
    _styles,
    _table,
)
from qmself.render.pdf_text import FONT

LEVEL_COLOURS = {1: "#f4c7c3", 2: "#fbe3b6", 3: "#fff4b3", 4: "#d4edbc", 5: "#a8dab5"}


@dataclass
class CompanyRow:
    """What the portfolio needs of one scored company."""

    file: str
    name: str
    credit_code: str
    sector: str
    size: str
    date: str
    index: float | None
    level: float | None
    whole: int | None
    completeness: float
    areas: dict[str, float | None]
    targets: dict[str, float]
    gaps: list[tuple[str, float, int]]
    """(area, gap, priority) of unmet targets, priority order."""
    red_lines: list[str]
    progress: float


@dataclass
class Portfolio:
    lang: str
    profile: str
    profile_title: str
    companies: list[CompanyRow]
    failures: list[str] = field(default_factory=list)


def _fill(level: float | None) -> colors.Color:
    if level is None:
        return colors.white
    return colors.HexColor(LEVEL_COLOURS[max(1, min(5, int(level + 1e-9)))])


def _bars(counts: dict[int, int], q: Questionnaire, lang: str) -> Flowable:
    w, h = FRAME_W, 55 * mm
    d = _drawing(w, h)
    top = max(counts.values(), default=0) or 1
    bar_w = w / 5 * 0.55
    base = 12 * mm
    for lv in range(1, 6):
        x = (lv - 1) * w / 5 + (w / 5 - bar_w) / 2
        bh = (h - base - 10 * mm) * counts.get(lv, 0) / top
        d.add(Rect(x, base, bar_w, bh, fillColor=colors.HexColor(LEVEL_COLOURS[lv]), strokeColor=MUTED, strokeWidth=0.4))
        d.add(String(x + bar_w / 2, base + bh + 2, str(counts.get(lv, 0)), fontName=FONT, fontSize=9, fillColor=INK,
                     textAnchor="middle"))
        d.add(String(x + bar_w / 2, base - 10, f"{lv} {q.level_name(lv, lang)}", fontName=FONT, fontSize=8,
                     fillColor=INK, textAnchor="middle"))
    d.add(Line(0, base, w, base, strokeColor=MUTED, strokeWidth=0.5))
    return d


def build_story(p: Portfolio, q: Questionnaire) -> list[Flowable]:
    lang = p.lang
    st = _styles(lang)
    areas = [a.id for a in q.areas]
    n = len(p.companies)
    story: list[Flowable] = [
        Spacer(1, 30 * mm),
        Paragraph(_esc(pick(lang, "客户组合质量管理概览", "Client portfolio: quality-management overview")), st["title"]),
        _para(pick(lang, f"{n} 家企业 · 基准：{p.profile_title}（{p.profile}）",
                   f"{n} companies · benchmark: {p.profile_title} ({p.profile})"), st["subtitle"]),
        _para(pick(lang, f"生成日期：{dt.date.today().isoformat()}", f"Generated {dt.date.today().isoformat()}"), st["small"]),
        NextPageTemplate("body"),
        PageBreak(),
    ]

    # heat map
    story.append(_heading(pick(lang, "一、热力图：企业 × 领域等级", "1. Heat map: companies × area levels"), st["h1"], 0))
    head = [_para(pick(lang, "企业", "Company"), st["cellhead"]), *areas, pick(lang, "指数", "Index")]
    rows: list[list[Any]] = [head]
    extra: list[tuple[Any, ...]] = [
        # narrow columns: small figures, little padding, area ids on one line
        ("FONTSIZE", (1, 0), (-1, -1), 7),
        ("TEXTCOLOR", (1, 0), (-1, 0), colors.HexColor("#1d4e89")),
        ("LEFTPADDING", (1, 0), (-1, -1), 1),
        ("RIGHTPADDING", (1, 0), (-1, -1), 1),
        ("ALIGN", (1, 0), (-1, -1), "CENTER"),
    ]
    for i, c in enumerate(p.companies, 1):
        rows.append([_para(c.name, st["cell"]), *("—" if c.areas.get(a) is None else f"{c.areas[a]:.1f}" for a in areas),
                     "—" if c.index is None else f"{c.index:.0f}"])
        for j, a in enumerate(areas, 1):
            extra.append(("BACKGROUND", (j, i), (j, i), _fill(c.areas.get(a))))
            if a in c.targets and c.areas.get(a) is not None and (c.areas[a] or 0) + 1e-9 < c.targets[a]:
                extra.append(("TEXTCOLOR", (j, i), (j, i), RED))
    story.append(_table(rows, [0.2, *([0.0615] * len(areas)), 0.062], zebra=False, extra=extra))
    story.append(_para(pick(lang, "颜色表示达到的整数等级（1 红 … 5 绿）；红字表示未达到基准目标。",
                            "Colour shows the whole level reached (1 red … 5 green); red figures are below the benchmark target."),
                       st["small"]))

    # distribution
    story.append(_heading(pick(lang, "二、总体等级分布", "2. Distribution of overall levels"), st["h1"], 0))
    counts = Counter(c.whole for c in p.companies if c.whole is not None)
    story.append(_bars(dict(counts), q, lang))
    indexes = [c.index for c in p.companies if c.index is not None]
    if indexes:
        mean = sum(indexes) / len(indexes)
        story.append(_para(pick(lang, f"平均总体指数 {mean:.1f}，最低 {min(indexes):.1f}，最高 {max(indexes):.1f}。",
                                f"Mean overall index {mean:.1f}, lowest {min(indexes):.1f}, highest {max(indexes):.1f}."),
                           st["body"]))

    # common gaps and red lines
    story.append(PageBreak())
    story.append(_heading(pick(lang, "三、最常见的差距与红线", "3. The most common gaps and red lines"), st["h1"], 0))
    gap_count: Counter[str] = Counter()
    gap_sum: dict[str, float] = {}
    for c in p.companies:
        for area, gap, _prio in c.gaps:
            gap_count[area] += 1
            gap_sum[area] = gap_sum.get(area, 0.0) + gap
    rows = [[_para(h, st["cellhead"]) for h in [pick(lang, "领域", "Area"), pick(lang, "未达标企业", "Companies below target"),
                                                pick(lang, "平均差距", "Mean gap")]]]
    for area, cnt in sorted(gap_count.items(), key=lambda kv: (-kv[1], areas.index(kv[0]))):
        rows.append([_para(f"{area} {q.area_by_id[area].title(lang)}", st["cell"]), f"{cnt} / {n}", f"{gap_sum[area] / cnt:.2f}"])
    story.append(_table(rows, [0.5, 0.25, 0.25], extra=[("ALIGN", (1, 1), (-1, -1), "RIGHT")]))
    red = Counter(qid for c in p.companies for qid in c.red_lines)
    story.append(Paragraph(_esc(pick(lang, "未满足的红线", "Unmet red lines")), st["h3"]))
    if not red:
        story.append(_para(pick(lang, "没有企业存在未满足的红线。", "No company has an unmet red line."), st["body"]))
    else:
        rows = [[_para(h, st["cellhead"]) for h in [pick(lang, "题目", "Question"), pick(lang, "企业数", "Companies")]]]
        for qid, cnt in red.most_common():
            rows.append([_para(f"{qid} {q.question_by_id[qid].text(lang)}", st["cell"]), f"{cnt} / {n}"])
        story.append(_table(rows, [0.8, 0.2], extra=[("ALIGN", (1, 1), (-1, -1), "RIGHT")]))

    # one page per company
    for c in p.companies:
        story.append(PageBreak())
        story.append(_heading(c.name, st["h2"], 0, in_toc=False))
        facts = [
            (pick(lang, "统一社会信用代码", "Credit code"), c.credit_code),
            (pick(lang, "行业 · 规模", "Sector · size"), f"{q.sector_by_id[c.sector].name(lang)} · {SIZE_NAMES[c.size][0 if lang == 'zh' else 1]}"),
            (pick(lang, "评估日期", "Assessment date"), c.date),
            (pick(lang, "总体指数 · 等级", "Overall index · level"),
             "—" if c.index is None else f"{c.index:.1f} · {c.level:.2f} {q.level_name(c.whole or 1, lang)}"),
            (pick(lang, "完整度", "Completeness"), f"{c.completeness:.0%}"),
            (pick(lang, "目标完成度", "Progress to target"), f"{c.progress:.1f}%"),
            (pick(lang, "答卷文件", "Answer file"), c.file),
        ]
        story.append(_table([[_para(k, st["cellhead"]), _para(v, st["cell"])] for k, v in facts], [0.3, 0.7],
                            head=False, zebra=False))
        story.append(Spacer(1, 3 * mm))
        rows = [[_para(h, st["cellhead"]) for h in [pick(lang, "领域", "Area"), pick(lang, "等级", "Level"),
                                                    pick(lang, "目标", "Target"), pick(lang, "差距", "Gap")]]]
        gaps = {a: g for a, g, _ in c.gaps}
        for a in areas:
            lv = c.areas.get(a)
            rows.append([_para(f"{a} {q.area_by_id[a].title(lang)}", st["cell"]), "—" if lv is None else f"{lv:.2f}",
                         "" if a not in c.targets else f"{c.targets[a]:g}", "✓" if a not in gaps else f"{gaps[a]:.2f}"])
        story.append(_table(rows, [0.55, 0.15, 0.15, 0.15], extra=[("ALIGN", (1, 1), (-1, -1), "RIGHT")]))
        if c.red_lines:
            story.append(_para(pick(lang, "未满足的红线：", "Unmet red lines: ") + ", ".join(c.red_lines), st["alert"]))
        top = c.gaps[:3]
        if top:
            story.append(_para(pick(lang, "优先改进：", "Improve first: ")
                               + "; ".join(f"{a} {q.area_by_id[a].title(lang)} (+{g:.2f})" for a, g, _ in top), st["body"]))
    if p.failures:
        story.append(PageBreak())
        story.append(_heading(pick(lang, "未能纳入的文件", "Files left out"), st["h1"], 0))
        for f in p.failures:
            story.append(_para(f, st["small"]))
    return story


def render_portfolio(p: Portfolio, q: Questionnaire, path: Path) -> None:
    _register_font()
    lang = p.lang
    title = pick(lang, "客户组合质量管理概览", "Client portfolio: quality-management overview")

    class _Header:
        """What the running header needs (the plan's canvas reads these)."""

        def __init__(self) -> None:
            self.lang = lang
            self.title = title
            self.company = pick(lang, f"{len(p.companies)} 家企业", f"{len(p.companies)} companies")
            self.assessment_date = dt.date.today().isoformat()

    doc = _Doc(
        str(path), pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, title=title, author="qmself", creator=f"qmself {__version__}",
        subject=pick(lang, f"基准：{p.profile_title}", f"Benchmark: {p.profile_title}"),
        lang="zh-CN" if lang == "zh" else "en", initialFontName=FONT,
    )
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_W, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM, id="body")
    doc.addPageTemplates([PageTemplate("cover", [frame]), PageTemplate("body", [frame])])
    doc.build(build_story(p, q), canvasmaker=_numbered_canvas(_Header()))  # type: ignore[arg-type]
