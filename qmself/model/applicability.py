"""Company facts and the conditions (`applies_if:`) that decide what applies to a company.

Beside sector and size, a few facts about a company decide which duties it has:
whether it sells to consumers, whether it exports, and its role in a food or
construction chain. A question or a catalogue action carries an `Applicability`
condition; every field it gives must hold (a list means "one of"). A fact the
company has not stated never hides anything: the condition counts as holding
and the caller reports the missing fact, so an older answer file loses no
question.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field, field_validator

from qmself.model.common import Strict

FoodRole = Literal["grower", "producer", "wholesaler", "retailer", "caterer"]
ConstructionRole = Literal["developer", "contractor", "surveyor", "designer", "supervisor", "materials"]
"""The five responsible parties of 建质〔2014〕124号 (建设、勘察、设计、施工、监理 单位) and the producers of
building materials and components, who are not one of them."""
Fact = Literal["consumer_sales", "exports", "food_role", "construction_role"]

FACTS: tuple[Fact, ...] = get_args(Fact)
FOOD_ROLES: tuple[str, ...] = get_args(FoodRole)
CONSTRUCTION_ROLES: tuple[str, ...] = get_args(ConstructionRole)
ROLE_CHOICES: dict[str, tuple[str, ...]] = {"food_role": FOOD_ROLES, "construction_role": CONSTRUCTION_ROLES}
ROLE_MODULE: dict[str, str] = {"food_role": "food", "construction_role": "construction"}
"""The sector module whose questions and actions a role fact may decide."""

FACT_NAMES: dict[str, tuple[str, str]] = {
    "consumer_sales": ("是否向消费者销售", "sells to consumers"),
    "exports": ("是否出口", "exports"),
    "food_role": ("食品链角色", "role in the food chain"),
    "construction_role": ("建设工程角色", "role in construction"),
}
"""How each fact is named to a user, (zh, en)."""

BOOL_NAMES: dict[str, tuple[str, str, str, str]] = {
    "consumer_sales": ("向消费者销售", "sells to consumers", "不向消费者销售", "no consumer sales"),
    "exports": ("有出口", "exports", "无出口", "no exports"),
}
"""A yes/no fact as a condition, (zh if true, en if true, zh if false, en if false)."""

VALUE_NAMES: dict[str, tuple[str, str]] = {
    "grower": ("种植养殖者（食用农产品生产者）", "grower (primary producer)"),
    "producer": ("食品生产者", "food manufacturer"),
    "wholesaler": ("批发经营者", "wholesaler"),
    "retailer": ("零售经营者", "retailer"),
    "caterer": ("餐饮服务提供者", "caterer"),
    "developer": ("建设单位（开发商）", "developer (client)"),
    "contractor": ("施工单位", "contractor"),
    "surveyor": ("勘察单位", "surveyor (site investigation)"),
    "designer": ("设计单位", "designer"),
    "supervisor": ("工程监理单位", "supervising engineer"),
    "materials": ("建材、构配件生产者", "building-material or component producer"),
}
"""How each role is named to a user, (zh, en)."""

FACT_HELP: dict[str, tuple[str, str]] = {
    "consumer_sales": (
        "向个人消费者（为生活消费）销售商品或提供服务：true/false",
        "sells goods or services to consumers (for personal use): true/false",
    ),
    "exports": ("有出口业务：true/false", "exports goods or services: true/false"),
    "food_role": (
        "食品企业的角色：" + " | ".join(FOOD_ROLES) + "（兼有多个时写成列表）",
        "food company's role: " + " | ".join(FOOD_ROLES) + " (a list if several)",
    ),
    "construction_role": (
        "建设工程中的角色：" + " | ".join(CONSTRUCTION_ROLES) + "（兼有多个时写成列表）",
        "role in construction: " + " | ".join(CONSTRUCTION_ROLES) + " (a list if several)",
    ),
}
"""One line of help per fact, (zh, en), for templates and prompts."""


def _as_roles(v: object) -> object:
    """`producer` and `[producer, retailer]` both mean a set of roles; keep a single one as is."""
    if isinstance(v, list) and len(v) == 1:
        return v[0]
    return v


class CompanyFacts(Strict):
    """The facts a company states about itself; None (or absent) means not stated."""

    consumer_sales: bool | None = None
    """Sells goods or services to consumers, for personal use."""
    exports: bool | None = None
    food_role: FoodRole | list[FoodRole] | None = None
    """Role in the food chain; a list when the company has several."""
    construction_role: ConstructionRole | list[ConstructionRole] | None = None
    """Role among the parties to a construction project; a list when several."""

    @field_validator("food_role", "construction_role", mode="before")
    @classmethod
    def _roles(cls, v: object) -> object:
        return _as_roles(v)

    def fact(self, name: str) -> frozenset[object] | None:
        """The stated value(s) of a fact as a set, None when not stated."""
        v = getattr(self, name)
        if v is None:
            return None
        return frozenset(v) if isinstance(v, list) else frozenset([v])

    def facts_key(self) -> tuple[object, ...]:
        """A hashable key of the facts, for memoising what applies."""
        out: list[object] = []
        for name in FACTS:
            v = getattr(self, name)
            out.append(tuple(sorted(v)) if isinstance(v, list) else v)
        return tuple(out)


NO_FACTS = CompanyFacts()


class Applicability(Strict):
    """A condition on company facts (`applies_if:`): every field given must hold.

    A list of roles means "one of them"; a company with several roles meets it
    when any of its roles is listed.
    """

    consumer_sales: bool | None = None
    exports: bool | None = None
    food_role: list[FoodRole] | None = Field(default=None, min_length=1)
    construction_role: list[ConstructionRole] | None = Field(default=None, min_length=1)

    @field_validator("food_role", "construction_role", mode="before")
    @classmethod
    def _lists(cls, v: object) -> object:
        return [v] if isinstance(v, str) else v

    def facts(self) -> list[str]:
        """The facts this condition looks at, in FACTS order."""
        return [f for f in FACTS if getattr(self, f) is not None]

    def check(self, company: CompanyFacts) -> tuple[bool, list[str]]:
        """(applies?, the facts it needed that the company has not stated).

        A missing fact counts as holding; the other facts still decide.
        """
        missing: list[str] = []
        for name in FACTS:
            wanted = getattr(self, name)
            if wanted is None:
                continue
            have = company.fact(name)
            if have is None:
                missing.append(name)
                continue
            allowed = frozenset(wanted) if isinstance(wanted, list) else frozenset([wanted])
            if not have & allowed:
                return False, []
        return True, missing

    def describe(self, lang: str) -> str:
        """The condition in words: `sells to consumers; role in the food chain: producer, wholesaler`."""
        parts: list[str] = []
        zh = lang == "zh"
        for name in self.facts():
            v = getattr(self, name)
            label = FACT_NAMES[name][0 if zh else 1]
            if isinstance(v, bool):
                parts.append(BOOL_NAMES[name][(0 if zh else 1) + (0 if v else 2)])
            else:
                names = [VALUE_NAMES[x][0 if zh else 1] for x in v]
                parts.append(f"{label}{'：' if zh else ': '}{('、' if zh else ', ').join(names)}")
        return ("；" if zh else "; ").join(parts)
