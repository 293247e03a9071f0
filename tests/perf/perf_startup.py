"""Start-up time of `qmself --help` against a bare two-command typer app (run on demand, not by pytest).

    python tests/perf/perf_startup.py

Both are started as fresh processes, alternately, 15 times each, in the same run
(so the machine's load is shared); the medians are compared. Target:
`qmself --help` takes at most 1.4 times the bare app. Exits 1 if missed.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = '''
import typer

app = typer.Typer(add_completion=False)


@app.command()
def one(name: str = "x") -> None:
    """First."""


@app.command()
def two(count: int = 1) -> None:
    """Second."""


app()
'''
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bytecode import compile_package  # noqa: E402

RUNS = 15
TARGET = 1.4


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    compile_package()
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE, encoding="utf-8")
        qm: list[float] = []
        base: list[float] = []
        for _ in range(RUNS):
            base.append(timed([sys.executable, str(bare), "--help"]))
            qm.append(timed([sys.executable, "-m", "qmself", "--help"]))
    q, b = statistics.median(qm), statistics.median(base)
    print(f"bare typer app --help: median {b * 1000:.0f} ms over {RUNS} runs")
    print(f"qmself --help:         median {q * 1000:.0f} ms over {RUNS} runs ({q / b:.2f}x)")
    ok = q <= TARGET * b
    print(f"  {'PASS' if ok else 'FAIL'} at most {TARGET}x the bare app")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
