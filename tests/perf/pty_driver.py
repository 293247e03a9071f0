"""Run `qmself assess` in a real pseudo-terminal: type keys, read the screen, time things.

Used by tests/ui/test_kill.py and tests/perf/perf_tui.py.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

_ANSI = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]|\x1b\][^\x07]*\x07")


class PtyApp:
    """A `qmself` process on a pty of the given size; its output is collected in the background."""

    def __init__(self, args: list[str], cols: int = 80, rows: int = 24, env: dict[str, str] | None = None) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        full_env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(rows), **(env or {})}
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "qmself", *args], stdin=slave, stdout=slave, stderr=slave,
            env=full_env, start_new_session=True, close_fds=True,
        )
        os.close(slave)
        self.master = master
        self._buf = bytearray()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return
            if not data:
                return
            with self._lock:
                self._buf += data

    def text_since(self, mark: int = 0) -> str:
        with self._lock:
            raw = bytes(self._buf[mark:])
        return _ANSI.sub(b"", raw).decode("utf-8", "replace")

    @property
    def mark(self) -> int:
        with self._lock:
            return len(self._buf)

    def wait_for(self, text: str, timeout: float = 10.0, since: int = 0) -> float:
        """Seconds until `text` appears in the output after byte `since`."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if text in self.text_since(since):
                return time.perf_counter() - start
            time.sleep(0.002)
        raise TimeoutError(f"{text!r} did not appear within {timeout} s")

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait(5)
        os.close(self.master)

    def quit(self, key: str = "q") -> int:
        self.send(key)
        code = self.proc.wait(10)
        os.close(self.master)
        return code


def wait_for_file(path: Path, contains: str, timeout: float = 5.0) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            if contains in path.read_text(encoding="utf-8"):
                return time.perf_counter() - start
        except (OSError, UnicodeDecodeError):
            pass
        time.sleep(0.001)
    raise TimeoutError(f"{path} did not get {contains!r} within {timeout} s")
