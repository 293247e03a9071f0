"""The improvement plan as a print-ready PDF (ReportLab), in Chinese or English.

The Chinese font is WenQuanYi Micro Hei (TrueType, Apache-2.0), shipped in
`qmself/fonts/` and embedded as a subset, so the PDF renders the same on a
computer with no Chinese fonts; the few symbols it leaves blank (℃) are set in a
DejaVu Sans subset. Fonts, line breaking and cutting long text: `pdf_text`.

Layout: a cover, a table of contents with PDF bookmarks, then one section per
part of the report; a running header and "page N of M" footer on every page
after the cover.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from qmself import __version__
from qmself.cjk import NO_LINE_END, NO_LINE_START, wrap
from qmself.model.common import pick
from qmself.render import numbers as num
from qmself.render.board import BoardPage, board_page
from qmself.render.pdf_text import FONT, markup, register_fonts, runs, truncate
from qmself.render.report import Report, headings

PAGE_W, PAGE_H = A4
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 18 * mm, 22 * mm, 18 * mm
FRAME_W = PAGE_W - 2 * MARGIN_X
FRAME_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
#: A page that holds no more than this of the part before it (the last lines of the progress
#: section's list of earlier actions that ran over) is shared with the next section, which would
#: otherwise start on a new page and leave those few lines alone on a nearly empty page.
SHORT_SPILL = FRAME_H / 3

INK = colors.HexColor("#1f2933")
ACCENT = colors.HexColor("#1d4e89")
MUTED = colors.HexColor("#616e7c")
RED = colors.HexColor("#b42318")
HEAD_BG = colors.HexColor("#e4ecf5")
ZEBRA = colors.HexColor("#f6f8fa")
PHASE_COLOURS = [colors.HexColor(c) for c in ("#b42318", "#1d4e89", "#2f855a", "#7b8794")]
CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def _register_font() -> None:
    register_fonts()


def _styles(lang: str) -> dict[str, ParagraphStyle]:
    wrap = "CJK" if lang == "zh" else None
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=14.5, textColor=INK, wordWrap=wrap)
    s = {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=11.5, textColor=MUTED),
        # "• text" with the wrapped lines under the text, not under the bullet
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=3.2 * mm, firstLineIndent=-3.2 * mm),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11.5),
        "cellhead": ParagraphStyle("cellhead", parent=base, fontSize=8.5, leading=11.5, textColor=ACCENT),
        "title": ParagraphStyle("title", parent=base, fontSize=26, leading=34, textColor=ACCENT, spaceAfter=6),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=14, leading=20, textColor=INK, spaceAfter=18),
        "h1": ParagraphStyle("h1", parent=base, fontSize=16, leading=22, textColor=ACCENT, spaceBefore=4, spaceAfter=8, keepWithNext=1),
        "h2": ParagraphStyle("h2", parent=base, fontSize=12, leading=17, textColor=ACCENT, spaceBefore=10, spaceAfter=5, keepWithNext=1),
        "h3": ParagraphStyle("h3", parent=base, fontSize=10.5, leading=15, textColor=INK, spaceBefore=8, spaceAfter=3, keepWithNext=1),
        "alert": ParagraphStyle("alert", parent=base, textColor=RED),
        "lead": ParagraphStyle("lead", parent=base, fontSize=11, leading=17, textColor=INK),
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER, textColor=MUTED, fontSize=8),
    }
    return s


def _esc(text: object) -> str:
    return markup(text)


class _Doc(BaseDocTemplate):  # type: ignore[misc]
    """Feeds headings to the table of contents and the PDF outline."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._n = 0

    def afterFlowable(self, flowable: Flowable) -> None:
        level = getattr(flowable, "_toc_level", None)
        if level is None:
            return
        text = getattr(flowable, "_toc_text", "")
        key = f"h{self._n}"
        self._n += 1
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
        if level <= 1 and getattr(flowable, "_in_toc", True):
            self.notify("TOCEntry", (level, text, self.page, key))

    def handle_documentBegin(self) -> None:
        self._n = 0
        super().handle_documentBegin()


def _numbered_canvas(report: Report) -> type[Canvas]:
    """A canvas that writes the running header and 'page N of M' once the page count is known."""
    lang = report.lang
    # cut once, not per page: a 10,000-character company name took minutes when cut per page
    short_header = truncate(f"qmself · {report.title} · {report.company}", 7.5, FRAME_W - 40 * mm)

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # start every page in our font, or ReportLab refers to (unembedded) Helvetica
            kwargs["initialFontName"] = kwargs.get("initialFontName") or FONT
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                if self._pageNumber > 1:
                    self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            self.saveState()
            self.setFont(FONT, 7.5)
            self.setFillColor(MUTED)
            y = PAGE_H - 12 * mm
            draw_runs(self, MARGIN_X, y, short_header, 7.5)
            self.drawRightString(PAGE_W - MARGIN_X, y, report.assessment_date)
            self.setStrokeColor(HEAD_BG)
            self.line(MARGIN_X, y - 2.5 * mm, PAGE_W - MARGIN_X, y - 2.5 * mm)
            n = self._pageNumber
            self.drawCentredString(PAGE_W / 2, 10 * mm,
                                   pick(lang, f"第 {n} 页 / 共 {total} 页", f"Page {n} of {total}"))
            self.restoreState()

    return NumberedCanvas


def draw_runs(canv: Canvas, x: float, y: float, text: str, size: float) -> None:
    """Draw `text` from (x, y), each character in the font that has its glyph."""
    t = canv.beginText(x, y)  # one text object, so that text extraction reads one line
    for font, piece in runs(text):
        t.setFont(font, size)
        t.textOut(piece)
    canv.drawText(t)


def _heading(text: str, style: ParagraphStyle, level: int, *, in_toc: bool = True) -> Paragraph:
    p = Paragraph(_esc(text), style)
    p._toc_level = level
    p._toc_text = text
    p._in_toc = in_toc
    return p


def _para(text: str, style: ParagraphStyle) -> Paragraph:
    if style.wordWrap is None and CJK.search(text) and len(CJK.findall(text)) > 6:
        style = ParagraphStyle(style.name + "-cjk", parent=style, wordWrap="CJK")
    return Paragraph(_esc(text), style)


#: A table row taller than this is cut into continuation rows (a row cannot break across pages).
ROW_MAX_H = 110 * mm
#: Characters of evidence and note shown in the appendix table; longer texts go in full to "Full texts".
LONG_CELL = 300
CELL_PAD_X = 8


def _split_tall_rows(rows: list[list[Any]], col_w: list[float]) -> tuple[list[list[Any]], list[tuple[int, int]]]:
    """Rows with any Paragraph taller than ROW_MAX_H become several rows, the text continuing
    from one to the next; returns the rows and, per input row, its first and last output row."""
    out: list[list[Any]] = []
    span: list[tuple[int, int]] = []
    for row in rows:
        first = len(out)
        pieces: list[list[Any]] = []
        for cell, w in zip(row, col_w, strict=True):
            if not isinstance(cell, Paragraph):
                pieces.append([cell])
                continue
            parts = [cell]
            while True:
                _, h = parts[-1].wrap(w - CELL_PAD_X, ROW_MAX_H * 10)
                if h <= ROW_MAX_H:
                    break
                halves = parts[-1].split(w - CELL_PAD_X, ROW_MAX_H)
                if len(halves) < 2:
                    break
                parts[-1:] = halves
            pieces.append(parts)
        for k in range(max(len(p) for p in pieces)):
            out.append([p[k] if k < len(p) else "" for p in pieces])
        span.append((first, len(out) - 1))
    return out, span


def _remap(cmd: tuple[Any, ...], span: list[tuple[int, int]]) -> tuple[Any, ...]:
    """A table style command on input rows, moved to the output rows of `_split_tall_rows`."""
    (c0, r0), (c1, r1) = cmd[1], cmd[2]
    r0 = r0 if r0 < 0 else span[min(r0, len(span) - 1)][0]
    r1 = r1 if r1 < 0 else span[min(r1, len(span) - 1)][1]
    return (cmd[0], (c0, r0), (c1, r1), *cmd[3:])


def _table(rows: list[list[Any]], widths: list[float], *, head: bool = True, zebra: bool = True,
           extra: list[tuple[Any, ...]] | None = None) -> Table:
    col_w = [w * FRAME_W for w in widths]
    rows, span = _split_tall_rows(rows, col_w)
    t = Table(rows, colWidths=col_w, repeatRows=1 if head else 0)
    cmds: list[tuple[Any, ...]] = [
        # grid and spacing
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#cbd2d9")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
    ]
    if head:  # header row
        cmds.append(("BACKGROUND", (0, 0), (-1, 0), HEAD_BG))
    if zebra:  # light banding for long tables
        for i in range(2 if head else 1, len(span), 2):
            cmds.append(("BACKGROUND", (0, i), (-1, i), ZEBRA))
    for first, last in span:  # a row cut into pieces reads as one cell
        if last > first:
            cmds.append(("LINEBELOW", (0, first), (-1, last - 1), 0.4, colors.white))
    t.setStyle(TableStyle([_remap(c, span) for c in cmds + (extra or [])]))
    return t


def _drawing(width: float, height: float) -> Drawing:
    """A drawing whose text state starts in our font (ReportLab's default is unembedded Helvetica)."""
    d = Drawing(width, height)
    d.initialFontName = FONT
    return d


def _radar(report: Report, size: float) -> Drawing:
    """Area levels (and targets) on five concentric rings, one spoke per area, each spoke
    labelled with the area's name in the report's language; ring numbers sit in the gap
    between the first two spokes, clear of every line."""
    lang = report.lang
    areas = report.areas
    n = len(areas)
    d = _drawing(FRAME_W, size)
    radius = size / 2 - 16 * mm
    cx, cy = FRAME_W * 0.4, size / 2
    grid = colors.HexColor("#cbd2d9")

    def point(i: float, level: float) -> tuple[float, float]:
        angle = math.pi / 2 - 2 * math.pi * i / n
        r = radius * level / 5
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    for ring in range(1, 6):  # the five levels
        pts = [c for i in range(n) for c in point(i, ring)]
        d.add(Polygon(pts, strokeColor=grid, strokeWidth=0.5, fillColor=None))
    for i, a in enumerate(areas):  # spokes and their labels
        x, y = point(i, 5)
        d.add(Line(cx, cy, x, y, strokeColor=grid, strokeWidth=0.5))
        lx, ly = point(i, 5.45)
        anchor = "middle" if abs(lx - cx) < 8 else ("start" if lx > cx else "end")
        lines = wrap(a.title, 14 if lang == "zh" else 20)[:3] if a.title else [a.id]
        top = ly + (len(lines) - 1) * 8 / 2 if abs(ly - cy) < radius * 0.5 else (
            ly + (len(lines) - 1) * 8 if ly > cy else ly)
        for k, text in enumerate(lines):
            d.add(String(lx, top - 2.5 - k * 8, text, fontName=FONT, fontSize=6.8, fillColor=INK, textAnchor=anchor))
    for ring in range(1, 6):  # ring numbers: inside each ring, midway between spokes 0 and 1
        x, y = point(0.5, ring * math.cos(math.pi / n) - 0.32)
        d.add(String(x, y - 2, str(ring), fontName=FONT, fontSize=6, fillColor=MUTED, textAnchor="middle"))
    targets = [a.target for a in areas]
    if all(t is not None for t in targets):
        pts = [c for i, t in enumerate(targets) for c in point(i, t or 1)]
        d.add(Polygon(pts, strokeColor=ACCENT, strokeWidth=1.2, strokeDashArray=[3, 2], fillColor=None))
    pts = [c for i, a in enumerate(areas) for c in point(i, a.level or 1)]
    d.add(Polygon(pts, strokeColor=RED, strokeWidth=1.6, fillColor=colors.Color(0.7, 0.14, 0.1, alpha=0.12)))
    # legend
    lx, ly = FRAME_W * 0.78, cy + 10 * mm
    d.add(Line(lx, ly, lx + 10 * mm, ly, strokeColor=RED, strokeWidth=1.6))
    d.add(String(lx + 12 * mm, ly - 2.5, pick(lang, "现状等级", "Current level"), fontName=FONT, fontSize=8, fillColor=INK))
    d.add(Line(lx, ly - 7 * mm, lx + 10 * mm, ly - 7 * mm, strokeColor=ACCENT, strokeWidth=1.2, strokeDashArray=[3, 2]))
    d.add(String(lx + 12 * mm, ly - 7 * mm - 2.5, pick(lang, "基准目标", "Benchmark target"), fontName=FONT,
                 fontSize=8, fillColor=INK))
    d.add(String(lx, ly - 14 * mm - 2.5, pick(lang, "环 1–5：等级", "Rings 1–5: levels"), fontName=FONT,
                 fontSize=7, fillColor=MUTED))
    return d


GRID_STEP = 3  # the Gantt's grid: one line a quarter


def _bar(start_m: int, end_m: int, horizon: int, width: float, colour: colors.Color, phase_marks: list[int]) -> Drawing:
    d = _drawing(width, 9)
    for m in range(GRID_STEP, horizon, GRID_STEP):  # quarter grid, phase boundaries darker
        x = width * m / horizon
        strong = m in phase_marks
        d.add(Line(x, 0, x, 9, strokeColor=colors.HexColor("#9aa5b1" if strong else "#d9dde2"),
                   strokeWidth=0.7 if strong else 0.4))
    x0, x1 = width * start_m / horizon, width * end_m / horizon
    d.add(Rect(x0, 1.5, max(x1 - x0, 1.5), 6, fillColor=colour, strokeColor=None))
    return d


def _axis(horizon: int, width: float, lang: str) -> Drawing:
    d = _drawing(width, 10)
    step = GRID_STEP if horizon <= 24 else 2 * GRID_STEP
    for m in range(0, horizon + 1, step):
        x = width * m / horizon
        anchor = "start" if m == 0 else ("end" if m == horizon else "middle")
        d.add(String(x, 2, f"{m}", fontName=FONT, fontSize=6.5, fillColor=MUTED, textAnchor=anchor))
    return d


def _board_page(b: BoardPage, st: dict[str, ParagraphStyle], lang: str) -> list[Flowable]:
    """One page for the board: message, standing, strengths and priorities, effort, decisions, approval."""
    B = b.labels
    out: list[Flowable] = [
        _table([[_para(B["document"] + b.document_number, st["small"]),
                 _para(b.version, ParagraphStyle("small-right", parent=st["small"], alignment=TA_RIGHT))]],
               [0.5, 0.5], head=False, zebra=False, extra=[("GRID", (0, 0), (-1, -1), 0, colors.white),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]),
        _heading(b.title, st["h1"], 0),
        _table([[[_para(x, st["lead"]) for x in b.key_message]]], [1.0], head=False, zebra=False,
               extra=[("BACKGROUND", (0, 0), (-1, -1), HEAD_BG), ("GRID", (0, 0), (-1, -1), 0, HEAD_BG),
                      ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                      ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8)]),
        Spacer(1, 3 * mm),
        _table([[_para(k, st["cellhead"]), _para(v, st["cell"])] for k, v in b.facts], [0.3, 0.7], head=False,
               zebra=False, extra=[("TEXTCOLOR", (1, 2), (1, 2), RED)] if b.red_lines else None),
    ]
    if b.red_lines:
        out.append(Spacer(1, 2 * mm))
        out.append(_para(B["red_lines"] + pick(lang, "；", "; ").join(b.red_lines),
                         st["alert"]))
    none = B["none"]
    out += [Spacer(1, 3 * mm), _table(
        [[_para(B["strengths"], st["cellhead"]),
          _para(B["priorities"], st["cellhead"])],
         [[_para(f"{i}. {x}", st["cell"]) for i, x in enumerate(b.strengths, 1)] or _para(none, st["cell"]),
          [_para(f"{i}. {x}", st["cell"]) for i, x in enumerate(b.priorities, 1)] or _para(none, st["cell"])]],
        [0.5, 0.5], zebra=False)]
    if b.effort_by_role:
        out += [Paragraph(_esc(B["effort"]), st["h3"]),
                _table([[_para(role, st["cell"]) for role, _ in b.effort_by_role],
                        [f"{v:g}" for _, v in b.effort_by_role]],
                       [1 / len(b.effort_by_role)] * len(b.effort_by_role), head=False, zebra=False,
                       extra=[("BACKGROUND", (0, 0), (-1, 0), ZEBRA), ("ALIGN", (0, 1), (-1, 1), "CENTER")])]
    out.append(Paragraph(_esc(B["decisions"]), st["h3"]))
    out += [_para(f"{i}. {d}", st["body"]) for i, d in enumerate(b.decisions, 1)]
    out += [Spacer(1, 4 * mm), _table(
        [[_para(h, st["cellhead"]) for h in (B["step"], B["name"], B["signature"], B["date"])],
         *([[_para(step, st["cell"]), Spacer(1, 7 * mm)], "", "", ""] for step in b.approvals)],
        [0.16, 0.28, 0.34, 0.22], zebra=False)]
    return out


def build_story(r: Report) -> list[Flowable]:
    lang = r.lang
    st = _styles(lang)
    H = headings(lang)
    W = r.labels
    story: list[Flowable] = []

    # ---- cover
    full_texts: list[tuple[str, str]] = []  # (what, full text) of texts cut short on the cover and in tables

    def short(what: str, text: str, size: float, width: float, lines: int) -> str:
        cut = truncate(text, size, width * 0.85, lines=lines)
        if cut != text:
            full_texts.append((what, text))
        return cut

    company = short(pick(lang, "企业名称", "Company name"), r.company, 14, FRAME_W, 2)
    story += [Spacer(1, 30 * mm), Paragraph(_esc(r.title), st["title"]), _para(company, st["subtitle"])]
    cell_w = 0.68 * FRAME_W - CELL_PAD_X
    long_cells = {pick(lang, "地区", "Region"): (r.region, 2), pick(lang, "评估人", "Assessor"): (r.assessor, 3)}
    cover = [(k, (short(k, long_cells[k][0], 8.5, cell_w, long_cells[k][1]) or "—") if k in long_cells else v)
             for k, v in r.cover]
    story.append(_table([[_para(k, st["cellhead"]), _para(v, st["cell"])] for k, v in cover], [0.32, 0.68],
                        head=False, zebra=False))
    story += [Spacer(1, 12 * mm), Paragraph(_esc(r.colophon), st["small"])]
    story += [NextPageTemplate("body"), PageBreak()]

    # ---- board page
    story += _board_page(board_page(r), st, lang)
    story.append(PageBreak())

    # ---- contents
    toc = TableOfContents()
    toc.tableStyle = TableStyle([  # ReportLab's default, in our font
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ])
    toc.levelStyles = [
        ParagraphStyle("toc0", parent=st["body"], fontSize=10.5, leading=17, leftIndent=0),
        ParagraphStyle("toc1", parent=st["body"], fontSize=9, leading=14, leftIndent=8 * mm, textColor=MUTED),
    ]
    story += [Paragraph(_esc(pick(lang, "目录", "Contents")), st["h1"]), toc, PageBreak()]

    # ---- executive summary
    story.append(_heading(H["summary"], st["h1"], 0))
    unmet = [x for x in r.red_lines if x.status == "unmet"]
    story.append(_table([[_para(k, st["cellhead"]), _para(v, st["cell"])] for k, v in r.facts], [0.32, 0.68],
                        head=False, zebra=False,
                        extra=[("TEXTCOLOR", (1, len(r.facts) - 1), (1, len(r.facts) - 1), RED)] if unmet else None))
    if r.top_gaps:
        story.append(Paragraph(_esc(W["top_gaps"]), st["h3"]))
        for i, g in enumerate(r.top_gaps, 1):
            story.append(_para(f"{i}. {g}", st["body"]))
    story.append(Paragraph(_esc(W["in_brief"]), st["h3"]))
    for s in r.summary:
        story.append(_para(s, st["body"]))
    story.append(CondPageBreak(110 * mm))
    story.append(Paragraph(_esc(W["radar"]), st["h3"]))
    story.append(_radar(r, 100 * mm))

    # ---- progress since the previous assessment
    if r.progress_table is not None:
        story.append(PageBreak())
        story.append(_heading(W["progress"], st["h1"], 0))
        for line in r.since_last_lines:
            story.append(_para(line, st["body"]))
        if r.since_last_regressions:
            story.append(Paragraph(_esc(W["regressions"]), st["h3"]))
            for line in r.since_last_regressions:
                story.append(_para(line, st["alert"]))
        pt = r.progress_table
        story.append(Spacer(1, 3 * mm))
        story.append(_table([[_para(h, st["cellhead"]) for h in pt.header],
                             *[[_para(row[0], st["cell"]), *row[1:]] for row in pt.rows]],
                            [0.42, 0.1, 0.1, 0.12, 0.1, 0.16], extra=[("ALIGN", (1, 1), (-1, -1), "RIGHT")]))
        if r.previous_actions:
            story.append(Paragraph(_esc(W["previous_actions"]), st["h3"]))
            for line in r.previous_actions:
                story.append(_para(line, st["body"]))

    # ---- area table: on a new page, unless this one holds only a short spill of the part before
    story.append(CondPageBreak(FRAME_H - SHORT_SPILL))
    story.append(_heading(H["areas"], st["h1"], 0))
    at = r.area_table
    assert at is not None
    extra: list[tuple[Any, ...]] = [("TEXTCOLOR", (2, i), (2, i), RED) for i, a in enumerate(r.areas, 1) if a.capped]
    story.append(_table([[_para(h, st["cellhead"]) for h in at.header],
                         *[[_para(row[0], st["cell"]), row[1], _para(row[2], st["cell"]), *row[3:]] for row in at.rows]],
                        [0.42, 0.1, 0.2, 0.09, 0.09, 0.1],
                        extra=[*extra, ("ALIGN", (1, 1), (1, -1), "RIGHT"), ("ALIGN", (3, 1), (-1, -1), "RIGHT")]))
    for n in at.notes:
        story.append(_para(n, st["small"]))

    # ---- strengths and opportunities for improvement (on the area table's page when there is room)
    story.append(CondPageBreak(90 * mm))
    story.append(_heading(H["feedback"], st["h1"], 0))
    story.append(_para(r.feedback_note, st["small"]))
    for fa in r.feedback:
        rows = [[_para(W["strengths"], st["cellhead"]), _para(W["opportunities"], st["cellhead"])],
                [[_para("• " + x, st["cell"]) for x in fa.strengths] or _para(W["none"], st["cell"]),
                 [_para(x, st["cell"]) for x in fa.opportunities] or _para(W["none"], st["cell"])]]
        story.append(KeepTogether([_para(f"{fa.title}（{fa.standing}）" if lang == "zh" else f"{fa.title} ({fa.standing})", st["h3"]),
                                   _table(rows, [0.5, 0.5], zebra=False), Spacer(1, 2 * mm)]))

    # ---- red lines
    story.append(CondPageBreak(60 * mm))
    story.append(_heading(H["red_lines"], st["h1"], 0))
    if not r.red_lines:
        story.append(_para(W["red_lines_met"], st["body"]))
    for x in r.red_lines:
        block: list[Flowable] = [_para(x.heading, st["alert"] if x.status == "unmet" else st["h3"]), _para(x.text, st["body"])]
        block += [_para(d, st["small"]) for d in x.details]
        block.append(Spacer(1, 3 * mm))
        story.append(KeepTogether(block))

    # ---- roadmap
    story.append(PageBreak())
    story.append(_heading(H["roadmap"], st["h1"], 0))
    if not r.actions:
        story.append(_para(r.summary[0], st["body"]))
    by_id = {a.id: a for a in r.actions}
    horizon, marks = r.gantt_months, r.phase_marks
    bar_w = 0.3 * FRAME_W - 8
    for ph in r.phases:
        story.append(_heading(ph.heading, st["h2"], 1))
        rows = [[_para(W["action"], st["cellhead"]), _para(W["owner"], st["cellhead"]),
                 _para(W["dates"], st["cellhead"]), _axis(horizon, bar_w, lang)]]
        for aid in ph.actions:
            act = by_id[aid]
            start_m, end_m = _months(act.start, r.assessment_date), _months(act.end, r.assessment_date)
            rows.append([_para(f"{act.id} {act.title}", st["cell"]), _para(act.owner, st["cell"]),
                         Paragraph(f"{_esc(act.start)}<br/>{_esc(act.end)}", st["cell"]),
                         _bar(start_m, end_m, horizon, bar_w, PHASE_COLOURS[(ph.id - 1) % len(PHASE_COLOURS)], marks)])
        story.append(_table(rows, [0.42, 0.14, 0.14, 0.3], extra=[("VALIGN", (3, 1), (3, -1), "MIDDLE")]))
    if r.roadmap_note:
        story.append(_para(r.roadmap_note, st["small"]))
    if r.uncovered_note:
        story.append(_para(r.uncovered_note, st["alert"]))

    if r.later_table is not None:
        lt = r.later_table
        story.append(_heading(r.later_title, st["h2"], 1))
        story += [_para(n, st["small"]) for n in lt.notes]
        story.append(_table([[_para(h, st["cellhead"]) for h in lt.header],
                             *[[_para(row[0], st["cell"]), _para(row[1], st["cell"]), row[2], _para(row[3], st["cell"])]
                               for row in lt.rows]], [0.36, 0.14, 0.1, 0.4]))

    phases = r.phase_columns
    n_ph = len(phases)
    if r.projection_table is not None:
        pt = r.projection_table
        story.append(_heading(W["projected"], st["h2"], 1))
        rows = [[_para(h, st["cellhead"]) for h in pt.header],
                *[[_para(row[0], st["cell"]), *row[1:]] for row in pt.rows[:-1]],
                [_para(pt.rows[-1][0], st["cellhead"]), *pt.rows[-1][1:]]]
        story.append(_table(rows, [0.4, 0.1, 0.1, *([0.4 / n_ph] * n_ph)], extra=[("ALIGN", (1, 1), (-1, -1), "RIGHT")]))
        story += [_para(n, st["small"]) for n in pt.notes]

    story.append(_heading(W["workload"], st["h2"], 1))
    if r.workload_table is not None:
        wt = r.workload_table
        rows = [[_para(h, st["cellhead"]) for h in wt.header], *[[_para(row[0], st["cell"]), *row[1:]] for row in wt.rows]]
        story.append(_table(rows, [0.4, *([0.45 / n_ph] * n_ph), 0.15], extra=[("ALIGN", (1, 1), (-1, -1), "RIGHT")]))
        story += [_para(n, st["small"]) for n in wt.notes]
    else:
        story.append(_para(W["no_workload"], st["body"]))

    # ---- actions
    story.append(PageBreak())
    story.append(_heading(H["actions"], st["h1"], 0))
    for act in r.actions:
        rows = [[_para(k, st["cellhead"]), Paragraph("<br/>".join(_esc(x) for x in v), st["cell"]) if len(v) > 1
                 else _para(v[0] if v else "", st["cell"])] for k, v in act.info]
        heading = _heading(f"{act.id} {act.title}", st["h3"], 1, in_toc=False)
        # the whole block on one page when it fits (KeepTogether splits it only when it is taller than a page)
        story.append(KeepTogether([heading, _para(act.description, st["body"]), Spacer(1, 2 * mm),
                                   _table(rows, [0.22, 0.78], head=False, zebra=False), Spacer(1, 4 * mm)]))

    for fw in r.frameworks:
        story.append(PageBreak())
        story.append(_heading(fw["title"], st["h1"], 0))
        for p in fw["intro"]:
            story.append(_para(p, st["body"]))
        story.append(Spacer(1, 2 * mm))
        story.append(_table([[_para(h, st["cellhead"]) for h in fw["header"]],
                             *[[_para(c, st["cell"]) for c in row] for row in fw["rows"]]],
                            fw["widths"]))
        story.append(Spacer(1, 2 * mm))
        for n in fw["notes"]:
            story.append(_para(n, st["small"]))
        if not fw["outline"]:
            continue
        story.append(_heading(fw["outline_title"], st["h2"], 1))
        story.append(_para(fw["outline_intro"], st["body"]))
        for b in fw["outline"]:
            story.append(_heading(b["heading"], st["h3"], 1, in_toc=False))
            for p in b["paragraphs"]:
                story.append(_para(p, st["body"]))
            for x in b["bullets"]:
                story.append(_para("• " + x, st["bullet"]))

    # ---- appendix
    story.append(PageBreak())
    story.append(_heading(W["appendix"], st["h1"], 0))
    story.append(_heading(W["method"], st["h2"], 1))
    for m in r.method:
        story.append(_para("• " + m, st["body"]))
    story.append(_heading(W["answers"], st["h2"], 1))
    ans_t = r.answers_table
    assert ans_t is not None
    rows = [[_para(h, st["cellhead"]) for h in ans_t.header]]
    for question, text, answer, ev in ans_t.rows:
        if len(ev) > LONG_CELL:
            full_texts.append((pick(lang, f"{question} 证据与备注", f"{question} evidence and note"), ev))
            ev = ev[:LONG_CELL].rstrip() + pick(lang, "…（全文见附录“全文”）", "… (in full under “Full texts” in the appendix)")
        rows.append([_para(question, st["cell"]), _para(text, st["cell"]), _para(answer, st["cell"]), _para(ev, st["cell"])])
    story.append(_table(rows, [0.13, 0.47, 0.1, 0.3]))
    if r.calibration_table is not None:
        ct = r.calibration_table
        story.append(_heading(W["calibrate"], st["h2"], 1))
        story += [_para(n, st["small"]) for n in ct.notes]
        story.append(_table([[_para(h, st["cellhead"]) for h in ct.header],
                             *[[_para(c, st["cell"]) for c in row] for row in ct.rows]], [0.2, 0.8]))
    story.append(_heading(W["documents"], st["h2"], 1))
    for title, clauses in r.document_lines:
        story.append(_para(title, st["h3"]))
        story.append(_para(clauses, st["small"]))
    if r.notices:
        story.append(_heading(W["notes"], st["h2"], 1))
        for n in r.notices:
            story.append(_para(n, st["small"]))
    if full_texts:
        letter = "E" if r.notices else "D"
        story.append(_heading(pick(lang, f"{letter}. 全文", f"{letter}. Full texts"), st["h2"], 1))
        story.append(_para(pick(lang, "封面和表格中截短的文字，全文如下。", "Texts shortened on the cover and in tables, in full."),
                           st["small"]))
        for what, text in full_texts:
            story.append(_para(what, st["h3"]))
            story += [_para(piece, st["body"]) for piece in _pieces(text)]
    return story


def _pieces(text: str, size: int = 800) -> list[str]:
    """A long text as paragraphs of at most about `size` characters, cut after a sentence
    where there is one (ReportLab re-measures the rest of a paragraph on every page it
    crosses, so one 10,000-character paragraph costs seconds)."""
    out: list[str] = []
    while len(text) > size:
        cut = max(text.rfind(c, size // 2, size) for c in "。；;！？!?\n")
        if cut < 0:
            cut = size - 1
            while cut > size // 2 and (text[cut + 1] in NO_LINE_START or text[cut] in NO_LINE_END):
                cut -= 1
        out.append(text[: cut + 1].strip())
        text = text[cut + 1:]
    if text.strip():
        out.append(text.strip())
    return out


def _lv(x: float | None) -> str:
    return num.level(x)


def _months(day: str, start: str) -> int:
    y1, m1, _ = (int(p) for p in start.split("-"))
    y2, m2, _ = (int(p) for p in day.split("-"))
    return (y2 - y1) * 12 + (m2 - m1)


def render_pdf(report: Report, path: Path | Any) -> None:
    """Write the report as a PDF to `path` (a file name or a binary file object)."""
    _register_font()
    lang = report.lang
    doc = _Doc(
        path if not isinstance(path, Path) else str(path),
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=f"{report.title} — {report.company}",
        author=report.assessor or "qmself",
        subject=pick(lang, f"质量管理自评与改进计划（基准：{report.profile_title}）",
                     f"Quality-management self-assessment and improvement plan (benchmark: {report.profile_title})"),
        creator=f"qmself {__version__}",
        keywords=["qmself", report.company, report.credit_code, report.profile],
        lang="zh-CN" if lang == "zh" else "en",
        initialFontName=FONT,
    )
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_W, FRAME_H, id="body")
    doc.addPageTemplates([PageTemplate("cover", [frame]), PageTemplate("body", [frame])])
    doc.multiBuild(build_story(report), canvasmaker=_numbered_canvas(report))
