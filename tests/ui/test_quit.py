"""`q` quits a real `qmself assess` at once; the line it leaves says where the answers are and what is left."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.perf.pty_driver import PtyApp


@pytest.mark.parametrize(("lang", "open_", "said"), [
    ("zh", 2, "；尚有 2 题未答，再次运行 qmself assess {path} 可继续"),
    ("en", 1, "; 1 question is still unanswered: run qmself assess {path} again to carry on"),
    ("en", 0, ""),
])
def test_quitting_says_how_many_questions_are_left(tmp_path: Path, lang: str, open_: int, said: str) -> None:
    path = tmp_path / "client.yaml"
    shutil.copy(EXAMPLES / "small-manufacturer.yaml", path)
    text = path.read_text(encoding="utf-8")
    for block in ["  QMS-03:\n    value: 2\n", "  QMS-04:\n    value: 3\n"][:open_]:
        assert block in text
        text = text.replace(block, block.split("value:")[0] + "value:\n")
    path.write_text(text, encoding="utf-8")
    app = PtyApp(["assess", str(path), "--lang", lang])
    try:
        app.wait_for("QMS-03" if open_ else "LEAD-01", timeout=20)
        app.send("q")
        assert app.proc.wait(10) == 0
        saved = ("所有答案已保存到 " if lang == "zh" else "every answer is saved in ") + str(path)
        app._reader.join(5)  # everything the process wrote has been read
        out = app.text_since()
        line = out[out.index(saved):].splitlines()[0].strip()
        assert line == saved + said.format(path=path)
    finally:
        if app.proc.poll() is None:
            app.proc.kill()
        os.close(app.master)
