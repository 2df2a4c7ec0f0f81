"""Text normalisation and tokenisation for the search index (pure functions).

Documents and queries go through the same normalisation — full-width letters and digits to
ASCII, traditional to simplified characters (OpenCC t2s), lower case — so that 醫保 finds 医保
and ＩＰｖ６ finds IPv6. The text is then cut into *runs*: a run of Chinese characters yields
its overlapping character bigrams (就业补贴 → 就业 业补 补贴), a run of letters or digits is
one token. A query string of two or more Chinese characters matches exactly where its bigrams
stand next to each other, which is exactly where the string occurs: the index's recall is
that of a substring scan. Segmented words (jieba, cut for search) are indexed beside the
bigrams and used for ranking: a match that falls on word boundaries ranks higher.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
RUN = re.compile(rf"[{_CJK}]+|[0-9a-z]+")
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF5B) if chr(c - 0xFEE0).isalnum()}


@lru_cache(maxsize=1)
def _converter() -> Any:
    # local import: the converter loads its tables on import; only search needs it
    import opencc

    return opencc.OpenCC("t2s")


def normalise(text: str) -> str:
    """Full-width alphanumerics to ASCII, traditional to simplified, lower case.

    Keeps the length of ordinary text (character-for-character conversion), so offsets in the
    normalised text point at the same characters of the original in snippets.
    """
    if not text:
        return ""
    converted = _converter().convert(text.translate(_FULLWIDTH))
    if len(converted) != len(text):  # a phrase conversion changed the length: go char by char
        converted = "".join(_converter().convert(ch) or ch for ch in text.translate(_FULLWIDTH))
    return converted.lower()


def runs(normalised: str) -> list[str]:
    return RUN.findall(normalised)


def run_tokens(run: str) -> list[str]:
    """Bigrams of a Chinese run (a single character stays one token); a word run is itself."""
    if len(run) < 2 or not (run[0] >= "\u3400"):
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def gram_tokens(normalised: str) -> list[str]:
    """The bigram stream of a whole text, runs one after another with an empty token (a gap)
    between two runs: a phrase never matches across a run boundary (了解。解决 holds 了解 and
    解决, but not 了解决)."""
    tokens: list[str] = []
    for run in runs(normalised):
        if tokens:
            tokens.append("")
        tokens.extend(run_tokens(run))
    return tokens


@lru_cache(maxsize=1)
def _jieba() -> Any:
    # local import: the word segmenter loads its dictionary on import; only search needs it
    import rjieba

    return rjieba


def word_tokens(normalised: str) -> list[str]:
    """Words as jieba cuts them for search (fine-grained), without punctuation or spaces."""
    words: list[str] = []
    for run in runs(normalised):
        if run[0] >= "\u3400":
            words.extend(w for w in _jieba().cut_for_search(run) if w.strip())
        else:
            words.append(run)
    return words


def query_terms(query: str) -> list[str]:
    """The runs of a query, each one a term that must occur (in any order)."""
    seen: list[str] = []
    for run in runs(normalise(query)):
        if run not in seen:
            seen.append(run)
    return seen[:12]
