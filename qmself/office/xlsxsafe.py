"""Refuse hostile workbooks before openpyxl opens them.

An .xlsx is a zip archive: the central directory states every member's
uncompressed size, so a zip bomb is refused from the directory alone, before
anything is inflated. Macros (vbaProject.bin), external links and workbooks
that are not zip archives are refused with one line; so is anything but a
regular file (read with `storage.files.read_regular`, never past `MAX_FILE`).
"""

from __future__ import annotations

import io
import zipfile

from qmself.errors import QmselfError
from qmself.storage.files import read_regular

MAX_FILE = 20 * 1024 * 1024
"""Largest workbook file accepted."""
MAX_UNCOMPRESSED = 64 * 1024 * 1024
"""Largest total uncompressed size of the archive's members."""
MAX_RATIO = 200
"""Largest compression ratio of one sizeable member (a zip bomb's tell)."""
MAX_MEMBERS = 2000
MAX_ROWS = 5000
"""Most rows a sheet of an answer workbook may declare."""
MAX_COLS = 100


def check_workbook(path: str, name: str) -> None:
    """Raise a QmselfError unless `path` looks like a harmless .xlsx workbook."""
    data = io.BytesIO(read_regular(path, name, MAX_FILE, ("工作簿", "workbook")))
    if not zipfile.is_zipfile(data):
        raise QmselfError("不是 Excel 工作簿（.xlsx 应为 zip 格式；旧版 .xls 请在 Excel 中另存为 .xlsx）",
                          "not an Excel workbook (.xlsx is a zip archive; save an old .xls as .xlsx)", file=name)
    try:
        with zipfile.ZipFile(data) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise QmselfError(f"工作簿已损坏：{e}", f"damaged workbook: {e}", file=name) from None
    if len(infos) > MAX_MEMBERS:
        raise QmselfError(f"工作簿包含过多部件（{len(infos)}）", f"workbook has too many parts ({len(infos)})", file=name)
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise QmselfError("不是 Excel 工作簿（缺少 xl/workbook.xml）", "not an Excel workbook (no xl/workbook.xml)",
                          file=name)
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise QmselfError("工作簿含有宏（VBA），出于安全不予读取；请另存为不含宏的 .xlsx",
                          "workbook contains macros (VBA) and is not read; save it as a macro-free .xlsx", file=name)
    if any(n.startswith("xl/externalLinks/") for n in names):
        raise QmselfError("工作簿含有外部链接，不予读取；请在 Excel 中“断开链接”后另存",
                          "workbook has external links and is not read; break the links in Excel and save again",
                          file=name)
    total = 0
    for i in infos:
        total += i.file_size
        if i.file_size > 1024 * 1024 and i.compress_size and i.file_size / i.compress_size > MAX_RATIO:
            raise QmselfError(f"工作簿部件 {i.filename} 压缩比异常（疑似 zip 炸弹），不予读取",
                              f"workbook part {i.filename} is compressed suspiciously well (a zip bomb?); not read",
                              file=name)
    if total > MAX_UNCOMPRESSED:
        raise QmselfError(f"工作簿解压后过大（{total / 1048576:.0f} MB，上限 {MAX_UNCOMPRESSED // 1048576} MB）",
                          f"workbook unpacks too large ({total / 1048576:.0f} MB; the limit is "
                          f"{MAX_UNCOMPRESSED // 1048576} MB)", file=name)
    with zipfile.ZipFile(data) as z:
        for i in infos:
            if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml"):
                _count_rows(z, i, name)


def _n(buf: bytes, tag: bytes) -> int:
    return buf.count(tag + b" ") + buf.count(tag + b">")


def _count_rows(z: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """Refuse a sheet with more than MAX_ROWS rows or MAX_ROWS × MAX_COLS cells, counted in
    the inflated XML as it streams (C speed, constant memory), before openpyxl builds a Python
    object for every cell: a dense 60 MB sheet would otherwise take minutes to refuse."""
    rows = cells = 0
    tail = b""
    try:
        with z.open(info) as f:
            while chunk := f.read(1 << 20):
                buf = tail + chunk  # a tag cut between two chunks is counted once, in buf
                rows += _n(buf, b"<row") - _n(tail, b"<row")  # the old tail's tags were counted last time
                cells += _n(buf, b"<c") - _n(tail, b"<c")
                tail = buf[-5:]
                if rows > MAX_ROWS or cells > MAX_ROWS * MAX_COLS:
                    sheet = info.filename.rsplit("/", 1)[-1]
                    raise QmselfError(f"工作表 {sheet} 过大（超过 {MAX_ROWS} 行或 {MAX_ROWS * MAX_COLS} 个单元格），不予读取",
                                      f"sheet {sheet} too large (over {MAX_ROWS} rows or {MAX_ROWS * MAX_COLS} cells); "
                                      "not read", file=name)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as e:
        raise QmselfError(f"工作簿已损坏：{e}", f"damaged workbook: {e}", file=name) from None
