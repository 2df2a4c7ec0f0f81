"""The labels of the annual report's tables, verbatim (国办公开办函〔2021〕30号; DOMAIN.md §2,
domain-research.md §2.2–2.4), and the shape of a report as data: the format itself, with no
knowledge of Gongkai's records (how a case's outcome, an applicant type or an appeal maps onto
a cell is in gongkai/reports/labels.py, which re-exports these names).

A report's tables are nested dicts keyed by these labels — the JSON of ``gongkai report annual``:

    {"organ": "…", "year": 2025,
     "二": {"第二十条第（一）项": {"规章": {"本年制发件数": 3, "本年废止件数": 0, "现行有效件数": 12},
                                 "行政规范性文件": {…}},
            "第二十条第（五）项": {"行政许可": {"本年处理决定数量": 1204}},
            "第二十条第（六）项": {"行政处罚": {…}, "行政强制": {…}},
            "第二十条第（八）项": {"行政事业性收费": {"本年收费金额（单位：万元）": 12.5}}},
     "三": {"一、本年新收政府信息公开申请数量": {"自然人": 5, …, "总计": 9},
            "二、上年结转政府信息公开申请数量": {…},
            "三、本年度办理结果": {"（一）予以公开": {…},
                                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": {…},
                                "（三）不予公开": {"1.属于国家秘密": {…}, …},
                                …,
                                "（七）总计": {…}},
            "四、结转下年度继续办理": {…}},
     "四": {"行政复议": {"结果维持": 0, "结果纠正": 0, "其他结果": 0, "尚未审结": 0, "总计": 0},
            "未经复议直接起诉": {…}, "复议后起诉": {…}}}

Cells of tables 三 and 四 are integers; table 二's fee cell is a decimal number of 万元 (float in
JSON). Every producer (computation, parser of published reports) and consumer (validation,
exports) uses these constants and helpers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

# --- Table 二 ------------------------------------------------------------------------------------

T2_ITEM_1 = "第二十条第（一）项"
T2_ITEM_5 = "第二十条第（五）项"
T2_ITEM_6 = "第二十条第（六）项"
T2_ITEM_8 = "第二十条第（八）项"
ISSUED = "本年制发件数"
ABOLISHED = "本年废止件数"
IN_FORCE = "现行有效件数"
DECISIONS = "本年处理决定数量"
FEE_AMOUNT = "本年收费金额（单位：万元）"
RULES = "规章"
NORMATIVE = "行政规范性文件"
LICENSING = "行政许可"
PENALTY = "行政处罚"
COERCION = "行政强制"
FEES = "行政事业性收费"

TABLE_2: dict[str, dict[str, tuple[str, ...]]] = {
    T2_ITEM_1: {RULES: (ISSUED, ABOLISHED, IN_FORCE), NORMATIVE: (ISSUED, ABOLISHED, IN_FORCE)},
    T2_ITEM_5: {LICENSING: (DECISIONS,)},
    T2_ITEM_6: {PENALTY: (DECISIONS,), COERCION: (DECISIONS,)},
    T2_ITEM_8: {FEES: (FEE_AMOUNT,)},
}

# --- Table 三 ------------------------------------------------------------------------------------

NATURAL = "自然人"
LEGAL_PERSONS = "法人或其他组织"
COMMERCIAL = "商业企业"
RESEARCH = "科研机构"
PUBLIC_INTEREST = "社会公益组织"
LEGAL_SERVICE = "法律服务机构"
OTHER = "其他"
TOTAL = "总计"
APPLICANT_COLUMNS: tuple[str, ...] = (
    NATURAL,
    COMMERCIAL,
    RESEARCH,
    PUBLIC_INTEREST,
    LEGAL_SERVICE,
    OTHER,
)
COLUMNS: tuple[str, ...] = (*APPLICANT_COLUMNS, TOTAL)

NEW = "一、本年新收政府信息公开申请数量"
CARRIED_IN = "二、上年结转政府信息公开申请数量"
RESULTS = "三、本年度办理结果"
CARRIED_OUT = "四、结转下年度继续办理"
RESULTS_TOTAL = "（七）总计"
T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

# The outcome rows of 三: group label → its item labels (none for a single-row group), verbatim.
# gongkai.applications.outcomes files each case outcome under one of these rows; a test keeps the
# two in step (reports/tests/test_labels.py).
G1 = "（一）予以公开"
G2 = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
G3 = "（三）不予公开"
G4 = "（四）无法提供"
G5 = "（五）不予处理"
G6 = "（六）其他处理"
RESULT_GROUPS: dict[str, tuple[str, ...]] = {
    G1: (),
    G2: (),
    G3: (
        "1.属于国家秘密",
        "2.其他法律行政法规禁止公开",
        "3.危及“三安全一稳定”",
        "4.保护第三方合法权益",
        "5.属于三类内部事务信息",
        "6.属于四类过程性信息",
        "7.属于行政执法案卷",
        "8.属于行政查询事项",
    ),
    G4: ("1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"),
    G5: (
        "1.信访举报投诉类申请",
        "2.重复申请",
        "3.要求提供公开出版物",
        "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息",
    ),
    G6: (
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "3.其他",
    ),
}
SINGLE_GROUPS = tuple(g for g, items in RESULT_GROUPS.items() if not items)


def result_rows() -> Iterator[tuple[str, str]]:
    """The outcome rows of 三 in order, as (group, item)."""
    for group, items in RESULT_GROUPS.items():
        if not items:
            yield group, ""
        for item in items:
            yield group, item


def t3_rows() -> Iterator[tuple[str, ...]]:
    """Every data row of table 三 as its label path, in the printed order."""
    yield (NEW,)
    yield (CARRIED_IN,)
    for group, item in result_rows():
        yield (RESULTS, group, item) if item else (RESULTS, group)
    yield (RESULTS, RESULTS_TOTAL)
    yield (CARRIED_OUT,)


def empty_row() -> dict[str, int]:
    return dict.fromkeys(COLUMNS, 0)


def empty_t3() -> dict[str, Any]:
    results: dict[str, Any] = {}
    for group, items in RESULT_GROUPS.items():
        results[group] = {item: empty_row() for item in items} if items else empty_row()
    results[RESULTS_TOTAL] = empty_row()
    return {NEW: empty_row(), CARRIED_IN: empty_row(), RESULTS: results, CARRIED_OUT: empty_row()}


def t3_cell(table: dict[str, Any], path: tuple[str, ...]) -> dict[str, int]:
    node: Any = table
    for part in path:
        node = node[part]
    return node


# --- Table 四 ------------------------------------------------------------------------------------

RECONSIDERATION = "行政复议"
LITIGATION = "行政诉讼"
DIRECT_SUIT = "未经复议直接起诉"
SUIT_AFTER = "复议后起诉"
T4_GROUPS: tuple[str, ...] = (RECONSIDERATION, DIRECT_SUIT, SUIT_AFTER)
T4_RESULTS: tuple[str, ...] = ("结果维持", "结果纠正", "其他结果", "尚未审结")
T4_COLUMNS: tuple[str, ...] = (*T4_RESULTS, TOTAL)


def empty_t4() -> dict[str, dict[str, int]]:
    return {group: dict.fromkeys(T4_COLUMNS, 0) for group in T4_GROUPS}


# --- Sections ---------------------------------------------------------------------------------------

SECTIONS: tuple[str, ...] = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)
