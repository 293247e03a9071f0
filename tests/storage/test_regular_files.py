"""Only regular files are read, never past the limit: a FIFO or a device is one line, at once."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from qmself.errors import QmselfError
from qmself.office.xlsxsafe import check_workbook
from qmself.storage import yamlio
from qmself.storage.files import read_regular
from tests.conftest import EXAMPLES

posix = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")


def within(seconds: float, fn: Callable[[], Any]) -> BaseException | None:
    """Run `fn` in a thread; the exception it raised, or a failure if it is still blocked after `seconds`."""
    out: list[BaseException | None] = []

    def run() -> None:
        try:
            fn()
            out.append(None)
        except BaseException as e:  # handed back to the test
            out.append(e)

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    assert out, f"still blocked after {seconds} s"
    return out[0]


@posix
@pytest.mark.parametrize("suffix", [".yaml", ".xlsx"])
def test_fifo_is_refused_without_blocking(tmp_path: Path, suffix: str) -> None:
    fifo = tmp_path / f"pipe{suffix}"
    os.mkfifo(fifo)
    read: Callable[[], Any] = ((lambda: yamlio.load(fifo, "pipe.yaml")) if suffix == ".yaml"
                               else (lambda: check_workbook(str(fifo), "pipe.xlsx")))
    e = within(5, read)
    assert isinstance(e, QmselfError), e
    assert e.en == "is a named pipe (FIFO), not a regular file; not read"
    assert e.render("zh") == f"pipe{suffix}: 这是命名管道（FIFO），不是普通文件，不予读取"


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_dev_zero_is_refused() -> None:
    e = within(5, lambda: yamlio.load("/dev/zero"))
    assert isinstance(e, QmselfError) and e.en == "is a character device, not a regular file; not read"


@pytest.mark.skipif(not os.path.exists("/proc/self/maps"), reason="needs /proc")
def test_limit_applies_while_reading() -> None:
    # files under /proc are regular but report size 0: only the read itself can stop at the limit
    assert os.stat("/proc/self/maps").st_size == 0
    with pytest.raises(QmselfError, match=r"too large \(> 0.0 MB; the limit is 9.53674e-05 MB\)"):
        read_regular("/proc/self/maps", "maps", 100)
    assert read_regular("/proc/self/maps", "maps", 10_000_000)  # under the limit it is read whole


def test_directory_and_missing(tmp_path: Path) -> None:
    with pytest.raises(QmselfError, match="is a directory"):
        read_regular(tmp_path, "d", 10)
    with pytest.raises(QmselfError, match="no such file"):
        read_regular(tmp_path / "x", "x", 10)


@posix
def test_fifo_in_a_scored_folder_is_reported_and_skipped(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "food-producer.yaml", tmp_path / "a.yaml")
    os.mkfifo(tmp_path / "b.yaml")
    res = subprocess.run([sys.executable, "-m", "qmself", "score", str(tmp_path), "-f", "csv"],
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 1
    scored, failed = csv.DictReader(io.StringIO(res.stdout))
    assert scored["file"] == str(tmp_path / "a.yaml") and scored["company"].startswith("眉山市")
    assert failed["file"] == str(tmp_path / "b.yaml") and failed["error"].endswith("不是普通文件，不予读取")
    assert res.stderr.splitlines() == ["1/2 个文件未能评分：",
                                       f"  {tmp_path / 'b.yaml'}: 这是命名管道（FIFO），不是普通文件，不予读取"]
