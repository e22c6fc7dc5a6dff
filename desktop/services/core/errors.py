"""Errors a service raises; every message is a Chinese sentence a clerk can act on."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from desktop.data.files import FileInUseError
from desktop.domain.findings import Finding
from desktop.domain.privacy import mask_ids_in_text


class ServiceError(Exception):
    """A use case refused; ``findings`` says which fields are wrong and why."""

    def __init__(self, message: str, findings: Sequence[Finding] = ()) -> None:
        # An ID number quoted in a message is masked like everywhere else (R14).
        message = mask_ids_in_text(message)
        super().__init__(message)
        self.message = message
        self.findings = tuple(findings)

    def field_messages(self) -> dict[str, str]:
        """field → message, for showing each reason next to its field."""
        out: dict[str, str] = {}
        for f in self.findings:
            out.setdefault(f.field, f.message)
        return out


class NotFoundError(ServiceError):
    """The record asked for does not exist (any more)."""


class ConflictError(ServiceError):
    """Someone else changed the record since it was read (optimistic locking)."""


class LockedError(ServiceError):
    """The period is approved (已审核) and read-only until a reviewer unlocks it."""


@contextmanager
def file_in_use_refused() -> Iterator[None]:
    """A target file another program has open (Windows) becomes a refusal saying which file to close."""
    try:
        yield
    except FileInUseError as exc:
        raise ServiceError(exc.strerror or str(exc)) from exc
