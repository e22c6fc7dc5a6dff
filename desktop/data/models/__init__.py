"""All ORM models; importing this module registers every table on ``Base.metadata``."""

from desktop.data.base import Base
from desktop.data.models.reporting import Explanation, StoredFinding, Submission, TargetSet
from desktop.data.models.seats import SchoolClass, SeatAddition, SeatTask, StageCapacity
from desktop.data.models.staff import Credential, Movement, Registration, Staff, StaffCourse
from desktop.data.models.training import TrainingRecord
from desktop.data.models.trust import AuditEntry, Setting, User
from desktop.data.models.units import Period, Unit, UnitPeriod

__all__ = [
    "AuditEntry",
    "Base",
    "Credential",
    "Explanation",
    "Movement",
    "Period",
    "Registration",
    "SchoolClass",
    "SeatAddition",
    "SeatTask",
    "Setting",
    "Staff",
    "StaffCourse",
    "StageCapacity",
    "StoredFinding",
    "Submission",
    "TargetSet",
    "TrainingRecord",
    "Unit",
    "UnitPeriod",
    "User",
]
