"""Every file qmself writes goes through here: whole or not at all, and never onto an input.

* `replacing(path)` hands out a temporary path beside the target; when the block
  ends without an error the temporary file is renamed over the target (a reader
  sees the old file or the new one, never half), otherwise it is removed. No
  `.tmp` file is ever left behind, also on Ctrl-C.
* `open_atomic` and `atomic_write` are the same for text or bytes written here.
* The target is checked before anything is written, each problem in one line:
  a folder where a file is expected, a folder that does not exist (it is **not**
  created: a typo in a folder name must not scatter reports over new folders;
  `plan --out-dir` names a folder and creates it), a read-only file.
* A symlink is written through: the file it points to is replaced, the link stays.
* An existing special file (`/dev/null`, `/dev/stdout`, a pipe such as `-o >(gzip)`)
  is written straight into: it cannot be replaced and is not meant to be.
* `refuse_input_as_output` refuses an output that resolves to one of the inputs.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from qmself.errors import QmselfError, UsageError

_ERRNO = {
    errno.ENOSPC: ("磁盘空间不足", "no space left on the disk"),
    errno.EDQUOT: ("超出磁盘配额", "disk quota exceeded"),
    errno.EROFS: ("文件系统只读", "the file system is read-only"),
    errno.EACCES: ("没有写入权限", "permission denied"),
    errno.EPERM: ("没有写入权限", "permission denied"),
    errno.EFBIG: ("文件过大", "file too large"),
    errno.ENAMETOOLONG: ("文件名过长", "file name too long"),
}


def write_error(path: Path | str, e: OSError) -> QmselfError:
    """One line for an OS error met while writing `path`."""
    zh, en = _ERRNO.get(e.errno or 0, (e.strerror or str(e), e.strerror or str(e)))
    return QmselfError(f"无法写入：{zh}", f"cannot write: {en}", file=str(path))


def output_target(path: Path | str) -> tuple[Path, bool]:
    """The file to write for output `path` and whether it is a special file written in place.

    Every problem is one line (a `UsageError`) before anything is written.
    """
    name = str(path)
    try:
        st = os.stat(path)  # follows symlinks, also /dev/fd/N
    except FileNotFoundError:
        st = None
    except NotADirectoryError:
        raise _not_a_folder(path) from None
    except OSError as e:
        raise write_error(path, e) from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        if stat.S_ISDIR(st.st_mode):
            raise UsageError("这是一个文件夹，不是文件；输出需要一个文件名",
                             "is a folder, not a file; the output needs a file name", file=name)
        return Path(path), True
    real = Path(os.path.realpath(path))
    parent = real.parent
    if not parent.is_dir():
        if parent.exists() or any(p.exists() and not p.is_dir() for p in parent.parents):
            raise _not_a_folder(path)
        shown = Path(path).parent
        raise UsageError(f"文件夹 {shown} 不存在；请先创建它（mkdir -p {shown}）或换一个路径",
                         f"the folder {shown} does not exist; create it first (mkdir -p {shown}) or choose another path",
                         file=name)
    if st is not None and (not st.st_mode & 0o222 or not os.access(real, os.W_OK)):
        raise UsageError("文件是只读的，不会覆盖；请先解除只读或换一个路径",
                         "the file is read-only and is not overwritten; make it writable or choose another path",
                         file=name)
    return real, False


def _not_a_folder(path: Path | str) -> UsageError:
    return UsageError("路径中有一段是文件而不是文件夹", "a part of the path is a file, not a folder", file=str(path))


@contextlib.contextmanager
def replacing(path: Path | str, *, backup: bool = False, mode: int | None = None) -> Iterator[Path]:
    """A temporary path to write the new `path` into; renamed over it at the end of the block.

    The file keeps the permissions of the file it replaces (`mode`, or 0o644 for
    a new file). With `backup`, an existing file is first kept as `<name>.bak`
    beside the file written (for a symlink: beside the file it points to).
    """
    real, special = output_target(path)
    if special:
        with _write_errors(path, real):
            yield real
        return
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
        os.close(fd)
    except OSError as e:
        raise write_error(path, e) from None
    tmp = Path(tmp_name)
    try:
        with _write_errors(path, tmp):
            yield tmp
        try:
            with open(tmp, "rb+") as f:
                os.fsync(f.fileno())
            if mode is None:
                mode = real.stat().st_mode & 0o777 if real.exists() else 0o644
            os.chmod(tmp, mode)
            if backup and real.exists():
                _backup(real)
            os.replace(tmp, real)
        except OSError as e:
            raise write_error(path, e) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


@contextlib.contextmanager
def _write_errors(path: Path | str, written: Path) -> Iterator[None]:
    """An OS error writing `written` (disk full...) becomes one line naming `path`; others pass."""
    try:
        yield
    except OSError as e:
        if e.filename in (None, str(written)) and not isinstance(e, BrokenPipeError):
            raise write_error(path, e) from None
        raise


@contextlib.contextmanager
def open_atomic(
    path: Path | str, *, encoding: str = "utf-8", newline: str | None = "\n", backup: bool = False
) -> Iterator[IO[str]]:
    """A text file to write `path` through (see `replacing`)."""
    with replacing(path, backup=backup) as tmp, open(tmp, "w", encoding=encoding, newline=newline) as f:
        yield f


def atomic_write(path: Path | str, content: str | bytes, *, backup: bool = False,
                 encoding: str = "utf-8", newline: str | None = "\n") -> None:
    """Write `content` to `path` so that a reader sees the old or the new file, never half.

    Text is written with `encoding` and `newline`; bytes as they are. With
    `backup`, the previous version is kept as `<name>.bak`.
    """
    with replacing(path, backup=backup) as tmp:
        f: Any
        if isinstance(content, bytes):
            with open(tmp, "wb") as f:
                f.write(content)
        else:
            with open(tmp, "w", encoding=encoding, newline=newline) as f:
                f.write(content)


def _backup(real: Path) -> None:
    """Keep the current `real` as `<name>.bak`, itself written whole."""
    data = real.read_bytes()
    bak = real.with_name(real.name + ".bak")
    with replacing(bak, mode=real.stat().st_mode & 0o777) as tmp:
        tmp.write_bytes(data)


ANSWER_SUFFIXES = (".yaml", ".yml", ".xlsx")
"""The files a folder named as input stands for (so an output of that kind inside it would become an input)."""


def refuse_input_as_output(output: Path | str | None, inputs: Iterable[Path | str]) -> None:
    """An output that resolves to one of the inputs (same file, through any symlink) is refused.

    Checked before anything is read or written, so `score a.yaml -f csv -o a.yaml`
    can never replace the answer file with its own report; the output path itself
    is checked too (`output_target`), so a bad `-o` fails before a long batch.
    """
    if output is None:
        return
    out = os.path.realpath(output)
    for src in inputs:
        real = os.path.realpath(src)
        if real == out or (os.path.isdir(real) and out.startswith(real.rstrip(os.sep) + os.sep)
                           and out.lower().endswith(ANSWER_SUFFIXES)):
            raise UsageError(
                f"输出文件 {output} 就是输入文件 {src}，不能覆盖输入；请换一个输出路径",
                f"the output {output} is the input {src}; an input is never overwritten: choose another output path",
            )
    output_target(output)
