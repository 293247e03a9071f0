"""A wheel built from the repository carries the questionnaires and profiles and finds them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("hatchling", reason="hatchling builds the wheel (installed with the test extras)")
    from hatchling.builders.wheel import WheelBuilder

    out = tmp_path_factory.mktemp("dist")
    builder = WheelBuilder(str(ROOT))
    (path,) = list(builder.build(directory=str(out), versions=["standard"]))
    return Path(path)


def test_wheel_contains_the_bundled_content(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "qmself/_bundled/questionnaires/qmself-core.yaml" in names
    assert "qmself/_bundled/benchmarks/statutory-baseline.yaml" in names
    assert not any(n.startswith("tests/") for n in names)


def test_installed_wheel_works_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); "
        "from qmself.storage.bundled import Catalog, data_dir; "
        "print(data_dir('questionnaires')); print(len(Catalog().questionnaire().questions))"
    )
    # run from an empty folder, with the checkout off the path
    r = subprocess.run([sys.executable, "-I", "-c", code, str(site)], cwd=tmp_path, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    folder, count = r.stdout.split()
    assert folder.startswith(str(site)) and int(count) >= 80
