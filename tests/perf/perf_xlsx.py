"""Scoring .xlsx answer workbooks against the same answers as .yaml, with 1 and 2 workers.

    python tests/perf/perf_xlsx.py [--n 40]

Makes N copies of the bundled examples (as YAML and as workbooks) in a temporary
folder, runs `qmself score DIR -f csv --jobs J` on each folder, best of two, and
prints files per second; then the cost of writing the results workbook
(`score YAML-DIR -f xlsx -o results.xlsx`) against the CSV of the same files.
Target: one company's workbook loads in well under a second.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QMSELF = [sys.executable, "-m", "qmself"]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=40)
    n = ap.parse_args().n
    from qmself.office.xlsx import build_workbook, save_workbook
    from qmself.storage.bundled import Catalog
    from qmself.storage.loaders import load_answer_file

    catalog = Catalog([])
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    with tempfile.TemporaryDirectory() as tmp:
        ydir, xdir = Path(tmp, "yaml"), Path(tmp, "xlsx")
        ydir.mkdir()
        xdir.mkdir()
        for i in range(n):
            src = examples[i % len(examples)]
            shutil.copy(src, ydir / f"c{i:04}.yaml")
            loaded = load_answer_file(src, catalog.questionnaires)
            af = loaded.answers
            save_workbook(build_workbook(loaded.questionnaire, af.company.sector, af.company.size, "zh", af),
                          xdir / f"c{i:04}.xlsx")
        t0 = time.perf_counter()
        load_answer_file(xdir / "c0000.xlsx", catalog.questionnaires)
        one = time.perf_counter() - t0
        print(f"one workbook loaded and checked in-process: {one * 1000:.0f} ms")
        for jobs in (1, 2):
            for kind, folder in (("yaml", ydir), ("xlsx", xdir)):
                best = min(_run(folder, jobs) for _ in range(2))
                print(f"{kind:4} --jobs {jobs}: {best:.2f} s, {n / best:.0f} files/s")
        out = Path(tmp, "results.xlsx")
        book = min(_run(ydir, 2, ["-f", "xlsx", "-o", str(out)]) for _ in range(2))
        csv = min(_run(ydir, 2) for _ in range(2))
        print(f"results workbook of {n} yaml files, --jobs 2: {book:.2f} s (csv: {csv:.2f} s)")
    return 0 if one < 1.0 else 1


def _run(folder: Path, jobs: int, fmt: list[str] | None = None) -> float:
    t0 = time.perf_counter()
    subprocess.run([*QMSELF, "score", str(folder), *(fmt or ["-f", "csv"]), "--jobs", str(jobs)], check=True,
                   stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - t0


if __name__ == "__main__":
    sys.exit(main())
