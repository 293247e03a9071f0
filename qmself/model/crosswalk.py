"""Crosswalks: how the questionnaire's questions stand in for the parts of another framework.

A crosswalk file names one framework (GB/T 19580-2012, ISO 9004:2018, GB/T 19001-2016 /
ISO 9001:2015), its categories and items (with point values where the framework has
them, each marked as verified against a quoted source or not), and for every question
of the questionnaire the items it informs, with a weight.
"""

from __future__ import annotations

from functools import cached_property
from typing import Literal

from pydantic import Field, model_validator

from qmself.model.common import VERSION_PATTERN, Strict, Text, bilingual_error

FrameworkId = Literal["gbt19580", "iso9004", "iso9001"]
FRAMEWORKS: tuple[FrameworkId, ...] = ("gbt19580", "iso9004", "iso9001")


class Verifies(Strict):
    """What a source confirms, by category or item id. `lint` holds the file's
    `points_verified` / `bands_verified` marks to exactly this: a value is marked verified
    only when some source names it here, and a source names nothing the file leaves marked
    unverified."""

    points: list[str] = []
    """Ids whose point values the quote shows (GB/T 19580)."""
    titles_zh: list[str] = []
    """Ids whose Chinese titles (with their numbers) the quote shows."""
    titles_en: list[str] = []
    """Ids whose English titles (with their numbers) the quote shows."""
    bands: bool = False
    """The quote shows the scoring bands' percentage limits."""


class Source(Strict):
    """Where a framework's structure or values come from."""

    title: str
    """The document (standard, guide, or a public page reproducing it)."""
    url: str | None = None
    supports: Text
    """What this source was used to verify, in words."""
    quote: str | None = None
    """A short passage from the source, for the reader to check."""
    verifies: Verifies = Verifies()
    """The same, by id: what `lint` checks the file's verified marks against."""


class Item(Strict):
    """The smallest part of a framework that questions map to (a GB/T 19580 item,
    an ISO 9004 sub-clause, an ISO 9001 clause)."""

    id: str = Field(pattern=r"^\d+(\.\d+){0,3}$")
    title: Text
    points: float | None = Field(default=None, gt=0)
    """Maximum points (GB/T 19580 only)."""
    points_verified: bool = True
    """False where the point value could not be checked against a quoted source."""


class Category(Strict):
    """A group of items: a GB/T 19580 category 4.1-4.7, or a top-level clause."""

    id: str = Field(pattern=r"^\d+(\.\d+)?$")
    title: Text
    kind: Literal["process", "results", "clause"] = "clause"
    """GB/T 19580 scores process categories (4.1-4.6) by approach-deployment-learning-
    integration and results (4.7) by levels-trends-comparisons-integration."""
    points: float | None = Field(default=None, gt=0)
    points_verified: bool = True
    measured: Literal["well", "partly", "poorly"] = "partly"
    """How well the questionnaire measures this category (declared, and explained in `note`)."""
    note: Text | None = None
    items: list[Item] = Field(min_length=1)


class ScoringBand(Strict):
    """A GB/T 19580 scoring band: a percentage range of an item's points."""

    low: float = Field(ge=0, le=100)
    high: float = Field(ge=0, le=100)
    label: Text


class Crosswalk(Strict):
    """One framework and the mapping of the questionnaire's questions onto it."""

    kind: Literal["crosswalk"]
    framework: FrameworkId
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    version: str = Field(pattern=VERSION_PATTERN)
    """Version of this crosswalk file."""
    questionnaire: str
    title: Text
    edition: str
    """The edition the crosswalk is pinned to (e.g. GB/T 19580-2012)."""
    estimate_note: Text
    """How answers stand in for the framework, and the limits of the estimate."""
    sources: list[Source] = Field(min_length=1)
    bands: list[ScoringBand] = []
    bands_verified: bool = True
    level_percent: dict[int, float] = {}
    """GB/T 19580: the percentage of an item's points that a maturity level stands for."""
    categories: list[Category] = Field(min_length=1)
    mapping: dict[str, dict[str, float]]
    """question id -> {item id: weight}; weights in (0, 1] and summing to at most 1 per question."""

    @cached_property
    def item_by_id(self) -> dict[str, Item]:
        return {i.id: i for c in self.categories for i in c.items}

    @cached_property
    def category_of(self) -> dict[str, Category]:
        return {i.id: c for c in self.categories for i in c.items}

    @cached_property
    def by_item(self) -> dict[str, list[tuple[str, float]]]:
        """item id -> [(question id, weight)], in mapping order."""
        out: dict[str, list[tuple[str, float]]] = {i: [] for i in self.item_by_id}
        for qid, links in self.mapping.items():
            for item, w in links.items():
                out.setdefault(item, []).append((qid, w))
        return out

    @property
    def max_points(self) -> float | None:
        if self.framework != "gbt19580":
            return None
        return sum(c.points or 0 for c in self.categories)

    def title_verified(self, part_id: str, lang: str) -> bool:
        """Whether a source quotes this category's or item's title in `lang` with its number."""
        return any(part_id in (s.verifies.titles_zh if lang == "zh" else s.verifies.titles_en) for s in self.sources)

    @property
    def points_verified(self) -> bool:
        return all(c.points_verified and all(i.points_verified for i in c.items) for c in self.categories)

    @model_validator(mode="after")
    def _consistent(self) -> Crosswalk:
        ids = [i.id for c in self.categories for i in c.items]
        if len(ids) != len(set(ids)):
            dup = next(i for i in ids if ids.count(i) > 1)
            raise bilingual_error(f"条目编号 {dup} 重复", f"item id {dup} appears twice")
        cats = [c.id for c in self.categories]
        if len(cats) != len(set(cats)):
            raise bilingual_error("类目编号重复", "a category id appears twice")
        if self.framework == "gbt19580":
            for c in self.categories:
                if c.points is None or any(i.points is None for i in c.items):
                    raise bilingual_error(
                        f"GB/T 19580 类目 {c.id} 及其条目都须给出分值",
                        f"GB/T 19580 category {c.id} and each of its items need points",
                    )
                total = sum(i.points or 0 for i in c.items)
                if abs(total - (c.points or 0)) > 1e-6:
                    raise bilingual_error(
                        f"类目 {c.id} 的条目分值之和 {total:g} 不等于类目分值 {c.points:g}",
                        f"the items of category {c.id} add up to {total:g}, not {c.points:g}",
                    )
            if sorted(self.level_percent) != [1, 2, 3, 4, 5]:
                raise bilingual_error("level_percent 须为 1 到 5 级各给出百分比",
                                      "level_percent needs a percentage for each level 1-5")
            pcts = [self.level_percent[k] for k in (1, 2, 3, 4, 5)]
            if pcts != sorted(pcts) or not all(0 <= p <= 100 for p in pcts):
                raise bilingual_error("level_percent 须随等级递增且在 0 到 100 之间",
                                      "level_percent must rise with the level and stay within 0-100")
            if not self.bands:
                raise bilingual_error("GB/T 19580 需要评分档次（bands）", "GB/T 19580 needs scoring bands")
        for b in self.bands:
            if b.low > b.high:
                raise bilingual_error(f"评分档次 {b.low:g}–{b.high:g} 上下限颠倒",
                                      f"scoring band {b.low:g}-{b.high:g} is upside down")
        self._check_verified_marks()
        for qid, links in self.mapping.items():
            if not links:
                raise bilingual_error(f"题目 {qid} 的映射为空", f"question {qid} maps to nothing")
            for item, w in links.items():
                if item not in self.item_by_id:
                    raise bilingual_error(f"题目 {qid} 映射到不存在的条目 {item}",
                                          f"question {qid} maps to unknown item {item}")
                if not 0 < w <= 1:
                    raise bilingual_error(f"题目 {qid} → {item} 的权重 {w:g} 应在 0 到 1 之间（不含 0）",
                                          f"weight {w:g} of {qid} -> {item} must be in (0, 1]")
            if sum(links.values()) > 1 + 1e-6:
                raise bilingual_error(
                    f"题目 {qid} 的权重之和超过 1", f"the weights of question {qid} add up to more than 1"
                )
        return self

    def _check_verified_marks(self) -> None:
        """Every verified mark is backed by a source, and every value a source backs is marked verified."""
        parts = {c.id: c for c in self.categories} | dict(self.item_by_id)
        for s in self.sources:
            v = s.verifies
            for pid in [*v.points, *v.titles_zh, *v.titles_en]:
                if pid not in parts:
                    raise bilingual_error(f"来源“{s.title}”核实的编号 {pid} 不在本文件中",
                                          f"source '{s.title}' verifies {pid}, which this file does not have")
        backed = {pid for s in self.sources for pid in s.verifies.points}
        for pid, part in parts.items():
            if part.points is None:
                if pid in backed:
                    raise bilingual_error(f"来源核实了 {pid} 的分值，但本文件没有给出分值",
                                          f"a source verifies the points of {pid}, which has none here")
                continue
            if part.points_verified and pid not in backed:
                raise bilingual_error(
                    f"{pid} 的分值标为已核实，但没有来源在 verifies.points 中列出它；"
                    "请补上来源或标 points_verified: false",
                    f"the points of {pid} are marked verified but no source lists it under verifies.points; "
                    "add the source or mark points_verified: false")
            if not part.points_verified and pid in backed:
                raise bilingual_error(f"来源已核实 {pid} 的分值，请去掉 points_verified: false",
                                      f"a source verifies the points of {pid}; drop points_verified: false")
        bands_backed = any(s.verifies.bands for s in self.sources)
        if self.bands and self.bands_verified != bands_backed:
            raise bilingual_error(
                "bands_verified 与来源不符：只有来源的 verifies.bands 为真时评分档次才算已核实",
                "bands_verified disagrees with the sources: the bands count as verified "
                "only when a source has verifies.bands: true")

    def band_of(self, percent: float) -> ScoringBand | None:
        """The scoring band a percentage falls in (a value between two bands takes the lower)."""
        found = None
        for b in sorted(self.bands, key=lambda b: b.low):
            if percent + 1e-9 >= b.low:
                found = b
        return found
