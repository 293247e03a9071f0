"""What every screen of `qmself assess` shares: the typed app, its language, a bilingual pick."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual.screen import ModalScreen, Screen

from qmself.cjk import cell_width, clip
from qmself.model.common import pick

if TYPE_CHECKING:
    from qmself.ui.tui.app import AssessApp

R = TypeVar("R")


def fit_keys(items: list[str], width: int, sep: str = " · ") -> str:
    """As many key hints as fit on one line of `width` cells; the last two (help, quit) always stay."""
    keep = list(items)
    while len(keep) > 2 and cell_width(sep.join(keep)) > width:
        del keep[-3]
    return sep.join(keep)


def fit_title(head: str, shortened: list[str], tail: str, width: int, sep: str = " · ") -> str:
    """`head · shortened… · tail` in one line of `width` cells: the head and the tail stay whole, the
    `shortened` parts (a company name, a file name) give way, the longest first, down to one character
    and … each, and are left out only when even that does not fit."""
    parts = list(shortened)
    while (over := cell_width(sep.join([head, *parts, tail])) - width) > 0:
        widths = [cell_width(p) for p in parts]
        if not parts or max(widths) <= 2:
            return clip(sep.join([head, tail]), width)
        i = widths.index(max(widths))
        others = max(widths[:i] + widths[i + 1:], default=0)
        parts[i] = clip(parts[i], min(widths[i] - 1, max(2, widths[i] - over, others)))  # never below the others
    return sep.join([head, *parts, tail])


class _Lang:
    """The app as `AssessApp` and its current language (mixed into the screen classes)."""

    @property
    def qapp(self) -> AssessApp:
        return cast("AssessApp", self.app)  # type: ignore[attr-defined]

    @property
    def lang(self) -> str:
        return self.qapp.lang

    def t(self, zh: str, en: str) -> str:
        """The text in the current language."""
        return pick(self.lang, zh, en)


class AppScreen(_Lang, Screen[R]):
    """A full screen of the app."""

    def refresh_all(self) -> None:
        """Redraw everything that depends on the language or the answers."""


class AppModal(_Lang, ModalScreen[R]):
    """A dialog over a screen."""

    def refresh_all(self) -> None:
        """Redraw everything that depends on the language."""
