"""Standard output and error of ``edureturns-cli`` on any console, pipe or log file.

Names such as 刘䶮 and 王堃 are outside GBK, the code page of a Chinese Windows
console, and a batch file's ``> log.txt`` gets the ANSI code page (cp936) from
Python: printing such a name raised UnicodeEncodeError and the command died on its
last line, after the work was done. The policy, set once at start:

* nothing printed can raise: a character the stream cannot encode becomes ``?``;
* output that goes to a file or a pipe is UTF-8, on every platform, unless the user
  chose an encoding with ``PYTHONIOENCODING``. Notepad (Windows 10 1903 and later),
  PowerShell 7 and every editor read UTF-8 logs. No byte-order mark: a batch file
  appends runs with ``>>`` and sends both streams to one file with ``2>&1``, and a
  mark at each start would land in the middle of the log;
* a real console keeps its own encoding (on Windows Python writes UTF-16 to it, which
  shows every character the console font has).
"""

from __future__ import annotations

import io
import os
import sys
from typing import TextIO

LOG_ENCODING = "utf-8"


def _reconfigure(stream: TextIO | None, *, user_chose_encoding: bool) -> None:
    if type(stream) is not io.TextIOWrapper:
        return  # None in a windowed app; a test's capture object is left to the test
    try:
        redirected = not stream.isatty()
    except ValueError:  # closed
        return
    if redirected and not user_chose_encoding:
        stream.reconfigure(encoding=LOG_ENCODING, errors="replace")
    else:
        stream.reconfigure(errors="replace")


def configure_streams() -> None:
    """Apply the policy above to ``sys.stdout`` and ``sys.stderr``; call before printing."""
    chose = bool(os.environ.get("PYTHONIOENCODING"))
    _reconfigure(sys.stdout, user_chose_encoding=chose)
    _reconfigure(sys.stderr, user_chose_encoding=chose)
