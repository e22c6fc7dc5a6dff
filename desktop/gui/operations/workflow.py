"""Operations of the 填报状态 panel: the state of the unit's period and its transitions."""

from __future__ import annotations

from desktop.services.year.workflow import approve, get_status, return_, submit, unlock

__all__ = ["approve", "get_status", "return_", "submit", "unlock"]
