"""Text for a terminal: nothing from a file may drive the terminal.

A company name, an evidence note or a file name can carry escape sequences
(`\\x1b]0;…` retitles the window, `\\x1b[2J` clears it, OSC 8 makes fake links)
or bidirectional overrides that show text in another order than it is stored.
`clean` removes whole escape sequences first, then every other C0 and C1
control character except newline and tab, DEL, and the Unicode bidi overrides
and isolates (U+202A–U+202E, U+2066–U+2069).
"""

from __future__ import annotations

import re

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
