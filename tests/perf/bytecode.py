"""Bytecode for the qmself package before anything is timed, as an installed wheel has it.

pip compiles a wheel's modules when it installs them; a source checkout run with
PYTHONDONTWRITEBYTECODE=1 (as on the CI machine) would otherwise compile every
module on every launch and time the compiler, not qmself.
"""

from __future__ import annotations

import compileall
from pathlib import Path

import qmself


def compile_package() -> None:
    compileall.compile_dir(str(Path(qmself.__file__).parent), quiet=1)
