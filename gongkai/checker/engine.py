"""The content checker's entry points: check_text() finds problems in a text before publication
(先审后发), redact() masks the personal data in it. Rules: docs/checker.md.
"""

from __future__ import annotations

import datetime as dt
import re

from gongkai.checker import formal, markings, personal, wording
from gongkai.checker.findings import KINDS, PERSONAL_KINDS, SEVERITIES, Finding
from gongkai.checker.rules import Haystack, RulesError, Ruleset, default_ruleset, load_ruleset

__all__ = [
    "KINDS",
    "SEVERITIES",
    "Finding",
    "RulesError",
    "Ruleset",
    "check_text",
    "default_ruleset",
    "load_ruleset",
    "redact",
]

# Full-width digits and Latin letters (０-９, Ａ-Ｚ, ａ-ｚ) are read as ASCII; one character for one,
# so offsets stay those of the original text.
_FULL_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF5B) if chr(cp).isalnum()}
_FULL_WIDTH[0x3000] = 0x20  # ideographic space


_HAS_FULL_WIDTH = re.compile("[０-９Ａ-Ｚａ-ｚ]")


def _normalise(text: str) -> str:
    if _HAS_FULL_WIDTH.search(text):
        return text.translate(_FULL_WIDTH)
    return text


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).astimezone(dt.timezone(dt.timedelta(hours=8))).date()


def check_text(
    text: str,
    *,
    ruleset: Ruleset | None = None,
    written_on: dt.date | None = None,
) -> list[Finding]:
    """All findings in ``text``, sorted by (start, end). ``written_on`` is the document's date
    (成文日期), used by the 发文字号 year check and the stale-facts rules (today when not given)."""
    rules = ruleset or default_ruleset()
    today = _today()
    scanned = _normalise(text)
    found = personal.find_personal(scanned, rules, today)
    records = personal.aggregation(
        scanned, found, rules.aggregation_threshold, lambda s: _mask(s, found_in=s, ruleset=rules)
    )
    if records:
        found.append(records)
    found += markings.find_markings(scanned)
    haystack = Haystack(scanned)
    found += wording.find_sensitive(haystack, rules)
    found += wording.find_wrong_expressions(haystack, rules)
    found += wording.find_stale_facts(haystack, rules, written_on or today)
    found += wording.find_cutoff_dates(scanned)
    found += formal.find_doc_numbers(scanned, today, written_on)
    found += formal.find_numbering(scanned)
    found += formal.find_unbalanced(scanned)
    found += formal.find_duplicates(scanned, rules)
    found += formal.find_repeated_words(scanned, rules)
    found += formal.find_half_width(scanned)
    return sorted(found, key=lambda f: (f.start, f.end, f.kind))


def _mask(text: str, *, found_in: str, ruleset: Ruleset) -> str:
    scanned = _normalise(found_in)
    chars = list(text)
    for f in personal.find_personal(scanned, ruleset, _today()):
        if f.kind in PERSONAL_KINDS and f.end - f.start == len(f.excerpt):
            chars[f.start : f.end] = f.excerpt
    return "".join(chars)


def redact(text: str, *, ruleset: Ruleset | None = None) -> str:
    """``text`` with personal data masked in place (same length): 3601**********123X, 138****5678.
    For publishing a list that must be public but not identifying (公示名单)."""
    return _mask(text, found_in=text, ruleset=ruleset or default_ruleset())
