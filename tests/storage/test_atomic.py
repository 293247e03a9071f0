"""The one atomic writer: whole or nothing, no .tmp left, symlinks written through, one line per bad target."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from qmself.errors import ExitCode, QmselfError
from qmself.storage import atomic
from tests.conftest import EXAMPLES, ROOT

try:
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None  # type: ignore[assignment]


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_write_keeps_mode_and_backup(tmp_path: Path) -> None:
    p = tmp_path / "a.yaml"
    atomic.atomic_write(p, "one\n")
    assert stat.S_IMODE(p.stat().st_mode) == 0o644
    p.chmod(0o600)
    atomic.atomic_write(p, "two\n", backup=True)
    assert p.read_text() == "two\n"
    bak = tmp_path / "a.yaml.bak"
    assert bak.read_text() == "one\n"
    assert stat.S_IMODE(p.stat().st_mode) == 0o600
    assert stat.S_IMODE(bak.stat().st_mode) == 0o600  # a private file's backup stays private
    assert names(tmp_path) == ["a.yaml", "a.yaml.bak"]


def test_bytes_and_newlines_are_written_as_given(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    atomic.atomic_write(p, b"\xef\xbb\xbfx\r\n")
    assert p.read_bytes() == b"\xef\xbb\xbfx\r\n"
    atomic.atomic_write(p, "y\r\n", newline="")
    assert p.read_bytes() == b"y\r\n"


def test_symlink_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "data" / "real.yaml"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    atomic.atomic_write(link, "new\n", backup=True)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new\n"
    assert (tmp_path / "data" / "real.yaml.bak").read_text() == "old\n"
    assert names(tmp_path) == ["data", "link.yaml"]


def test_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.csv"
    link.symlink_to(tmp_path / "target.csv")
    atomic.atomic_write(link, "x\n")
    assert link.is_symlink() and (tmp_path / "target.csv").read_text() == "x\n"


def test_failure_inside_the_block_leaves_the_old_file_and_no_tmp(tmp_path: Path) -> None:
    p = tmp_path / "r.pdf"
    p.write_text("old")
    for exc in (RuntimeError("boom"), KeyboardInterrupt()):
        with pytest.raises(type(exc)), atomic.replacing(p) as tmp:
            tmp.write_text("half")
            raise exc
        assert p.read_text() == "old"
        assert names(tmp_path) == ["r.pdf"]


def bad_target(d: Path, kind: str, suffix: str = ".csv") -> Path:
    """A target of `kind` inside `d` (made the way a user would)."""
    if kind == "folder":
        (d / f"out{suffix}").mkdir()
        return d / f"out{suffix}"
    if kind == "missing-folder":
        return d / "missing" / f"r{suffix}"
    if kind == "file-as-folder":
        (d / "f").write_text("x")
        return d / "f" / f"r{suffix}"
    (d / f"ro{suffix}").write_text("x")
    (d / f"ro{suffix}").chmod(0o444)
    return d / f"ro{suffix}"


@pytest.mark.parametrize(("kind", "fragment"), [
    ("folder", "is a folder, not a file"),
    ("missing-folder", "the folder"),
    ("file-as-folder", "is a file, not a folder"),
    ("read-only", "read-only"),
])
def test_bad_target_is_one_usage_line_before_writing(tmp_path: Path, kind: str, fragment: str) -> None:
    target = bad_target(tmp_path, kind)
    before = names(tmp_path)
    with pytest.raises(QmselfError) as info:
        atomic.atomic_write(target, "x")
    e = info.value
    assert e.exit_code == ExitCode.USAGE_ERROR
    assert fragment in e.en and e.zh != e.en and e.file == str(target)
    assert "\n" not in e.render("zh")
    assert names(tmp_path) == before


def test_missing_folder_is_not_created(tmp_path: Path) -> None:
    with pytest.raises(QmselfError, match="mkdir -p"):
        atomic.atomic_write(tmp_path / "a" / "b" / "r.csv", "x")
    assert names(tmp_path) == []


def test_folder_without_write_permission_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # root may write anywhere, so the refusal of the OS is simulated where the temp file is made
    def refuse(*_a: object, **_k: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    with pytest.raises(QmselfError) as info:
        atomic.atomic_write(tmp_path / "r.csv", "x")
    assert info.value.zh == "无法写入：没有写入权限" and info.value.file == str(tmp_path / "r.csv")
    assert names(tmp_path) == []


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_disk_full_is_one_line() -> None:
    with pytest.raises(QmselfError) as info:
        atomic.atomic_write("/dev/full", "x" * 100_000)
    assert info.value.en == "cannot write: no space left on the disk"


def test_special_file_is_written_in_place() -> None:
    atomic.atomic_write(os.devnull, "x\n")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)  # still the device, not a regular file


LIMIT = 64 * 1024
_WRITE = """
import sys
from qmself.errors import QmselfError
from qmself.storage import atomic
try:
    atomic.atomic_write(sys.argv[1], "new\\n" * 40_000, backup=True)
except QmselfError as e:
    print(e.render("en"), file=sys.stderr)
    sys.exit(1)
"""


def _limited(args: list[str]) -> subprocess.CompletedProcess[str]:
    """Run Python with a file-size limit: the OS refuses to write past `LIMIT` bytes, as a full disk would."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))  # Python ignores SIGXFSZ: writes fail with EFBIG

    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, *args], env=env, text=True, capture_output=True, preexec_fn=limit,
                          timeout=120, check=False)


@pytest.mark.skipif(resource is None, reason="needs setrlimit")
def test_a_write_that_fails_half_way_leaves_the_old_file_whole(tmp_path: Path) -> None:
    p = tmp_path / "report.md"
    p.write_text("old\n" * 1000)
    r = _limited(["-c", _WRITE, str(p)])
    assert r.returncode == 1 and r.stderr.strip() == f"{p}: cannot write: file too large", r.stderr
    assert p.read_text() == "old\n" * 1000  # not the first 64 KiB of the new text
    assert sorted(n for n in names(tmp_path) if not n.endswith(".bak")) == ["report.md"]  # no .tmp


@pytest.mark.skipif(resource is None, reason="needs setrlimit")
def test_an_answer_that_fails_half_way_leaves_the_answer_file_whole(tmp_path: Path) -> None:
    p = tmp_path / "a.yaml"
    shutil.copy(EXAMPLES / "small-manufacturer.yaml", p)
    before = p.read_bytes()
    r = _limited(["-m", "qmself", "answer", str(p), "LEAD-01", "3", "--evidence", "证" * 30_000, "--lang", "en"])
    assert r.returncode == 1 and r.stderr.strip().endswith("cannot write: file too large"), r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert p.read_bytes() == before
    assert not [n for n in names(tmp_path) if n.endswith(".tmp")]
