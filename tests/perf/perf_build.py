"""Building a peer profile from a large cohort (run on demand, not by pytest).

    python tests/perf/perf_build.py                 # N = 1000 and 20000
    python tests/perf/perf_build.py --sizes 2000

Generates N answer files (as perf_score.py does) and runs
`qmself benchmark build DIR -o PROFILE --jobs 2`, measuring wall time and the
peak RSS of the largest process. Targets: 20,000 files in under 2 minutes;
memory flat as N grows (the largest N within 1.25x of the smallest).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from perf_score import make_file, measure


def run(folder: Path, out: Path) -> tuple[float, float]:
    return measure([sys.executable, "-m", "qmself", "benchmark", "build", str(folder), "-o", str(out), "--jobs", "2",
                    "--force"])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 20000])
    args = ap.parse_args()
    rng = random.Random(7)
    ok = True
    peaks = []
    for n in args.sizes:
        tmp = Path(tempfile.mkdtemp(prefix=f"qmself-perf-build-{n}-"))
        try:
            for i in range(n):
                make_file(tmp / f"c{i:05d}.yaml", i, rng)
            wall, peak = run(tmp, tmp.parent / f"{tmp.name}.yaml")
            peaks.append(peak)
            limit = 120 * n / 20000
            print(f"N = {n}: benchmark build --jobs 2 in {wall:.1f} s ({n / wall:.0f} files/s), peak {peak:.0f} MiB"
                  f" · {'PASS' if wall < limit else 'FAIL'} under {limit:.0f} s")
            ok &= wall < limit
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
            (tmp.parent / f"{tmp.name}.yaml").unlink(missing_ok=True)
    if len(peaks) > 1:
        flat = peaks[-1] <= 1.25 * peaks[0]
        print(f"memory: {peaks[0]:.0f} MiB at N={args.sizes[0]}, {peaks[-1]:.0f} MiB at N={args.sizes[-1]}:"
              f" {'PASS' if flat else 'FAIL'} flat (within 1.25x)")
        ok &= flat
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
