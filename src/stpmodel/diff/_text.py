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

__all__ = [
    "CANDIDATE_POSTINGS",
    "HIGHLIGHT_EDITS",
    "HIGHLIGHT_LIMIT",
    "BigramIndex",
    "bigrams",
    "dice",
    "normalize",
    "opcodes",
    "similarity",
    "tokens",
    "word_diff",
]

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


CANDIDATE_POSTINGS = 64
"""The most keys a bigram may occur in and still pick candidates: a bigram shared by more
(such as 推進 or 実施 in a long list of similar bullets) says little about which of them is
meant, and following it would make matching grow with the square of the items."""


class BigramIndex:
    """Which of many keys share bigrams with a query: picks candidates for the similarity
    pass without comparing every pair.

    Bigrams found in more than ``common`` of the indexed keys, or in more than
    ``CANDIDATE_POSTINGS`` keys, pick no candidates:
    two texts similar enough to match share rarer ones too, and the neighbours by position
    are candidates as well (``near``), for lists of texts that share nearly every bigram.
    The work per query is bounded by its bigrams, whatever the number of keys.
    """

    def __init__(self, keys: Sequence[Counter[str]], *, common: float = 0.2) -> None:
        postings: dict[str, list[int]] = {}
        for position, grams in enumerate(keys):
            for gram in grams:
                postings.setdefault(gram, []).append(position)
        cap = min(max(16, int(len(keys) * common)), CANDIDATE_POSTINGS)
        self._postings = {g: p for g, p in postings.items() if len(p) <= cap}
        self._size = len(keys)

    def candidates(
        self, grams: Iterable[str], limit: int = 12, *, near: int | None = None
    ) -> list[int]:
        """Positions of the indexed keys sharing the most distinct bigrams with ``grams``,
        at most ``limit`` of them, best first (ties in index order); then, when ``near``
        is a position, the keys at most two places from it not already named."""
        hits: Counter[int] = Counter()
        for gram in grams:
            found = self._postings.get(gram)
            if found is not None:
                hits.update(found)
        ranked = sorted(hits.items(), key=lambda item: (-item[1], item[0]))
        chosen = [position for position, _ in ranked[:limit]]
        if near is not None:
            seen = set(chosen)
            for position in range(max(0, near - 2), min(self._size, near + 3)):
                if position not in seen:
                    chosen.append(position)
        return chosen


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


HIGHLIGHT_LIMIT = 4000
"""The longest changed passage, in characters, that is highlighted word by word. What lies
between the common beginning and the common end of two texts is compared word by word only
when it is at most this long in both editions and needs at most
[HIGHLIGHT_EDITS][stpmodel.diff.HIGHLIGHT_EDITS] words inserted or removed; otherwise it is
shown whole, the old passage removed and the new one added. This bounds the work per text
(see docs/safety.md)."""

HIGHLIGHT_EDITS = 200
"""The most words inserted plus removed that word-by-word highlighting looks for (beyond,
the changed passage is shown whole; see [HIGHLIGHT_LIMIT][stpmodel.diff.HIGHLIGHT_LIMIT])."""

Opcode = tuple[str, int, int, int, int]


def _common_ends(before: Sequence[str], after: Sequence[str]) -> tuple[int, int]:
    """How many tokens the two sequences share at the start, and then at the end."""
    most = min(len(before), len(after))
    start = 0
    while start < most and before[start] == after[start]:
        start += 1
    end = 0
    while end < most - start and before[-1 - end] == after[-1 - end]:
        end += 1
    return start, end


def _edit_script(before: Sequence[str], after: Sequence[str], limit: int) -> list[str] | None:
    """The shortest edit script from ``before`` to ``after`` as a list of ``"="``, ``"-"``
    and ``"+"`` steps (Myers' O((n+m)·d) algorithm), or None when it needs more than
    ``limit`` insertions and deletions."""
    n, m = len(before), len(after)
    offset = limit + 1
    furthest = [0] * (2 * offset + 1)  # the furthest x reached on each diagonal k = x - y
    trace: list[list[int]] = []
    for d in range(limit + 1):
        trace.append(furthest[:])
        for k in range(-d, d + 1, 2):
            if k == -d or (k != d and furthest[offset + k - 1] < furthest[offset + k + 1]):
                x = furthest[offset + k + 1]  # down: insert after[y]
            else:
                x = furthest[offset + k - 1] + 1  # right: delete before[x]
            y = x - k
            while x < n and y < m and before[x] == after[y]:
                x += 1
                y += 1
            furthest[offset + k] = x
            if x >= n and y >= m:
                return _backtrack(trace, n, m, offset)
    return None


def _backtrack(trace: list[list[int]], x: int, y: int, offset: int) -> list[str]:
    steps: list[str] = []
    for d in range(len(trace) - 1, -1, -1):
        furthest = trace[d]
        k = x - y
        if k == -d or (k != d and furthest[offset + k - 1] < furthest[offset + k + 1]):
            previous = k + 1
        else:
            previous = k - 1
        x0 = furthest[offset + previous] if d else 0
        y0 = x0 - previous if d else 0
        while x > x0 and y > y0:
            steps.append("=")
            x, y = x - 1, y - 1
        if d:
            steps.append("+" if x == x0 else "-")
        x, y = x0, y0
    steps.reverse()
    return steps


def opcodes(before: Sequence[str], after: Sequence[str]) -> list[Opcode]:
    """How to turn the tokens ``before`` into ``after``, as ``difflib``'s opcodes
    (``("equal" | "replace" | "delete" | "insert", i1, i2, j1, j2)``), in time linear in
    the tokens plus O((n+m)·d) on the changed passage, which is bounded by
    [HIGHLIGHT_LIMIT][stpmodel.diff.HIGHLIGHT_LIMIT] and
    [HIGHLIGHT_EDITS][stpmodel.diff.HIGHLIGHT_EDITS] (beyond, one ``replace``)."""
    start, end = _common_ends(before, after)
    old, new = before[start : len(before) - end], after[start : len(after) - end]
    script = None
    if max(sum(map(len, old)), sum(map(len, new))) <= HIGHLIGHT_LIMIT:
        script = _edit_script(old, new, HIGHLIGHT_EDITS)
    if script is None:
        script = ["-"] * len(old) + ["+"] * len(new)
    script = ["="] * start + script + ["="] * end
    codes: list[Opcode] = []
    i = j = 0
    position = 0
    while position < len(script):
        i1, j1 = i, j
        if script[position] == "=":
            while position < len(script) and script[position] == "=":
                i, j, position = i + 1, j + 1, position + 1
            codes.append(("equal", i1, i, j1, j))
            continue
        while position < len(script) and script[position] != "=":
            if script[position] == "-":
                i += 1
            else:
                j += 1
            position += 1
        op = "replace" if i > i1 and j > j1 else "delete" if i > i1 else "insert"
        codes.append((op, i1, i, j1, j))
    return codes


def word_diff(old: str, new: str, *, context: int = 6) -> str:
    """The change from ``old`` to ``new`` in one line of plain text, the way
    ``git diff --word-diff`` shows it: ``[-removed-]{+added+}``, with at most ``context``
    characters of unchanged text around each change (``…`` where more was left out).
    A changed passage over [HIGHLIGHT_LIMIT][stpmodel.diff.HIGHLIGHT_LIMIT] is shown whole.

    ```python
    word_diff("35位／64か国中", "38位／64か国中")  # '[-35-]{+38+}位／64か国…'
    ```
    """
    before, after = tokens(old), tokens(new)
    parts: list[str] = []
    codes = opcodes(before, after)
    for n, (op, i1, i2, j1, j2) in enumerate(codes):
        if op == "equal":
            same = "".join(before[i1:i2])
            first, last = n == 0, n == len(codes) - 1
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
