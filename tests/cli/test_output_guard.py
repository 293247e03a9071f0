"""An output that resolves to one of the inputs is refused with one line and the input stays byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qmself.cli import app

EXAMPLE = Path(__file__).parents[2] / "examples" / "small-manufacturer.yaml"
OTHER = Path(__file__).parents[2] / "examples" / "food-producer.yaml"


@pytest.mark.parametrize("cmd", [
    ["score", "{a}", "-f", "csv", "-o", "{out}"],
    ["plan", "{a}", "-f", "md", "-o", "{out}"],
    ["portfolio", "{a}", "-o", "{out}"],
    ["merge", "{a}", str(OTHER), "-o", "{out}", "--force"],
])
@pytest.mark.parametrize("via_link", [False, True])
def test_output_naming_an_input_is_refused(tmp_path: Path, cmd: list[str], via_link: bool) -> None:
    a = tmp_path / "a.yaml"
    shutil.copy(EXAMPLE, a)
    out = a
    if via_link:
        out = tmp_path / "link.yaml"
        out.symlink_to(a)
    before = a.read_bytes()
    res = CliRunner().invoke(app, [c.format(a=a, out=out) for c in cmd])
    assert res.exit_code == 2, res.output
    lines = [x for x in res.output.splitlines() if x.strip()]
    assert len(lines) == 1 and "不能覆盖输入" in lines[0]
    assert a.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["a.yaml", *(["link.yaml"] if via_link else [])])


def test_several_yaml_documents_are_refused(tmp_path: Path) -> None:
    f = tmp_path / "two.yaml"
    f.write_bytes(EXAMPLE.read_bytes() + b"---\n" + EXAMPLE.read_bytes())
    res = CliRunner().invoke(app, ["validate", str(f)])
    assert res.exit_code == 1
    assert "一个文件只能包含一个 YAML 文档" in res.output


@pytest.mark.parametrize("cmd", [
    ["score", "{d}", "-f", "xlsx", "-o", "{d}/results.xlsx"],
    ["score", "{d}", "-f", "csv", "-o", "{d}/sub/results.yaml"],
    ["portfolio", "{d}", "-o", "{d}/portfolio.xlsx"],
])
def test_an_answer_file_output_inside_an_input_folder_is_refused(tmp_path: Path, cmd: list[str]) -> None:
    """A folder stands for the .yaml and .xlsx files in it: such an output would be read as input next time."""
    d = tmp_path / "clients"
    (d / "sub").mkdir(parents=True)
    shutil.copy(EXAMPLE, d / "a.yaml")
    res = CliRunner().invoke(app, [c.format(d=d) for c in cmd])
    assert res.exit_code == 2, res.output
    assert "不能覆盖输入" in res.output
    assert sorted(p.name for p in d.rglob("*")) == ["a.yaml", "sub"]
