"""The checker's result type: one finding, with offsets into the checked text and a masked excerpt."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["block", "warn", "info"]
SEVERITIES: tuple[Severity, ...] = ("block", "warn", "info")

# Personal data (个人信息, 条例 第十五条): masked in excerpts and in redact().
PERSONAL_KINDS = frozenset(
    {"id_card", "mobile", "bank_card", "email", "address", "passport", "plate", "aggregation"}
)
KINDS = (
    "id_card",
    "mobile",
    "bank_card",
    "credit_code",
    "email",
    "address",
    "passport",
    "plate",
    "secret_marking",
    "sensitive_word",
    "wrong_expression",
    "doc_number_format",
    "structure",
    "aggregation",
)


@dataclass(frozen=True)
class Finding:
    """One problem found in a text. ``start``/``end`` are character offsets into that text."""

    kind: str
    severity: str  # "block" | "warn" | "info"
    start: int
    end: int
    excerpt: str  # the matched text, personal data masked
    message: str  # Simplified Chinese, for the reviewer
    suggestion: str = ""  # Simplified Chinese correction, "" when none

    def as_dict(self) -> dict[str, object]:
        return asdict(self)
