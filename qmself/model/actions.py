"""The improvement-action catalogue: what an enterprise can do to lift an area a level."""

from __future__ import annotations

from functools import cached_property
from typing import Literal

from pydantic import Field, model_validator

from qmself.model.applicability import Applicability
from qmself.model.common import VERSION_PATTERN, Size, Strict, Text

Effort = Literal["S", "M", "L"]


class Role(Strict):
    """Who owns an action (chief quality officer, procurement…)."""

    id: str = Field(pattern=r"^[a-z][a-z-]*$")
    name: Text
    held_by: dict[Size, str] = {}
    """Who holds the role in a company of this size that has no such post (a small firm has no
    legal department: the general manager takes its actions); absent sizes keep the role."""


class Kpi(Strict):
    """How progress on an action is measured."""

    name: Text
    measure: Text
    question: str | None = None
    """The question whose answer is this KPI's baseline, when the KPI measures what that question
    asks: a number question (the answered value, with `target` in its unit) or a maturity question
    (the answered level, aimed at the action's level). Checked by `lint`."""
    target: float | None = None
    """A number question's KPI target in the question's unit (the measure states it in words)."""


class Action(Strict):
    """One improvement action."""

    id: str = Field(pattern=r"^ACT-[A-Z]+-[A-Z0-9]+$")
    areas: list[str] = Field(min_length=1)
    questions: list[str] = []
    """Questions whose level the action lifts (to `to_level` unless `aims` says otherwise)."""
    aims: dict[str, int] = {}
    """The level a linked question reaches where it is not `to_level` (one action may lift one
    question a step less far than another); each key is one of `questions`."""
    module: str | None = None
    """Sector module the action belongs to; None for every company."""
    applies_if: Applicability | None = None
    """Company facts the action applies to (as for questions); None means every company."""
    from_level: int = Field(ge=1, le=4)
    to_level: int = Field(ge=2, le=5)
    title: Text
    description: Text
    cites: list[str] = Field(min_length=1)
    legal_basis: list[str] = []
    """The laws and articles behind a statutory action, `<law-id> 第N条` (see `qmself.laws`)."""
    owner: str
    effort: Effort
    """S under one person-month, M one to three, L more."""
    duration_months: int = Field(ge=1, le=24)
    prerequisites: list[str] = []
    kpis: list[Kpi] = Field(min_length=1)
    evidence: list[Text] = Field(min_length=1)
    red_line: bool = False
    """Fixes an unmet statutory red line."""

    @model_validator(mode="after")
    def _levels_rise(self) -> Action:
        if self.to_level <= self.from_level:
            raise ValueError("to_level must be above from_level")
        for qid in self.aims:
            if qid not in self.questions:
                raise ValueError(f"aims names {qid}, which is not one of the action's questions")
        return self

    def level_for(self, question: str) -> int:
        """The level the action lifts `question` to."""
        return self.aims.get(question, self.to_level)


class Catalogue(Strict):
    """A versioned catalogue of actions for one questionnaire."""

    kind: Literal["actions"]
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    version: str = Field(pattern=VERSION_PATTERN)
    questionnaire: str
    title: Text
    roles: list[Role] = Field(min_length=1)
    actions: list[Action] = Field(min_length=1)

    @cached_property
    def action_by_id(self) -> dict[str, Action]:
        return {a.id: a for a in self.actions}

    @cached_property
    def role_by_id(self) -> dict[str, Role]:
        return {r.id: r for r in self.roles}

    def owner_for(self, role: str, size: str) -> str:
        """The role that owns `role`'s actions in a company of this size (`Role.held_by`)."""
        r = self.role_by_id.get(role)
        return role if r is None else r.held_by.get(size, role)  # type: ignore[call-overload]

    def for_size(self, action: Action, size: str) -> Action:
        """The action with the owner a company of this size has."""
        owner = self.owner_for(action.owner, size)
        return action if owner == action.owner else action.model_copy(update={"owner": owner})
