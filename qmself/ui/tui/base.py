"""What every screen of `qmself assess` shares: the typed app, its language, a bilingual pick."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual.screen import ModalScreen, Screen

from qmself.cjk import cell_width
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
