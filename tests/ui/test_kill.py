"""Killing a real `qmself assess` process mid-session loses nothing that was answered."""

from __future__ import annotations

import shutil
from pathlib import Path

from qmself.storage.bundled import Catalog
from qmself.storage.edit import backups
from qmself.storage.loaders import load_answer_file
from tests.conftest import EXAMPLES
from tests.perf.pty_driver import PtyApp, wait_for_file


def test_kill_mid_session_keeps_every_answer(tmp_path: Path) -> None:
    path = tmp_path / "client.yaml"
    shutil.copy(EXAMPLES / "small-manufacturer.yaml", path)
    text = (path.read_text(encoding="utf-8")
            .replace("  QMS-03:\n    value: 2\n", "  QMS-03:\n    value:\n")
            .replace("  QMS-04:\n    value: 3\n", "  QMS-04:\n    value:\n"))
    path.write_text(text, encoding="utf-8")
    app = PtyApp(["assess", str(path)], env={"QMSELF_LANG": "zh"})
    try:
        app.wait_for("QMS-03", timeout=20)
        app.send("4")
        wait_for_file(path, "  QMS-03:\n    value: 4\n")
        app.wait_for("QMS-04", since=0)
        app.send("e")
        app.send("正在输入的证据")  # typed but never saved: the one thing a kill may lose
    finally:
        app.kill()
    loaded = load_answer_file(path, Catalog().questionnaires)  # still a valid file
    answers = loaded.answers.answers
    assert answers["QMS-03"].value == 4
    assert answers["QMS-03"].evidence == "2025 年绵阳市质量管理诊断报告"
    assert not answers["QMS-04"].answered
    assert not list(tmp_path.glob(".*.tmp"))  # no half-written temp file left behind
    assert backups(path)[0].read_text(encoding="utf-8") == text  # the oldest backup is the file as it was
