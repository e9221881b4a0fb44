"""Text forms for matching two editions: the normalised key, its similarity, a bigram index.

Two prints of the same sentence differ in white space, in the PDF's letter spacing
(``S I P``), in footnote markers (numbered by position) and in markup; none of that is a
change. [normalize][stpmodel.diff.normalize] removes all of it; [similarity][stpmodel.diff.similarity] compares two keys by their
character bigrams, which suits Japanese (no spaces between words) as well as Latin text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence

from stpmodel._text import drop_footnote_marks

__all__ = ["BigramIndex", "bigrams", "dice", "normalize", "similarity", "tokens", "word_diff"]

_MARKUP = re.compile(r"<[^<>]{0,200}>")
_DASHES = {"－": "-", "‐": "-", "―": "-", "−": "-", "〜": "～", "~": "～"}
_DASH = re.compile(f"[{''.join(_DASHES)}]")


def normalize(text: str) -> str:
    """The form two texts are compared in: markup and footnote markers removed, NFKC,
    dashes and tildes folded, case-folded, and no white space at all (which also folds
    ``S I P`` into ``sip``). The same key as the search's, with each step taken only
    where the text needs it (a comparison normalises every text of two editions)."""
    if "<" in text:
        text = _MARKUP.sub("", text)
    text = drop_footnote_marks(text)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    if _DASH.search(text):
        text = _DASH.sub(lambda m: _DASHES[m.group(0)], text)
    return "".join(text.split()).casefold()


def bigrams(key: str) -> Counter[str]:
    """The character bigrams of a key, counted (a one-character key is its own bigram)."""
    if len(key) < 2:
        return Counter([key]) if key else Counter()
    return Counter(key[i : i + 2] for i in range(len(key) - 1))


def dice(a: Counter[str], b: Counter[str]) -> float:
    """The Sørensen–Dice coefficient of two bigram multisets: 1.0 for the same text, 0.0
    for texts sharing no bigram."""
    total = a.total() + b.total()
    if not total:
        return 1.0
    if len(a) > len(b):
        a, b = b, a
    shared = sum(min(count, b[gram]) for gram, count in a.items() if gram in b)
    return 2 * shared / total


def similarity(old: str, new: str) -> float:
    """How alike two texts are once normalised, from 0.0 to 1.0 (the Dice coefficient of
    their character bigrams).

    ```python
    similarity("S I P 第3期を推進。", "SIP第3期を推進。")  # 1.0
    ```
    """
    return dice(bigrams(normalize(old)), bigrams(normalize(new)))


class BigramIndex:
    """Which of many keys share bigrams with a query: picks candidates for the similarity
    pass without comparing every pair.

    Bigrams found in more than ``common`` of the indexed keys (such as 推進 or 実施) pick
    no candidates: two texts similar enough to match share rarer ones too.
    """

    def __init__(self, keys: Sequence[Counter[str]], *, common: float = 0.2) -> None:
        postings: dict[str, list[int]] = {}
        for position, grams in enumerate(keys):
            for gram in grams:
                postings.setdefault(gram, []).append(position)
        cap = max(16, int(len(keys) * common))
        self._postings = {g: p for g, p in postings.items() if len(p) <= cap}
        self._size = len(keys)

    def candidates(self, grams: Iterable[str], limit: int = 12) -> list[int]:
        """Positions of the indexed keys sharing the most distinct bigrams with ``grams``,
        at most ``limit`` of them, best first (ties in index order)."""
        hits: Counter[int] = Counter()
        for gram in grams:
            found = self._postings.get(gram)
            if found is not None:
                hits.update(found)
        ranked = sorted(hits.items(), key=lambda item: (-item[1], item[0]))
        return [position for position, _ in ranked[:limit]]


_TOKEN = re.compile(
    r"[\u4e00-\u9fff\u3400-\u4dbf々〆ヵヶ]+"  # kanji
    r"|[\u3040-\u309f]+"  # hiragana
    r"|[\u30a0-\u30ffー\uff66-\uff9f]+"  # katakana
    r"|[0-9０-９.,，．]+"  # numbers
    r"|[A-Za-zＡ-Ｚａ-ｚ]+"  # Latin words
    r"|\s+"
    r"|.",
    re.DOTALL,
)


def tokens(text: str) -> list[str]:
    """``text`` cut into word-like runs for highlighting: runs of kanji, of hiragana, of
    katakana, of digits, of Latin letters; white space and each other character alone.
    Joined, the tokens give back ``text``."""
    return _TOKEN.findall(text)


def word_diff(old: str, new: str, *, context: int = 6) -> str:
    """The change from ``old`` to ``new`` in one line of plain text, the way
    ``git diff --word-diff`` shows it: ``[-removed-]{+added+}``, with at most ``context``
    characters of unchanged text around each change (``…`` where more was left out).

    ```python
    word_diff("35位／64か国中", "38位／64か国中")  # '[-35-]{+38+}位／64か国…'
    ```
    """
    import difflib

    before, after = tokens(old), tokens(new)
    parts: list[str] = []
    opcodes = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    for n, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            same = "".join(before[i1:i2])
            first, last = n == 0, n == len(opcodes) - 1
            if not first and not last and len(same) > 2 * context:
                same = same[:context] + "…" + same[-context:]
            elif first and not last and len(same) > context:
                same = "…" + same[-context:]
            elif last and not first and len(same) > context:
                same = same[:context] + "…"
            parts.append(same)
            continue
        if i2 > i1:
            parts.append("[-" + "".join(before[i1:i2]) + "-]")
        if j2 > j1:
            parts.append("{+" + "".join(after[j1:j2]) + "+}")
    return "".join(parts)
