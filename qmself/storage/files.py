"""Reading input files: only regular files, and never more than the limit.

A named pipe (FIFO) would block `open()` until a writer comes, which is never;
`/dev/zero` or `/dev/urandom` never end. So a file is opened without blocking,
checked with `fstat` on the open descriptor (no race between check and read),
refused unless it is a regular file, and read for at most `limit + 1` bytes: a
file whose size the system does not know (files under /proc report 0) or that
grows while it is read is still cut off at the limit.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from qmself.errors import QmselfError

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _kind(mode: int) -> tuple[str, str]:
    if stat.S_ISFIFO(mode):
        return "命名管道（FIFO）", "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "字符设备", "a character device"
    if stat.S_ISBLK(mode):
        return "块设备", "a block device"
    if stat.S_ISSOCK(mode):
        return "套接字", "a socket"
    return "特殊文件", "a special file"


def not_regular(name: str, mode: int) -> QmselfError:
    """The one line for an input that is not a regular file (named as what it is)."""
    zh, en = _kind(mode)
    return QmselfError(f"这是{zh}，不是普通文件，不予读取", f"is {en}, not a regular file; not read", file=name)


def read_regular(path: Path | str, name: str, limit: int, what: tuple[str, str] = ("文件", "file")) -> bytes:
    """The bytes of the regular file `path`, refused past `limit` bytes; `what` names it in messages."""
    try:
        fd = os.open(path, _FLAGS)
    except FileNotFoundError:
        raise QmselfError("文件不存在", "no such file", file=name) from None
    except IsADirectoryError:
        raise QmselfError("这是一个目录，不是文件", "is a directory, not a file", file=name) from None
    except OSError as e:
        if e.errno == errno.ENXIO:  # a socket
            raise not_regular(name, stat.S_IFSOCK) from None
        raise QmselfError(f"无法读取：{e.strerror}", f"cannot read: {e.strerror}", file=name) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise QmselfError("这是一个目录，不是文件", "is a directory, not a file", file=name)
        if not stat.S_ISREG(st.st_mode):
            raise not_regular(name, st.st_mode)
        with os.fdopen(os.dup(fd), "rb") as f:
            data = b"" if st.st_size > limit else f.read(limit + 1)
    except OSError as e:
        raise QmselfError(f"无法读取：{e.strerror}", f"cannot read: {e.strerror}", file=name) from None
    finally:
        os.close(fd)
    size = max(st.st_size, len(data))
    if size > limit:
        mb = f"{size / 1048576:.1f} MB" if len(data) <= limit else f"> {limit / 1048576:.1f} MB"
        raise QmselfError(
            f"{what[0]}过大（{mb}，上限 {limit / 1048576:g} MB）",
            f"{what[1]} is too large ({mb}; the limit is {limit / 1048576:g} MB)",
            file=name,
        )
    return data
