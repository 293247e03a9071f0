"""A cache of the bundled files in validated form, so that start-up does not parse their YAML each time.

The bundled questionnaire is half a megabyte of YAML; reading it with line
numbers and validating it takes tens of milliseconds, most of a second's
budget for the first screen of `qmself assess`. The model it validates into
is written here once as JSON and read back through the same model
(`model_validate_json`, every validator runs again), which is several times
faster and never trusts the cache: a file that is damaged, from another
version of qmself or of pydantic, or for a changed YAML is simply not used.

* Where: `QMSELF_CACHE_DIR`, else the platform's cache folder
  (`$XDG_CACHE_HOME/qmself`, `~/.cache/qmself`, `~/Library/Caches/qmself`,
  `%LOCALAPPDATA%\\qmself\\Cache`). `QMSELF_CACHE_DIR=""` turns the cache off.
* Key: the source file's bytes, the source of qmself's code (name, size and
  modification time of every module) and the pydantic version. One cache file
  per source file, replaced whole (`atomic.replacing`) when the key changes, so
  files never pile up and concurrent runs never see half a file.
* A cache that cannot be written (read-only home, full disk) is not an error:
  the file is read from its YAML as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

import qmself

M = TypeVar("M", bound=BaseModel)

_PKG = Path(qmself.__file__).resolve().parent


def cache_dir() -> Path | None:
    """The folder of qmself's cache, or None when it is turned off (`QMSELF_CACHE_DIR=""`)."""
    env = os.environ.get("QMSELF_CACHE_DIR")
    if env is not None:
        return Path(env) if env.strip() else None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "qmself" / "Cache" if base else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "qmself"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache") / "qmself"


@cache
def code_fingerprint() -> bytes:
    """What the validated form depends on besides the file: qmself's code and pydantic's version."""
    import pydantic

    h = hashlib.sha256(f"{qmself.__version__}\0{pydantic.VERSION}\0".encode())
    for root, dirs, files in os.walk(_PKG):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                st = os.stat(os.path.join(root, name))
                h.update(f"{os.path.relpath(os.path.join(root, name), _PKG)}\0{st.st_size}\0{st.st_mtime_ns}\0"
                         .encode())
    return h.digest()


def cached_model(cls: type[M], source: Path, load: Callable[[], M]) -> M:
    """`load()` (the model validated from `source`), or the same model read back from the cache."""
    folder = cache_dir()
    if folder is None:
        return load()
    try:
        data = source.read_bytes()
    except OSError:
        return load()  # the loader reports it in its own words
    key = hashlib.sha256(code_fingerprint() + hashlib.sha256(data).digest()).hexdigest().encode()
    where = hashlib.sha256(str(source.resolve()).encode()).hexdigest()[:16]
    entry = folder / f"{cls.__name__.lower()}-{source.stem}-{where}.json"
    with contextlib.suppress(OSError, ValueError):
        head, _, body = entry.read_bytes().partition(b"\n")
        if head == key:
            return cls.model_validate_json(body)  # a damaged body raises ValueError: read the YAML
    model = load()
    _store(entry, key + b"\n" + model.model_dump_json(by_alias=True, exclude_unset=True).encode())
    return model


def _store(entry: Path, content: bytes) -> None:
    from qmself.errors import QmselfError
    from qmself.storage.atomic import atomic_write

    with contextlib.suppress(OSError, QmselfError):
        entry.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(entry, content)
