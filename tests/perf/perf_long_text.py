"""Speed of a plan whose texts are 10,000 characters long (run on demand, not by pytest).

    python tests/perf/perf_long_text.py

The small manufacturer's example with a company name, assessor, one evidence and one
note of 10,000 characters each (Chinese with full-width punctuation, ℃ and Latin words);
median of 3 runs of `qmself plan FILE -o plan.pdf` as a fresh process, target under 5 s
("a few seconds"), and the PDF must hold every text in full. Exits 1 if a target is missed.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
UNIT = "质量手册第5.1条（2025版），“检验记录”齐全；冷库温度控制在-18℃以下。ISO 9001-2015 certificate "
LONG = (UNIT * (10_000 // len(UNIT) + 1))[:10_000]


def main() -> int:
    text = (ROOT / "examples" / "small-manufacturer.yaml").read_text(encoding="utf-8")
    ends = {"company": "公司末尾甲", "assessor": "评估人末尾乙", "evidence": "证据末尾丙", "note": "备注末尾丁"}
    for old, new in [
        ("name: 绵阳市涪城精工机械有限公司", "name: 绵阳" + LONG[:9_990] + ends["company"]),
        ("assessor: 王建华（四川蜀质企业管理咨询有限公司，外部顾问）", "assessor: " + LONG + ends["assessor"]),
        ("evidence: 质量手册 QM-2025 第 5.1 条；总经理签发的质量方针和 2026 年质量目标",
         "evidence: " + LONG + ends["evidence"]),
        ("note: 总经理参加月度质量会", "note: " + LONG + ends["note"]),
    ]:
        text = text.replace(old, new, 1)
    with tempfile.TemporaryDirectory() as tmp:
        answers, out = Path(tmp) / "long.yaml", Path(tmp) / "long.pdf"
        answers.write_text(text, encoding="utf-8")
        times = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "qmself", "plan", str(answers), "-o", str(out)], check=True,
                           stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - start)
        reader = PdfReader(out)
        joined = "".join(p.extract_text() for p in reader.pages).replace("\n", "")
        missing = [k for k, v in ends.items() if v not in joined]
    med = statistics.median(times)
    print(f"10,000-character texts: {len(reader.pages)} pages, median {med:.2f} s of {len(times)} (target < 5 s); "
          f"texts in full: {'all' if not missing else 'missing ' + ', '.join(missing)}")
    return 0 if med < 5 and not missing else 1


if __name__ == "__main__":
    sys.exit(main())
