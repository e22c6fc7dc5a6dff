"""Finding the header row and mapping columns to fields.

Clerks' sheets start with title rows (``龙川县第一小学2025年教师名单``), often have
a two-row header where a merged parent cell (``培训时间``) sits over its children
(``开始`` / ``结束``), and name columns in their own words. ``detect_header``
scores every row (and every pair of adjacent rows, read together) in the first
``SCAN_ROWS`` by how many cells name a known field, and keeps the best.
``map_columns`` then gives each column the field it names, with the other
plausible fields as candidates, so a wizard can offer them for correction.
Corrections are keyed by ``shape_key`` — a hash of the header texts — so the
next file of the same shape maps the same way.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from desktop.exchange.fields import FieldSpec
from desktop.exchange.normalise import cell_text
from desktop.exchange.sheets import Grid, column_letter

SCAN_ROWS = 30
_HINT = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]")


def header_key(text: str) -> str:
    """Compare form of a header: no '*', spaces, bracketed hints; half-width; lower case."""
    t = unicodedata.normalize("NFKC", text)
    t = _HINT.sub("", t)
    return "".join(ch for ch in t if not ch.isspace() and ch not in "*＊:：").lower()


@dataclass(frozen=True)
class ColumnMatch:
    column: int  # 0-based
    letter: str  # A, B, …
    header: str  # as read (two-row headers joined with '/')
    field: str | None  # the field this column fills, None when ignored
    candidates: tuple[str, ...] = ()  # other plausible fields, best first


@dataclass
class ColumnMapping:
    """How a sheet's columns map to the fields of one import kind."""

    header_rows: tuple[int, ...]  # 0-based row indexes of the header (1 or 2 rows)
    data_start: int  # 0-based index of the first data row
    columns: list[ColumnMatch] = field(default_factory=list)
    missing_required: list[str] = field(default_factory=list)  # field keys
    shape_key: str = ""

    @property
    def field_columns(self) -> dict[str, int]:
        return {c.field: c.column for c in self.columns if c.field is not None}


def _synonym_index(spec: Sequence[FieldSpec]) -> dict[str, str]:
    index: dict[str, str] = {}
    for f in spec:
        for name in (f.label, *f.synonyms):
            index.setdefault(header_key(name), f.key)
    return index


def _candidates(key: str, spec: Sequence[FieldSpec], index: Mapping[str, str]) -> list[str]:
    """Fields whose names contain or are contained in ``key`` (exact match first)."""
    if not key:
        return []
    out: list[str] = []
    if key in index:
        out.append(index[key])
    for name, fkey in index.items():
        if fkey in out or len(name) < 2:
            continue
        if name in key or (len(key) >= 2 and key in name):
            out.append(fkey)
    return out


def _row_texts(grid: Grid, r: int, width: int) -> list[str]:
    row = grid.rows[r] if r < len(grid.rows) else []
    texts = [cell_text(row[c]) if c < len(row) else "" for c in range(width)]
    # A parent header merged across columns holds its text only in the first cell.
    for r0, c0, r1, c1 in grid.merged:
        if r0 <= r <= r1 and c1 > c0 and r0 == r:
            for c in range(c0 + 1, min(c1 + 1, width)):
                texts[c] = texts[c] or texts[c0]
    return texts


def _combined(top: list[str], bottom: list[str]) -> list[str]:
    return [f"{t}/{b}" if t and b and t != b else (b or t) for t, b in zip(top, bottom, strict=True)]


def _score(texts: Sequence[str], index: Mapping[str, str]) -> int:
    seen: set[str] = set()
    for text in texts:
        key = _best_key(text)
        for k in key:
            if k in index and index[k] not in seen:
                seen.add(index[k])
                break
    return len(seen)


def _best_key(text: str) -> list[str]:
    """Keys to try for one header: child alone, parent+child, parent alone."""
    if "/" in text:
        parent, child = text.split("/", 1)
        return [header_key(child), header_key(parent + child), header_key(parent)]
    return [header_key(text)]


def detect_header(grid: Grid, spec: Sequence[FieldSpec]) -> tuple[tuple[int, ...], list[str]]:
    """(header row indexes, header text per column) — the best single row or pair of rows."""
    index = _synonym_index(spec)
    width = max((len(r) for r in grid.rows[:SCAN_ROWS]), default=0)
    best: tuple[tuple[int, int, int], tuple[int, ...], list[str]] = ((0, 0, 0), (), [])
    for r in range(min(SCAN_ROWS, len(grid.rows))):
        single = _row_texts(grid, r, width)
        options: list[tuple[tuple[int, ...], list[str]]] = [((r,), single)]
        if r + 1 < len(grid.rows):
            options.append(((r, r + 1), _combined(single, _row_texts(grid, r + 1, width))))
        for rows, texts in options:
            score = _score(texts, index)
            if not score:
                continue
            # Ties: a pair whose cells are merged down into its second row is a real
            # two-row header; otherwise the single row wins (a title above is not a parent).
            spans = len(rows) == 2 and any(r0 == r and r1 >= r + 1 for r0, _c0, r1, _c1 in grid.merged)
            key = (score, int(spans), int(len(rows) == 1))
            if key > best[0]:
                best = (key, rows, texts)
    return best[1], best[2]


def shape_key(headers: Sequence[str]) -> str:
    """Stable key of a header layout, for remembering mapping corrections."""
    joined = "\x1f".join(header_key(h) for h in headers)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()


def map_columns(
    grid: Grid,
    spec: Sequence[FieldSpec],
    *,
    overrides: Mapping[int, str | None] | None = None,
) -> ColumnMapping:
    """Map each column to a field. ``overrides`` (column → field or None) win over matching."""
    rows, headers = detect_header(grid, spec)
    if not rows:
        return ColumnMapping((), 0, missing_required=[f.key for f in spec if f.required])
    index = _synonym_index(spec)
    taken: set[str] = set()
    matches: list[ColumnMatch] = []
    overrides = dict(overrides or {})
    for f in overrides.values():
        if f:
            taken.add(f)
    for c, text in enumerate(headers):
        cands: list[str] = []
        for key in _best_key(text):
            cands += [k for k in _candidates(key, spec, index) if k not in cands]
        if c in overrides:
            chosen = overrides[c]
        else:
            exact = next((index[k] for k in _best_key(text) if k in index), None)
            chosen = exact if exact and exact not in taken else None
            if chosen:
                taken.add(chosen)
        rest = tuple(k for k in cands if k != chosen)
        matches.append(ColumnMatch(c, column_letter(c), text, chosen, rest))
    mapped = {m.field for m in matches if m.field}
    missing = [f.key for f in spec if f.required and f.key not in mapped]
    return ColumnMapping(rows, rows[-1] + 1, matches, missing, shape_key(headers))
