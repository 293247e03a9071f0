"""Peer benchmarks: hand-checked percentiles, suppression at the threshold, positions, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qmself.cli import app
from qmself.model.benchmark import AreaPeers
from qmself.peers import Cohort, Histogram, position
from tests.conftest import MINI_A, MINI_Q

runner = CliRunner()


def hist(*levels: float) -> Histogram:
    h = Histogram()
    for lv in levels:
        h.add(lv)
    return h


def test_percentiles_by_hand() -> None:
    h = hist(1.0, 2.0, 3.0, 4.0, 5.0)
    # positions (n-1) x p = 4 x 0.25 = 1 -> 2.0; 4 x 0.9 = 3.6 -> 4.0 + 0.6 x (5.0 - 4.0) = 4.6
    assert [h.percentile(p) for p in (25, 50, 75, 90)] == pytest.approx([2.0, 3.0, 4.0, 4.6])
    h = hist(2.5, 2.5, 3.25, 4.0)
    # 3 x 0.5 = 1.5 -> 2.5 + 0.5 x 0.75 = 2.875; 3 x 0.25 = 0.75 -> 2.5
    assert h.percentile(50) == pytest.approx(2.875)
    assert h.percentile(25) == pytest.approx(2.5)
    assert hist(3.0).percentile(90) == 3.0


def test_levels_are_binned_to_hundredths() -> None:
    assert hist(3.333, 3.337).percentile(50) == pytest.approx(3.335)  # 3.33 and 3.34


def test_suppression_at_the_threshold() -> None:
    c = Cohort(["sector"])
    for i in range(5):
        c.add({"sector": "food"}, {"A": 1.0 + i})
    for _ in range(4):
        c.add({"sector": "other"}, {"A": 2.0})
    groups = {g.key["sector"]: g for g in c.groups_summary(5, ["A"])}
    assert not groups["food"].suppressed and groups["food"].areas["A"].p50 == 3.0
    assert groups["other"].suppressed and groups["other"].areas == {} and groups["other"].n == 4
    assert not c.overall(5, ["A"]).suppressed  # 9 companies in all
    assert c.overall(10, ["A"]).suppressed


def test_position_among_peers() -> None:
    peers = AreaPeers(n=10, p25=2.0, p50=3.0, p75=4.0, p90=4.5)
    assert position(3.0, peers) == pytest.approx(50)
    assert position(3.5, peers) == pytest.approx(62.5)
    assert position(1.5, peers) == pytest.approx(12.5)
    assert position(5.0, peers) == pytest.approx(100)
    ties = AreaPeers(n=10, p25=3.0, p50=3.0, p75=3.0, p90=4.0)
    assert position(3.0, ties) == pytest.approx(50)  # the middle of 25-75


def make_cohort(folder: Path, levels: list[int]) -> None:
    base = MINI_A.read_text(encoding="utf-8")
    for i, lv in enumerate(levels):
        (folder / f"c{i}.yaml").write_text(base.replace("A-01: 4 ", f"A-01: {lv} "), encoding="utf-8")


def test_build_and_use_a_peer_profile(tmp_path: Path) -> None:
    cohort = tmp_path / "cohort"
    cohort.mkdir()
    make_cohort(cohort, [1, 2, 3, 4, 5])
    out = tmp_path / "peers.yaml"
    r = runner.invoke(app, ["benchmark", "build", str(cohort), "-o", str(out), "-q", str(MINI_Q), "--lang", "en"])
    assert r.exit_code == 0, r.stderr
    assert "5 companies in 1 groups, 0 suppressed" in r.stdout
    text = out.read_text(encoding="utf-8")
    assert "测试食品有限公司" not in text and "91510100MA6C5T2K3G" not in text  # no names, no codes
    # area A = (2 x (l-1)/4 + 0.25) / 3 for A-01 = l (the red line A-03 is a gate); levels 4/3, 2, 8/3, 10/3, 4
    r = runner.invoke(app, ["score", str(MINI_A), "--peers", str(out), "-q", str(MINI_Q), "-f", "json"])
    assert r.exit_code == 0, r.stderr
    peers = json.loads(r.stdout)["results"][0]["peers"]
    assert peers["group"] == {"sector": "food", "size": "small"} and peers["n"] == 5
    assert peers["percentiles"]["A"] == pytest.approx(75.0)  # 10/3 is the 75th percentile (stored 3.33)
    # the peer profile works as a benchmark too: target = p75
    r = runner.invoke(app, ["score", str(MINI_A), "--benchmark", str(out), "-q", str(MINI_Q), "-f", "json"])
    gaps = {g["area"]: g for g in json.loads(r.stdout)["results"][0]["benchmark"]["gaps"]}
    assert gaps["A"]["target"] == 3.3 and gaps["A"]["met"] is True  # p75 3.33 shown to one decimal; 10/3 meets it


def test_small_cohort_is_refused(tmp_path: Path) -> None:
    cohort = tmp_path / "cohort"
    cohort.mkdir()
    make_cohort(cohort, [1, 2, 3, 4])
    r = runner.invoke(app, ["benchmark", "build", str(cohort), "-o", str(tmp_path / "p.yaml"), "-q", str(MINI_Q),
                            "--lang", "en"])
    assert r.exit_code == 1 and "fewer than the anonymity threshold 5" in r.stderr
    assert not (tmp_path / "p.yaml").exists()
    r = runner.invoke(app, ["benchmark", "build", str(cohort), "-o", str(tmp_path / "p.yaml"), "-k", "2",
                            "-q", str(MINI_Q), "--lang", "en"])
    assert r.exit_code == 2 and "cannot be below 3" in r.stderr


def test_peer_percentiles_in_csv(tmp_path: Path) -> None:
    import csv
    import io

    cohort = tmp_path / "cohort"
    cohort.mkdir()
    make_cohort(cohort, [1, 2, 3, 4, 5])
    out = tmp_path / "peers.yaml"
    assert runner.invoke(app, ["benchmark", "build", str(cohort), "-o", str(out), "-q", str(MINI_Q)]).exit_code == 0
    r = runner.invoke(app, ["score", str(MINI_A), "--peers", str(out), "-q", str(MINI_Q), "-f", "csv"])
    row = next(csv.DictReader(io.StringIO(r.stdout)))
    assert row["peer_group"] == "sector=food;size=small" and row["peer_n"] == "5" and row["A_peer_pct"] == "75.0"


def test_an_area_answered_by_fewer_than_k_companies_is_suppressed_in_a_published_group() -> None:
    """Privacy: a group of k companies is published, but an area only two of them scored is not
    (its percentiles would nearly give away those two companies' levels)."""
    cohort = Cohort(["sector"])
    for i in range(5):
        cohort.add({"sector": "food"}, {"A": 1.0 + i * 0.5, "B": 4.0 if i < 2 else None})
    (group,) = cohort.groups_summary(5, ["A", "B"])
    assert not group.suppressed and group.n == 5
    assert set(group.areas) == {"A"}
    assert set(cohort.overall(5, ["A", "B"]).areas) == {"A"}
    assert set(cohort.overall(2, ["A", "B"]).areas) == {"A", "B"}
