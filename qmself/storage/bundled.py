"""Where the bundled questionnaires and benchmark profiles live, and the catalogue of them.

In a wheel they are packaged under `qmself/_bundled/`; in a source checkout
(editable install, tests) they are read from the repository's top-level
`questionnaires/` and `benchmarks/` folders.
"""

from __future__ import annotations

from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

from qmself.errors import QmselfError, UsageError
from qmself.model.benchmark import BenchmarkProfile
from qmself.model.common import version_key
from qmself.model.questionnaire import Questionnaire
from qmself.storage.cache import cached_model
from qmself.storage.loaders import load_catalogue, load_crosswalk, load_profile, load_questionnaire

if TYPE_CHECKING:  # imported where a catalogue or crosswalk is loaded (not for answering)
    from qmself.model.actions import Catalogue
    from qmself.model.crosswalk import Crosswalk

_PKG = Path(__file__).resolve().parent.parent


def data_dir(name: str) -> Path:
    """The folder of bundled `questionnaires` or `benchmarks`."""
    for candidate in (_PKG / "_bundled" / name, _PKG.parent / name):
        if candidate.is_dir():
            return candidate
    raise QmselfError(f"找不到内置的 {name} 目录；安装可能不完整", f"bundled {name} folder not found; broken install?")


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


CATALOGUE = _PKG / "catalogue" / "actions.yaml"
CROSSWALKS = _PKG / "crosswalks"


def crosswalk_files() -> list[Path]:
    """The bundled framework crosswalks (GB/T 19580, ISO 9004, ISO 9001)."""
    return _yaml_files(CROSSWALKS)


@cache
def bundled_questionnaires() -> tuple[Questionnaire, ...]:
    # linted by the test suite (tests/test_content.py), so checked against the model only at run time,
    # and read from the cache of validated files when it has them (start-up of `assess`)
    return tuple(cached_model(Questionnaire, p, partial(load_questionnaire, p, lint=False))
                 for p in _yaml_files(data_dir("questionnaires")))


class Catalog:
    """The questionnaires and profiles a command can use: bundled ones plus the user's."""

    def __init__(self, extra_questionnaires: list[Path] | tuple[Path, ...] = ()) -> None:
        latest: dict[str, Questionnaire] = {}
        extra = [load_questionnaire(p) for p in extra_questionnaires]
        self.default_id = extra[0].id if extra else "qmself-core"
        for q in [*bundled_questionnaires(), *extra]:
            have = latest.get(q.id)
            if have is None or version_key(q.version) >= version_key(have.version):
                latest[q.id] = q
        self.questionnaires = latest
        self._profiles: dict[str, BenchmarkProfile] | None = None
        self._catalogues: dict[tuple[str, str, str], Catalogue] = {}
        self._crosswalks: dict[tuple[str, str, str, str], Crosswalk] = {}

    def questionnaire(self, qid: str | None = None) -> Questionnaire:
        """A questionnaire by id; the default is the first one given by the user, else the bundled core."""
        if qid is None:
            qid = self.default_id
        try:
            return self.questionnaires[qid]
        except KeyError:
            raise UsageError(
                f"未知问卷 '{qid}'（可用：{', '.join(self.questionnaires)}）",
                f"unknown questionnaire '{qid}' (available: {', '.join(self.questionnaires)})",
            ) from None

    @property
    def profiles(self) -> dict[str, BenchmarkProfile]:
        if self._profiles is None:
            out = {}
            for path in _yaml_files(data_dir("benchmarks")):
                p = load_profile(path, None)
                out[p.id] = p
            self._profiles = out
        return self._profiles

    def catalogue(self, questionnaire: Questionnaire, path: Path | None = None) -> Catalogue:
        """The action catalogue (the bundled one unless `path` is given), checked against `questionnaire`."""
        path = path or CATALOGUE
        key = (str(path), questionnaire.id, questionnaire.version)
        if key not in self._catalogues:
            if not path.is_file():
                raise UsageError("措施库文件不存在", "no such action-catalogue file", file=str(path))
            c = load_catalogue(path, None)
            if c.questionnaire != questionnaire.id:
                raise UsageError(
                    f"措施库 {c.id} 只适用于问卷 {c.questionnaire}，无法为 {questionnaire.id} 制定计划",
                    f"action catalogue {c.id} is for questionnaire {c.questionnaire}; "
                    f"it cannot plan for {questionnaire.id}",
                    file=str(path),
                )
            self._catalogues[key] = load_catalogue(path, questionnaire)
        return self._catalogues[key]

    def crosswalk(self, framework: str, questionnaire: Questionnaire) -> Crosswalk:
        """The bundled crosswalk of `framework` for `questionnaire`, checked against it."""
        from qmself.model.crosswalk import FRAMEWORKS

        if framework not in FRAMEWORKS:
            raise UsageError(
                f"未知对照框架 '{framework}'（可用：{', '.join(FRAMEWORKS)}）",
                f"unknown framework '{framework}' (available: {', '.join(FRAMEWORKS)})",
            )
        key = ("crosswalk", framework, questionnaire.id, questionnaire.version)
        found = self._crosswalks.get(key)
        if found is None:
            for path in crosswalk_files():
                cw = load_crosswalk(path, None)
                if cw.framework == framework and cw.questionnaire == questionnaire.id:
                    found = load_crosswalk(path, questionnaire)
                    break
            else:
                raise UsageError(
                    f"问卷 {questionnaire.id} 没有 {framework} 对照表",
                    f"questionnaire {questionnaire.id} has no {framework} crosswalk",
                )
            self._crosswalks[key] = found
        return found

    def profile(self, ref: str) -> BenchmarkProfile:
        """A profile by bundled id, or from a YAML file path."""
        path = Path(ref)
        if ref.endswith((".yaml", ".yml")) or path.is_file():
            if not path.is_file():
                raise UsageError("基准档案文件不存在", "no such benchmark profile file", file=ref)
            return self._checked(load_profile(path, None, ref), ref)
        try:
            return self._checked(self.profiles[ref], ref)
        except KeyError:
            raise UsageError(
                f"未知基准档案 '{ref}'（可用：{', '.join(self.profiles)}；也可给出 YAML 文件路径）",
                f"unknown benchmark profile '{ref}' (available: {', '.join(self.profiles)}; "
                "or give a YAML file path)",
            ) from None

    def _checked(self, p: BenchmarkProfile, where: str) -> BenchmarkProfile:
        """The profile, once its targets are known to fit its questionnaire."""
        q = self.questionnaires.get(p.questionnaire)
        if q is None:
            raise QmselfError(
                f"基准档案针对未知问卷 '{p.questionnaire}'",
                f"profile is for unknown questionnaire '{p.questionnaire}'",
                file=where, field="questionnaire",
            )
        from qmself.lint import profile_problems

        problems = profile_problems(p, q)
        if problems:
            raise QmselfError(problems[0].zh, problems[0].en, file=where, field=problems[0].field)
        return p
