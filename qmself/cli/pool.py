"""The one worker pool of the batch commands (`score`, `portfolio`, `plan`, `benchmark build`).

A command gives `run` its items, a `setup` (builds what every worker needs:
the questionnaires, the profile ...) and a `work` function (one item -> a typed
value, or a `QmselfError`). With `jobs` > 1 the items go to that many worker
processes, each of which calls `setup` once; results come back in input order
as `Outcome`s, each the value or the one-line error of its item. One bad item
never stops the others; an unexpected exception in `work` becomes an
"internal error" line for that item.

Ctrl-C is handled here, the same for every command:

* workers ignore SIGINT (the terminal sends it to the whole process group);
  the parent alone decides. While the pool starts, the parent *blocks* SIGINT
  (it does not ignore it): the workers are forked with it blocked, so none can
  be interrupted before its initializer ignores it, and a Ctrl-C that comes
  while the pool starts stays pending in the parent and is delivered as soon as
  the pool is up, never lost.
* the parent stops the workers with SIGTERM, which each worker turns into a
  quiet exit, so that the `finally` of a file being written removes its
  temporary file (no partial output, no worker traceback);
* the parent raises `Interrupted` carrying the one line that says what was
  done; `handled` prints it and exits 130.

Progress: on a terminal, batch work that takes longer than `SHOW_AFTER` seconds
shows a progress bar on stderr (rich), cleared when the work ends; nothing when
stderr is not a terminal or with `--quiet`.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import typer

from qmself.errors import QmselfError
from qmself.model.common import pick

T = TypeVar("T")
R = TypeVar("R")
S = TypeVar("S")

SHOW_AFTER = 1.0
"""Seconds of batch work after which the progress bar appears (shorter work never flashes one)."""

QuietOpt = typer.Option("--quiet", help="不显示进度条 / no progress bar")


@dataclass(frozen=True, slots=True)
class Outcome(Generic[T, R]):
    """What became of one item: its value, or the one line saying why it failed."""

    item: T
    value: R | None
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


class Interrupted(KeyboardInterrupt):
    """Ctrl-C, with the line that tells the user what was saved."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en

    def render(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Task(Generic[S, T, R]):
    """What a worker process needs: picklable top-level functions (spawn pickles them)."""

    setup: Callable[[], S]
    work: Callable[[S, T], R]
    lang: str


_worker: tuple[Task[Any, Any, Any], Any] | None = None
"""In a worker process: its task and the state `setup` built (set once, by `_start`)."""


def not_written(output: object, total: int, read: bool = False) -> Callable[[int], tuple[str, str]]:
    """The `interrupted` line of a batch that writes one `output` after reading `total` files."""
    zh, en = ("已读", "read") if read else ("已评", "scored")
    return lambda done: (f"已中断：未写入 {output}（{total} 个文件中{zh} {done} 个）",
                         f"interrupted: {output} not written ({done} of {total} files {en})")


def _quiet_exit(_sig: int, _frame: Any) -> None:
    """Stop a worker the parent no longer wants, silently.

    Its stderr goes to the null device first: a library in the middle of its work
    may catch the exit and re-raise it annotated (ReportLab adds "raised by class
    KeepTogether ... wrap" to the SystemExit, whose text Python then prints), and
    nothing a stopped worker says is wanted — the parent prints the one line.
    """
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives until the worker ends
    except OSError:
        pass
    raise SystemExit(0)  # unwinds the worker, so `finally` blocks remove temporary files


def _start(task: Task[Any, Any, Any]) -> None:
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # discards a Ctrl-C pending since the fork
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    signal.signal(signal.SIGTERM, _quiet_exit)
    _worker = (task, task.setup())


@contextmanager
def _sigint_held() -> Iterator[Callable[[], None]]:
    """Block SIGINT in this thread (the threads and processes started meanwhile inherit the block);
    the function given releases it, delivering a Ctrl-C that came meanwhile. Released at the end
    in any case. Where signals cannot be blocked, SIGINT is ignored instead for that time."""
    if hasattr(signal, "pthread_sigmask"):
        before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})

        def release() -> None:
            signal.pthread_sigmask(signal.SIG_SETMASK, before)
    else:  # pragma: no cover - Windows
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)

        def release() -> None:
            signal.signal(signal.SIGINT, previous)
    try:
        yield release
    finally:
        release()


def _attempt(task: Task[S, T, R], state: S, item: T) -> Outcome[T, R]:
    try:
        return Outcome(item, task.work(state, item))
    except QmselfError as e:
        return Outcome(item, None, e.located(file=str(item)).render(task.lang))
    except Exception as e:  # keep the batch going; say what broke
        return Outcome(item, None, f"{item}: {pick(task.lang, '内部错误', 'internal error')}: {type(e).__name__}: {e}")


def _in_worker(item: Any) -> tuple[Any, str]:
    assert _worker is not None
    task, state = _worker
    o = _attempt(task, state, item)
    return o.value, o.error  # the item itself need not travel back


@contextmanager
def run(
    items: Sequence[T],
    setup: Callable[[], S],
    work: Callable[[S, T], R],
    *,
    state: S,
    jobs: int,
    lang: str,
    interrupted: Callable[[int], tuple[str, str]],
    label: tuple[str, str] = ("处理", "processing"),
    quiet: bool = False,
) -> Iterator[Iterator[Outcome[T, R]]]:
    """The outcomes of `work` on each item (in `jobs` processes if more than one), in order.

        with pool.run(files, setup, work, state=state, jobs=2, lang="zh", interrupted=...) as outcomes:
            for o in outcomes: ...

    `state` is what `setup()` gave in this process (built by the command, which
    also uses it and so fails fast on a bad option before any item is read);
    `jobs` 0 means one per core. Ctrl-C anywhere in the block stops the workers
    and raises `Interrupted` with the line `interrupted(done)` gives after
    `done` items came back. `label` names the work on the progress bar.
    """
    done = [0]
    outcomes = _outcomes(items, Task(setup, work, lang), state, jobs or (os.cpu_count() or 1), done,
                         label, quiet)
    try:
        yield outcomes
    except KeyboardInterrupt as e:
        outcomes.close()  # stops the workers first: nothing more is written after the line below
        if isinstance(e, Interrupted):
            raise
        raise Interrupted(*interrupted(done[0])) from None
    finally:
        outcomes.close()


def _outcomes(items: Sequence[T], task: Task[S, T, R], state: S, jobs: int, done: list[int],
              label: tuple[str, str], quiet: bool) -> Generator[Outcome[T, R], None, None]:
    with _progress(len(items), label, task.lang, quiet) as advance:
        if jobs <= 1 or len(items) < 2:
            for item in items:
                o = _attempt(task, state, item)
                done[0] += 1
                advance(done[0])
                yield o
            return
        method = _start_method()
        chunk = max(1, min(64, len(items) // (jobs * 8) or 1))
        with _sigint_held() as release:
            pool = multiprocessing.get_context(method).Pool(jobs, initializer=_start, initargs=(task,))
            try:  # leaving early (an exception, Ctrl-C or `close()`) stops the workers
                release()  # a Ctrl-C that came while the pool started is raised here, inside the block
                for item, (value, error) in zip(items, pool.imap(_in_worker, items, chunksize=chunk), strict=True):
                    done[0] += 1
                    advance(done[0])
                    yield Outcome(item, value, error)
                # every item done: the workers end on their own. Terminating them here raced with the pool's
                # own thread replacing exited workers (a worker forked after the SIGTERMs waited forever on
                # the task queue's lock, which the terminating parent holds, and join() with it)
                pool.close()
                pool.join()
            finally:
                _stop(pool)


STOP_WAIT = 10.0
"""Seconds an interrupted pool is given to stop its workers before what is left is killed."""


def _stop(pool: Any) -> None:
    """Stop the pool's workers (SIGTERM: a worker's quiet exit removes the temporary file it was
    writing), bounded in time.

    `Pool.terminate` waits for its result thread, which never returns if a worker was stopped in
    the middle of sending a result (the thread waits for the rest of the message); nor does a
    worker that cannot take the signal. After `STOP_WAIT` seconds every worker still alive is
    killed and the batch goes on to its one line: a Ctrl-C never hangs. The pool's threads are
    daemons and do not keep the process alive.
    """
    workers = list(getattr(pool, "_pool", ()))
    stopper = threading.Thread(target=pool.terminate, name="qmself-pool-stop", daemon=True)
    stopper.start()
    stopper.join(STOP_WAIT)
    if stopper.is_alive():
        for worker in {*workers, *getattr(pool, "_pool", ())}:
            if worker.exitcode is None:
                worker.kill()
        stopper.join(1.0)


def _start_method() -> str:
    """Fork when it is safe, else start each worker from a fork server.

    Forking copies the parent's memory (the questionnaire is built once), the fast
    path for the CLI, a single-threaded process. In a process with other threads
    (a program embedding qmself, a test runner, a UI) one of them may hold a lock
    at the moment of the fork, and the forked worker would wait on it for ever;
    such a process starts its workers from a fork server (or by spawn).
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


@contextmanager
def _progress(total: int, label: tuple[str, str], lang: str, quiet: bool) -> Iterator[Callable[[int], None]]:
    """A function to report items done; it shows a bar once the work has lasted `SHOW_AFTER` seconds."""
    console = None if quiet or total < 2 else progress_console()
    if console is None:
        yield lambda _done: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    start = time.monotonic()
    bar: Progress | None = None
    task_id: Any = None

    def advance(done: int) -> None:
        nonlocal bar, task_id
        if bar is None:
            if time.monotonic() - start < SHOW_AFTER:
                return
            bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                           TimeRemainingColumn(), console=console, transient=True,
                           redirect_stdout=False, redirect_stderr=False)
            bar.start()
            task_id = bar.add_task(pick(lang, *label), total=total)
        bar.update(task_id, completed=done)

    try:
        yield advance
    finally:
        if bar is not None:
            bar.stop()


def progress_console() -> Any:
    """The rich console for progress on stderr, or None when stderr is not a terminal."""
    if not sys.stderr.isatty():
        return None
    from rich.console import Console

    return Console(file=sys.stderr)
