"""The outcome of an application: exactly one of the rows of table 三 of the annual report
(国办公开办函〔2021〕30号), labels verbatim, with the legal basis a reply letter names.

Sources: DOMAIN.md §1.3 and domain-research.md §1.3 (条例 第十四至十六条, 第三十五至三十九条).
Where the 条例 names no article for a report category (行政查询事项, 确认或重新出具), the basis given
is the closest reply type of 第三十六条 and says so in the letter; the label is verbatim either way.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Outcome:
    code: str
    group: str  # the row group of table 三, verbatim, e.g. （三）不予公开
    item: str  # the sub-row, verbatim ("" for （一） and （二）)
    basis: str  # 《中华人民共和国政府信息公开条例》 article(s) the reply relies on

    @property
    def label(self) -> str:
        return f"{self.group} {self.item}".strip()

    @property
    def short(self) -> str:
        """The label without its numbering, as the import format writes it: 予以公开,
        不予公开/属于国家秘密."""
        group = self.group.split("）", 1)[-1].split("（", 1)[0]
        item = self.item.split(".", 1)[-1]
        return f"{group}/{item}" if self.item else group


G1 = "（一）予以公开"
G2 = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
G3 = "（三）不予公开"
G4 = "（四）无法提供"
G5 = "（五）不予处理"
G6 = "（六）其他处理"

OUTCOMES: tuple[Outcome, ...] = (
    Outcome("disclosed", G1, "", "第三十六条第（一）项、第（二）项"),
    Outcome("partial", G2, "", "第三十七条"),
    Outcome("refused.state_secret", G3, "1.属于国家秘密", "第十四条"),
    Outcome("refused.prohibited", G3, "2.其他法律行政法规禁止公开", "第十四条"),
    Outcome("refused.security", G3, "3.危及“三安全一稳定”", "第十四条"),
    Outcome("refused.third_party", G3, "4.保护第三方合法权益", "第十五条"),
    Outcome("refused.internal", G3, "5.属于三类内部事务信息", "第十六条第一款"),
    Outcome("refused.process", G3, "6.属于四类过程性信息", "第十六条第二款"),
    Outcome("refused.enforcement", G3, "7.属于行政执法案卷", "第十六条第二款"),
    # The 条例 names no article for these two report categories (domain-research §1.3 [U]); the
    # closest reply types are cited, as the default letters do: a legal office should confirm.
    Outcome("refused.query", G3, "8.属于行政查询事项", "第三十六条第（七）项"),
    Outcome(
        "unavailable.not_held", G4, "1.本机关不掌握相关政府信息", "第三十六条第（四）项、第（五）项"
    ),
    Outcome("unavailable.needs_creation", G4, "2.没有现成信息需要另行制作", "第三十八条"),
    Outcome("unavailable.unclear", G4, "3.补正后申请内容仍不明确", "第三十条"),
    Outcome("not_processed.petition", G5, "1.信访举报投诉类申请", "第三十九条第一款"),
    Outcome("not_processed.repeat", G5, "2.重复申请", "第三十六条第（六）项"),
    Outcome("not_processed.publication", G5, "3.要求提供公开出版物", "第三十九条第二款"),
    Outcome("not_processed.excessive", G5, "4.无正当理由大量反复申请", "第三十五条"),
    Outcome(
        "not_processed.confirm",
        G5,
        "5.要求行政机关确认或重新出具已获取信息",
        "第二条、第三十八条",
    ),
    Outcome(
        "other.no_correction",
        G6,
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "第三十条",
    ),
    Outcome(
        "other.fee_unpaid",
        G6,
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "第四十二条",
    ),
    Outcome("other.other", G6, "3.其他", ""),
)

BY_CODE: dict[str, Outcome] = {o.code: o for o in OUTCOMES}
BY_SHORT: dict[str, Outcome] = {o.short: o for o in OUTCOMES}
GROUPS: tuple[str, ...] = (G1, G2, G3, G4, G5, G6)
CHOICES: list[tuple[str, str]] = [(o.code, o.label) for o in OUTCOMES]


def find(label: str) -> Outcome | None:
    """An outcome from its code, its full label or the import form (予以公开, 不予公开/属于国家秘密);
    tolerant of spaces and of 、 written as ，."""
    key = label.strip().replace(" ", "").replace("，", "、")
    if key in BY_CODE:
        return BY_CODE[key]
    for outcome in OUTCOMES:
        forms = {outcome.short, outcome.label.replace(" ", ""), outcome.group + outcome.item}
        if key in {f.replace("，", "、") for f in forms}:
            return outcome
    return None
