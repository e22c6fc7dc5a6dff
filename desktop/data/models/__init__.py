"""All ORM models; importing this module registers every table on ``Base.metadata``."""

from desktop.data.base import Base
from desktop.data.models.people import Appraisal, EthicsRecord, Transfer
from desktop.data.models.reporting import Explanation, Receipt, StoredFinding, Submission, TargetSet
from desktop.data.models.seats import SchoolClass, SeatAddition, SeatTask, StageCapacity
from desktop.data.models.staff import Credential, Movement, Registration, Staff, StaffCourse
from desktop.data.models.training import KeptTrainingSums, TrainingRecord
from desktop.data.models.trust import AuditEntry, Secret, Setting, User
from desktop.data.models.units import Period, Unit, UnitPeriod

__all__ = [
    "Appraisal",
    "AuditEntry",
    "Base",
    "Credential",
    "EthicsRecord",
    "Explanation",
    "KeptTrainingSums",
    "Movement",
    "Period",
    "Receipt",
    "Registration",
    "SchoolClass",
    "SeatAddition",
    "SeatTask",
    "Secret",
    "Setting",
    "Staff",
    "StaffCourse",
    "StageCapacity",
    "StoredFinding",
    "Submission",
    "TargetSet",
    "TrainingRecord",
    "Transfer",
    "Unit",
    "UnitPeriod",
    "User",
]
