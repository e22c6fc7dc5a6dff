"""`verify-qr`: check the signed QR code of a printed return against the unit's public key (R15)."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import run_safely


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("verify-qr", help="核验报表二维码的签名（单位、学年、表号、数据指纹）")
    p.add_argument("payload", help="扫描二维码得到的文本（ER2|…）")
    p.add_argument("--key", "--cert", dest="key", type=Path, required=True,
                   help="单位的二维码公钥文件 qr-单位代码.pub.pem")
    p.set_defaults(handler=run_safely(_verify))


def _verify(args: argparse.Namespace) -> int:
    from desktop.services.signing.certificates import verify_qr

    claims = verify_qr(args.payload, args.key)
    print(f"签名有效：单位 {claims.unit_code}，{claims.school_year}学年，表 {claims.return_code}，"
          f"数据指纹 {claims.fingerprint}")
    return 0
