"""One rounding rule for printed numbers: half up, once, the same in every output."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from qmself.cli import app
from qmself.render import numbers as num
from tests.conftest import EXAMPLES

runner = CliRunner()


def test_half_up_on_the_decimal_value() -> None:
    assert f"{2.675:.2f}" == "2.67" and round(31.25, 1) == 31.2  # why the rule is needed
    assert num.level(2.675) == "2.68" and num.level(1.005) == "1.01"
    assert num.score(31.25) == "31.3" and num.score(56.25) == "56.3"
    assert num.level(-0.125) == "-0.13" and num.change(0.125) == "+0.13"
    assert num.share(0.875) == "88%" and num.pct(83.35) == "83.4%"
    assert num.level(None) == "—" and num.target(None) == "" and num.target(3.0) == "3"


def test_rounding_twice_changes_nothing() -> None:
    for i in range(0, 50_001, 7):
        x = 1 + i / 12_345
        assert num.half_up(num.half_up(x, 2), 2) == num.half_up(x, 2)
        assert num.level(num.half_up(x, 2)) == num.level(x)


def test_a_printed_gap_is_the_printed_target_minus_the_printed_level() -> None:
    for actual in (1.8947, 1.895, 2.4949, 3.5, 3.9999):
        shown = float(num.level(actual))
        assert num.gap(2.5, actual) == max(0.0, round(2.5 - shown, 2))


def test_every_output_prints_an_area_level_the_same_way(tmp_path: Path) -> None:
    for example in sorted(EXAMPLES.glob("*.yaml")):
        term = runner.invoke(app, ["score", str(example), "--lang", "en"]).stdout
        out = tmp_path / f"{example.stem}.md"
        runner.invoke(app, ["plan", str(example), "-o", str(out), "--lang", "en", "-b", "quality-award"])
        md = out.read_text(encoding="utf-8")
        in_terminal = dict(re.findall(r"^([A-Z]+) .*?\((\d\.\d\d)\)", term, re.M))
        in_markdown = dict(re.findall(r"^\| ([A-Z]+) [^|]+\| [\d.—]+ \| (\d\.\d\d) ", md, re.M))
        # (the terminal cuts a long level name, and its figure with it, to fit 80 columns)
        assert len(in_terminal) >= 8 and in_terminal.items() <= in_markdown.items(), example.name
        gaps = re.findall(r"^\| ([A-Z]+) [^|]+\| [\d.]+ \| (\d\.\d\d)[^|]*\| ([\d.]+) \| ([\d.]+) \|", md, re.M)
        assert gaps, example.name
        for area, level, target, gap in gaps:
            assert num.level(float(target) - float(level)) == gap, (example.name, area)
