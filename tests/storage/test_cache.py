"""The cache of validated bundled files (qmself/storage/cache.py): used only when it is the same file
read by the same code, never trusted, never in the way."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from qmself.model.questionnaire import Questionnaire
from qmself.storage import bundled, cache
from qmself.storage.loaders import load_questionnaire

from ..conftest import MINI_Q


class Loads:
    """A loader that counts how often the YAML was really read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.calls = 0

    def __call__(self) -> Questionnaire:
        self.calls += 1
        return load_questionnaire(self.path, lint=False)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv("QMSELF_CACHE_DIR", str(where))
    return where


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "q.yaml"
    shutil.copy(MINI_Q, path)
    return path


def test_second_read_comes_from_the_cache_and_equals_the_yaml(folder: Path, source: Path) -> None:
    load = Loads(source)
    first = cache.cached_model(Questionnaire, source, load)
    second = cache.cached_model(Questionnaire, source, load)
    assert load.calls == 1
    assert len(list(folder.iterdir())) == 1
    assert second.model_dump() == first.model_dump() == load_questionnaire(source, lint=False).model_dump()
    assert second.model_fields_set == first.model_fields_set


def test_every_bundled_questionnaire_reads_back_the_same(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundled.bundled_questionnaires.cache_clear()
    try:
        direct = bundled.bundled_questionnaires()  # reads the YAML and fills the cache
        assert list(folder.iterdir())
        monkeypatch.setattr(bundled, "load_questionnaire", _must_not_be_called)
        bundled.bundled_questionnaires.cache_clear()
        cached = bundled.bundled_questionnaires()
    finally:
        bundled.bundled_questionnaires.cache_clear()
    assert [q.model_dump() for q in cached] == [q.model_dump() for q in direct]
    # what the code derives from the models (areas, applicability, changes) is the same too
    for a, b in zip(cached, direct, strict=True):
        assert [q.id for q in a.questions] == [q.id for q in b.questions]
        assert a.applicable("food", "medium") == b.applicable("food", "medium")


def _must_not_be_called(*args: object, **kwargs: object) -> Questionnaire:
    raise AssertionError("the YAML was read although the cache had it")


def test_a_changed_file_is_read_again(folder: Path, source: Path) -> None:
    load = Loads(source)
    cache.cached_model(Questionnaire, source, load)
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace('version: "2.0"', 'version: "2.1"', 1), encoding="utf-8")
    q = cache.cached_model(Questionnaire, source, load)
    assert load.calls == 2 and q.version == "2.1"
    assert len(list(folder.iterdir())) == 1  # replaced, not piled up


def test_changed_code_reads_the_file_again(folder: Path, source: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load = Loads(source)
    cache.cached_model(Questionnaire, source, load)
    monkeypatch.setattr(cache, "code_fingerprint", lambda: b"another version of qmself")
    cache.cached_model(Questionnaire, source, load)
    assert load.calls == 2


@pytest.mark.parametrize("damage", [b"", b"garbage", None, b"\n{}"])
def test_a_damaged_cache_is_not_used_and_is_mended(folder: Path, source: Path, damage: bytes | None) -> None:
    load = Loads(source)
    cache.cached_model(Questionnaire, source, load)
    (entry,) = folder.iterdir()
    good = entry.read_bytes()
    if damage is None:  # the right key, half a body (a disk that filled up under another program)
        entry.write_bytes(good[: len(good) // 2])
    else:
        entry.write_bytes(damage)
    q = cache.cached_model(Questionnaire, source, load)
    assert load.calls == 2 and q.model_dump() == load().model_dump()
    assert entry.read_bytes() == good


def test_a_cache_that_cannot_be_written_is_no_error(tmp_path: Path, source: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("QMSELF_CACHE_DIR", str(blocker / "cache"))
    load = Loads(source)
    assert cache.cached_model(Questionnaire, source, load).id == load().id
    assert blocker.read_text() == "not a folder"


def test_empty_setting_turns_the_cache_off(tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QMSELF_CACHE_DIR", "")
    monkeypatch.chdir(tmp_path)
    load = Loads(source)
    cache.cached_model(Questionnaire, source, load)
    cache.cached_model(Questionnaire, source, load)
    assert load.calls == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q.yaml"]


def test_default_folder_follows_the_platform(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("QMSELF_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    if os.name == "posix" and cache.sys.platform != "darwin":
        assert cache.cache_dir() == tmp_path / "qmself"
        monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # not absolute: ignored, as the XDG spec says
        assert cache.cache_dir() == Path.home() / ".cache" / "qmself"
