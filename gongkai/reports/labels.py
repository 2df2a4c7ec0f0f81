"""The annual report's labels as Gongkai's records use them: the format's labels (verbatim, in
gongkai.reports.validation.labels, re-exported here so compute, export and tests read one
module) and how a record lands in a cell — a case's outcome code and applicant type in table 三,
an appeal's kind and result in table 四, a ReportFigure key in table 二."""

from __future__ import annotations

from gongkai.applications import outcomes
from gongkai.reports.validation.labels import (
    ABOLISHED,
    APPLICANT_COLUMNS,
    CARRIED_IN,
    CARRIED_OUT,
    COERCION,
    COLUMNS,
    COMMERCIAL,
    DECISIONS,
    DIRECT_SUIT,
    FEE_AMOUNT,
    FEES,
    G1,
    G2,
    G3,
    G4,
    G5,
    G6,
    IN_FORCE,
    ISSUED,
    LEGAL_PERSONS,
    LEGAL_SERVICE,
    LICENSING,
    LITIGATION,
    NATURAL,
    NEW,
    NORMATIVE,
    OTHER,
    PENALTY,
    PUBLIC_INTEREST,
    RECONSIDERATION,
    RESEARCH,
    RESULT_GROUPS,
    RESULTS,
    RESULTS_TOTAL,
    RULES,
    SECTIONS,
    SINGLE_GROUPS,
    SUIT_AFTER,
    T2_ITEM_1,
    T2_ITEM_5,
    T2_ITEM_6,
    T2_ITEM_8,
    T3_NOTE,
    T4_COLUMNS,
    T4_GROUPS,
    T4_RESULTS,
    TABLE_2,
    TOTAL,
    empty_row,
    empty_t3,
    empty_t4,
    result_rows,
    t3_cell,
    t3_rows,
)

# ApplicantType value → column of table 三
APPLICANT_COLUMN = {
    "natural": NATURAL,
    "commercial": COMMERCIAL,
    "research": RESEARCH,
    "public_interest": PUBLIC_INTEREST,
    "legal_service": LEGAL_SERVICE,
    "other": OTHER,
}

# Figures other systems hold, entered by staff (reports.models.ReportFigure.key) → cell of 二.
FIGURE_CELLS: dict[str, tuple[str, str, str]] = {
    "licensing": (T2_ITEM_5, LICENSING, DECISIONS),
    "penalty": (T2_ITEM_6, PENALTY, DECISIONS),
    "coercion": (T2_ITEM_6, COERCION, DECISIONS),
    "fees": (T2_ITEM_8, FEES, FEE_AMOUNT),
}

# Appeal kind and result (applications.models.Appeal) → group and column of table 四
APPEAL_GROUP = {
    "reconsideration": RECONSIDERATION,
    "direct_suit": DIRECT_SUIT,
    "suit_after_reconsideration": SUIT_AFTER,
}
APPEAL_RESULT = {
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
}


def outcome_cell(code: str) -> tuple[str, str]:
    """(group, item) of an outcome code; item "" for （一） and （二）."""
    outcome = outcomes.BY_CODE[code]
    return outcome.group, outcome.item


__all__ = [
    "ABOLISHED",
    "APPEAL_GROUP",
    "APPEAL_RESULT",
    "APPLICANT_COLUMN",
    "APPLICANT_COLUMNS",
    "CARRIED_IN",
    "CARRIED_OUT",
    "COERCION",
    "COLUMNS",
    "COMMERCIAL",
    "DECISIONS",
    "DIRECT_SUIT",
    "FEES",
    "FEE_AMOUNT",
    "FIGURE_CELLS",
    "G1",
    "G2",
    "G3",
    "G4",
    "G5",
    "G6",
    "IN_FORCE",
    "ISSUED",
    "LEGAL_PERSONS",
    "LEGAL_SERVICE",
    "LICENSING",
    "LITIGATION",
    "NATURAL",
    "NEW",
    "NORMATIVE",
    "OTHER",
    "PENALTY",
    "PUBLIC_INTEREST",
    "RECONSIDERATION",
    "RESEARCH",
    "RESULTS",
    "RESULTS_TOTAL",
    "RESULT_GROUPS",
    "RULES",
    "SECTIONS",
    "SINGLE_GROUPS",
    "SUIT_AFTER",
    "T2_ITEM_1",
    "T2_ITEM_5",
    "T2_ITEM_6",
    "T2_ITEM_8",
    "T3_NOTE",
    "T4_COLUMNS",
    "T4_GROUPS",
    "T4_RESULTS",
    "TABLE_2",
    "TOTAL",
    "empty_row",
    "empty_t3",
    "empty_t4",
    "outcome_cell",
    "result_rows",
    "t3_cell",
    "t3_rows",
]
