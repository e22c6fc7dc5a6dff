"""Operations of 工具 → 签名密钥: where a server database's package-signing key is, and moving it (admin).

On a server the private key lives in the key store of the PC that signs
(``services/signing/key_store.py``); these run on the worker like every operation.
"""

from __future__ import annotations

from desktop.services.signing.key_store import MIN_FILE_PASSWORD as MIN_FILE_PASSWORD
from desktop.services.signing.key_store import KeyStatus as KeyStatus
from desktop.services.signing.key_store import export_key as export_key
from desktop.services.signing.key_store import import_key as import_key
from desktop.services.signing.key_store import key_status as key_status
from desktop.services.signing.key_store import take_out as take_out

__all__ = ["MIN_FILE_PASSWORD", "KeyStatus", "export_key", "import_key", "key_status", "take_out"]
