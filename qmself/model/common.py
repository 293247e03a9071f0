"""Small shared types: bilingual text, languages, sizes, versions."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

if TYPE_CHECKING:
    from typing_extensions import Self  # in typing from Python 3.11

Lang = Literal["zh", "en"]
Size = Literal["micro", "small", "medium", "large"]
SIZES: tuple[Size, ...] = ("micro", "small", "medium", "large")
SIZE_NAMES: dict[str, tuple[str, str]] = {
    "micro": ("微型", "micro"),
    "small": ("小型", "small"),
    "medium": ("中型", "medium"),
    "large": ("大型", "large"),
}

_VERSION = re.compile(r"^[0-9]+(\.[0-9]+){0,2}$")  # not \d: pydantic's regex (and int()) take any script's digits
VERSION_PATTERN = _VERSION.pattern


class Strict(BaseModel):
    """Base for every model: unknown keys are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy; with `update`, without the views the original cached from its old fields."""
        copy = super().model_copy(update=update, deep=deep)
        if update:
            for klass in type(self).__mro__:
                for name, attr in vars(klass).items():
                    if isinstance(attr, cached_property):
                        copy.__dict__.pop(name, None)
        return copy


class Text(Strict):
    """A user-visible string in Simplified Chinese and English."""

    zh: str = Field(min_length=1)
    """Simplified Chinese."""
    en: str = Field(min_length=1)
    """English translation."""

    def __call__(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def version_key(version: str) -> tuple[int, ...]:
    """`"1.10"` -> `(1, 10, 0)`: versions compare numerically, not as text."""
    parts = [int(p) for p in version.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


def pick(lang: str, zh: str, en: str) -> str:
    """Choose one of two literal strings by language."""
    return zh if lang == "zh" else en


def bilingual_error(zh: str, en: str) -> PydanticCustomError:
    """A validation error whose message the loaders can show in either language."""
    return PydanticCustomError("qmself", "{en}", {"zh": zh, "en": en})
