"""Benchmark profiles: the level each area should reach for a given standing."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from qmself.model.common import VERSION_PATTERN, Size, Strict, Text


class Target(Strict):
    """The target level of one area, and why."""

    level: float = Field(ge=1, le=5)
    rationale: Text
    cites: list[str] = Field(min_length=1)


class AreaPeers(Strict):
    """Percentile levels of one area in a peer group."""

    n: int = Field(ge=1)
    p25: float = Field(ge=1, le=5)
    p50: float = Field(ge=1, le=5)
    p75: float = Field(ge=1, le=5)
    p90: float = Field(ge=1, le=5)


class PeerGroup(Strict):
    """One group of a peer cohort (e.g. sector=food, size=small); no company is named."""

    key: dict[str, str]
    n: int = Field(ge=0)
    suppressed: bool
    """Fewer companies than the anonymity threshold: no figures are given."""
    areas: dict[str, AreaPeers] = {}


class Peers(Strict):
    """How a peer profile was built from a cohort of answer files."""

    built: str
    """Date the profile was built (YYYY-MM-DD)."""
    cohort: int = Field(ge=0)
    """Answer files that entered the cohort."""
    k: int = Field(ge=3)
    """Anonymity threshold: groups with fewer companies are suppressed."""
    group_by: list[str]
    overall: PeerGroup
    groups: list[PeerGroup] = []

    def group_for(self, attrs: dict[str, str]) -> PeerGroup | None:
        """The unsuppressed group a company belongs to, if any."""
        for g in self.groups:
            if not g.suppressed and all(attrs.get(k) == v for k, v in g.key.items()):
                return g
        return None


class BenchmarkProfile(Strict):
    """A benchmark profile: per-area targets with a rationale and citations."""

    kind: Literal["benchmark"]
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    version: str = Field(pattern=VERSION_PATTERN)
    questionnaire: str
    title: Text
    summary: Text
    rationale: Text
    cites: list[str] = Field(min_length=1)
    sectors: list[str] | None = None
    """Sectors the profile is meant for; None means all."""
    sizes: list[Size] | None = None
    require_red_lines: bool = False
    """Every applicable red-line question must be answered yes."""
    min_overall_level: float | None = Field(default=None, ge=1, le=5)
    targets: dict[str, Target] = Field(min_length=1)
    peers: Peers | None = None
    """Present in a profile built from a cohort (`qmself benchmark build`)."""


def default_profile_id(size: str) -> str:
    """The profile a company is held against when none is named: the starter level for SMEs."""
    return "standard-leader" if size == "large" else "sme-starter"
