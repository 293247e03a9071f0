"""The questionnaire: areas, sector modules, questions and how answers become levels.

Structural rules (types, required fields, level keys) are checked by the models;
cross-references (unique ids, areas and modules that exist, valid citations) by
`qmself.lint.questionnaire_problems`, so that `lint` can report all of them at once.
"""

from __future__ import annotations

import math
from functools import cached_property
from typing import Any, Literal

from pydantic import Field, model_validator

from qmself.laws import describe_basis
from qmself.model.applicability import NO_FACTS, Applicability, CompanyFacts
from qmself.model.common import VERSION_PATTERN, Size, Strict, Text, pick

QuestionType = Literal["maturity", "yesno", "number"]
LEVELS = (1, 2, 3, 4, 5)
SMALL_SAMPLE_LEVELS = (2, 3)
"""The levels a rate below its question's minimum sample can reach: a handful of
observations shows neither excellence nor failure of a system."""


class Level(Strict):
    """One rung of the five-level maturity scale."""

    level: int = Field(ge=1, le=5)
    name: Text
    summary: Text


class Band(Strict):
    """A numeric range that maps to a level: `min <= value < max` (open ends allowed)."""

    min: float | None = None
    max: float | None = None
    level: int = Field(ge=1, le=5)

    def contains(self, value: float) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value < self.max)


class Area(Strict):
    """An assessment area; its questions' weighted score gives the area level."""

    id: str = Field(pattern=r"^[A-Z][A-Z0-9]*$")
    title: Text
    description: Text
    weight: float = Field(default=1.0, gt=0)
    """Weight of the area in the overall index and in gap priority."""


class Module(Strict):
    """A sector module: questions that apply only to some sectors."""

    id: str
    title: Text
    description: Text


class Sector(Strict):
    """A sector a company can belong to, and the modules that apply to it."""

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    name: Text
    modules: list[str] = []


class Question(Strict):
    """One question. Exactly the fields of its `type` are set."""

    id: str = Field(pattern=r"^[A-Z][A-Z0-9]*-[A-Z0-9]+$")
    area: str
    module: str | None = None
    """Sector module; None for the core."""
    type: QuestionType
    weight: float = Field(gt=0, le=10)
    red_line: bool = False
    """A statutory duty: an unmet red line is reported and caps its area's level."""
    allow_na: bool = False
    sizes: list[Size] | None = None
    """Company sizes the question applies to; None means all."""
    applies_if: Applicability | None = None
    """Company facts the question applies to (all must hold); None means every company."""
    text: Text
    guidance: Text
    evidence: list[Text] = Field(min_length=1)
    cites: list[str] = Field(min_length=1)
    legal_basis: list[str] = []
    """The laws and articles a red line enforces, `<law-id> 第N条` (see `qmself.laws`);
    separate from `cites`, which name policy documents. Every red line has one."""
    levels: dict[int, Text] | None = None
    unit: Text | None = None
    label: Text | None = None
    """What a number question's answer is, in a few words ("来料批次合格率"), so that reports can
    say "来料批次合格率 96.8%" instead of repeating the question."""
    min: float | None = None
    max: float | None = None
    bands: list[Band] | None = None
    min_sample: int | None = Field(default=None, ge=1)
    """Fewest observations (batches, complaints, respondents…) a rate needs to reach a band
    above `SMALL_SAMPLE_LEVELS`' top or below its bottom; the answer states its `sample`."""
    sample_unit: Text | None = None
    """What the sample counts, e.g. 批次 / batches; set together with `min_sample`."""

    @model_validator(mode="after")
    def _fields_match_type(self) -> Question:
        if self.type == "maturity":
            if self.levels is None or sorted(self.levels) != list(LEVELS):
                raise ValueError("a maturity question describes exactly the levels 1, 2, 3, 4 and 5")
        elif self.levels is not None:
            raise ValueError(f"only maturity questions have levels, this one is '{self.type}'")
        if self.type == "number":
            if self.bands is None or self.unit is None:
                raise ValueError("a number question needs a unit and bands")
            if self.min is not None and self.max is not None and self.min >= self.max:
                raise ValueError("min must be below max")
        elif self.bands is not None or self.unit is not None or self.min_sample is not None or self.label is not None:
            raise ValueError(
                f"only number questions have a unit, a label, bands and a minimum sample, this one is '{self.type}'"
            )
        if (self.min_sample is None) != (self.sample_unit is None):
            raise ValueError("min_sample and sample_unit are set together")
        if self.red_line and self.type != "yesno":
            raise ValueError("a red-line question must be a yes/no question")
        return self

    def legal_basis_text(self, lang: str) -> str:
        """The legal basis as every screen and report words it: the laws and articles, then
        the company facts under which the question binds, if it has any (`applies_if`):
        `《中华人民共和国消费者权益保护法》第24条、第25条（适用于：向消费者销售）`. "" without one."""
        if not self.legal_basis:
            return ""
        text = describe_basis(self.legal_basis, lang)
        if self.applies_if is not None:
            who = self.applies_if.describe(lang)
            text += pick(lang, f"（适用于：{who}）", f" (applies to: {who})")
        return text

    def applies(self, modules: frozenset[str], size: str, facts: CompanyFacts = NO_FACTS) -> bool:
        """Does the question apply to a company with these modules, this size and these facts?

        A fact the company has not stated counts as holding (see `missing_facts`).
        """
        if self.module is not None and self.module not in modules:
            return False
        if self.sizes is not None and size not in self.sizes:
            return False
        return self.applies_if is None or self.applies_if.check(facts)[0]

    def band_level(self, value: float, sample: int | None = None) -> int | None:
        """Level of a numeric answer, or None when no band contains it.

        A rate from fewer than `min_sample` observations (or from an unstated
        sample, where the question needs one) says little either way: its level
        is held within `SMALL_SAMPLE_LEVELS`.
        """
        for band in self.bands or ():
            if band.contains(value):
                if self.small_sample(sample):
                    lo, hi = SMALL_SAMPLE_LEVELS
                    return min(max(band.level, lo), hi)
                return band.level
        return None

    @property
    def higher_is_better(self) -> bool:
        """Does a larger number stand for a higher level (True for every question without bands)?"""
        bands = sorted(self.bands or (), key=lambda b: -math.inf if b.min is None else b.min)
        return len(bands) < 2 or bands[-1].level >= bands[0].level

    def level_from(self, level: int) -> float | None:
        """The number from which a number question reaches `level` (None without such a band)."""
        for band in self.bands or ():
            if band.level == level:
                return band.min if self.higher_is_better else band.max
        return None

    def sample_rule(self) -> Text | None:
        """The minimum-sample rule of this question in words, for templates and `show`."""
        if self.min_sample is None or self.sample_unit is None:
            return None
        lo, hi = SMALL_SAMPLE_LEVELS
        n, unit = self.min_sample, self.sample_unit
        return Text(
            zh=f"最少样本 {n} {unit.zh}：答案写成 {{value: 数值, sample: 样本量}}；样本不足或未写时只计 {lo}-{hi} 级",
            en=f"minimum sample {n} {unit.en}: answer {{value: N, sample: SIZE}}; "
            f"a smaller or unstated sample scores within levels {lo}-{hi}",
        )

    def small_sample(self, sample: int | None) -> bool:
        """Is this sample too small (or unknown) for the question's minimum sample?"""
        return self.min_sample is not None and (sample is None or sample < self.min_sample)


class VersionNote(Strict):
    """What happened to a question id in version `since`, and why."""

    id: str
    since: str = Field(pattern=VERSION_PATTERN)
    reason: Text


class Retired(VersionNote):
    """A question id that an earlier version had and this one dropped."""


class Changed(VersionNote):
    """A question whose meaning changed in `since`: an older answer to it is kept, with a notice."""

    from_level: int | None = Field(default=None, ge=2, le=5)
    """Only the descriptions from this level up changed (a maturity question): an older answer
    below it meant the same then as now and gets no notice. None: every answer gets one."""

    def concerns(self, value: object) -> bool:
        """Does this change touch what an older answer `value` meant?"""
        if self.from_level is None:
            return True
        return isinstance(value, int) and not isinstance(value, bool) and value >= self.from_level


class Questionnaire(Strict):
    """A versioned questionnaire."""

    kind: Literal["questionnaire"]
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    version: str = Field(pattern=VERSION_PATTERN)
    title: Text
    description: Text
    red_line_cap: float = Field(default=2.0, ge=1, le=5)
    """Highest level an area (and the overall result) can have while a red line there is unmet."""
    levels: list[Level] = Field(min_length=5, max_length=5)
    level_rule: Text | None = None
    """How to answer when only part of a level's description holds (shown with the levels)."""
    sectors: list[Sector] = Field(min_length=1)
    modules: list[Module] = []
    areas: list[Area] = Field(min_length=1)
    questions: list[Question] = Field(min_length=1)
    retired: list[Retired] = []
    changed: list[Changed] = []
    """Questions whose meaning changed: answers from before `since` get a notice to review them."""

    @cached_property
    def question_by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @cached_property
    def area_by_id(self) -> dict[str, Area]:
        return {a.id: a for a in self.areas}

    @cached_property
    def sector_by_id(self) -> dict[str, Sector]:
        return {s.id: s for s in self.sectors}

    @cached_property
    def retired_by_id(self) -> dict[str, Retired]:
        return {r.id: r for r in self.retired}

    @cached_property
    def changed_by_id(self) -> dict[str, list[Changed]]:
        out: dict[str, list[Changed]] = {}
        for c in self.changed:
            out.setdefault(c.id, []).append(c)
        return out

    def level_name(self, level: int, lang: str) -> str:
        for lv in self.levels:
            if lv.level == level:
                return lv.name(lang)
        return str(level)

    def modules_for(self, sector: str) -> frozenset[str]:
        s = self.sector_by_id.get(sector)
        return frozenset(s.modules) if s else frozenset()

    @cached_property
    def memo(self) -> dict[tuple[object, ...], Any]:
        """Views derived from this (unchanging) questionnaire, kept for batch work."""
        return {}

    def applicable(self, sector: str, size: str, facts: CompanyFacts = NO_FACTS) -> list[Question]:
        """Questions that apply to a company of this sector, size and facts, in file order.

        Pass the `Company` itself as `facts`; without it only sector and size decide
        (every fact counts as not stated, so nothing is left out for a fact).
        """
        key = ("applicable", sector, size, *facts.facts_key())
        found: list[Question] | None = self.memo.get(key)
        if found is None:
            modules = self.modules_for(sector)
            found = self.memo[key] = [q for q in self.questions if q.applies(modules, size, facts)]
        return list(found)

    def applicable_ids(self, sector: str, size: str, facts: CompanyFacts = NO_FACTS) -> frozenset[str]:
        """The ids of `applicable(sector, size, facts)`, for membership tests."""
        key = ("applicable-ids", sector, size, *facts.facts_key())
        found: frozenset[str] | None = self.memo.get(key)
        if found is None:
            found = self.memo[key] = frozenset(q.id for q in self.applicable(sector, size, facts))
        return found

    def facts_used(self, sector: str | None = None) -> frozenset[str]:
        """The company facts some question (of this sector's modules, if given) depends on."""
        modules = None if sector is None else self.modules_for(sector)
        return frozenset(
            f
            for q in self.questions
            if q.applies_if is not None and (modules is None or q.module is None or q.module in modules)
            for f in q.applies_if.facts()
        )

    def fact_questions(self, sector: str, fact: str) -> list[str]:
        """Ids of this sector's questions whose `applies_if` looks at `fact` (what stating it decides)."""
        modules = self.modules_for(sector)
        return [q.id for q in self.questions
                if q.applies_if is not None and fact in q.applies_if.facts()
                and (q.module is None or q.module in modules)]

    def missing_facts(self, sector: str, size: str, facts: CompanyFacts) -> dict[str, list[str]]:
        """Facts the company has not stated that applicable questions depend on -> those question ids.

        Those questions stay applicable; callers show one notice per fact.
        """
        out: dict[str, list[str]] = {}
        for q in self.applicable(sector, size, facts):
            if q.applies_if is not None:
                for fact in q.applies_if.check(facts)[1]:
                    out.setdefault(fact, []).append(q.id)
        return out
