"""Search keys for names: full pinyin and initials, so `zs` and `zhangsan` find 张三."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=65536)
def pinyin_keys(name: str) -> tuple[str, str]:
    """(full pinyin, initials) in lower case without spaces; non-Chinese characters pass through."""
    # Imported here, not at the top: pypinyin loads its dictionaries on import (about
    # 0.6 s), which every start of the app would pay although the stored keys serve
    # most searches; the first new name pays it instead.
    from pypinyin import Style, lazy_pinyin

    syllables = [s.lower() for s in lazy_pinyin(name.strip(), style=Style.NORMAL, errors="default")]
    syllables = [s for s in syllables if s.strip()]
    full = "".join(syllables).replace(" ", "")
    initials = "".join(s[0] for s in syllables if s)
    return full, initials


def matches(query: str, name: str, id_tail: str = "") -> bool:
    """True when ``query`` matches the name, its pinyin (full or initials) or the ID tail."""
    q = query.strip().lower()
    if not q:
        return True
    if q in name:
        return True
    full, initials = pinyin_keys(name)
    return full.startswith(q) or initials.startswith(q) or q in full or (bool(id_tail) and id_tail.lower().endswith(q))


def key_matches(query: str, name: str, full: str, initials: str, id_tail: str = "") -> bool:
    """``matches`` on stored keys (no pypinyin): the name, full pinyin, initials or the ID's last digits.

    A query of digits (or ending in X) is looked up in the ID tail only, so typing
    "1234" finds the person whose ID ends in 1234, not everyone with a 1 in the name.
    """
    q = query.strip().lower().replace(" ", "")
    if not q:
        return True
    if q.isdigit() or (q[:-1].isdigit() and q.endswith("x")):
        return bool(id_tail) and id_tail.lower().endswith(q)
    return q in name or full.startswith(q) or initials.startswith(q) or q in full
