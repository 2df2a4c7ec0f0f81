"""How much of an interpretation is copied from its policy (形式化解读 detection).

Method (docs/interpretation-substance.md): both texts lose the titles they cite in 《》 and are
reduced to their Chinese characters, letters and digits (punctuation and spacing do not hide
a copy). A character of the
interpretation counts as copied when it lies inside a run of at least ``MIN_RUN`` consecutive
characters that also occurs in the policy. The copied ratio is copied characters ÷ all
characters of the interpretation. Titles and numbering do not make a copy; re-using whole
sentences does. It is linear in the two lengths (a set of the policy's k-character windows).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_RUN = 12  # ≈ one clause of Chinese prose; shorter shared runs are names and set phrases

_KEEP = re.compile(r"[\u3400-\u9fffA-Za-z0-9]+")
_CITED_TITLE = re.compile(r"《[^《》]{0,80}》")


def _normalise(text: str) -> str:
    # Titles in book-title marks (laws, the policy's own name) are cited, not copied.
    return "".join(_KEEP.findall(_CITED_TITLE.sub("", text)))


@dataclass(frozen=True)
class ExcerptMeasure:
    copied_chars: int
    total_chars: int

    @property
    def ratio(self) -> float:
        return self.copied_chars / self.total_chars if self.total_chars else 0.0


def measure_excerpt(interpretation: str, policy: str, *, min_run: int = MIN_RUN) -> ExcerptMeasure:
    """Share of ``interpretation`` found verbatim, in runs of ``min_run`` or more, in ``policy``."""
    interp = _normalise(interpretation)
    source = _normalise(policy)
    if len(interp) < min_run or len(source) < min_run:
        return ExcerptMeasure(0, len(interp))
    windows = {source[i : i + min_run] for i in range(len(source) - min_run + 1)}
    covered = bytearray(len(interp))
    for i in range(len(interp) - min_run + 1):
        if interp[i : i + min_run] in windows:
            covered[i : i + min_run] = b"\x01" * min_run
    return ExcerptMeasure(copied_chars=sum(covered), total_chars=len(interp))
