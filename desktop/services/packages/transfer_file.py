"""The transfer file (调动文件): a 调出 carried to the receiving school, signed like a package.

One JSON document, ``调动-<去向学校代码>-<证件号后4位>.json``::

    {"format": "edureturns.transfer", "format_version": 1,
     "body": "<canonical JSON of the transfer and what travels>",
     "signature": {"algorithm": "ed25519", "public_key": …, "signature": …}}

The signature is the sending database's package key over the exact ``body`` text
(``exchange.package_sign``), so a changed hour or certificate breaks it. The
receiving school accepts only a file addressed to one of its units; when it already
pinned the sending school's key (an office that received its packages), the key must
match the pin.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sqlalchemy import select

from desktop.data.durable import flush_file
from desktop.data.engine import Database
from desktop.data.models import Transfer, Unit
from desktop.exchange.package_sign import (
    SignatureError,
    key_fingerprint,
    sign_manifest,
    verify_manifest,
)
from desktop.services.core import audit
from desktop.services.core.common import fetch
from desktop.services.core.errors import ServiceError
from desktop.services.packages.transfers import TransferInfo, _info
from desktop.services.signing.package_keys import pinned_key, signing_key

FORMAT = "edureturns.transfer"
HEADER = ("kind", "staff_uid", "person_name", "id_number", "from_unit_code", "from_unit_name", "to_unit_code",
          "to_unit_name", "out_date", "hours_in_cycle", "note")


def file_name(t: Transfer) -> str:
    return f"调动-{t.to_unit_code}-{t.id_number[-4:]}.json"


def export_transfer_file(db: Database, transfer_id: int, folder: Path) -> Path:
    """Write the signed transfer file of a 调出 into ``folder``; returns its path."""
    with db.session(write=True) as session:
        t = fetch(session, Transfer, transfer_id, "调动记录")
        if t.direction != "out":
            raise ServiceError("只有本校办理的调出才能导出调动文件。")
        body = {k: (getattr(t, k).isoformat() if isinstance(getattr(t, k), date) else getattr(t, k)) for k in HEADER}
        body["payload"] = t.payload
        text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        signature = json.loads(sign_manifest(signing_key(session), text.encode("utf-8")))
        name = file_name(t)
    doc = {"format": FORMAT, "format_version": 1, "body": text, "signature": signature}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8"))
    flush_file(path)
    return path


def _read(path: Path) -> tuple[dict[str, object], bytes]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("format") != FORMAT:
            raise ValueError
        text = str(doc["body"])
        sig = verify_manifest(json.dumps(doc["signature"]).encode(), text.encode("utf-8"))
        return json.loads(text), sig.public_key
    except SignatureError:
        raise ServiceError(f"调动文件 {path.name} 的签名与内容不符：文件在调出学校导出后被改动过。"
                           "未导入任何数据，请让调出学校重新导出调动文件。") from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise ServiceError(f"{path.name} 不是本程序导出的调动文件，或文件已损坏。请让调出学校在“教职工”页"
                           "对此人办理调出后重新导出。") from None


def import_transfer_file(db: Database, path: Path, *, actor: str = "system") -> TransferInfo:
    """Receive a transfer file: a pending 调入 for the school it names (importing twice gives the same one)."""
    body, public_key = _read(path)
    with db.session(write=True) as session:
        unit = session.scalars(select(Unit).where(Unit.code == body["to_unit_code"])).first()
        if unit is None:
            raise ServiceError(f"这份调动文件是调往 {body['to_unit_code']} {body['to_unit_name']} 的，本库没有该单位。"
                               "请在调入学校的电脑上导入。")
        pin = pinned_key(session, str(body["from_unit_code"]))
        if pin is not None and pin.public_key != public_key:
            raise ServiceError(f"调动文件的签名密钥（指纹 {key_fingerprint(public_key)}）与本库记录的 "
                               f"{body['from_unit_code']} {body['from_unit_name']} 的密钥（指纹 {pin.fingerprint}）不同，"
                               "可能不是该校导出的，已拒绝。请电话向该校核对密钥指纹。")
        out_date = date.fromisoformat(str(body["out_date"]))
        for same in session.scalars(select(Transfer).where(Transfer.staff_uid == body["staff_uid"],
                                                           Transfer.to_unit_code == unit.code,
                                                           Transfer.direction == "in").order_by(Transfer.id.desc())):
            # The same file again gives the same 调入; a refused one (不予确认) only for the same 调出日期,
            # so a later 调出 of the person to this school, recorded anew, is received again.
            if same.state != "refused" or same.out_date == out_date:
                return _info(same)
        t = Transfer(direction="in", state="pending", payload=body["payload"],
                     **{k: (date.fromisoformat(str(body[k])) if k == "out_date" else body[k]) for k in HEADER if k != "note"},
                     note=f"调动文件 {path.name}，签名密钥指纹 {key_fingerprint(public_key)}")
        audit.log_created(session, t, actor=actor, table="transfers", unit_id=unit.id,
                          changes={"from_unit_code": (None, body["from_unit_code"])})
        return _info(t)
