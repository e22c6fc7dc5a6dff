"""定期注册: a certificate's registration state on a day, and the predicted result of the next one.

State, one rule for 概览's cards and the 资格证书 list: a card on 概览 said 335
certificates were due within six months while the list it opened showed 338: the card counted six calendar months, the list 183 days. Both now ask this
module, with the same rows (``services.records.tables.credential_rows``).

Readiness: the predicted result of a teacher's next registration, and why.

The conditions are those of 《中小学教师资格定期注册暂行办法》(教师〔2013〕3号):
第八条 (合格: 师德合格, every 年度考核 合格 or better, the cycle's training hours —
360 学时 nationally, more where the province or city asks, e.g. 450 in 河源,
kept in the target set as ``cycle_hours_teacher``), 第九条 (暂缓: training short
of the requirement) and 第十条 (不合格: a 年度考核 不合格 or a 师德 处分 in the cycle).
Two readings are ours and marked as such in docs/people.md: a 基本合格 year, or
a 师德 批评教育 record, predicts 暂缓 (the 合格 condition is not met, and neither
is a 不合格 ground); a cycle year without a recorded 年度考核 predicts 暂缓 until
it is entered, because 合格 cannot be shown without it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from desktop.domain.codes import AppraisalResult, EthicsKind
from desktop.domain.indicators.common import add_years
from desktop.domain.numbers import amount

NATIONAL_HOURS = 360.0  # 暂行办法第八条: 每五年不少于 360 学时
PASSED, DEFERRED, FAILED = "合格", "暂缓", "不合格"


@dataclass(frozen=True, slots=True)
class Prediction:
    result: str  # 合格 | 暂缓 | 不合格
    reasons: tuple[str, ...]  # one Chinese sentence each; what the school can do about it
    hours: float  # hours in the registration cycle so far
    required: float


def registration_window(due: date) -> tuple[date, date]:
    """The five years a registration due on ``due`` looks back over."""
    return add_years(due, -5), due


def expected_years(due: date, as_of: date, since: date | None = None) -> list[int]:
    """Appraisal years that should be on record by ``as_of``: whole years of the window already assessed."""
    start, _ = registration_window(due)
    first = max(start.year, since.year if since else start.year)
    return list(range(first, min(due.year, as_of.year)))


def predict(
    *, due: date, as_of: date, hours: float, required: float,
    appraisals: Mapping[int, str], ethics: Iterable[tuple[date, str]], since: date | None = None,
) -> Prediction:
    """The predicted result, worst ground first; ``appraisals`` maps year → AppraisalResult code,
    ``ethics`` holds (date, EthicsKind code) records of any time (only the window's count)."""
    start, end = registration_window(due)
    failed: list[str] = []
    deferred: list[str] = []
    for day, kind in sorted(ethics):
        if not start <= day <= max(end, as_of):
            continue
        if kind in (EthicsKind.PUNISHED.value, EthicsKind.REVOKED.value):
            failed.append(f"{day.isoformat()} 受到师德{EthicsKind.label_of(kind)}，注册周期内师德考核不合格")
        elif kind == EthicsKind.CRITICISED.value:
            deferred.append(f"{day.isoformat()} 有师德批评教育记录，请学校出具师德考核意见")
    in_window = {y: r for y, r in appraisals.items() if start.year <= y <= end.year}
    for year, result in sorted(in_window.items()):
        if result == AppraisalResult.FAILED.value:
            failed.append(f"{year} 年度考核不合格")
        elif result == AppraisalResult.BASIC.value:
            deferred.append(f"{year} 年度考核为基本合格，未达到“合格以上”")
    missing = [y for y in expected_years(due, as_of, since) if y not in in_window]
    if missing:
        deferred.append(f"缺少 {'、'.join(str(y) for y in missing)} 年的年度考核结果，请补录")
    if hours < required:
        national = "" if required <= NATIONAL_HOURS else f"（国家最低 {amount(NATIONAL_HOURS)} 学时）"
        deferred.append(f"注册周期内培训 {amount(hours, 1)} 学时，未达到 {amount(required)} 学时{national}，"
                        f"还差 {amount(required - hours, 1)} 学时，请在 {due.isoformat()} 前补足")
    if failed:
        return Prediction(FAILED, tuple(failed + deferred), hours, required)
    if deferred:
        return Prediction(DEFERRED, tuple(deferred), hours, required)
    return Prediction(PASSED, (f"培训 {amount(hours, 1)} 学时已达 {amount(required)} 学时，年度考核和师德均合格",),
                      hours, required)


# The state of a certificate on a day.

DUE_SOON_MONTHS = 6
OVERDUE, DUE_SOON, NO_RECORD, CURRENT, REVOKED = "overdue", "due_soon", "no_record", "current", "revoked"


def due_soon_limit(as_of: date) -> date:
    """The last day counted as 半年内到期: six calendar months on (the 28th when the month is shorter)."""
    month = as_of.month - 1 + DUE_SOON_MONTHS
    year, month = as_of.year + month // 12, month % 12 + 1
    try:
        return as_of.replace(year=year, month=month)
    except ValueError:
        return as_of.replace(year=year, month=month, day=28)


def registration_state(*, teacher: bool, revoked: bool, next_due: date | None, as_of: date) -> str | None:
    """``OVERDUE``, ``DUE_SOON``, ``NO_RECORD``, ``CURRENT``, ``REVOKED``; None for a certificate
    that needs no 定期注册 (not a teacher certificate)."""
    if revoked:
        return REVOKED
    if not teacher:
        return None
    if next_due is None:
        return NO_RECORD
    if next_due < as_of:
        return OVERDUE
    if next_due <= due_soon_limit(as_of):
        return DUE_SOON
    return CURRENT
