"""Speed of `qmself plan` (run on demand, not by pytest).

    python tests/perf/perf_plan.py              # 7 single plans + a 100-company portfolio
    python tests/perf/perf_plan.py --portfolio 20

* one full PDF plan for one company, as a fresh process (what a user waits
  for): median of 7 runs of `qmself plan examples/food-producer.yaml`,
  target under 1.5 s;
* a portfolio of N generated companies (default 100) with `--out-dir --jobs 2`,
  target under 60 s for 100.
Prints the figures and exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from perf_score import make_file  # noqa: E402


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--portfolio", type=int, default=100)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    ok = True
    tmp = Path(tempfile.mkdtemp(prefix="qmself-perf-plan-"))
    try:
        example = ROOT / "examples" / "food-producer.yaml"
        out = tmp / "plan.pdf"
        cmd = [sys.executable, "-m", "qmself", "plan", str(example), "-o", str(out)]
        times = [timed(cmd) for _ in range(args.runs)]
        pages = len(re.findall(rb"/Type /Page\b", out.read_bytes()))
        med = statistics.median(times)
        print(f"single plan ({example.name}, {pages} pages, {out.stat().st_size // 1024} KB): "
              f"median {med:.2f} s over {args.runs} fresh processes (min {min(times):.2f}, max {max(times):.2f})")
        print(f"  {'PASS' if med < 1.5 else 'FAIL'} under 1.5 s")
        ok &= med < 1.5

        rng = random.Random(2026)
        files = []
        for i in range(args.portfolio):
            f = tmp / f"client-{i:03d}.yaml"
            make_file(f, i, rng)
            files.append(str(f))
        wall = timed([sys.executable, "-m", "qmself", "plan", *files, "--out-dir", str(tmp / "plans"), "--jobs", "2"])
        made = len(list((tmp / "plans").glob("*.pdf")))
        limit = 60 * args.portfolio / 100
        print(f"portfolio: {made} plans in {wall:.1f} s with --jobs 2 ({wall / made:.2f} s per plan)")
        print(f"  {'PASS' if wall < limit else 'FAIL'} under {limit:.0f} s")
        ok &= wall < limit and made == args.portfolio
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
