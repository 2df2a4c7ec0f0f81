"""What reading a published report gives: the tables with where each figure was found
(``ParsedReport``, ``Origin``, ``Problem``), the layouts (2021 and the pre-2021 "2019" one) and
``UnusableReport`` for a file that cannot be read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gongkai.reports.validation import labels as L

LAYOUT_2021 = "2021"
LAYOUT_2019 = "2019"


class UnusableReport(Exception):
    """The input holds no report table we can read; the message is in Chinese."""


# --- The pre-2021 ("2019") format of table 二 (domain-research.md §2.2; 雄县 2019 report) ----------

T2_ITEM_9 = "第二十条第（九）项"
OLD_NORMATIVE = "规范性文件"
OLD_OTHER_SERVICES = "其他对外管理服务事项"
OLD_PROCUREMENT = "政府集中采购"
_OLD_COLS_1 = ("本年新制作数量", "本年新公开数量", "对外公开总数量")
_OLD_COLS_5 = ("上一年项目数量", "本年增/减", "处理决定数量")
_OLD_COLS_8 = ("上一年项目数量", "本年增/减")
_OLD_COLS_9 = ("采购项目数量", "采购总金额")
TABLE_2_2019: dict[str, dict[str, tuple[str, ...]]] = {
    L.T2_ITEM_1: {L.RULES: _OLD_COLS_1, OLD_NORMATIVE: _OLD_COLS_1},
    L.T2_ITEM_5: {L.LICENSING: _OLD_COLS_5, OLD_OTHER_SERVICES: _OLD_COLS_5},
    L.T2_ITEM_6: {L.PENALTY: _OLD_COLS_5, L.COERCION: _OLD_COLS_5},
    L.T2_ITEM_8: {L.FEES: _OLD_COLS_8},
    T2_ITEM_9: {OLD_PROCUREMENT: _OLD_COLS_9},
}
T4_CELLS: tuple[tuple[str, str], ...] = tuple(
    (group, col) for group in L.T4_GROUPS for col in L.T4_COLUMNS
)


# --- Result ---------------------------------------------------------------------------------------

Path_ = tuple[str, ...]


@dataclass(frozen=True)
class Origin:
    """Where a figure was read: the row and column labels as printed, the position, the cell text."""

    row: str
    column: str
    where: str
    text: str

    def describe(self) -> str:
        shown = self.text if self.text else "空白"
        return f"{self.where}“{self.row}”行“{self.column}”列（原文：{shown}）"


@dataclass(frozen=True)
class Problem:
    """Something the parser could not read reliably; validation reports it as an error (or, when
    no rule depends on it, a warning)."""

    rule: str
    cells: tuple[Path_, ...]
    message: str
    level: str = "error"


@dataclass
class ParsedReport:
    layout: str  # LAYOUT_2021 | LAYOUT_2019
    tables: dict[str, Any]  # {"二": …, "三": …, "四": …} in the labels.py shape
    source: str = ""  # html | text | docx | json
    unit: str = ""
    year: int | None = None
    origins: dict[Path_, Origin] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    missing: set[Path_] = field(default_factory=set)  # cells not found (rules skip them)
    # Group rows of 三 printed with a figure of their own in a 2021-format report (a subtotal,
    # which the format does not have); validation checks them against their items.
    subtotals: dict[str, dict[str, int]] = field(default_factory=dict)
    layout_evidence: list[str] = field(default_factory=list)
