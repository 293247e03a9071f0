"""`qmself plan -f docx`: the same plan as the PDF, as an editable Word document."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from PIL import Image
from typer.testing import CliRunner

from qmself.cli import app
from tests.conftest import EXAMPLES, docx_text

runner = CliRunner()


def _plan(tmp: Path, example: str, *extra: str) -> tuple[Any, dict[str, Any]]:
    """The docx and, for the same file and options, the JSON report (the content both carry)."""
    out, js = tmp / "plan.docx", tmp / "plan.json"
    # no -f: the extension picks the format
    r = runner.invoke(app, ["plan", str(EXAMPLES / example), "-o", str(out), *extra])
    assert r.exit_code == 0, r.stderr
    r = runner.invoke(app, ["plan", str(EXAMPLES / example), "-o", str(js), *extra])
    assert r.exit_code == 0, r.stderr
    return Document(str(out)), json.loads(js.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def zh(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, dict[str, Any]]:
    return _plan(tmp_path_factory.mktemp("zh"), "food-producer.yaml")


@pytest.fixture(scope="module")
def en(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, dict[str, Any]]:
    return _plan(tmp_path_factory.mktemp("en"), "small-manufacturer.yaml", "--lang", "en", "--framework", "gbt19580")


def _headings(doc: Any, level: int) -> list[str]:
    return [p.text for p in doc.paragraphs if p._p.style == f"Heading{level}"]  # style ids: fast


_all_text = docx_text


def test_real_heading_styles_give_the_structure(zh: tuple[Any, dict[str, Any]]) -> None:
    doc, rep = zh
    h1 = _headings(doc, 1)
    assert h1 == ["董事会摘要", "一、执行摘要", "二、领域得分与差距", "三、优势与改进机会", "四、法定红线",
                  "五、路线图", "六、措施详情", "附录"]
    h2 = _headings(doc, 2)
    for ph in rep["phases"]:
        assert any(h.startswith(ph["title"]) for h in h2)
    assert "预计等级" in h2 and "A. 方法" in h2 and "B. 答卷与证据" in h2
    # one Heading 3 per action, with the report's title
    h3 = _headings(doc, 3)
    assert [f"{a['id']} {a['title']}" for a in rep["actions"]] == [h for h in h3 if h.startswith("ACT-")]


def test_the_report_text_is_all_there(zh: tuple[Any, dict[str, Any]]) -> None:
    doc, rep = zh
    text = _all_text(doc)
    for s in [*rep["summary"], *rep["top_gaps"], *rep["method"]]:
        assert s in text
    for a in rep["actions"]:
        assert a["description"] in text and a["reason"] in text
        for kpi in a["kpis"]:
            assert kpi["text"] in text
    for ans in rep["answers"]:
        assert ans["text"] in text
    assert rep["company"] in text and rep["credit_code"] in text


def test_tables_board_page_and_approval_block(zh: tuple[Any, dict[str, Any]]) -> None:
    doc, rep = zh
    areas = next(t for t in doc.tables if t.cell(0, 0).text == "领域" and t.cell(0, 1).text == "得分")
    assert len(areas.rows) == len(rep["areas"]) + 1
    names = [f"{a['id']} {a['title']}" for a in rep["areas"]]
    assert [areas.cell(i + 1, 0).text for i in range(len(rep["areas"]))] == names
    # the header row repeats on every page
    assert areas.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    approval = next(t for t in doc.tables if t.cell(0, 0).text == "职责")
    assert [c.text for c in approval.rows[0].cells] == ["职责", "姓名", "签字", "日期"]
    assert [r.cells[0].text for r in approval.rows[1:]] == ["编制", "审核", "批准"]
    assert all(c.text == "" for r in approval.rows[1:] for c in r.cells[1:])  # left blank to sign
    # the document number and version once on the board page (page 2): in the running header, which
    # every page after the cover carries, and not again in the page's body
    header = doc.sections[0].header.paragraphs[0].text
    assert doc.sections[0].different_first_page_header_footer and "文件编号：QP-" in header and "第 1 版" in header
    number = re.search(r"QP-\w+-\d{8}", header)
    body = _all_text(doc)
    assert number and number[0] not in body and "文件编号" not in body


def test_radar_and_gantt_are_png_images(zh: tuple[Any, dict[str, Any]]) -> None:
    doc, _rep = zh
    shapes = doc.inline_shapes
    assert len(shapes) == 2
    for shape in shapes:
        rid = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        blob = doc.part.related_parts[rid].blob
        assert blob[:8] == b"\x89PNG\r\n\x1a\n"
        img = Image.open(io.BytesIO(blob)).convert("RGB")
        assert img.width > 1000  # sharp when printed (200 dpi over the text width)
        colours = img.getcolors(maxcolors=1 << 20) or []
        inked = sum(n for n, c in colours if c != (255, 255, 255))
        assert inked > img.width * img.height * 0.01  # drawn, not blank
        assert any(r > 150 and g < 80 and b < 80 for _n, (r, g, b) in colours)  # the red of level / phase 1


def test_east_asian_fonts_and_language_declared(zh: tuple[Any, dict[str, Any]]) -> None:
    doc, _rep = zh
    for name, east in (("Normal", "宋体"), ("Heading 1", "微软雅黑"), ("Heading 2", "微软雅黑"), ("Title", "微软雅黑")):
        fonts = doc.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == east
        assert fonts.get(qn("w:ascii")) in ("Times New Roman", "Arial")
        assert fonts.get(qn("w:eastAsiaTheme")) is None  # a theme font would win over the declared one
        assert doc.styles[name].element.rPr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert default.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "宋体"


def test_contents_is_a_toc_field_listing_the_headings(zh: tuple[Any, dict[str, Any]]) -> None:
    doc, _rep = zh
    body = doc.element.body
    instr = [e.text for e in body.iter(qn("w:instrText")) if "TOC" in (e.text or "")]
    assert len(instr) == 1 and '\\o "1-2"' in instr[0]
    texts = [p.text for p in doc.paragraphs]
    start = texts.index("目录")
    listed = texts[start + 1: start + 1 + len(_headings(doc, 1)) - 1 + len(_headings(doc, 2))]
    assert listed[0] == "一、执行摘要" and "附录" in listed and "A. 方法" in listed


def test_english_with_the_framework_section(en: tuple[Any, dict[str, Any]]) -> None:
    doc, rep = en
    (fw,) = rep["frameworks"]
    assert fw["framework"] == "gbt19580"
    h1 = _headings(doc, 1)
    assert h1[0] == "Board summary" and fw["title"] in h1 and h1[-1] == "Appendix"
    assert fw["outline_title"] in _headings(doc, 2)
    areas = tuple(f["title"] for f in rep["feedback"])
    assert [b["heading"] for b in fw["outline"]] == [h for h in _headings(doc, 3) if not h.startswith(("ACT-", *areas))
                                                     and h not in ("Top gaps", "The plan in brief",
                                                                   "Area levels against the benchmark")]
    table = next(t for t in doc.tables if [c.text for c in t.rows[0].cells] == fw["header"])
    # lists of ids are cut into lines after a comma (LibreOffice would break inside an id)
    cells = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert [[t.replace(",\n", ", ") for t in row] for row in cells] == fw["rows"]
    ids = [t for row in cells for t in row[4].split("\n") if t not in ("—", "")]
    one = r"ACT-[A-Z]+(-[A-Z0-9]+)+"
    assert all(re.fullmatch(f"{one}(, {one})*,?", x) for x in ids), ids
    assert max(len(x) for x in ids) <= 25  # a 30 % column holds about 24 characters of 9 pt Times
    approval = next(t for t in doc.tables if t.cell(0, 0).text == "Step")
    assert [r.cells[0].text for r in approval.rows[1:]] == ["Prepared by", "Reviewed by", "Approved by"]
    lang = doc.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-US" and lang.get(qn("w:eastAsia")) == "zh-CN"


def test_docx_never_overwrites_an_input(tmp_path: Path) -> None:
    src = tmp_path / "a.yaml"
    src.write_bytes((EXAMPLES / "food-producer.yaml").read_bytes())
    r = runner.invoke(app, ["plan", str(src), "-f", "docx", "-o", str(src)])
    assert r.exit_code == 2
    assert src.read_bytes() == (EXAMPLES / "food-producer.yaml").read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]  # nothing written, no temporary left
