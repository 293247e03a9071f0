"""Makes the answer workbooks in resaved/ beside this script, as other programs write them (run
from the repository root: `python tests/data/office/make_resaved.py`; needs LibreOffice's `soffice`). Each holds the
answers of examples/food-producer.yaml, copied beside them as resaved/source.yaml (so that a later
change to the example does not make them stale), and tests/office/test_resaved_workbooks.py checks
that each reads back with the same answers and scores as that YAML file.

- `resaved-libreoffice.xlsx`: qmself's workbook opened and saved again by LibreOffice Calc
  (`soffice --headless --convert-to xlsx`), which rewrites every part of the file its own way.
- `shared-strings.xlsx`: qmself (openpyxl) writes every text inline in its cell (`<is>`); here they
  sit in a shared-string table as Excel keeps them, as rich text in two runs and with the phonetic
  runs (`<rPh>`) Excel adds to East Asian text, which are no part of the value.
- `typed-by-hand.xlsx`: what a clerk types, then saved by LibreOffice: levels and numbers as text
  cells ("3", "98.5"), yes/no answers and yes/no company facts as the booleans TRUE and FALSE, and
  the assessment date as the text 2026年9月18日.
"""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent / "resaved"
SOURCE = "examples/food-producer.yaml"


def convert(src: str, out: Path) -> None:
    subprocess.run([sys.executable, "-m", "qmself", "convert", src, str(out)], check=True, capture_output=True)


def libreoffice(src: Path, out: Path) -> None:
    """`src` opened and saved as .xlsx by LibreOffice Calc."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) is needed: apt-get install libreoffice-calc")
    with tempfile.TemporaryDirectory() as d:
        # its own profile, so that a LibreOffice the user has open does not take the job
        subprocess.run([soffice, f"-env:UserInstallation=file://{d}/profile", "--headless", "--convert-to", "xlsx",
                        "--outdir", f"{d}/out", str(src)], check=True, capture_output=True, timeout=300)
        shutil.copy(Path(d) / "out" / src.name, out)


def shared_strings(src: bytes) -> bytes:
    """The workbook with its texts (qmself writes them inline) moved into a shared-string table as
    Excel writes it: texts of two characters or more as rich text in two runs, the first bold, and
    every Chinese text with a phonetic run (`<rPh>`, which Excel adds to East Asian text and which
    is never part of the value)."""
    with zipfile.ZipFile(io.BytesIO(src)) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    table: dict[str, int] = {}

    def shared(m: re.Match[str]) -> str:
        text = m.group(2)
        n = table.setdefault(text, len(table))
        attrs = m.group(1).replace(' t="inlineStr"', ' t="s"')
        return f"<c{attrs}><v>{n}</v></c>"

    for name in list(parts):
        if name.startswith("xl/worksheets/sheet"):
            parts[name] = re.sub(r'<c([^>]* t="inlineStr"[^>]*)><is><t[^>]*>(.*?)</t></is></c>', shared,
                                 parts[name].decode(), flags=re.S).encode()

    def si(text: str) -> str:
        plain = html.unescape(text)
        if len(plain) < 2:
            return f'<si><t xml:space="preserve">{text}</t></si>'
        a, b = html.escape(plain[:1], quote=False), html.escape(plain[1:], quote=False)
        phonetic = '<rPh sb="0" eb="1"><t>ピン</t></rPh>' if re.search(r"[\u4e00-\u9fff]", plain) else ""
        return (f'<si><r><rPr><b/></rPr><t xml:space="preserve">{a}</t></r>'
                f'<r><t xml:space="preserve">{b}</t></r>{phonetic}</si>')

    parts["xl/sharedStrings.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(table)}" '
        f'uniqueCount="{len(table)}">' + "".join(si(t) for t in table) + "</sst>").encode()
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdSST" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def typed_by_hand(src: Path, out: Path) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(src)
    for ws in wb.worksheets:
        keys = [c.value for c in ws[1]]
        if "answer" in keys:
            col = keys.index("answer") + 1
            for r in range(4, ws.max_row + 1):
                c = ws.cell(r, col)
                if isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
                    c.value = f"{c.value:g}"  # a number kept as text
                    c.data_type = "s"
                elif c.value in ("是", "否"):
                    c.value = c.value == "是"  # TRUE / FALSE
        elif "field" in keys:
            for r in range(4, ws.max_row + 1):
                field, c = ws.cell(r, 1).value, ws.cell(r, keys.index("value") + 1)
                if field == "assessment.date":
                    c.value = f"{c.value.year}年{c.value.month}月{c.value.day}日"
                    c.number_format = "@"
                elif c.value in ("是", "否"):
                    c.value = c.value == "是"
    wb.save(out)


def main() -> None:
    HERE.mkdir(exist_ok=True)
    shutil.copy(SOURCE, HERE / "source.yaml")  # the answers the workbooks hold, frozen with them
    with tempfile.TemporaryDirectory() as d:
        base = Path(d) / "food-producer.xlsx"
        convert(SOURCE, base)
        libreoffice(base, HERE / "resaved-libreoffice.xlsx")
        (HERE / "shared-strings.xlsx").write_bytes(shared_strings(base.read_bytes()))
        typed = Path(d) / "typed" / "typed-by-hand.xlsx"
        typed.parent.mkdir()
        typed_by_hand(base, typed)
        libreoffice(typed, HERE / "typed-by-hand.xlsx")
    for name in ("resaved-libreoffice.xlsx", "shared-strings.xlsx", "typed-by-hand.xlsx"):
        print(f"{name}: {(HERE / name).stat().st_size} bytes")


if __name__ == "__main__":
    main()
