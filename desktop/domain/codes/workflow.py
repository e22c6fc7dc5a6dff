"""Workflow and trust: reporting state (填报状态), user roles, finding severity, submission kinds."""

from __future__ import annotations

from desktop.domain.codes.base import CodeEnum


class WorkflowState(CodeEnum):  # 填报状态
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    APPROVED = "approved", "已审核"
    RETURNED = "returned", "已退回"


class Role(CodeEnum):  # 用户角色
    CLERK = "clerk", "填报员"
    REVIEWER = "reviewer", "审核人"
    ADMIN = "admin", "管理员"


class Severity(CodeEnum):  # 检查结果级别
    ERROR = "error", "错误"
    WARNING = "warning", "警告"


class SubmissionKind(CodeEnum):  # 上报记录类型
    SENT = "sent", "已上报"
    RECEIVED = "received", "已接收"
    REPLY_SENT = "reply_sent", "已退回"
    REPLY_RECEIVED = "reply_received", "收到退回"
