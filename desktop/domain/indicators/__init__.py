"""The indicator engine (指标计算): pure computation over plain rows, no database, no Qt.

``desktop.services.indicators.compute`` loads the rows with SQL aggregation and calls
``compute``; the returns and the GUI read ``IndicatorReport``.
"""

from desktop.domain.indicators.engine import compute
from desktop.domain.indicators.inputs import (
    CapacityRow,
    CertRow,
    ClassRow,
    IndicatorInput,
    RotationRow,
    SeatTaskRow,
    StaffRow,
    TrainingSums,
    UnitRow,
)
from desktop.domain.indicators.results import DrillItem, IndicatorReport, IndicatorResult

__all__ = [
    "CapacityRow",
    "CertRow",
    "ClassRow",
    "DrillItem",
    "IndicatorInput",
    "IndicatorReport",
    "IndicatorResult",
    "RotationRow",
    "SeatTaskRow",
    "StaffRow",
    "TrainingSums",
    "UnitRow",
    "compute",
]
