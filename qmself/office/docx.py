"""The improvement plan as an editable Word document (python-docx), from the same `Report` as the PDF.

Every word comes from `render.report.Report`, `render.board.board_page` and the GB/T 19580
sections (`Report.frameworks`); this module only lays them out, in the order of the PDF:
cover, board page (with document number, version and the approval block), contents,
then one Heading 1 per part, Heading 2 per phase and appendix part, Heading 3 per action,
so Word's and WPS's navigation pane shows the structure. The radar chart and the Gantt are
drawn with ReportLab's graphics (the radar is the PDF's own drawing) and embedded as PNG.

Fonts: the styles declare a Latin font and an East Asian one (`w:eastAsia`, 宋体 for text,
微软雅黑 for headings) and the language zh-CN, so Word and WPS pick Chinese faces for
Chinese text on any computer; theme fonts are removed from the styles so that they do not
win over the declared ones. Chinese line breaking (no line starting with a closing mark) is
Word's own kinsoku rule, on by default.
"""

from __future__ import annotations

import io
import itertools
from pathlib import Path
from typing import IO, Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from qmself import __version__
from qmself.model.common import pick
from qmself.render.board import BoardPage, board_page
from qmself.render.report import Report, headings

BODY_LATIN, BODY_EAST = "Times New Roman", "宋体"
HEAD_LATIN, HEAD_EAST = "Arial", "微软雅黑"
ACCENT = RGBColor(0x1D, 0x4E, 0x89)
RED = RGBColor(0xB4, 0x23, 0x18)
MUTED = RGBColor(0x61, 0x6E, 0x7C)
HEAD_FILL = "E4ECF5"
PAGE_W_MM, MARGIN_MM = 210, 20
TEXT_W_MM = PAGE_W_MM - 2 * MARGIN_MM
TABLE_STYLE = "Table Text"
TABLE_STYLE_ID = "TableText"


# ---- fonts and styles -------------------------------------------------------------------------

def _rpr(owner: Any) -> Any:
    if hasattr(owner, "get_or_add_rPr"):
        return owner.get_or_add_rPr()
    rpr = owner.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        owner.append(rpr)
    return rpr


def set_fonts(rpr_owner: Any, latin: str, east: str) -> None:
    """Declare `latin` (ascii, hAnsi) and `east` (w:eastAsia) on an element with an rPr
    (a style, a run or docDefaults), dropping theme fonts that would take precedence."""
    rpr = _rpr(rpr_owner)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east)


def _set_lang(rpr_owner: Any, lang: str) -> None:
    rpr = _rpr(rpr_owner)
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = OxmlElement("w:lang")
        rpr.append(el)
    el.set(qn("w:val"), "zh-CN" if lang == "zh" else "en-US")
    el.set(qn("w:eastAsia"), "zh-CN")


def _styles(doc: DocumentObject, lang: str) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None:
            set_fonts(rpr_default, BODY_LATIN, BODY_EAST)
    sizes = {"Normal": 10.5, "Title": 24, "Subtitle": 14, "Heading 1": 16, "Heading 2": 13, "Heading 3": 11,
             "Header": 8, "Footer": 8, "Caption": 8, "List Bullet": 10.5, "List Number": 10.5}
    for name, size in sizes.items():
        st = doc.styles[name]
        heading = name.startswith("Heading") or name in ("Title", "Subtitle")
        set_fonts(st.element, HEAD_LATIN if heading else BODY_LATIN, HEAD_EAST if heading else BODY_EAST)
        _set_lang(st.element, lang)
        st.font.size = Pt(size)
        if heading:
            st.font.color.rgb = ACCENT if name != "Heading 3" else RGBColor(0x1F, 0x29, 0x33)
            st.font.bold = name != "Subtitle"
            st.font.italic = False
        if name in ("Header", "Footer", "Caption"):
            st.font.color.rgb = MUTED
    normal = doc.styles["Normal"].paragraph_format
    normal.space_after = Pt(4)
    normal.line_spacing = 1.25
    cell = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = doc.styles["Normal"]
    cell.font.size = Pt(9)
    cell.paragraph_format.space_after = Pt(0)
    cell.paragraph_format.line_spacing = 1.1


# ---- small builders ---------------------------------------------------------------------------

def _para(doc: DocumentObject | _Cell, text: str, *, style: str | None = None, colour: RGBColor | None = None,
          bold: bool = False, size: float | None = None) -> Paragraph:
    p = doc.add_paragraph(style=style)
    _run(p, text, colour=colour, bold=bold, size=size)
    return p


def _run(p: Paragraph, text: str, *, colour: RGBColor | None = None, bold: bool = False, size: float | None = None) -> None:
    lines = text.split("\n")
    for i, line in enumerate(lines):
        r = p.add_run(line)
        if i < len(lines) - 1:
            r.add_break()
        if colour is not None:
            r.font.color.rgb = colour
        if bold:
            r.bold = True
        if size is not None:
            r.font.size = Pt(size)
        if _latin(line) and any(ch.isalpha() for ch in line):
            # Latin-only text (ids such as ACT-LEAD-03, clause lists) in English, so that
            # LibreOffice breaks it between words, not inside an id as it does for zh-CN text
            _set_lang(r._r, "en")


def _latin(text: str) -> bool:
    """Only ASCII, dashes and the dagger that marks unverified values: no Chinese text."""
    return text.translate(_NOT_CJK).isascii()


_NOT_CJK = str.maketrans({"—": "-", "–": "-", "†": "+"})


def _pack(text: str, width_mm: float) -> str:
    """A Latin list such as "ACT-LEAD-03, ACT-QMS-04, …" cut into lines that fit a table
    column `width_mm` wide, breaking only after a comma: left to itself, LibreOffice breaks
    such lists inside an id ("ACT-\nGREEN-02", "9.\n5(3.0)"). Other text is returned as is."""
    if not _latin(text) or ", " not in text:
        return text
    budget = max(8, int((width_mm - 2.5) / 2.0))  # 9 pt Times: about 2 mm a character, with cell padding
    lines: list[str] = []
    for token in text.split(", "):
        if lines and len(lines[-1]) + 2 + len(token) <= budget:
            lines[-1] += ", " + token
        else:
            if lines:
                lines[-1] += ","
            lines.append(token)
    return "\n".join(lines)


def _shade(cell: _Cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _repeat_header(table: Table) -> None:
    trpr = table.rows[0]._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _keep_whole(table: Table) -> None:
    """No row of `table` breaks across pages, and its header row stays with the next row (a
    heading's style keeps it with the table)."""
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for cell in table.rows[0].cells:
        for p in cell.paragraphs:
            p.paragraph_format.keep_with_next = True


def _table(doc: DocumentObject, rows: list[list[str]], widths: list[float], *, head: bool = True,
           first_col_head: bool = False, right: tuple[int, ...] = ()) -> Table:
    """A grid table; `widths` are fractions of the text width; the header row repeats on each page."""
    t: Table = doc.add_table(rows=len(rows), cols=len(widths))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    mm = [Mm(TEXT_W_MM * w) for w in widths]
    for c, col in enumerate(t.columns):
        col.width = mm[c]
    for r, (values, tr) in enumerate(zip(rows, t._tbl.tr_lst, strict=True)):
        for c, (value, tc) in enumerate(zip(values, tr.tc_lst, strict=True)):
            cell = _Cell(tc, t)  # t.cell(r, c) walks the whole table each time
            cell.width = mm[c]
            p = cell.paragraphs[0]
            p._p.style = TABLE_STYLE_ID  # by id: assigning the style object looks it up by name each time
            is_head = (head and r == 0) or (first_col_head and c == 0)
            _run(p, value, bold=is_head and head and r == 0, colour=ACCENT if is_head else None)
            if c in right and not (head and r == 0):
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if is_head:
                _shade(cell, HEAD_FILL)
    if head:
        _repeat_header(t)
    doc.add_paragraph().paragraph_format.space_after = Pt(2)
    return t


def _fld(kind: str) -> Any:
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), kind)
    r = OxmlElement("w:r")
    r.append(el)
    return r


def _instr(instruction: str) -> Any:
    el = OxmlElement("w:instrText")
    el.set(qn("xml:space"), "preserve")
    el.text = f" {instruction} "
    r = OxmlElement("w:r")
    r.append(el)
    return r


def _field(p: Paragraph, instruction: str, shown: str = "1") -> None:
    """A Word field (PAGE, NUMPAGES) with `shown` as its cached result."""
    p._p.append(_fld("begin"))
    p._p.append(_instr(instruction))
    p._p.append(_fld("separate"))
    p.add_run(shown)
    p._p.append(_fld("end"))


def _page_break(doc: DocumentObject) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _png(drawing: Any, dpi: int = 160) -> io.BytesIO:
    """A ReportLab drawing as a PNG, painted with Pillow (ReportLab's own bitmap renderer needs
    pycairo, which has no wheels). It paints the four shapes the charts use (Line, Polygon,
    Rect, String, with dashes and translucent fills), twice the size, then scales down smoothly."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.graphics.shapes import Line, Polygon, Rect, String

    from qmself.render.pdf_text import FONT_FILE

    k = dpi / 72 * 2
    w, h = round(drawing.width * k), round(drawing.height * k)
    img = Image.new("RGBA", (w, h), (255, 255, 255, 255))
    fonts: dict[float, Any] = {}

    def xy(x: float, y: float) -> tuple[float, float]:
        return x * k, (drawing.height - y) * k

    def rgba(c: Any) -> tuple[int, int, int, int] | None:
        if c is None:
            return None
        return (round(c.red * 255), round(c.green * 255), round(c.blue * 255), round(getattr(c, "alpha", 1) * 255))

    def dashed(draw: Any, pts: list[tuple[float, float]], colour: Any, width: int, dash: list[float] | None) -> None:
        if not dash:
            draw.line(pts, fill=colour, width=width)
            return
        on, off = dash[0] * k, (dash[1] if len(dash) > 1 else dash[0]) * k
        for (x0, y0), (x1, y1) in itertools.pairwise(pts):
            length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5 or 1
            t = 0.0
            while t < length:
                t1 = min(t + on, length)
                draw.line([(x0 + (x1 - x0) * t / length, y0 + (y1 - y0) * t / length),
                           (x0 + (x1 - x0) * t1 / length, y0 + (y1 - y0) * t1 / length)], fill=colour, width=width)
                t = t1 + off

    for shape in drawing.contents:
        fill = getattr(shape, "fillColor", None)
        translucent = fill is not None and getattr(fill, "alpha", 1) < 1
        layer = Image.new("RGBA", img.size, (0, 0, 0, 0)) if translucent else img
        draw = ImageDraw.Draw(layer)
        sw = max(1, round(getattr(shape, "strokeWidth", 1) * k))
        if isinstance(shape, Line):
            dashed(draw, [xy(shape.x1, shape.y1), xy(shape.x2, shape.y2)], rgba(shape.strokeColor), sw,
                   shape.strokeDashArray)
        elif isinstance(shape, Polygon):
            pts = [xy(shape.points[i], shape.points[i + 1]) for i in range(0, len(shape.points), 2)]
            if shape.fillColor is not None:
                draw.polygon(pts, fill=rgba(shape.fillColor))
            if shape.strokeColor is not None:
                dashed(draw, [*pts, pts[0]], rgba(shape.strokeColor), sw, shape.strokeDashArray)
        elif isinstance(shape, Rect):
            (x0, y1), (x1, y0) = xy(shape.x, shape.y), xy(shape.x + shape.width, shape.y + shape.height)
            draw.rectangle([x0, y0, x1, y1], fill=rgba(shape.fillColor), outline=rgba(shape.strokeColor))
        elif isinstance(shape, String):
            size = shape.fontSize * k
            if size not in fonts:
                fonts[size] = ImageFont.truetype(str(FONT_FILE), round(size), index=0)
            anchor = {"start": "ls", "middle": "ms", "end": "rs"}[shape.textAnchor]
            draw.text(xy(shape.x, shape.y), shape.text, font=fonts[size], fill=rgba(shape.fillColor), anchor=anchor)
        else:  # pragma: no cover - a chart drew a shape this painter does not know
            raise TypeError(f"cannot paint {type(shape).__name__}")
        if translucent:
            img = Image.alpha_composite(img, layer)
    out = io.BytesIO()
    img.convert("RGB").resize((w // 2, h // 2), Image.Resampling.LANCZOS).save(out, format="PNG", dpi=(dpi, dpi))
    out.seek(0)
    return out


# ---- the charts -------------------------------------------------------------------------------

def radar_png(r: Report) -> io.BytesIO:
    """The PDF's radar chart (area levels against the benchmark targets) as a PNG."""
    from reportlab.lib.units import mm

    from qmself.render.pdf import _radar

    return _png(_radar(r, 100 * mm))


def gantt_png(r: Report) -> io.BytesIO:
    """The roadmap as one Gantt chart: a bar per action, coloured by phase, on the PDF's
    month axis and quarterly grid, darker lines at the phase boundaries."""
    from reportlab.graphics.shapes import Line, Rect, String
    from reportlab.lib import colors

    from qmself.render.pdf import FRAME_W, GRID_STEP, PHASE_COLOURS, _drawing, _months
    from qmself.render.pdf_text import FONT

    by_id = {a.id: a for a in r.actions}
    order = [(ph, by_id[aid]) for ph in r.phases for aid in ph.actions]
    horizon, marks = r.gantt_months, r.phase_marks
    row_h, top, legend = 11.0, 16.0, 14.0 * ((len(r.phases) + 1) // 2)
    label_w = 70.0
    width = FRAME_W
    bar_w = width - label_w - 6
    height = top + row_h * len(order) + legend + 6
    d = _drawing(width, height)
    y_axis = height - 10
    step = GRID_STEP if horizon <= 24 else 2 * GRID_STEP
    for m in range(0, horizon + 1, step):
        x = label_w + bar_w * m / horizon
        anchor = "start" if m == 0 else ("end" if m == horizon else "middle")
        d.add(String(x, y_axis, str(m), fontName=FONT, fontSize=6.5, fillColor=colors.HexColor("#616e7c"),
                     textAnchor=anchor))
    grid_top, grid_bottom = height - top + 2, height - top - row_h * len(order)
    for m in range(GRID_STEP, horizon, GRID_STEP):
        x = label_w + bar_w * m / horizon
        strong = m in marks
        d.add(Line(x, grid_bottom, x, grid_top, strokeColor=colors.HexColor("#9aa5b1" if strong else "#d9dde2"),
                   strokeWidth=0.8 if strong else 0.4))
    for k, (ph, act) in enumerate(order):
        y = height - top - row_h * (k + 1)
        colour = PHASE_COLOURS[(ph.id - 1) % len(PHASE_COLOURS)]
        d.add(String(label_w - 4, y + 3, act.id, fontName=FONT, fontSize=6.8, fillColor=colors.HexColor("#1f2933"),
                     textAnchor="end"))
        x0 = label_w + bar_w * _months(act.start, r.assessment_date) / horizon
        x1 = label_w + bar_w * _months(act.end, r.assessment_date) / horizon
        d.add(Rect(x0, y + 1.5, max(x1 - x0, 1.5), row_h - 4, fillColor=colour, strokeColor=None))
    d.add(Line(label_w, grid_bottom, label_w + bar_w, grid_bottom, strokeColor=colors.HexColor("#9aa5b1"),
               strokeWidth=0.5))
    for k, ph in enumerate(r.phases):  # legend, two phases a line
        x = label_w + (k % 2) * bar_w / 2
        y = grid_bottom - 12 - 14 * (k // 2)
        d.add(Rect(x, y, 10, 6, fillColor=PHASE_COLOURS[(ph.id - 1) % len(PHASE_COLOURS)], strokeColor=None))
        d.add(String(x + 14, y + 0.5, ph.title, fontName=FONT, fontSize=7, fillColor=colors.HexColor("#1f2933")))
    return _png(d)


# ---- the document -----------------------------------------------------------------------------

def _header_footer(doc: DocumentObject, r: Report, b: BoardPage) -> None:
    L = r.lang
    sec = doc.sections[0]
    sec.different_first_page_header_footer = True  # the cover has neither
    hp = sec.header.paragraphs[0]
    hp.style = doc.styles["Header"]
    _run(hp, f"{r.title} — {r.company}    " + b.labels["document"] + f"{b.document_number} · {b.version}")
    fp = sec.footer.paragraphs[0]
    fp.style = doc.styles["Footer"]
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if L == "zh":
        fp.add_run("第 ")
        _field(fp, "PAGE")
        fp.add_run(" 页，共 ")
        _field(fp, "NUMPAGES")
        fp.add_run(" 页")
    else:
        fp.add_run("Page ")
        _field(fp, "PAGE")
        fp.add_run(" of ")
        _field(fp, "NUMPAGES")


def _cover(doc: DocumentObject, r: Report) -> None:
    for _ in range(4):
        doc.add_paragraph()
    doc.add_paragraph(r.title, style="Title")
    doc.add_paragraph(r.company, style="Subtitle")
    _table(doc, [[k, v] for k, v in r.cover], [0.32, 0.68], head=False, first_col_head=True)
    _para(doc, r.colophon, colour=MUTED, size=8.5)
    _page_break(doc)


def _board(doc: DocumentObject, b: BoardPage, L: str) -> None:
    """The board page. Its document number and version are in the running header (`_header_footer`),
    as on every page after the cover, so that any page of the signed plan names the version
    approved; the page does not repeat them."""
    B = b.labels
    doc.add_heading(b.title, 1)
    t = _table(doc, [["\n".join(b.key_message)]], [1.0], head=False)
    _shade(t.cell(0, 0), HEAD_FILL)
    facts = _table(doc, [[k, v] for k, v in b.facts], [0.3, 0.7], head=False, first_col_head=True)
    if b.red_lines:
        for run in facts.cell(2, 1).paragraphs[0].runs:
            run.font.color.rgb = RED
        _para(doc, B["red_lines"] + pick(L, "；", "; ").join(b.red_lines), colour=RED)
    none = B["none"]
    _table(doc, [[B["strengths"], B["priorities"]],
                 ["\n".join(f"{i}. {x}" for i, x in enumerate(b.strengths, 1)) or none,
                  "\n".join(f"{i}. {x}" for i, x in enumerate(b.priorities, 1)) or none]], [0.5, 0.5])
    if b.effort_by_role:
        _para(doc, B["effort"], bold=True)
        n = len(b.effort_by_role)
        _table(doc, [[role for role, _ in b.effort_by_role], [f"{v:g}" for _, v in b.effort_by_role]], [1 / n] * n)
    _para(doc, B["decisions"], bold=True)
    for i, d in enumerate(b.decisions, 1):
        _para(doc, f"{i}. {d}")
    approval = _table(doc, [[B["step"], B["name"], B["signature"], B["date"]], *([step, "", "", ""] for step in b.approvals)],
                      [0.16, 0.28, 0.34, 0.22])
    for row in approval.rows[1:]:
        row.height = Mm(12)
    _page_break(doc)


def _contents(doc: DocumentObject, L: str) -> Paragraph:
    """The title of the contents; returns the paragraph the entries go before (filled by `_fill_contents`)."""
    _para(doc, pick(L, "目录", "Contents"), bold=True, size=16, colour=ACCENT)
    at = doc.add_paragraph()
    _page_break(doc)
    return at


def _fill_contents(doc: DocumentObject, at: Paragraph) -> None:
    """A Word TOC field (levels 1–2) whose cached result lists the headings that follow it, so the
    contents show at once (without page numbers); Word's "update field" adds the page numbers."""
    paragraphs = doc.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p._p is at._p)
    entries = [(1 if p._p.style == "Heading1" else 2, p.text) for p in paragraphs[start + 1:]
               if p._p.style in ("Heading1", "Heading2")]
    made = []
    for level, text in entries:
        q = at.insert_paragraph_before()
        q.paragraph_format.left_indent = Mm(0 if level == 1 else 8)
        q.paragraph_format.space_after = Pt(1)
        _run(q, text, size=10.5 if level == 1 else 9.5, colour=None if level == 1 else MUTED)
        made.append(q)
    first = made[0] if made else at
    ppr = first._p.pPr
    pos = 0 if ppr is None else 1
    for k, el in enumerate((_fld("begin"), _instr('TOC \\o "1-2" \\h \\z \\u'), _fld("separate"))):
        first._p.insert(pos + k, el)
    at._p.append(_fld("end"))


def build_document(r: Report) -> DocumentObject:
    L = r.lang
    H = headings(L)
    W = r.labels
    doc = Document()
    _styles(doc, L)
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Mm(PAGE_W_MM), Mm(297)
    sec.left_margin = sec.right_margin = Mm(MARGIN_MM)
    sec.top_margin, sec.bottom_margin = Mm(22), Mm(18)
    props = doc.core_properties
    props.title = f"{r.title} — {r.company}"
    props.author = r.assessor or "qmself"
    props.subject = pick(L, f"质量管理自评与改进计划（基准：{r.profile_title}）",
                         f"Quality-management self-assessment and improvement plan (benchmark: {r.profile_title})")
    props.keywords = ", ".join(["qmself", r.company, r.credit_code, r.profile])
    props.language = "zh-CN" if L == "zh" else "en-US"
    props.comments = f"qmself {__version__}"
    b = board_page(r)
    _header_footer(doc, r, b)

    _cover(doc, r)
    _board(doc, b, L)
    toc_at = _contents(doc, L)

    # ---- executive summary
    doc.add_heading(H["summary"], 1)
    facts = _table(doc, [[k, v] for k, v in r.facts], [0.32, 0.68], head=False, first_col_head=True)
    if any(x.status == "unmet" for x in r.red_lines):
        for run in facts.cell(len(r.facts) - 1, 1).paragraphs[0].runs:
            run.font.color.rgb = RED
    if r.top_gaps:
        doc.add_heading(W["top_gaps"], 3)
        for i, g in enumerate(r.top_gaps, 1):
            _para(doc, f"{i}. {g}")
    doc.add_heading(W["in_brief"], 3)
    for s in r.summary:
        _para(doc, s)
    doc.add_heading(W["radar"], 3)
    doc.add_picture(radar_png(r), width=Mm(TEXT_W_MM))

    # ---- progress since the previous assessment
    if r.progress_table is not None:
        _page_break(doc)
        doc.add_heading(W["progress"], 1)
        for line in r.since_last_lines:
            _para(doc, line)
        if r.since_last_regressions:
            doc.add_heading(W["regressions"], 3)
            for line in r.since_last_regressions:
                _para(doc, line, colour=RED)
        _table(doc, [r.progress_table.header, *r.progress_table.rows], [0.42, 0.1, 0.1, 0.12, 0.1, 0.16],
               right=(1, 2, 3, 4, 5))
        if r.previous_actions:
            doc.add_heading(W["previous_actions"], 3)
            for line in r.previous_actions:
                _para(doc, line)

    # ---- area table
    _page_break(doc)
    doc.add_heading(H["areas"], 1)
    at = r.area_table
    assert at is not None
    t = _table(doc, [at.header, *at.rows], [0.40, 0.1, 0.22, 0.09, 0.09, 0.1], right=(1, 3, 4, 5))
    for i, a in enumerate(r.areas, 1):
        if a.capped:
            for run in t.cell(i, 2).paragraphs[0].runs:
                run.font.color.rgb = RED
    for n in at.notes:
        _para(doc, n, colour=MUTED, size=8.5)

    # ---- strengths and opportunities for improvement
    doc.add_heading(H["feedback"], 1)
    _para(doc, r.feedback_note, colour=MUTED, size=8.5)
    for fa in r.feedback:
        doc.add_heading(f"{fa.title}（{fa.standing}）" if L == "zh" else f"{fa.title} ({fa.standing})", 3)
        _keep_whole(_table(doc, [[W["strengths"], W["opportunities"]],
                                 ["\n".join("• " + x for x in fa.strengths) or W["none"],
                                  "\n".join(fa.opportunities) or W["none"]]], [0.5, 0.5]))

    # ---- red lines
    doc.add_heading(H["red_lines"], 1)
    if not r.red_lines:
        _para(doc, W["red_lines_met"])
    for x in r.red_lines:
        _para(doc, x.heading, bold=True, colour=RED if x.status == "unmet" else None)
        _para(doc, x.text)
        for d in x.details:
            _para(doc, d, colour=MUTED, size=9)

    # ---- roadmap
    _page_break(doc)
    doc.add_heading(H["roadmap"], 1)
    if not r.actions:
        _para(doc, r.summary[0])
    else:
        doc.add_picture(gantt_png(r), width=Mm(TEXT_W_MM))
        _para(doc, r.roadmap_note, colour=MUTED, size=8.5)
    by_id = {a.id: a for a in r.actions}
    rt = r.roadmap_table
    assert rt is not None
    for ph in r.phases:
        doc.add_heading(ph.heading, 2)
        rows = [rt.header, *([f"{a.id} {a.title}", a.owner, a.start, a.end, str(a.months)]
                             for a in (by_id[i] for i in ph.actions))]
        _table(doc, rows, [0.46, 0.18, 0.14, 0.14, 0.08], right=(4,))
    if r.uncovered_note:
        _para(doc, r.uncovered_note, colour=RED)
    if r.later_table is not None:
        doc.add_heading(r.later_title, 2)
        for n in r.later_table.notes:
            _para(doc, n, colour=MUTED, size=8.5)
        _table(doc, [r.later_table.header, *r.later_table.rows], [0.36, 0.14, 0.1, 0.4], right=(2,))
    n_ph = max(len(r.phase_columns), 1)
    if r.projection_table is not None:
        pt = r.projection_table
        doc.add_heading(W["projected"], 2)
        _table(doc, [pt.header, *pt.rows], [0.4, 0.1, 0.1, *([0.4 / n_ph] * len(r.phase_columns))],
               right=tuple(range(1, len(pt.header))))
        for n in pt.notes:
            _para(doc, n, colour=MUTED, size=8.5)
    doc.add_heading(W["workload"], 2)
    if r.workload_table is not None:
        wt = r.workload_table
        _table(doc, [wt.header, *wt.rows], [0.4, *([0.45 / n_ph] * len(r.phase_columns)), 0.15],
               right=tuple(range(1, len(wt.header))))
        for n in wt.notes:
            _para(doc, n, colour=MUTED, size=8.5)
    else:
        _para(doc, W["no_workload"])

    # ---- actions
    _page_break(doc)
    doc.add_heading(H["actions"], 1)
    for act in r.actions:
        doc.add_heading(f"{act.id} {act.title}", 3)
        _para(doc, act.description)
        _table(doc, [[k, "\n".join(v)] for k, v in act.info], [0.22, 0.78], head=False, first_col_head=True)

    # ---- against GB/T 19580
    for fw in r.frameworks:
        _page_break(doc)
        doc.add_heading(fw["title"], 1)
        for p in fw["intro"]:
            _para(doc, p)
        rows = [[_pack(v, TEXT_W_MM * w) for v, w in zip(row, fw["widths"], strict=True)] for row in fw["rows"]]
        _table(doc, [fw["header"], *rows], fw["widths"])
        for n in fw["notes"]:
            _para(doc, n, colour=MUTED, size=8.5)
        if not fw["outline"]:
            continue
        doc.add_heading(fw["outline_title"], 2)
        _para(doc, fw["outline_intro"])
        for block in fw["outline"]:
            doc.add_heading(block["heading"], 3)
            for p in block["paragraphs"]:
                _para(doc, p)
            for x in block["bullets"]:
                _para(doc, x, style="List Bullet")

    # ---- appendix
    _page_break(doc)
    doc.add_heading(W["appendix"], 1)
    doc.add_heading(W["method"], 2)
    for m in r.method:
        _para(doc, m, style="List Bullet")
    doc.add_heading(W["answers"], 2)
    ans_t = r.answers_table
    assert ans_t is not None
    _table(doc, [ans_t.header, *ans_t.rows], [0.13, 0.47, 0.1, 0.3])
    if r.calibration_table is not None:
        ct = r.calibration_table
        doc.add_heading(W["calibrate"], 2)
        for n in ct.notes:
            _para(doc, n, colour=MUTED, size=8.5)
        _table(doc, [ct.header, *ct.rows], [0.2, 0.8])
    doc.add_heading(W["documents"], 2)
    for title, clauses in r.document_lines:
        _para(doc, title, bold=True)
        _para(doc, clauses, colour=MUTED, size=9)
    if r.notices:
        doc.add_heading(W["notes"], 2)
        for n in r.notices:
            _para(doc, n, colour=MUTED, size=9)
    _fill_contents(doc, toc_at)
    return doc


def render_docx(report: Report, path: Path | IO[bytes]) -> None:
    """Write the report as a .docx to `path` (a file name or a binary file object)."""
    doc = build_document(report)
    doc.save(str(path) if isinstance(path, Path) else path)
