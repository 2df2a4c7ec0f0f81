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

# What a reviewer reads instead of the code (审核单, 在线内容问题, the command line).
KIND_LABELS: dict[str, str] = {
    "id_card": "身份证号码",
    "mobile": "手机号码",
    "bank_card": "银行卡号",
    "credit_code": "统一社会信用代码",
    "email": "电子邮箱",
    "address": "详细住址",
    "passport": "护照号码",
    "plate": "车牌号码",
    "secret_marking": "密级或内部标志",
    "sensitive_word": "敏感词",
    "wrong_expression": "表述错误",
    "doc_number_format": "发文字号格式",
    "structure": "格式与文字",
    "aggregation": "个人信息汇集",
}


def kind_label(kind: str) -> str:
    """The Chinese name of a finding kind ("其他问题" for a kind this version does not know, e.g.
    in an old record)."""
    return KIND_LABELS.get(kind, "其他问题")


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
