"""Code tables (代码表) used across the app, one module per subject.

Every coded field in the database stores the ``value`` of one of these enums.
Where a national standard defines the code (GB/T 2261.1 性别, GB 3304 民族,
GB/T 4762 政治面貌, JY/T 1001 教职工类别, GB/T 33782 办学类型 …) the national code
is used; otherwise the code is our own and stable. The Chinese label is what a
user reads; ``from_label`` accepts the label, common aliases and the code itself.
Sources and confidence of each table: ``shared/reference/domain-notes.md``.
"""

from __future__ import annotations

from desktop.domain.codes.base import CodeEnum
from desktop.domain.codes.classes import Grade, SeatMethod
from desktop.domain.codes.credentials import CredentialKind, RegistrationResult, TeacherCertType
from desktop.domain.codes.people import (
    AppraisalResult,
    Degree,
    EducationLevel,
    EmploymentForm,
    EndReason,
    EthicsKind,
    Ethnicity,
    Gender,
    HonourLevel,
    IdDocType,
    MovementKind,
    OverseasStatus,
    PoliticalStatus,
    Post,
    StaffCategory,
    Subject,
    Title,
)
from desktop.domain.codes.training import (
    TrainingCategory,
    TrainingLevel,
    TrainingMode,
    TrainingTopic,
)
from desktop.domain.codes.units import Ownership, SchoolCategory, Stage, UnitKind, UrbanRural
from desktop.domain.codes.workflow import Role, Severity, SubmissionKind, WorkflowState

__all__ = [
    "AppraisalResult", "CodeEnum", "CredentialKind", "Degree", "EducationLevel", "EmploymentForm", "EndReason", "EthicsKind", "Ethnicity",
    "Gender", "Grade", "HonourLevel", "IdDocType", "MovementKind", "OverseasStatus", "Ownership", "PoliticalStatus", "Post",
    "RegistrationResult", "Role", "SchoolCategory", "SeatMethod", "Severity", "StaffCategory", "Stage",
    "Subject", "SubmissionKind", "TeacherCertType", "Title", "TrainingCategory", "TrainingLevel",
    "TrainingMode", "TrainingTopic", "UnitKind", "UrbanRural", "WorkflowState",
]
