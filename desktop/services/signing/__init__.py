"""Signing (签名), in one place: the unit's PDF certificate and signed returns (``certificates``),
and the package keys (``package_keys``: this unit's Ed25519 key, the keys pinned for the units below;
``key_store``: on a server that key lives in the signing PC's key store, moved between PCs by an admin).

The mechanics sit in the layers that own the file formats: PAdES signatures and PKCS#12 in
``reports/signing.py``, the manifest signature in ``exchange/package_sign.py``. The services here
decide who may sign and which key is trusted.

Imports only the service packages below it (core, records, year, imports, indicators, returns); ``tests/test_layering.py`` checks it.
``API`` lists what the GUI (through ``gui/operations``) and the CLI may call; the same test
refuses anything else, so a new entry point is a conscious addition here.
"""

API: dict[str, tuple[str, ...]] = {
    "certificates": ("CertificateInfo", "create_unit_certificate", "import_unit_certificate", "sign_pdf", "unit_certificate", "verify_qr",),
    "key_store": ("KeyStatus", "MIN_FILE_PASSWORD", "export_key", "import_key", "key_status", "take_out"),
    "package_keys": ("repin_unit",),
}
