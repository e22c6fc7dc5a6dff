"""The base of every code table: a str enum with a Chinese label and aliases."""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class CodeEnum(StrEnum):
    """A str enum whose members carry a Chinese label and optional aliases."""

    label: str
    aliases: tuple[str, ...]

    def __new__(cls, code: str, label: str = "", *aliases: str) -> Self:
        obj = str.__new__(cls, code)
        obj._value_ = code
        obj.label = label
        obj.aliases = aliases
        return obj

    @classmethod
    def from_label(cls, text: str) -> Self | None:
        """The member whose code, label or alias equals ``text`` (stripped), or None."""
        lookup: dict[str, Self] | None = cls.__dict__.get("_lookup_cache")
        if lookup is None:  # built once per enum: indicators call this for every row
            lookup = {}
            for member in reversed(list(cls)):  # earlier members win on shared aliases
                for key in (*member.aliases, member.label, member.value):
                    lookup[key] = member
            type.__setattr__(cls, "_lookup_cache", lookup)
        return lookup.get(text.strip())

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(code, label) pairs in declaration order, for combo boxes and dropdowns."""
        return [(m.value, m.label) for m in cls]

    @classmethod
    def label_of(cls, code: str | None) -> str:
        """The label for a stored code; unknown or empty codes give ''."""
        if not code:
            return ""
        try:
            return cls(code).label
        except ValueError:
            return ""
