"""Makes the hostile workbooks of this folder (run from the repository root:
`python tests/data/office/make_corpus.py`). Each starts from a real answer workbook
(`qmself convert examples/small-manufacturer.yaml`) so that only its one hostile trait
is wrong; tests/office/test_hostile_workbooks.py says what each must give."""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def base() -> bytes:
    with tempfile.TemporaryDirectory() as d:
        out = Path(d) / "a.xlsx"
        subprocess.run([sys.executable, "-m", "qmself", "convert", "examples/small-manufacturer.yaml", str(out)],
                       check=True, capture_output=True)
        return out.read_bytes()


def rezip(src: bytes, extra: dict[str, bytes], replace: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = (replace or {}).get(info.filename, zin.read(info.filename))
            zout.writestr(info.filename, data)
        for name, data in extra.items():
            zout.writestr(name, data)
    return out.getvalue()


def sheet(rows: int, dimension: str | None = None) -> bytes:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    body = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>x</t></is></c></row>' for r in range(1, rows + 1))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"{dim}<sheetData>{body}</sheetData></worksheet>").encode()


def main() -> None:
    wb = base()
    with zipfile.ZipFile(io.BytesIO(wb)) as z:
        first = next(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
    files = {
        "zip-bomb.xlsx": rezip(wb, {"xl/media/image1.png": b"\0" * (40 * 1024 * 1024)}),
        "huge-sheet.xlsx": rezip(wb, {}, {first: sheet(20000)}),
        "huge-dimension.xlsx": rezip(wb, {}, {first: (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<dimension ref="A1:XFD1048576"/><sheetData><row r="1048576"><c r="XFD1048576" t="inlineStr">'
            "<is><t>x</t></is></c></row></sheetData></worksheet>").encode()}),
        "external-links.xlsx": rezip(wb, {"xl/externalLinks/externalLink1.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><externalLink '
            'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><externalBook/></externalLink>').encode()}),
        "macros.xlsm": rezip(wb, {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504}),
        "not-a-workbook.xlsx": "企业名称,等级\n某公司,3\n".encode(),
        "old-xls.xlsx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504,
        "truncated.xlsx": wb[: len(wb) // 2],
    }
    for name, data in files.items():
        (HERE / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
