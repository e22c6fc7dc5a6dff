"""The package file (上报数据包): a zip with a manifest, detail tables and the returns.

File name ``<unit code>_<学年>学年_<unit kind>.erp`` — ``.erp`` ("EduReturns
package") is the one extension the installer associates with the app; a 退回
reply uses the same container with ``package_type = "reply"`` and the name
``<unit code>_<学年>学年_退回意见.erp``; a receipt (回执) ``package_type = "receipt"``
and ``<unit code>_<学年>学年_回执.erp``. The name is only a hint: everything an
importer trusts comes from ``manifest.json``.

Layout inside the zip (every member stored, the data members are gzip already):

- ``signature.json`` — the exporting unit's Ed25519 signature over the exact
  bytes of ``manifest.json`` and its public key (``package_sign``);
- ``manifest.json`` — format and app version, unit (code, name, kind, parent
  code), period, created time, row counts per table, sha256 and size of every
  other member, the data fingerprint of each return, error/warning counts;
- ``data/<table>.jsonl.gz`` — one member per table of ``exchange.tables``: a
  header line ``{"table": …, "columns": […]}`` and then lines that are each a
  JSON array of up to ``BATCH`` rows (arrays in column order). Batches keep the
  file compact and let one ``json.loads`` call parse thousands of rows, while a
  reader still streams (memory stays flat for a city's 5 million rows);
- ``returns/*.xlsx`` and ``returns/*.pdf`` — the human-readable returns.

Writing goes to a temporary file beside the target that is renamed into place.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop.data.files import replace_file
from desktop.exchange.tables import BY_NAME, member_name

FORMAT_NAME = "edureturns-package"
FORMAT_VERSION = 1  # bump when a reader of the old version could misread a new file
EXTENSION = ".erp"
MANIFEST = "manifest.json"
BATCH = 2000
PACKAGE_TYPES = ("data", "reply", "receipt")


def package_file_name(unit_code: str, school_year: int, kind: str) -> str:
    return f"{unit_code}_{school_year}学年_{kind}{EXTENSION}"


def reply_file_name(unit_code: str, school_year: int) -> str:
    return f"{unit_code}_{school_year}学年_退回意见{EXTENSION}"


def receipt_file_name(unit_code: str, school_year: int) -> str:
    return f"{unit_code}_{school_year}学年_回执{EXTENSION}"


def _json_value(v: Any) -> Any:
    if isinstance(v, datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(v, date):
        return v.isoformat()
    raise TypeError(f"cannot put {type(v).__name__} into a package")


@dataclass
class Manifest:
    unit_code: str
    unit_name: str
    unit_kind: str
    parent_code: str | None
    school_year: int
    census_date: str
    created_at: str
    app_version: str
    package_type: str = "data"
    format_version: int = FORMAT_VERSION
    counts: dict[str, int] = field(default_factory=dict)
    members: dict[str, dict[str, Any]] = field(default_factory=dict)  # name → {"sha256", "size"}
    fingerprints: dict[str, str] = field(default_factory=dict)  # return code → sha256 of its data
    errors: int = 0
    warnings: int = 0
    extra: dict[str, Any] = field(default_factory=dict)  # reply comments and the like

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT_NAME, "format_version": self.format_version, "package_type": self.package_type,
            "app_version": self.app_version, "created_at": self.created_at,
            "unit": {"code": self.unit_code, "name": self.unit_name, "kind": self.unit_kind,
                     "parent_code": self.parent_code},
            "period": {"school_year": self.school_year, "census_date": self.census_date},
            "counts": self.counts, "members": self.members, "fingerprints": self.fingerprints,
            "findings": {"errors": self.errors, "warnings": self.warnings}, "extra": self.extra,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Manifest:
        """Parse a manifest already known to be of a supported version (KeyError/TypeError if malformed)."""
        unit, period, found = raw["unit"], raw["period"], raw.get("findings") or {}
        return cls(
            unit_code=str(unit["code"]), unit_name=str(unit["name"]), unit_kind=str(unit["kind"]),
            parent_code=unit.get("parent_code"), school_year=int(period["school_year"]),
            census_date=str(period["census_date"]), created_at=str(raw["created_at"]),
            app_version=str(raw["app_version"]), package_type=str(raw["package_type"]),
            format_version=int(raw["format_version"]),
            counts={str(k): int(v) for k, v in dict(raw["counts"]).items()},
            members={str(k): dict(v) for k, v in dict(raw["members"]).items()},
            fingerprints={str(k): str(v) for k, v in dict(raw.get("fingerprints") or {}).items()},
            errors=int(found.get("errors", 0)), warnings=int(found.get("warnings", 0)),
            extra=dict(raw.get("extra") or {}),
        )


def encode_table(table: str, rows: Iterable[Sequence[Any]]) -> tuple[bytes, int]:
    """The gzip member for ``table`` and its row count."""
    spec = BY_NAME[table]
    buf = io.BytesIO()
    count = 0
    # mtime=0: the same rows give the same bytes, so re-exporting unchanged data gives the same hash.
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=6, mtime=0) as gz:
        gz.write(json.dumps({"table": table, "columns": list(spec.columns)}).encode() + b"\n")
        batch: list[Sequence[Any]] = []
        for row in rows:
            if len(row) != len(spec.columns):
                raise ValueError(f"{table}: row has {len(row)} values, expected {len(spec.columns)}")
            batch.append(row if isinstance(row, (list, tuple)) else tuple(row))
            if len(batch) >= BATCH:
                gz.write(json.dumps(batch, ensure_ascii=False, default=_json_value,
                                    separators=(",", ":")).encode() + b"\n")
                count += len(batch)
                batch = []
        if batch:
            gz.write(json.dumps(batch, ensure_ascii=False, default=_json_value,
                                separators=(",", ":")).encode() + b"\n")
            count += len(batch)
    return buf.getvalue(), count


class PackageWriter:
    """Collects members, then writes the zip with its manifest atomically."""

    def __init__(self, manifest: Manifest) -> None:
        self.manifest = manifest
        self._members: list[tuple[str, bytes | Path]] = []

    def add_table(self, table: str, rows: Iterable[Sequence[Any]]) -> int:
        data, count = encode_table(table, rows)
        self._add(member_name(table), data)
        self.manifest.counts[table] = count
        return count

    def add_file(self, path: Path, *, folder: str = "returns") -> None:
        self._add(f"{folder}/{path.name}", path)

    def add_bytes(self, name: str, data: bytes, *, folder: str = "returns") -> None:
        self._add(f"{folder}/{name}", data)

    def _add(self, name: str, content: bytes | Path) -> None:
        data = content.read_bytes() if isinstance(content, Path) else content
        self.manifest.members[name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        self._members.append((name, content))

    def write(self, path: Path, *, signing_key: bytes | None = None) -> Path:
        """Write the zip; with ``signing_key`` (Ed25519 PKCS#8 PEM) it carries ``signature.json``."""
        from desktop.exchange.package_sign import SIGNATURE, sign_manifest

        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".part-", suffix=EXTENSION, dir=path.parent)
        os.close(fd)
        try:
            with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED) as zf:
                manifest = json.dumps(self.manifest.to_json(), ensure_ascii=False, indent=1).encode()
                zf.writestr(MANIFEST, manifest, compress_type=zipfile.ZIP_DEFLATED)
                if signing_key is not None:
                    # Signed over the exact manifest bytes: the member hashes in it cover the rest.
                    zf.writestr(SIGNATURE, sign_manifest(signing_key, manifest))
                for name, content in self._members:
                    data = content.read_bytes() if isinstance(content, Path) else content
                    # PDFs shrink when deflated; gzip and xlsx members are compressed already.
                    method = zipfile.ZIP_DEFLATED if name.endswith(".pdf") else zipfile.ZIP_STORED
                    zf.writestr(name, data, compress_type=method)
            os.chmod(tmp, 0o644)
            replace_file(tmp, path)  # a file open in Excel or a reader: FileInUseError
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        return path


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
