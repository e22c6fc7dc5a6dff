"""The office recomputes a package's returns from its rows: tampering is refused, another version is noted.

Every package carries the data fingerprints of its detail-built returns
(``manifest.fingerprints``) and, from this version on, which definition of each
return built them (``manifest.extra.definitions``, ``reports.definition.definition_digests``).
The import recomputes the fingerprints from the rows it has just written:

* a return missing from the manifest is a refusal (an emptied list would switch the check off);
* a fingerprint that differs is a refusal — *unless* the package says it was made by
  another app version, or by another definition of that return, than this program's:
  then the difference is what the changed definition computes, not proof of tampering,
  and the package is imported with a notice naming the returns not checked. The office's
  own returns are always built from the rows it imported, never taken from the package.

A sender can claim any version in its own signed manifest; what it gains is only that
its printed returns are not checked against its rows (the notice says so, and the rows
themselves pass every row check all the same).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from desktop import __version__
from desktop.exchange.package import Manifest
from desktop.exchange.verify import PackageError, PackageReader
from desktop.reports.definition import definition_digests
from desktop.services.returns.build import all_return_codes, data_fingerprints

DEFINITIONS = "definitions"  # manifest.extra key: return code → definition digest


def definitions_for(codes: list[str]) -> dict[str, str]:
    """What the export writes into ``manifest.extra.definitions`` for its fingerprinted returns."""
    digests = definition_digests()
    return {code: digests[code] for code in codes if code in digests}


def _other_version(m: Manifest, code: str) -> str | None:
    """Why the package's fingerprint of ``code`` may honestly differ (a Chinese clause), or None."""
    if m.app_version != __version__:
        return f"由 EduReturns {m.app_version} 导出（本程序为 {__version__}）"
    theirs: Any = m.extra.get(DEFINITIONS)
    if isinstance(theirs, dict) and code in theirs and theirs[code] != definition_digests().get(code):
        return "导出时使用的报表定义与本程序的不同"
    return None


def check_fingerprints(session: Session, reader: PackageReader, unit_id: int, period_id: int) -> str:
    """Refuse tampering; returns a notice (empty when every return was checked and matched)."""
    m = reader.manifest
    session.flush()
    ours = data_fingerprints(session, unit_id, period_id, all_return_codes())
    missing = sorted(set(ours) - set(m.fingerprints))
    if missing:
        raise PackageError("no_fingerprint", f"数据包的清单缺少报表 {'、'.join(missing[:5])} 的数据指纹，无法核对报表与明细数据"
                           "是否一致。可能是被改动过的数据包，或由旧版本程序导出。未导入任何数据，请让报送单位用最新版本重新导出。")
    skipped: list[str] = []
    why = ""
    for code, digest in sorted(ours.items()):
        if digest == m.fingerprints[code]:
            continue
        why = _other_version(m, code) or ""
        if not why:
            raise PackageError("fingerprint_mismatch", f"按数据包中的明细重新计算，报表 {code} 的数据指纹与清单不一致"
                               f"（清单 {m.fingerprints[code][:16]}…，重算 {digest[:16]}…）：报表与明细数据对不上，"
                               "可能被改动过，或导出时数据正在修改。未导入任何数据，请让报送单位重新导出。")
        skipped.append(code)
    if not skipped:
        return ""
    return (f"注意：该数据包{why}，报表 {'、'.join(skipped)} 按本程序重算的数据指纹与清单不同，这几张报表未核对"
            "（明细数据已全部核对并导入）。本局的报表按导入的明细重新生成；如需核对该单位打印的报表，"
            "请让其升级到与本局相同的版本后重新导出。")
