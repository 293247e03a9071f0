"""The radar names its axes in the report's language; the Gantt runs on a fixed quarter grid."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader
from typer.testing import CliRunner

from qmself.cjk import wrap
from qmself.cli import app
from qmself.render.report import gantt_horizon
from tests.conftest import EXAMPLES

runner = CliRunner()


def _pages(tmp_path: Path, lang: str) -> list[str]:
    out = tmp_path / f"plan-{lang}.pdf"
    r = runner.invoke(app, ["plan", str(EXAMPLES / "small-manufacturer.yaml"), "--lang", lang, "-o", str(out)])
    assert r.exit_code == 0, r.stderr
    return [p.extract_text() for p in PdfReader(out).pages]


def test_radar_axes_carry_the_area_names(tmp_path: Path) -> None:
    for lang, heading, titles, width in (
        ("en", "Area levels against the benchmark", ["Supply-chain quality", "Green quality", "Traceability",
                                                     "Quality responsibility & leadership"], 20),
        ("zh", "各领域等级与基准目标", ["供应链质量", "绿色质量", "质量追溯", "质量主体责任与领导力"], 14),
    ):
        page = next(p for p in _pages(tmp_path, lang) if heading in p)
        chart = page[page.index(heading):]
        for title in titles:
            assert wrap(title, width)[0] in chart, (lang, title)


def test_gantt_on_a_quarter_grid(tmp_path: Path) -> None:
    assert [gantt_horizon(m) for m in (0, 5, 12, 13, 18, 19, 30)] == [12, 12, 12, 18, 18, 24, 30]
    text = "\n".join(_pages(tmp_path, "en"))
    found = re.search(r"assessment date \(0–(\d+)\) on a quarterly grid", text.replace("\n", " "))
    assert found
    horizon = int(found.group(1))
    assert horizon % 6 == 0 and horizon >= 12
    axis = "Dates\n" + "\n".join(str(m) for m in range(0, horizon + 1, 3)) + "\n"
    assert axis in text  # the axis above each phase's bars: every quarter, up to the horizon
