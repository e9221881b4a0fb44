"""One name resolver for ministries and programs: codes, names, acronyms and aliases.

A name is compared after NFKC, removal of white space and case folding, so `"S I P"`,
`"ＳＩＰ"` and `"sip"` are one name. The spellings come from the registry data: each entry's
code or ID, Japanese and English name, abbreviation or acronym, a program's aliases, and
the extra spellings of `names.json`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from stpmodel.errors import ArgumentTypeError, UnknownIdError

if TYPE_CHECKING:
    from stpmodel.model import Ministry, Program

__all__ = ["NameIndex", "name_key"]


def name_key(text: str) -> str:
    """The form names are compared in: NFKC, no white space, case folded
    (`"S I P"` → `"sip"`, `"ＭＥＸＴ"` → `"mext"`)."""
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


@functools.cache
def _extra_names() -> dict[str, dict[str, list[str]]]:
    import json
    from importlib import resources

    text = resources.files(__package__).joinpath("names.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return {"ministries": data["ministries"], "programs": data["programs"]}


class NameIndex:
    """Resolves the names of one kind of registry entry to their keys.

    Spellings are added in tiers, most exact first (codes and IDs, then abbreviations and
    acronyms, then names and aliases), so a code always means its own entry.
    """

    def __init__(self, what: str, tiers: Iterable[Iterable[tuple[str, str]]]) -> None:
        self.what = what
        self._keys: dict[str, str] = {}
        self._spellings: dict[str, list[str]] = {}
        for tier in tiers:
            for key, spelling in tier:
                folded = name_key(spelling)
                if folded and folded not in self._keys:
                    self._keys[folded] = key
                    self._spellings.setdefault(key, []).append(spelling)

    @classmethod
    def of_ministries(cls, *registries: Mapping[str, Ministry]) -> NameIndex:
        """An index over ministry codes, abbreviations (MEXT), Japanese and English names
        and the extra spellings of `names.json` (文科省)."""
        entries = [m for registry in registries for m in registry.values()]
        extra = _extra_names()["ministries"]
        return cls(
            "ministry",
            [
                [(m.code, m.code) for m in entries],
                [(m.code, m.abbreviation) for m in entries],
                [(m.code, m.name_ja) for m in entries],
                [(m.code, m.name_en) for m in entries],
                [(m.code, alias) for m in entries for alias in extra.get(m.code, ())],
            ],
        )

    @classmethod
    def of_programs(cls, *registries: Mapping[str, Program]) -> NameIndex:
        """An index over program IDs, acronyms (SIP), aliases, Japanese and English names
        and the extra spellings of `names.json`."""
        entries = [p for registry in registries for p in registry.values()]
        extra = _extra_names()["programs"]
        return cls(
            "program",
            [
                [(p.id, p.id) for p in entries],
                [(p.id, p.acronym) for p in entries],
                [(p.id, p.name_ja) for p in entries],
                [(p.id, alias) for p in entries for alias in p.aliases],
                [(p.id, p.name_en) for p in entries],
                [(p.id, alias) for p in entries for alias in extra.get(p.id, ())],
            ],
        )

    def resolve(self, name: object, argument: str) -> str:
        """The registry key `name` stands for.

        Raises [UnknownIdError][stpmodel.UnknownIdError] listing close matches for an
        unknown name, [ArgumentTypeError][stpmodel.errors.ArgumentTypeError] (a
        `TypeError`) naming `argument` when `name` is not a string.
        """
        if not isinstance(name, str):
            raise ArgumentTypeError(argument, f"a {self.what} name or code (str)", name)
        folded = name_key(name)
        found = self._keys.get(folded)
        if found is None:
            raise UnknownIdError(
                name, what=self.what, matches=self.close_matches(folded, name=name)
            )
        return found

    def close_matches(self, folded: str, n: int = 5, *, name: str | None = None) -> list[str]:
        """Up to `n` entries with a spelling close to `folded`, as `"文 (文部科学省, MEXT)"`.

        Every spelling counts, English names and their words included: an entry comes
        first when `folded` is part of one of its spellings (`"ministryofeducation"` in
        the English name of 文部科学省), then when they share a distinctive English word
        with `name` (the spelling as given, spaces kept), then by difflib's similarity.
        """
        import difflib

        keys: dict[str, None] = {}
        if folded:
            for spelling, key in self._keys.items():
                if folded in spelling or (len(spelling) > 1 and spelling in folded):
                    keys.setdefault(key, None)
        words = _words(name) if name is not None else set()
        if words:
            for key, spellings in self._spellings.items():
                if any(words & _words(s) for s in spellings):
                    keys.setdefault(key, None)
        for spelling in difflib.get_close_matches(folded, list(self._keys), n=4 * n, cutoff=0.5):
            keys.setdefault(self._keys[spelling], None)
        return [self.label(key) for key in list(keys)[:n]]

    def label(self, key: str) -> str:
        """`key` with its other spellings: `"文 (文部科学省, MEXT)"`."""
        others = [s for s in self._spellings.get(key, []) if s != key][:2]
        return f"{key} ({', '.join(others)})" if others else key


_COMMON = frozenset({"ministry", "agency", "office", "cabinet", "council", "program", "programme"})


def _words(spelling: str) -> set[str]:
    """The distinctive words of a spelling: Latin words of four letters or more, case
    folded, without the words every ministry or program shares (`ministry`, `agency` …)."""
    text = unicodedata.normalize("NFKC", spelling).casefold()
    return {w for w in re.findall(r"[a-z]+", text) if len(w) >= 4 and w not in _COMMON}
