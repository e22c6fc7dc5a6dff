"""Checking packages before importing them (校验): verified, counted, and what a resubmission would change.

Nothing is written. The same checks as the import (``receive``), stopping before the apply.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from desktop.data.engine import Database
from desktop.exchange.package import file_sha256
from desktop.exchange.verify import PackageError
from desktop.services.packages.receive import (
    PackageResult,
    _check,
    _open,
    _result,
    _target,
    expand_paths,
)
from desktop.services.signing.package_keys import check_signer


def preview_import(db: Database, paths: Sequence[Path | str], *, school_year: int | None = None) -> list[PackageResult]:
    """Verify every file (counts too) and show what a resubmission would change; writes nothing."""
    target = _target(db, school_year)
    out: list[PackageResult] = []
    for path in expand_paths(paths):
        opened = _open(path, target)
        if isinstance(opened, PackageResult):
            out.append(opened)
            continue
        with opened as reader, db.session() as session:
            try:
                check_signer(session, reader)
            except PackageError as exc:
                out.append(_result(reader, path, "refused", exc.message, exc.reason))
                continue
            early, _, _ = _check(session, reader, path, file_sha256(path), target, confirm=False)
            if early is None:
                try:
                    reader.count_rows()
                    early = _result(reader, path, "imported", "校验通过，可以导入。")
                except PackageError as exc:
                    early = _result(reader, path, "refused", exc.message, exc.reason)
            out.append(early)
    return out
