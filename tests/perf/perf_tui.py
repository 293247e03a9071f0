"""Responsiveness of `qmself assess` in a real pseudo-terminal (run on demand, not by pytest).

    python tests/perf/perf_tui.py

* first screen interactive: from process start until the first question's id
  is on the screen (median of 5 launches); target at most 0.5 s. The launches
  share a cache folder of their own (QMSELF_CACHE_DIR), which the first of
  them fills, as the first launch after installing does; that launch is also
  shown on its own;
* answering: from the key press until the answer is in the file on disk and
  the next question is on the screen (median over 20 answers); target under 100 ms.
Prints the figures and exits 1 if a target is missed.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bytecode import compile_package
from pty_driver import PtyApp, wait_for_file

from qmself.storage.bundled import Catalog
from qmself.storage.loaders import load_answer_file

ROOT = Path(__file__).resolve().parents[2]


def main() -> int:
    compile_package()
    tmp = Path(tempfile.mkdtemp(prefix="qmself-perf-tui-"))
    ok = True
    try:
        path = tmp / "client.yaml"
        source = ROOT / "examples" / "food-producer.yaml"
        loaded = load_answer_file(source, Catalog().questionnaires)
        qn = loaded.questionnaire
        area_order = {a.id: i for i, a in enumerate(qn.areas)}
        # asked area by area, as the session orders them
        applicable = sorted(qn.applicable("food", "medium", loaded.answers.company), key=lambda q: area_order[q.area])
        questions = [q for q in applicable if q.type == "maturity"]
        after = {q.id: applicable[i + 1].id for i, q in enumerate(applicable[:-1])}
        # a file with 20 open maturity questions
        text = source.read_text(encoding="utf-8")
        for q in questions[:21]:
            a = loaded.answers.answers[q.id]
            if a.evidence or a.note:
                text = text.replace(f"  {q.id}:\n    value: {a.value}\n", f"  {q.id}:\n    value:\n")
            else:
                text = text.replace(f"  {q.id}: {a.value}\n", f"  {q.id}:\n")
        starts = []
        env = {"QMSELF_CACHE_DIR": str(tmp / "cache")}
        for _ in range(5):
            shutil.copy(source, path)
            path.write_text(text, encoding="utf-8")
            app = PtyApp(["assess", str(path)], env=env)
            try:
                app.wait_for(questions[0].id, timeout=20)
                starts.append(time.perf_counter() - app.started)
            finally:
                app.kill()
        first = statistics.median(starts)
        print(f"first screen interactive: median {first * 1000:.0f} ms over 5 launches "
              f"(min {min(starts) * 1000:.0f}, max {max(starts) * 1000:.0f}; "
              f"the first, filling the cache: {starts[0] * 1000:.0f})")
        print(f"  {'PASS' if first <= 0.5 else 'FAIL'} at most 0.5 s")
        ok &= first <= 0.5

        path.write_text(text, encoding="utf-8")
        app = PtyApp(["assess", str(path)], env=env)
        latencies = []
        try:
            app.wait_for(questions[0].id, timeout=20)
            time.sleep(0.3)
            for i, q in enumerate(questions[:20]):
                mark = app.mark
                start = time.perf_counter()
                app.send("3")
                value = (f"  {q.id}:\n    value: 3\n" if loaded.answers.answers[q.id].evidence
                         or loaded.answers.answers[q.id].note else f"  {q.id}: 3\n")
                wait_for_file(path, value)
                app.wait_for(after[q.id], since=mark)
                if i < 19 and after[q.id] != questions[i + 1].id:  # go to the next open question
                    app.send("u")
                    app.wait_for(questions[i + 1].id, since=mark)
                latencies.append(time.perf_counter() - start)
        finally:
            app.kill()
        med = statistics.median(latencies)
        print(f"answering a question (key press -> saved file and next question on screen): "
              f"median {med * 1000:.0f} ms over {len(latencies)} answers (max {max(latencies) * 1000:.0f})")
        print(f"  {'PASS' if med < 0.1 else 'FAIL'} under 100 ms")
        ok &= med < 0.1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
