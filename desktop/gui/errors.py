"""Unexpected errors: logged to the data folder, told to the user in Chinese, app keeps running.

``install_excepthook`` replaces ``sys.excepthook`` (Qt calls it for exceptions in
slots); ``show_service_error`` is for the expected refusals of a service.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.appdirs import logs_dir
from desktop.gui.i18n import tr
from desktop.gui.operations.shapes import ServiceError

log = logging.getLogger("edureturns.gui")
LOG_NAME = "errors.log"
_open_boxes: list[QMessageBox] = []  # a parentless box must stay referenced while it is shown


def log_path() -> str:
    return str(logs_dir() / LOG_NAME)


def _file_handler() -> logging.Handler:
    handler = logging.FileHandler(log_path(), encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    return handler


def record_exception(exc: BaseException) -> str:
    """Write the traceback to the log file; returns the log path."""
    handler = _file_handler()
    log.addHandler(handler)
    try:
        log.error("未处理的异常\n%s", "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    finally:
        log.removeHandler(handler)
        handler.close()
    return log_path()


def unexpected_error_box(exc: BaseException, parent: QWidget | None = None) -> QMessageBox:
    path = record_exception(exc)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tr("程序出现意外"))
    box.setText(tr("程序遇到了一个意外问题，刚才的操作没有完成。已经保存的数据没有丢失，您可以继续工作。"))
    box.setInformativeText(tr("详细信息已记录在日志文件中，请把它发给技术支持：") + "\n" + path)
    box.setDetailedText(f"{type(exc).__name__}: {exc}")
    return box


def show_unexpected(exc: BaseException, parent: QWidget | None = None) -> None:
    if isinstance(exc, ServiceError):
        show_service_error(exc, parent)
        return
    box = unexpected_error_box(exc, parent or QApplication.activeWindow())
    _keep_open(box)


def show_service_error(exc: ServiceError, parent: QWidget | None = None) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, tr("未保存"), exc.message, QMessageBox.StandardButton.Ok,
                      parent or QApplication.activeWindow())
    _keep_open(box)


def _keep_open(box: QMessageBox) -> None:
    _open_boxes.append(box)
    box.finished.connect(lambda _r: _open_boxes.remove(box) if box in _open_boxes else None)
    box.open()  # not exec(): the event loop keeps running


def install_excepthook() -> None:
    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        exc.__traceback__ = tb
        show_unexpected(exc)

    sys.excepthook = hook
