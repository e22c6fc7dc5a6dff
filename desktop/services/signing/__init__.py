"""Signing (签名), in one place: the unit's PDF certificate and signed returns (``certificates``),
and the package keys (``package_keys``: this unit's Ed25519 key, the keys pinned for the units below).

The mechanics sit in the layers that own the file formats: PAdES signatures and PKCS#12 in
``reports/signing.py``, the manifest signature in ``exchange/package_sign.py``. The services here
decide who may sign and which key is trusted.
"""
