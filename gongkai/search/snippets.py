"""Highlighted snippets: a window of the document around the first match, terms in <mark>."""

from __future__ import annotations

from django.utils.html import escape

from gongkai.search import text

WINDOW = 90


def snippet(plain: str, terms: list[str], *, window: int = WINDOW) -> str:
    """Escaped HTML of about ``window`` characters of ``plain`` with the terms marked.

    Positions are found in the normalised text (traditional, full-width and case folded), which
    has the same length as the original, and the original characters are shown.
    """
    if not plain:
        return ""
    norm = text.normalise(plain)
    if len(norm) != len(plain):
        norm = plain.lower()
    spans: list[tuple[int, int]] = []
    for term in terms:
        start = norm.find(term)
        while start != -1 and len(spans) < 50:
            spans.append((start, start + len(term)))
            start = norm.find(term, start + len(term))
    if not spans:
        return escape(plain[:window]) + ("…" if len(plain) > window else "")
    first = min(spans)[0]
    begin = max(0, first - window // 3)
    end = min(len(plain), begin + window)
    out: list[str] = ["…" if begin else ""]
    pos = begin
    for s, e in sorted(spans):
        if s < pos or s >= end:
            continue
        out.append(escape(plain[pos:s]))
        out.append(f"<mark>{escape(plain[s : min(e, end)])}</mark>")
        pos = min(e, end)
    out.append(escape(plain[pos:end]))
    out.append("…" if end < len(plain) else "")
    return "".join(out)
