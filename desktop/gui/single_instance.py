"""One window per database file: a second start on the same file brings the first to the front.

Two windows on one file would each keep their own undo stacks, caches and locks and
overwrite each other's edits without either clerk seeing it. The first window to
open a file listens on a local socket named after the file's full path
(QLocalServer: a named pipe on Windows); a second start connects, asks it to come
to the front, and does not open the file itself.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from desktop.gui.compat import emit

WAIT_MS = 800


def server_name(path: Path | str) -> str:
    """The socket name for a database file: its resolved path, case-folded on Windows."""
    full = os.path.normcase(str(Path(path).resolve()))
    return "edureturns-" + hashlib.sha256(full.encode("utf-8")).hexdigest()[:24]


class Claim(QObject):
    """This process holds the file; ``activate`` fires when another start asks for the window."""

    activate = Signal()

    def __init__(self, name: str, server: QLocalServer) -> None:
        super().__init__()
        self.name, self.server = name, server
        server.setParent(self)
        server.newConnection.connect(self._knocked)

    def _knocked(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.disconnected.connect(socket.deleteLater)
            socket.readyRead.connect(socket.readAll)
            socket.disconnectFromServer()
            emit(self.activate)

    def release(self) -> None:
        self.server.close()
        self.deleteLater()


def already_open(path: Path | str) -> bool:
    """True when another window holds ``path`` (it has been asked to come to the front)."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(path))
    if not socket.waitForConnected(WAIT_MS):
        return False
    socket.write(b"raise\n")
    socket.flush()
    socket.waitForBytesWritten(WAIT_MS)
    socket.disconnectFromServer()
    return True


def claim(path: Path | str) -> Claim | None:
    """Hold ``path`` for this process; None when another window already holds it (and was raised)."""
    if already_open(path):
        return None
    name = server_name(path)
    server = QLocalServer()
    server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
    if not server.listen(name):
        QLocalServer.removeServer(name)  # a socket file left by a crash (Unix): nobody answered above
        if not server.listen(name):
            return Claim(name, server)  # cannot listen: open anyway rather than refuse the clerk's work
    return Claim(name, server)
