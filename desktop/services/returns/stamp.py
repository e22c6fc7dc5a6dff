"""The data stamp, for the returns' callers: it lives in ``services.core.stamp`` (the indicators use it too)."""

from desktop.services.core.stamp import data_stamp

__all__ = ["data_stamp"]
