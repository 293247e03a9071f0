"""The one worker pool (qmself/cli/pool.py): typed outcomes in order, Ctrl-C, progress bars."""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qmself.cli import app, pool
from qmself.errors import QmselfError
from tests.conftest import EXAMPLES, MINI_A, MINI_Q, ROOT

runner = CliRunner()


def _setup(base: int) -> int:
    return base


def _work(base: int, item: str) -> int:
    if item == "bad":
        raise QmselfError("坏文件", "bad file", line=3)
    if item == "boom":
        raise ZeroDivisionError("division by zero")
    return base + int(item)


@pytest.mark.parametrize("jobs", [1, 2])
def test_outcomes_come_back_in_order_typed_with_one_line_per_failure(jobs: int) -> None:
    items = ["1", "bad", "2", "boom", "3"]
    with pool.run(items, partial(_setup, 10), _work, state=10, jobs=jobs, lang="zh",
                  interrupted=lambda n: ("", "")) as outcomes:
        got = list(outcomes)
    assert [o.item for o in got] == items
    assert [o.value for o in got] == [11, None, 12, None, 13]
    assert [o.ok for o in got] == [True, False, True, False, True]
    assert got[1].error == "bad:3: 坏文件"
    assert got[3].error == "boom: 内部错误: ZeroDivisionError: division by zero"


_HELD = threading.Lock()
"""Held by a thread of the parent while the pool starts (as a logging or I/O lock may be)."""


def _needs_lock(base: int, item: str) -> int:
    if not _HELD.acquire(timeout=5):
        raise QmselfError("锁被占用", "lock held for ever")
    _HELD.release()
    return base + int(item)


def test_a_process_with_other_threads_starts_workers_that_do_not_inherit_its_locks() -> None:
    """A forked worker inherits a lock another thread held at the fork, locked for ever
    (the thread is not in the child): the pool forks only a single-threaded process."""
    taken, release = threading.Event(), threading.Event()

    def hold() -> None:
        with _HELD:
            taken.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    taken.wait(5)
    try:
        with pool.run(["1", "2", "3"], partial(_setup, 10), _needs_lock, state=10, jobs=2, lang="en",
                      interrupted=lambda n: ("", "")) as outcomes:
            got = list(outcomes)
    finally:
        release.set()
        holder.join()
    assert [o.error for o in got] == ["", "", ""]
    assert [o.value for o in got] == [11, 12, 13]


def _big_folder(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "cohort"
    folder.mkdir()
    src = EXAMPLES / "small-manufacturer.yaml"
    for i in range(n):
        shutil.copyfile(src, folder / f"c{i:04d}.yaml")
    return folder


def _workers(pid: int) -> int:
    """How many processes other than `pid` are in its process group (its pool's workers), from /proc."""
    n = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == pid:
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:  # it ended meanwhile
            continue
        if int(fields[2]) == pid:  # the process group id: field 5 of stat, 3rd after the name
            n += 1
    return n


def _interrupt(args: list[str], cwd: Path, ready: Callable[[int], bool]) -> subprocess.CompletedProcess[str]:
    """Run qmself in its own process group and, as soon as `ready(pid)`, send SIGINT to the whole group, as a
    terminal's Ctrl-C does. Waits for the readiness signal, never for a fixed time; the bounds are generous
    for a slow, busy machine."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    p = subprocess.Popen([sys.executable, "-m", "qmself", *args], cwd=cwd, env=env, text=True,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not ready(p.pid) and time.monotonic() < deadline and p.poll() is None:
            time.sleep(0.005)
        assert p.poll() is None, "finished before it could be interrupted: make the batch bigger"
        assert ready(p.pid), "not ready to be interrupted within 120 s"
        os.killpg(p.pid, signal.SIGINT)
        out, err = p.communicate(timeout=120)
    finally:
        if p.poll() is None:  # a hang: do not leave it behind
            os.killpg(p.pid, signal.SIGKILL)
            p.communicate()
    return subprocess.CompletedProcess(p.args, p.returncode, out, err)


def test_ctrl_c_during_parallel_score_exits_130_with_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    folder = _big_folder(tmp_path, 400)
    # ready once the output's temporary file exists and both workers are running: Ctrl-C then lands while the
    # pool is working (or still starting, which must be handled the same way)
    r = _interrupt(["score", str(folder), "--jobs", "2", "-f", "csv", "-o", "out.csv"], tmp_path,
                   lambda pid: any(n.startswith(".out.csv") for n in os.listdir(tmp_path)) and _workers(pid) >= 2)
    assert r.returncode == 130, r.stderr
    assert "Traceback" not in r.stderr and "KeyboardInterrupt" not in r.stderr, r.stderr
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and re.fullmatch(r"已中断：未写入 out\.csv（400 个文件中已评 (\d+) 个）", lines[0]), r.stderr
    assert int(re.findall(r"\d+", lines[0])[-1]) < 400
    assert sorted(os.listdir(tmp_path)) == ["cohort"]  # no out.csv, no temporary file


def test_ctrl_c_during_parallel_plans_leaves_only_whole_reports(tmp_path: Path) -> None:
    folder = _big_folder(tmp_path, 16)
    out = tmp_path / "plans"
    files = sorted(str(p) for p in folder.iterdir())
    r = _interrupt(["plan", *files, "--out-dir", str(out), "--jobs", "2"], tmp_path,
                   lambda _pid: out.is_dir() and any(n.endswith(".pdf") for n in os.listdir(out)))
    assert r.returncode == 130, r.stderr
    assert "Traceback" not in r.stderr, r.stderr
    written = sorted(os.listdir(out))
    assert all(n.endswith("-plan.pdf") for n in written), written  # no .tmp
    assert 0 < len(written) < 16
    for n in written:
        assert (out / n).read_bytes().rstrip().endswith(b"%%EOF")
    assert r.stderr.splitlines() == [f"已中断：16 个计划中已写入 {len(written)} 个（在 {out}），其余未写入"]


def test_ctrl_c_during_parallel_benchmark_build_exits_130_with_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    folder = _big_folder(tmp_path, 1500)
    # the profile is written only once every file is read, so there is no temporary file to wait for: ready once
    # both workers are running, when reading 1,500 files has seconds left to go
    r = _interrupt(["benchmark", "build", str(folder), "--jobs", "2", "-o", "peers.yaml"], tmp_path,
                   lambda pid: _workers(pid) >= 2)
    assert r.returncode == 130, r.stderr
    assert "Traceback" not in r.stderr and "KeyboardInterrupt" not in r.stderr, r.stderr
    read = re.fullmatch(r"已中断：未写入 peers\.yaml（1500 个文件中已读 (\d+) 个）\n", r.stderr)  # one line
    assert read is not None and int(read[1]) < 1500, r.stderr
    assert r.stdout == ""
    assert sorted(os.listdir(tmp_path)) == ["cohort"]  # no profile, no temporary file, no .bak


def _copies(tmp_path: Path, n: int) -> list[str]:
    paths = []
    for i in range(n):
        p = tmp_path / f"a{i}.yaml"
        shutil.copyfile(MINI_A, p)
        paths.append(str(p))
    return paths


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "SHOW_AFTER", 0.0)
    r = runner.invoke(app, ["score", *_copies(tmp_path, 4), "-q", str(MINI_Q), "-f", "csv"])
    assert r.exit_code == 0, r.stderr
    assert r.stderr == ""


def _forced_terminal(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    from rich.console import Console

    screen = io.StringIO()
    monkeypatch.setattr(pool, "SHOW_AFTER", 0.0)
    monkeypatch.setattr(pool, "progress_console",
                        lambda: Console(file=screen, force_terminal=True, width=100))
    return screen


@pytest.mark.parametrize(("cmd", "label"), [(["score", "-f", "csv"], "评分"),
                                            (["benchmark", "build", "-k", "3", "-o", "peers.yaml"], "读取答卷")])
def test_progress_bar_on_a_terminal_and_none_with_quiet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cmd: list[str], label: str
) -> None:
    monkeypatch.chdir(tmp_path)
    files = _copies(tmp_path, 4)
    screen = _forced_terminal(monkeypatch)
    r = runner.invoke(app, [*cmd, *files, "-q", str(MINI_Q)])
    assert r.exit_code == 0, r.stderr
    shown = screen.getvalue()
    assert label in shown and "4/4" in shown
    assert "\x1b[" in shown  # drawn with terminal control sequences, cleared at the end
    assert label not in r.stdout  # stdout (the results) stays clean

    Path("peers.yaml").unlink(missing_ok=True)
    screen.truncate(0)
    r = runner.invoke(app, [*cmd, *files, "-q", str(MINI_Q), "--quiet"])
    assert r.exit_code == 0, r.stderr
    assert screen.getvalue() == ""


def test_short_work_shows_no_bar(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    screen = _forced_terminal(monkeypatch)
    monkeypatch.setattr(pool, "SHOW_AFTER", 60.0)
    r = runner.invoke(app, ["score", *_copies(tmp_path, 3), "-q", str(MINI_Q)])
    assert r.exit_code == 0, r.stderr
    assert screen.getvalue() == ""


def test_many_short_parallel_batches_never_hang() -> None:
    """Ending a finished pool by terminating its workers raced with the pool replacing them: now and then
    a replacement forked after the SIGTERMs waited forever (50 short batches hung within a minute)."""
    code = ("from functools import partial\nfrom qmself.cli import pool\n"
            "from tests.cli.test_pool import _setup, _work\n"
            "for _ in range(60):\n"
            "    with pool.run(['1', '2', '3', '4', '5'], partial(_setup, 10), _work, state=10, jobs=2, lang='zh',\n"
            "                  interrupted=lambda n: ('', '')) as outcomes:\n"
            "        assert [o.value for o in outcomes] == [11, 12, 13, 14, 15]\n"
            "print('done')")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stdout.strip() == "done", r.stderr


def _deaf() -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    time.sleep(60)


class _StuckPool:
    """A pool whose terminate never returns (as when its result thread waits for a half-sent result)."""

    def __init__(self, worker: object) -> None:
        self._pool = [worker]

    def terminate(self) -> None:
        threading.Event().wait()


def test_stopping_a_pool_is_bounded_in_time_and_kills_what_is_left(monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    worker = multiprocessing.get_context("spawn").Process(target=_deaf, daemon=True)
    worker.start()
    try:
        monkeypatch.setattr(pool, "STOP_WAIT", 0.5)
        start = time.monotonic()
        pool._stop(_StuckPool(worker))
        assert time.monotonic() - start < 5
        worker.join(5)
        assert worker.exitcode == -signal.SIGKILL
    finally:
        if worker.exitcode is None:
            worker.kill()
