"""Indicators kept under the data stamp: in memory, and in a file that survives a restart.

``KeptFiles`` is the store; the indicators are one use of it, 概览's figures and reminders
another (``services.indicators.startpage``).

Computing a city's indicators reads 4.8 million training records (seconds); the data stamp
(``services.core.stamp``) costs a few counts. A report is kept under

- the database's identity (the resolved file path; a server's URL without its password),
- the unit, the period, the target set's code and a digest of its content,
- the program's version and this file's format,

together with the stamp taken *before* it was computed, and returned only while the
database's stamp is still that stamp: any write the program makes (a training record typed,
an import, a delete, a restore) moves the stamp and the next call computes again.

On disk (``appdirs.cache_dir()/indicators``) each key has one file: a sha256 of the body on
the first line, then the body (JSON). A file whose digest, format, version, key or stamp
does not match — corrupt, truncated, from another database or another program version,
edited by hand — is ignored and replaced by the next computation. The body is decoded
field by field into the report's dataclasses (never unpickled), so a hostile file can at
worst be ignored. An encrypted database (SQLCipher) is kept in memory only: its people's
names must not land unencrypted on the disk. Writing the file may fail (a full disk, a
read-only cache folder): the report is then kept in memory only.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

from desktop import __version__
from desktop.appdirs import cache_dir
from desktop.data.engine import Database
from desktop.domain.indicators import DrillItem, IndicatorReport, IndicatorResult
from desktop.domain.targetset import TargetSetSpec
from desktop.services.core.stamp import Stamped
from desktop.services.indicators.figures import INT, NUM, OPT_BOOL, OPT_STR, STR

FORMAT = 1
Key = tuple[str, int, int, str, str]  # database identity, unit, period, target set code, target set digest
V = TypeVar("V")


class KeptFiles(Generic[V]):
    """Values kept under a key and the data stamp they were computed at: in memory, and (unless
    the database is encrypted) one file per key in ``cache_dir()/<folder>``, read back only
    while the database's stamp is still that stamp. ``encode`` turns a value into JSON data,
    ``decode`` checks that data field by field and builds the value (raising ValueError,
    KeyError, TypeError or IndexError on anything else: the file is then ignored)."""

    def __init__(self, folder: str, encode: Callable[[V], Any], decode: Callable[[Any], V]) -> None:
        self.name, self._encode, self._decode = folder, encode, decode
        self._memory: Stamped[V] = Stamped()
        _STORES.append(self)

    def kept(self, db: Database, key: tuple[Any, ...], stamp: str) -> V | None:
        """The value kept under ``key`` if it was computed at ``stamp``, from memory or from disk."""
        value = self._memory.get(key, stamp)
        if value is None and db.key is None:
            value = self._read(self._file(key), key, stamp)
            if value is not None:
                self._memory.put(key, stamp, value)
        return value

    def keep(self, db: Database, key: tuple[Any, ...], stamp: str, value: V) -> None:
        """Keep ``value`` (computed from the data at ``stamp``) in memory and, unless encrypted, on disk."""
        self._memory.put(key, stamp, value)
        if db.key is None:
            self._write(self._file(key), key, stamp, value)

    def folder(self) -> Path:
        return cache_dir() / self.name

    def _file(self, key: tuple[Any, ...]) -> Path:
        return self.folder() / (hashlib.sha256(repr(key).encode()).hexdigest()[:40] + ".json")

    def _write(self, path: Path, key: tuple[Any, ...], stamp: str, value: V) -> None:
        body = json.dumps({"format": FORMAT, "version": __version__, "key": list(key), "stamp": stamp,
                           "report": self._encode(value)}, ensure_ascii=False, separators=(",", ":")).encode()
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
            os.replace(tmp, path)  # a reader sees the old file or the new one, never half of one
        except OSError:
            tmp.unlink(missing_ok=True)

    def _read(self, path: Path, key: tuple[Any, ...], stamp: str) -> V | None:
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        digest, _, body = raw.partition(b"\n")
        if hashlib.sha256(body).hexdigest().encode() != digest:
            return None
        try:
            data = json.loads(body)
            if (data["format"] != FORMAT or data["version"] != __version__ or data["key"] != list(key)
                    or data["stamp"] != stamp):
                return None
            return self._decode(data["report"])
        except (ValueError, KeyError, TypeError, IndexError):
            return None


_STORES: list[KeptFiles[Any]] = []


def database_identity(db: Database) -> str:
    if db.path is not None:
        return "sqlite:" + str(Path(db.path).resolve())
    from sqlalchemy.engine import make_url

    return make_url(db.url).render_as_string(hide_password=True)


def spec_digest(spec: TargetSetSpec) -> str:
    text = json.dumps(spec.to_json(), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def key_for(db: Database, unit_id: int, period_id: int, spec: TargetSetSpec) -> Key:
    return (database_identity(db), unit_id, period_id, spec.code, spec_digest(spec))


def kept(db: Database, key: Key, stamp: str) -> IndicatorReport | None:
    """The report kept under ``key`` if it was computed at ``stamp``, from memory or from disk."""
    return _INDICATORS.kept(db, key, stamp)


def keep(db: Database, key: Key, stamp: str, report: IndicatorReport) -> None:
    """Keep ``report`` (computed from the data at ``stamp``) in memory and, unless encrypted, on disk."""
    _INDICATORS.keep(db, key, stamp, report)


def forget_memory() -> None:
    """Drop what every store keeps in memory (as a restart of the program would); the files stay."""
    for store in _STORES:
        store._memory.clear()


def folder() -> Path:
    return _INDICATORS.folder()


# ---------------------------------------------------------------- the indicators' body

def _encode(report: IndicatorReport) -> list[Any]:
    return [report.unit_id, report.period_id, report.target_set_code,
            [[r.code, r.name, r.stage, r.unit, r.value, r.target, r.comparison, r.gap, r.passed, r.numerator,
              r.denominator, r.source, [[f.record_type, f.record_id, f.unit_id, f.label, f.detail]
                                        for f in r.failures]] for r in report.results]]


_STR, _OPT_STR, _INT, _NUM, _OPT_BOOL = STR, OPT_STR, INT, NUM, OPT_BOOL


def _decode(raw: Any) -> IndicatorReport:
    unit_id, period_id, code, results = raw
    out = []
    for (rcode, name, stage, unit, value, target, comparison, gap, passed, numerator, denominator, source,
         failures) in results:
        out.append(IndicatorResult(
            _STR(rcode), _STR(name), _OPT_STR(stage), _STR(unit), _NUM(value), _NUM(target), _OPT_STR(comparison),
            _NUM(gap), _OPT_BOOL(passed), _NUM(numerator), _NUM(denominator), _STR(source),
            tuple(DrillItem(_STR(t), _INT(rid), _INT(uid), _STR(label), _STR(detail))
                  for t, rid, uid, label, detail in failures)))
    return IndicatorReport(_INT(unit_id), _INT(period_id), _STR(code), tuple(out))


_INDICATORS: KeptFiles[IndicatorReport] = KeptFiles("indicators", _encode, _decode)
