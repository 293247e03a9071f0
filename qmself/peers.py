"""Peer benchmarks built from a cohort of assessments (pure).

Levels are binned to 0.01 (401 bins from 1.00 to 5.00), so a cohort of any size
takes the same memory. Percentiles use linear interpolation between the closest
ranks (position (n − 1) × p over the sorted levels, as numpy's default does).
A group with fewer than `k` companies is suppressed: its figures are never
written. A company's position among its peers is estimated from the group's
quartiles by piecewise-linear interpolation through (1.0, 0), (p25, 25),
(p50, 50), (p75, 75), (p90, 90) and (5.0, 100).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from qmself.model.benchmark import AreaPeers, PeerGroup

BINS = 401
PERCENTILES = (25, 50, 75, 90)
MIN_K = 3
DEFAULT_K = 5


def _bin(level: float) -> int:
    return max(0, min(BINS - 1, round((level - 1.0) * 100)))


class Histogram:
    """Counts of levels in 0.01 steps from 1.00 to 5.00."""

    __slots__ = ("counts", "n")

    def __init__(self) -> None:
        self.counts = [0] * BINS
        self.n = 0

    def add(self, level: float) -> None:
        self.counts[_bin(level)] += 1
        self.n += 1

    def value_at_rank(self, rank: int) -> float:
        """The level of the `rank`-th smallest value (0-based)."""
        seen = 0
        for i, c in enumerate(self.counts):
            seen += c
            if seen > rank:
                return 1.0 + i / 100
        raise IndexError(rank)

    def percentile(self, p: float) -> float:
        if self.n == 0:
            raise ValueError("empty histogram")
        pos = (self.n - 1) * p / 100
        lo = int(pos)
        frac = pos - lo
        low = self.value_at_rank(lo)
        if frac == 0 or lo + 1 >= self.n:
            return low
        return low + (self.value_at_rank(lo + 1) - low) * frac


class Cohort:
    """Accumulates area levels per group; memory does not grow with the cohort."""

    def __init__(self, group_by: Iterable[str]) -> None:
        self.group_by = tuple(group_by)
        self.groups: dict[tuple[str, ...], dict[str, Histogram]] = {}
        self.counts: dict[tuple[str, ...], int] = {}
        self.everyone: dict[str, Histogram] = {}
        self.total = 0

    def add(self, attrs: dict[str, str], levels: dict[str, float | None]) -> None:
        key = tuple(attrs[g] for g in self.group_by)
        group = self.groups.setdefault(key, {})
        self.counts[key] = self.counts.get(key, 0) + 1
        self.total += 1
        for area, level in levels.items():
            if level is None:
                continue
            group.setdefault(area, Histogram()).add(level)
            self.everyone.setdefault(area, Histogram()).add(level)

    def _areas(self, hists: dict[str, Histogram], k: int, order: list[str]) -> dict[str, AreaPeers]:
        out = {}
        for area in order:
            h = hists.get(area)
            if h is None or h.n < k:
                continue
            out[area] = AreaPeers(n=h.n, **{f"p{p}": round(h.percentile(p), 2) for p in PERCENTILES})
        return out

    def groups_summary(self, k: int, order: list[str]) -> list[PeerGroup]:
        """One entry per group, suppressed below `k` companies."""
        out = []
        for key in sorted(self.groups):
            n = self.counts[key]
            attrs = dict(zip(self.group_by, key, strict=True))
            if n < k:
                out.append(PeerGroup(key=attrs, n=n, suppressed=True, areas={}))
            else:
                out.append(PeerGroup(key=attrs, n=n, suppressed=False, areas=self._areas(self.groups[key], k, order)))
        return out

    def overall(self, k: int, order: list[str]) -> PeerGroup:
        if self.total < k:
            return PeerGroup(key={}, n=self.total, suppressed=True, areas={})
        return PeerGroup(key={}, n=self.total, suppressed=False, areas=self._areas(self.everyone, k, order))


def position(level: float, peers: AreaPeers) -> float:
    """Estimated percentile (0-100) of `level` among the peers, from their quartiles.

    The peers' levels are binned and stored to 0.01, so `level` is compared at
    that resolution too: a company exactly at the peers' p75 of 3.333... (stored
    3.33) is at the 75th percentile, not a hair above it.
    """
    level = round(level, 2)
    points = [(1.0, 0.0), (peers.p25, 25.0), (peers.p50, 50.0), (peers.p75, 75.0), (peers.p90, 90.0), (5.0, 100.0)]
    # equal levels (ties) stand for the middle of their percentile range
    merged: list[tuple[float, float]] = []
    for lv, pct in points:
        if merged and abs(merged[-1][0] - lv) < 1e-9:
            group = [p for v, p in points if abs(v - lv) < 1e-9]
            merged[-1] = (lv, sum(group) / len(group))
        else:
            merged.append((lv, pct))
    if level <= merged[0][0]:
        return merged[0][1]
    for (x0, y0), (x1, y1) in itertools.pairwise(merged):
        if level <= x1:
            return y0 + (y1 - y0) * (level - x0) / (x1 - x0)
    return merged[-1][1]
