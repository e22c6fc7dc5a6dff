"""The national statistics forms (教基 series) as data, filled from person records.

``definition`` reads ``templates/national/<year>/教基NNNN.toml`` (layout and the per-cell
query), ``mappings`` the code → national category tables, ``engine`` fills a form and
keeps the people behind every cell, ``checks`` the 逻辑校验. ``load_set`` loads one
year's forms, mappings and cross-form checks together. See docs/national.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.domain.national.checks import CrossCheck, load_cross_checks
from desktop.domain.national.definition import (
    FormDefinition,
    NationalDefinitionError,
    load_definition,
)
from desktop.domain.national.mappings import MappingError, Mappings, load_mappings

CHECKS_FILE = "checks.toml"


@dataclass(frozen=True)
class NationalSet:
    folder: Path
    forms: tuple[FormDefinition, ...]
    mappings: Mappings
    cross: tuple[CrossCheck, ...]

    def form(self, code: str) -> FormDefinition:
        for f in self.forms:
            if f.form == code:
                return f
        raise KeyError(code)


def load_set(folder: Path, mappings_folder: Path) -> NationalSet:
    """Every ``教基*.toml`` of ``folder`` (in their ``order``), the mappings and ``checks.toml``."""
    files = sorted(folder.glob("教基*.toml"))
    if not files:
        raise NationalDefinitionError(f"文件夹 {folder} 中没有报表定义（教基NNNN.toml），请检查路径。")
    forms = sorted((load_definition(p) for p in files), key=lambda f: (f.order, f.form))
    seen: dict[str, str] = {}
    for f in forms:
        if f.form in seen:
            raise NationalDefinitionError(f"报表 {f.form} 同时定义在 {Path(seen[f.form]).name} 和 "
                                          f"{Path(f.source).name}，请删去一个。")
        seen[f.form] = f.source
    mappings = load_mappings(mappings_folder)
    cross = load_cross_checks(folder / CHECKS_FILE, seen)
    return NationalSet(folder, tuple(forms), mappings, cross)


__all__ = ["FormDefinition", "MappingError", "NationalDefinitionError", "NationalSet", "load_set"]
