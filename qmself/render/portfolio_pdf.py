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
from qmself.render import numbers as num
from qmself.render.heat import DARK_LEVELS, LEVEL_COLOURS, whole
from qmself.render.pdf import (
    FRAME_W,
    INK,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MUTED,
    PAGE_H,
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
from qmself.render.pdf_text import FONT, truncate

# ColorBrewer YlGnBu, 5 classes: one hue ramp from light to dark that readers with any common colour-vision
# deficiency still see in order (and that prints in grey as a ramp); below-target figures carry a ▼ mark, not a colour
BELOW = "▼"


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
    profile: str = ""
    """The benchmark this company is measured against, named on its page."""
    plan_actions: int = 0
    plan_months: int = 0
    plan_later: int = 0
    plan_first: list[str] = field(default_factory=list)
    """The plan's first actions in its order (red-line fixes first), as `qmself plan` makes it."""
    plan_stretch: str | None = None
    """The profile the plan aims at when every target of `profile` is met (a stretch target)."""


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
    return colors.HexColor(LEVEL_COLOURS[whole(level)])


def _below(c: CompanyRow, area: str) -> bool:
    lv = c.areas.get(area)
    return area in c.targets and lv is not None and (num.gap(c.targets[area], lv) or 0) > 0


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
        rows.append([_para(truncate(c.name, 8.5, 0.2 * FRAME_W - 8, lines=2), st["cell"]),
                     *(num.level(c.areas.get(a)) + (BELOW if _below(c, a) else "") for a in areas),
                     num.score(c.index)])
        for j, a in enumerate(areas, 1):
            extra.append(("BACKGROUND", (j, i), (j, i), _fill(c.areas.get(a))))
            lv = c.areas.get(a)
            if lv is not None and whole(lv) in DARK_LEVELS:
                extra.append(("TEXTCOLOR", (j, i), (j, i), colors.white))
    story.append(_table(rows, [0.2, *([0.0615] * len(areas)), 0.062], zebra=False, extra=extra))
    story.append(_para(pick(lang, f"颜色由浅到深表示达到的整数等级 1–5（见下图）；{BELOW} 表示低于该企业的基准目标。",
                            f"Shading from light to dark shows the whole level reached, 1 to 5 (see the chart below); "
                            f"{BELOW} marks a level below the company's benchmark target."),
                       st["small"]))

    # distribution
    story.append(_heading(pick(lang, "二、总体等级分布", "2. Distribution of overall levels"), st["h1"], 0))
    counts = Counter(c.whole for c in p.companies if c.whole is not None)
    story.append(_bars(dict(counts), q, lang))
    indexes = [c.index for c in p.companies if c.index is not None]
    if indexes:
        mean = sum(indexes) / len(indexes)
        lo, hi, avg = num.score(min(indexes)), num.score(max(indexes)), num.score(mean)
        story.append(_para(pick(lang, f"平均总体指数 {avg}，最低 {lo}，最高 {hi}。",
                                f"Mean overall index {avg}, lowest {lo}, highest {hi}."),
                           st["body"]))

    # common gaps and red lines
    story.append(PageBreak())
    story.append(_heading(pick(lang, "三、最常见的差距与红线", "3. The most common gaps and red lines"), st["h1"], 0))
    gap_count: Counter[str] = Counter()
    gap_sum: dict[str, float] = {}
    for c in p.companies:
        for area, _gap, _prio in c.gaps:
            gap_count[area] += 1
            gap_sum[area] = gap_sum.get(area, 0.0) + (num.gap(c.targets[area], c.areas.get(area)) or 0.0)
    rows = [[_para(h, st["cellhead"]) for h in [pick(lang, "领域", "Area"), pick(lang, "未达标企业", "Companies below target"),
                                                pick(lang, "平均差距", "Mean gap")]]]
    for area, cnt in sorted(gap_count.items(), key=lambda kv: (-kv[1], areas.index(kv[0]))):
        rows.append([_para(f"{area} {q.area_by_id[area].title(lang)}", st["cell"]), f"{cnt} / {n}", num.level(gap_sum[area] / cnt)])
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
        story.append(_heading(truncate(c.name, 12, FRAME_W, lines=2), st["h2"], 0, in_toc=False))
        facts = [
            (pick(lang, "统一社会信用代码", "Credit code"), c.credit_code),
            (pick(lang, "行业 · 规模", "Sector · size"), f"{q.sector_by_id[c.sector].name(lang)} · {SIZE_NAMES[c.size][0 if lang == 'zh' else 1]}"),
            (pick(lang, "评估日期", "Assessment date"), c.date),
            (pick(lang, "基准档案", "Benchmark profile"), c.profile or p.profile_title),
            (pick(lang, "总体指数 · 等级", "Overall index · level"),
             "—" if c.index is None else f"{num.score(c.index)} · {num.level(c.level)} {q.level_name(c.whole or 1, lang)}"),
            (pick(lang, "完整度", "Completeness"), num.share(c.completeness)),
            (pick(lang, "目标完成度", "Progress to target"), num.pct(c.progress)),
        ]
        story.append(_table([[_para(k, st["cellhead"]), _para(v, st["cell"])] for k, v in facts], [0.3, 0.7],
                            head=False, zebra=False))
        story.append(Spacer(1, 3 * mm))
        rows = [[_para(h, st["cellhead"]) for h in [pick(lang, "领域", "Area"), pick(lang, "等级", "Level"),
                                                    pick(lang, "目标", "Target"), pick(lang, "差距", "Gap")]]]
        gaps = {a for a, _g, _ in c.gaps}
        for a in areas:
            lv = c.areas.get(a)
            rows.append([_para(f"{a} {q.area_by_id[a].title(lang)}", st["cell"]), num.level(lv),
                         num.target(c.targets.get(a)),
                         "✓" if a not in gaps else num.level(num.gap(c.targets.get(a), lv))])
        story.append(_table(rows, [0.55, 0.15, 0.15, 0.15], extra=[("ALIGN", (1, 1), (-1, -1), "RIGHT")]))
        if c.red_lines:
            story.append(_para(pick(lang, "未满足的红线：", "Unmet red lines: ") + ", ".join(c.red_lines), st["alert"]))
        top = c.gaps[:3]
        if top:
            story.append(_para(pick(lang, "优先改进：", "Improve first: ")
                               + pick(lang, "；", "; ").join(f"{a} {q.area_by_id[a].title(lang)} (+{num.level(num.gap(c.targets.get(a), c.areas.get(a)))})"
                                           for a, _g, _ in top), st["body"]))
        story.append(_para(_plan_line(c, lang), st["body"]))
    if p.failures:
        story.append(PageBreak())
        story.append(_heading(pick(lang, "未能纳入的文件", "Files left out"), st["h1"], 0))
        for f in p.failures:  # the file's name and the reason, not where it lies on the consultant's disk
            where, sep, why = f.partition(": ")
            story.append(_para(Path(where).name + sep + why, st["small"]))
    return story


def _plan_line(c: CompanyRow, lang: str) -> str:
    """The company's plan in one paragraph: its size, length and first actions."""
    if not c.plan_actions:
        return pick(lang, "改进计划：对照基准无需新增措施。", "Plan: no new action needed against the benchmark.")
    aim = ("" if c.plan_stretch is None else pick(lang, f"（以 {c.plan_stretch} 为延伸目标）", f" (toward {c.plan_stretch} as a stretch target)"))
    later = pick(lang, f"，另有 {c.plan_later} 项列为后续", f", {c.plan_later} more later") if c.plan_later else ""
    return (pick(lang, f"改进计划{aim}：{c.plan_actions} 项措施，{c.plan_months} 个月{later}；首先：",
                 f"Plan{aim}: {c.plan_actions} actions over {c.plan_months} months{later}; first: ")
            + pick(lang, "；", "; ").join(c.plan_first))


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
