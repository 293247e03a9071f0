"""Text for a terminal: nothing from a file may drive the terminal.

A company name, an evidence note or a file name can carry escape sequences
(`\\x1b]0;…` retitles the window, `\\x1b[2J` clears it, OSC 8 makes fake links)
or bidirectional overrides that show text in another order than it is stored.
`clean` removes whole escape sequences first, then every other C0 and C1
control character except newline and tab, DEL, and the Unicode bidi overrides
and isolates (U+202A–U+202E, U+2066–U+2069).
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
from collections.abc import Iterator
from typing import TextIO

# CSI (ESC [ … final), OSC/DCS/SOS/PM/APC strings (ESC ] … BEL or ST), two-byte ESC sequences;
# the same introduced by their 8-bit C1 forms
_ESCAPE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]P^_X]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]"
)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """`text` without escape sequences and control characters (newline and tab kept)."""
    if text.isprintable() or not _CONTROL.search(text):
        return text
    return _CONTROL.sub("", _ESCAPE.sub("", text))


class CleanStream(io.TextIOBase):
    """A text stream that passes everything written through `clean` to the stream it wraps.

    A sequence split over two writes is harmless too: ESC itself never passes.
    """

    def __init__(self, inner: TextIO) -> None:
        super().__init__()
        self.inner = inner

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(getattr(self.inner, "encoding", None) or "utf-8")

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self.inner, "errors", None)

    def writable(self) -> bool:
        return True

    def write(self, s: str) -> int:
        if not isinstance(s, str):  # click probes a stream with bytes to tell text from binary
            raise TypeError("write() argument must be str")
        self.inner.write(clean(s))
        return len(s)

    def flush(self) -> None:
        self.inner.flush()

    def isatty(self) -> bool:
        return self.inner.isatty()

    def fileno(self) -> int:
        return self.inner.fileno()


def is_terminal(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if isatty is not None else False
    except (ValueError, OSError):  # closed
        return False


@contextlib.contextmanager
def cleaned_stdout() -> Iterator[None]:
    """While the block runs, what is printed to standard output, if it is a terminal, is `clean`ed.

    Standard error carries qmself's own messages (cleaned one by one where they
    are printed) and the progress bars, whose cursor movements must pass.
    """
    out = sys.stdout
    if not is_terminal(out) or isinstance(out, CleanStream):
        yield
        return
    sys.stdout = CleanStream(out)
    try:
        yield
    finally:
        with contextlib.suppress(ValueError, OSError):
            sys.stdout.flush()
        sys.stdout = out
