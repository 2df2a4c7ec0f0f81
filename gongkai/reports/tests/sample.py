"""A complete, consistent annual report as data, for tests of the exports, the computation and the validator.

Every cell of the three tables is filled with varied numbers (zeros included) that satisfy the format's
rules (domain-research.md §2.3–2.4): per column 一 + 二 = （七）总计 + 四; （七）总计 = the sum of the outcome
rows; the 总计 column = the six applicant columns; in table 四 总计 = the other four.
"""

from __future__ import annotations

import copy
from typing import Any

from gongkai.reports import labels
from gongkai.reports.export import ReportDocument

UNIT = "南昌市教育局"
YEAR = 2025

# outcome rows × the six applicant columns, in labels.result_rows() order (21 rows)
_OUTCOMES: tuple[tuple[int, ...], ...] = (
    (41, 6, 1, 2, 3, 1),  # （一）予以公开
    (12, 3, 0, 1, 1, 0),  # （二）部分公开
    (1, 0, 0, 0, 0, 0),  # 1.属于国家秘密
    (2, 1, 0, 0, 0, 0),
    (0, 0, 0, 0, 0, 0),
    (4, 2, 0, 0, 1, 0),
    (3, 0, 0, 0, 0, 1),
    (5, 1, 1, 0, 0, 0),
    (2, 0, 0, 0, 1, 0),
    (1, 0, 0, 0, 0, 0),  # 8.属于行政查询事项
    (17, 4, 1, 0, 2, 1),  # （四）1.本机关不掌握相关政府信息
    (3, 1, 0, 0, 0, 0),
    (2, 0, 0, 1, 0, 0),
    (6, 0, 0, 0, 0, 2),  # （五）1.信访举报投诉类申请
    (4, 1, 0, 0, 0, 0),
    (1, 0, 0, 0, 0, 0),
    (2, 0, 0, 0, 0, 0),
    (1, 1, 0, 0, 0, 0),
    (7, 1, 0, 0, 1, 0),  # （六）1.逾期不补正
    (1, 0, 0, 0, 0, 0),
    (3, 1, 0, 1, 0, 0),  # （六）3.其他
)
_CARRIED_IN = (5, 1, 0, 0, 1, 0)
_CARRIED_OUT = (8, 2, 1, 0, 0, 1)


def _row(values: tuple[int, ...]) -> dict[str, int]:
    row = dict(zip(labels.APPLICANT_COLUMNS, values, strict=True))
    row[labels.TOTAL] = sum(values)
    return row


def sample_t3() -> dict[str, Any]:
    t3 = labels.empty_t3()
    results = t3[labels.RESULTS]
    totals = [0] * len(labels.APPLICANT_COLUMNS)
    for (group, item), values in zip(labels.result_rows(), _OUTCOMES, strict=True):
        if item:
            results[group][item] = _row(values)
        else:
            results[group] = _row(values)
        totals = [a + b for a, b in zip(totals, values, strict=True)]
    results[labels.RESULTS_TOTAL] = _row(tuple(totals))
    t3[labels.CARRIED_IN] = _row(_CARRIED_IN)
    t3[labels.CARRIED_OUT] = _row(_CARRIED_OUT)
    # 一 = （七）总计 + 四 − 二
    t3[labels.NEW] = _row(
        tuple(t + o - i for t, o, i in zip(totals, _CARRIED_OUT, _CARRIED_IN, strict=True))
    )
    return t3


def sample_t2() -> dict[str, Any]:
    return {
        labels.T2_ITEM_1: {
            labels.RULES: {labels.ISSUED: 0, labels.ABOLISHED: 1, labels.IN_FORCE: 3},
            labels.NORMATIVE: {labels.ISSUED: 7, labels.ABOLISHED: 2, labels.IN_FORCE: 46},
        },
        labels.T2_ITEM_5: {labels.LICENSING: {labels.DECISIONS: 1204}},
        labels.T2_ITEM_6: {
            labels.PENALTY: {labels.DECISIONS: 38},
            labels.COERCION: {labels.DECISIONS: 5},
        },
        labels.T2_ITEM_8: {labels.FEES: {labels.FEE_AMOUNT: 12.5}},
    }


def sample_t4() -> dict[str, dict[str, int]]:
    t4 = labels.empty_t4()
    for group, values in zip(
        labels.T4_GROUPS, ((3, 1, 0, 2), (2, 0, 1, 1), (1, 0, 0, 1)), strict=True
    ):
        t4[group] = dict(zip(labels.T4_RESULTS, values, strict=True))
        t4[group][labels.TOTAL] = sum(values)
    return t4


SECTIONS_TEXT: dict[str, str] = {
    labels.SECTIONS[0]: (
        "2025年，南昌市教育局坚持以公开为常态、不公开为例外，认真贯彻落实《中华人民共和国政府信息公开条例》，"
        "扎实推进政府信息公开工作。\n\n"
        "（一）主动公开\n\n"
        "全年主动公开政府信息1286条，其中通过门户网站公开1024条，通过政务新媒体公开262条。\n\n"
        "（二）依申请公开\n\n"
        "全年新收政府信息公开申请127件，上年结转8件，均在法定期限内答复。\n\n"
        "（三）政府信息管理\n\n"
        "健全信息发布审查机制，\n对拟公开信息逐条进行保密审查。\n\n"
        "（四）政府信息公开平台建设\n\n"
        "优化门户网站政府信息公开专栏，完善政策文件库。\n\n"
        "（五）监督保障\n\n"
        "将政府信息公开工作纳入年度绩效考核，全年未发生因政府信息公开工作被追责的情况。"
    ),
    labels.SECTIONS[1]: "本年度主动公开政府信息情况如下：",
    labels.SECTIONS[2]: "本年度收到和处理政府信息公开申请情况如下：",
    labels.SECTIONS[3]: "本年度政府信息公开行政复议、行政诉讼情况如下：",
    labels.SECTIONS[4]: (
        "一是部分栏目更新不够及时；二是依申请公开答复文书的规范性有待提高。\n\n"
        "下一步，本局将加强栏目日常维护，组织业务培训，规范答复文书。"
    ),
    labels.SECTIONS[5]: (
        "依据《政府信息公开信息处理费管理办法》规定，本年度未收取信息处理费。\n\n"
        "本年度政务公开工作要点各项任务均已落实。"
    ),
}


def sample_charts(t3: dict[str, Any]) -> dict[str, Any]:
    """Applications by month and outcome group: each group's total spread over the twelve months."""
    results = t3[labels.RESULTS]
    by_month: list[tuple[int, dict[str, int]]] = [(m, {}) for m in range(1, 13)]
    for g, (group, items) in enumerate(labels.RESULT_GROUPS.items()):
        node = results[group]
        total = sum(r[labels.TOTAL] for r in node.values()) if items else node[labels.TOTAL]
        for k in range(total):
            month = (k * 5 + g * 3) % 12
            counts = by_month[month][1]
            counts[group] = counts.get(group, 0) + 1
    on_time, late = 193, 7
    return {
        "by_month": by_month,
        "on_time_rate": on_time / (on_time + late),
        "on_time": on_time,
        "late": late,
    }


def sample_tables() -> dict[str, Any]:
    return {"二": sample_t2(), "三": sample_t3(), "四": sample_t4()}


def sample_report(*, unit: str = UNIT, year: int = YEAR, charts: bool = True) -> ReportDocument:
    tables = sample_tables()
    return ReportDocument(
        unit=unit,
        year=year,
        tables=tables,
        sections=copy.deepcopy(SECTIONS_TEXT),
        charts=sample_charts(tables["三"]) if charts else None,
    )
