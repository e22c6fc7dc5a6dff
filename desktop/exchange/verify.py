"""Opening and verifying a package before anything is written (no database access here).

``open_package`` refuses, with a Chinese reason a clerk can act on, a file that
is not a zip, an unsafe zip (too big, too many members, a compression bomb,
a member name that climbs out of its folder), a missing or unreadable
manifest, an unknown or newer format version, a member whose sha256 differs
from the manifest (edited after export), a member the manifest lists that is
missing or one it does not list. ``check_destination`` then asks whether the
package belongs to this office and period. Row counts are checked while the
rows stream (``PackageReader.rows``): a mismatch raises before the importer
commits, so nothing is written.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import IO, Any

from desktop.domain.unitcodes import is_unit_code, unit_code_problem
from desktop.exchange.package import FORMAT_NAME, FORMAT_VERSION, MANIFEST, Manifest
from desktop.exchange.package_sign import (
    SIGNATURE,
    PackageSignature,
    SignatureError,
    verify_manifest,
)
from desktop.exchange.row_checks import RowProblem, check_row, quick_check
from desktop.exchange.tables import BY_NAME, member_name

MAX_FILE_BYTES = 2 << 30  # a city package of 5 million rows is ~300 MB
MAX_MEMBERS = 200
MAX_MEMBER_BYTES = 4 << 30  # uncompressed, as the zip directory claims
MAX_RATIO = 200  # uncompressed ÷ compressed, for zip members and the gzip inside them
MAX_LINE_BYTES = 16 << 20  # one JSON line of a member: a batch of 2,000 rows is well under 2 MB
MAX_JSON_BYTES = 10 << 20  # manifest.json
_NAME = re.compile(r"^(manifest\.json|signature\.json|data/[a-z_]+\.jsonl\.gz|returns/[^/\\:]+\.(xlsx|pdf))$")


class PackageError(Exception):
    """A package is refused; ``reason`` is a short code, the message Chinese."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass(frozen=True, slots=True)
class Destination:
    """Where a package is being imported: the office and the period it accepts."""

    home_code: str
    home_name: str
    known_codes: frozenset[str]  # units below the home unit (at any depth)
    school_year: int


def _safe_name(name: str) -> bool:
    p = PurePosixPath(name)
    return bool(_NAME.match(name)) and not p.is_absolute() and ".." not in p.parts


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} 不是有效的数字")


def loads(data: bytes | str, what: str) -> Any:
    """``json.loads`` that refuses NaN/Infinity and nesting too deep to read, as a ``PackageError``."""
    try:
        return json.loads(data, parse_constant=_no_constant)
    except RecursionError:
        raise PackageError("unsafe", f"数据包中的{what}嵌套层数异常（可能是恶意文件），已拒绝。") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise PackageError("bad_member", f"数据包中的{what}无法读取（{str(exc)[:80]}），文件可能被改动过。"
                           "请让报送单位重新导出。") from None


def _line(gz: gzip.GzipFile, label: str) -> bytes:
    """One line of at most ``MAX_LINE_BYTES``, read without ever holding more (a line with no end is refused)."""
    line = gz.readline(MAX_LINE_BYTES + 1)
    if len(line) > MAX_LINE_BYTES:
        raise PackageError("unsafe", f"数据包中{label}的数据有一行超过 {MAX_LINE_BYTES >> 20} MB，"
                           "本程序导出的数据包不会这样，可能是恶意文件，已拒绝。")
    return line


def _consumed(raw: IO[bytes]) -> int:
    """Compressed bytes read so far (the whole member when the stream cannot tell)."""
    try:
        return raw.tell()
    except (OSError, ValueError, AttributeError):
        return 1 << 62


def member_rows(raw: IO[bytes], table: str, size: int, expected: int | None = None) -> Iterator[list[Any]]:
    """The rows of one gzip'd JSON-lines member, each checked for shape and by the domain validators.

    ``size``: the member's real compressed bytes (from the zip, never from the
    manifest, which the sender writes); ``expected``: the row count the manifest
    claims, enforced while streaming when given. Limits are fixed here, not set
    by the file: uncompressed bytes (``MAX_RATIO`` × size), bytes per line,
    lines, rows. Shared by ``PackageReader.rows`` and the staging worker
    (``exchange.staging``), so both refuse a damaged member with the same reason.
    """
    spec = BY_NAME[table]
    limit = max(size, 1 << 16) * MAX_RATIO
    read = 0
    seen = 0
    with gzip.GzipFile(fileobj=raw) as gz:
        header = loads(_line(gz, spec.label), spec.label)
        if not isinstance(header, dict) or header.get("columns") != list(spec.columns):
            raise PackageError("bad_member", f"数据包中{spec.label}的列与本程序不一致，无法读取。"
                               "请确认报送单位使用的程序版本，并让其重新导出。")
        width = len(spec.columns)
        quick = quick_check(table)
        while line := _line(gz, spec.label):
            read += len(line)
            # The ratio so far, against the compressed bytes actually consumed: a bomb of honest
            # total size is refused within its first megabytes, not after inflating to the limit.
            if read > limit or (read > 1 << 20 and read > MAX_RATIO * max(_consumed(raw), 1)):
                raise PackageError("unsafe", "数据包中的数据解压后异常庞大（压缩比异常，可能是压缩炸弹），已拒绝。")
            batch = loads(line, spec.label)
            if not isinstance(batch, list) or not batch:
                raise PackageError("bad_member", f"数据包中{spec.label}的数据格式不对，文件可能被改动过。")
            for row in batch:
                seen += 1
                if not isinstance(row, list) or len(row) != width:
                    raise PackageError("bad_member", f"数据包中{spec.label}有一行的字段个数不对，文件可能被改动过。")
                if quick is not None and quick(row):
                    continue
                try:
                    check_row(table, row, seen)
                except RowProblem as exc:
                    raise PackageError("bad_row", f"数据包中的{exc}。报送单位的程序不会保存这样的数据，数据包可能被改动过；"
                                       "未导入任何数据，请让报送单位核对后重新导出。") from None
            if expected is not None and seen > expected:
                check_count(table, seen, expected)
            yield from batch


def check_count(table: str, seen: int, expected: int) -> None:
    """Refuse a member whose row count differs from the manifest's."""
    if seen != expected:
        raise PackageError("count_mismatch", f"数据包中{BY_NAME[table].label}有 {seen} 条，清单上写的是 {expected} 条，"
                           "数据不完整或被改动过。请让报送单位重新导出。")


class PackageReader:
    """An open, verified package; use as a context manager."""

    def __init__(self, path: Path, zf: zipfile.ZipFile, manifest: Manifest,
                 signature: PackageSignature | None = None) -> None:
        self.path = path
        self._zf = zf
        self.manifest = manifest
        self.signature = signature  # verified against the manifest; None when the package is unsigned

    def __enter__(self) -> PackageReader:
        return self

    def __exit__(self, *exc: tuple[type[BaseException] | None, BaseException | None, TracebackType | None]) -> None:
        self.close()

    def close(self) -> None:
        self._zf.close()

    def has_table(self, table: str) -> bool:
        return member_name(table) in self.manifest.members

    def member_names(self) -> list[str]:
        return list(self.manifest.members)

    def read_member(self, name: str) -> bytes:
        return self._zf.read(name)

    def rows(self, table: str) -> Iterator[list[Any]]:
        """Every row of ``table`` (lists in ``tables`` column order); checks the count at the end."""
        if not self.has_table(table):
            return
        name = member_name(table)
        seen = 0
        with self._zf.open(name) as raw:
            size = self._zf.getinfo(name).file_size
            for row in member_rows(raw, table, size, self.manifest.counts.get(table, 0)):
                seen += 1
                yield row
        check_count(table, seen, self.manifest.counts.get(table, 0))

    def count_rows(self) -> dict[str, int]:
        """Stream every table once (checks every count); returns the counts."""
        out: dict[str, int] = {}
        for table in self.manifest.counts:
            out[table] = sum(1 for _ in self.rows(table))
        return out


def _read_manifest(zf: zipfile.ZipFile) -> Manifest:
    try:
        info = zf.getinfo(MANIFEST)
    except KeyError:
        raise PackageError("no_manifest", "数据包里没有清单文件（manifest.json），不是本程序导出的数据包，"
                           "或文件已损坏。请让报送单位重新导出。") from None
    if info.file_size > MAX_JSON_BYTES:
        raise PackageError("unsafe", "数据包的清单文件异常庞大，已拒绝。")
    try:
        raw = json.loads(zf.read(MANIFEST).decode("utf-8"))
    except RecursionError:
        raise PackageError("unsafe", "数据包的清单文件嵌套层数异常（可能是恶意文件），已拒绝。") from None
    except (ValueError, UnicodeDecodeError, zipfile.BadZipFile) as exc:
        raise PackageError("bad_manifest", f"数据包的清单文件无法读取（{exc}），文件可能已损坏或被改动。") from exc
    if not isinstance(raw, dict) or raw.get("format") != FORMAT_NAME:
        raise PackageError("bad_manifest", "这不是 EduReturns 上报数据包（清单格式不对）。")
    version = raw.get("format_version")
    if not isinstance(version, int) or version < 1:
        raise PackageError("bad_manifest", "数据包的格式版本号无效，文件可能被改动过。")
    if version > FORMAT_VERSION:
        raise PackageError("newer_format", f"数据包是用较新的程序导出的（格式版本 {version}，本程序只能读到版本 "
                           f"{FORMAT_VERSION}，导出程序版本 {raw.get('app_version', '未知')}）。请先把本程序升级到最新版本再导入。")
    try:
        manifest = Manifest.from_json(raw)
    except (KeyError, TypeError, ValueError) as exc:
        raise PackageError("bad_manifest", f"数据包的清单缺少必要内容（{exc}），文件可能被改动过。") from exc
    # The unit code names files on disk (the kept copy in received/): checked before any use.
    problem = unit_code_problem(manifest.unit_code, manifest.unit_kind)
    if problem is None and manifest.parent_code and not is_unit_code(manifest.parent_code):
        problem = f"上级单位代码“{str(manifest.parent_code)[:40]}”不是有效的单位代码"
    if problem is not None:
        raise PackageError("bad_unit_code", f"数据包清单中的{problem}。文件可能被改动过，未导入任何数据，"
                           "请让报送单位核对单位代码后重新导出。")
    return manifest


def _check_members(zf: zipfile.ZipFile, manifest: Manifest) -> None:
    listed = set(manifest.members)
    present = {i.filename for i in zf.infolist()} - {MANIFEST, SIGNATURE}
    for name in sorted(listed - present):
        raise PackageError("missing_member", f"数据包缺少文件“{name}”（清单上有，包里没有），"
                           "文件不完整或被改动过。请让报送单位重新导出。")
    for name in sorted(present - listed):
        raise PackageError("tampered", f"数据包里多了清单上没有的文件“{name}”，导出后被改动过。请让报送单位重新导出。")
    for name in sorted(listed):
        h = hashlib.sha256()
        try:
            with zf.open(name) as f:
                for chunk in iter(lambda f=f: f.read(1 << 20), b""):  # type: ignore[misc]
                    h.update(chunk)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise PackageError("tampered", f"数据包中的文件“{name}”校验失败（{exc}），文件在导出后被改动过或已损坏。"
                               "请让报送单位重新导出。") from exc
        if h.hexdigest() != manifest.members[name].get("sha256"):
            raise PackageError("tampered", f"数据包中的文件“{name}”与清单记录的校验值不一致，内容在导出后被改动过。"
                               "请让报送单位重新导出，不要手工修改数据包。")
    for table in manifest.counts:
        if table not in BY_NAME:
            raise PackageError("bad_manifest", f"数据包中有本程序不认识的数据表“{table}”，请升级程序后再导入。")
        if manifest.counts[table] and member_name(table) not in listed:
            raise PackageError("missing_member", f"数据包缺少{BY_NAME[table].label}的数据文件。请让报送单位重新导出。")


def open_package(path: Path) -> PackageReader:
    """Open ``path`` and verify its structure, manifest and member hashes."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise PackageError("unreadable", f"无法读取文件 {path.name}：{exc}") from exc
    if size > MAX_FILE_BYTES:
        raise PackageError("unsafe", f"文件 {path.name} 超过 {MAX_FILE_BYTES >> 30} GB，不是正常的上报数据包。")
    if not zipfile.is_zipfile(path):
        raise PackageError("not_zip", f"文件 {path.name} 不是上报数据包（不是 zip 格式，或文件已损坏）。"
                           "请确认选择的是以 .erp 结尾、由本程序导出的文件。")
    zf = zipfile.ZipFile(path)
    try:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise PackageError("unsafe", f"数据包中有 {len(infos)} 个文件，超过上限，已拒绝。")
        names = [i.filename for i in infos]
        if len(set(names)) != len(names):
            raise PackageError("unsafe", "数据包中有重名文件，可能是被改动过的文件，已拒绝。")
        for info in infos:
            if not _safe_name(info.filename):
                raise PackageError("unsafe", f"数据包中有不允许的文件名“{info.filename}”，已拒绝（可能试图写到其他目录）。")
            if info.file_size > MAX_MEMBER_BYTES or (
                info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 1 << 20
            ):
                raise PackageError("unsafe", f"数据包中的文件“{info.filename}”压缩比异常（可能是压缩炸弹），已拒绝。")
        manifest = _read_manifest(zf)
        _check_members(zf, manifest)
        signature = _check_signature(zf)
    except BaseException:
        zf.close()
        raise
    return PackageReader(path, zf, manifest, signature)


def _check_signature(zf: zipfile.ZipFile) -> PackageSignature | None:
    """The verified signature over the manifest bytes, or None when unsigned (the importer decides)."""
    if SIGNATURE not in zf.namelist():
        return None
    if zf.getinfo(SIGNATURE).file_size > 4096:
        raise PackageError("unsafe", "数据包的签名文件异常庞大，已拒绝。")
    try:
        return verify_manifest(zf.read(SIGNATURE), zf.read(MANIFEST))
    except RecursionError:
        raise PackageError("unsafe", "数据包的签名文件嵌套层数异常（可能是恶意文件），已拒绝。") from None
    except SignatureError:
        raise PackageError("bad_signature", "数据包的签名与清单不符：清单在导出后被改动过（可能有人修改了数据并重写了校验值）。"
                           "未导入任何数据，请让报送单位重新导出数据包。") from None


def check_destination(manifest: Manifest, dest: Destination, *, package_type: str = "data") -> None:
    """Refuse a package of the wrong type, for another office or another period."""
    if manifest.package_type != package_type:
        wanted = {"data": "上报数据包", "reply": "退回意见文件", "receipt": "回执文件"}.get(package_type, package_type)
        if manifest.package_type == "reply":
            raise PackageError("wrong_type", f"这是教育局的退回意见文件，不是{wanted}。请在学校端用“导入退回意见”打开它。")
        if manifest.package_type == "receipt":
            raise PackageError("wrong_type", f"这是教育局的回执文件，不是{wanted}。请在学校端的“上报”页用“导入回执”打开它。")
        raise PackageError("wrong_type", f"这是上报数据包，不是{wanted}。请在教育局端用“导入数据包”打开它。")
    code = manifest.unit_code
    if package_type == "data":
        if code == dest.home_code:
            raise PackageError("own_package", f"这是本单位（{dest.home_code} {dest.home_name}）自己导出的数据包，"
                               "不能导入到本单位。")
        if manifest.parent_code != dest.home_code and code not in dest.known_codes:
            raise PackageError("wrong_office", f"数据包来自 {code} {manifest.unit_name}，其上级单位是 "
                               f"{manifest.parent_code or '未填写'}，不属于本单位（{dest.home_code} {dest.home_name}）管辖。"
                               "请确认是否收错了文件。")
    elif code != dest.home_code:
        what = "回执" if package_type == "receipt" else "退回意见"
        raise PackageError("wrong_office", f"{what}是给 {code} {manifest.unit_name} 的，不是给本单位"
                           f"（{dest.home_code} {dest.home_name}）的。")
    if manifest.school_year != dest.school_year:
        raise PackageError("wrong_period", f"数据包是 {manifest.school_year}学年 的，本次接收的是 {dest.school_year}学年。"
                           "请选择正确的学年，或让报送单位导出本学年的数据包。")
