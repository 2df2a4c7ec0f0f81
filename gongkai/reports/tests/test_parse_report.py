"""Reading published annual reports: HTML with merged cells, pasted text (one row a line, or one
cell a line), DOCX, our JSON; typos, blanks and "/" for zero; the pre-2021 layout."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from gongkai.reports import labels as L
from gongkai.reports.validation.parse import (
    LAYOUT_2019,
    LAYOUT_2021,
    OLD_NORMATIVE,
    T2_ITEM_9,
    UnusableReport,
    label_key,
    parse_file,
    parse_report,
    parse_value,
)

FIXTURES = Path(__file__).parent / "fixtures"


def expected() -> dict[str, Any]:
    """The tables of the consistent 2024 report, as `report annual --format json` writes them."""
    return json.loads((FIXTURES / "consistent_2024.json").read_text())


@pytest.mark.parametrize(
    "name",
    [
        "consistent_2024.html",  # rowspan/colspan as on government sites
        "consistent_2024.txt",  # copied text, cells separated by spaces
        "consistent_2024_lines.txt",  # one cell a line (PDF text)
        "typos_2024.html",  # GBK, typos, blanks, "/", "—", full-width digits, 合计
        "consistent_2024.json",  # our own JSON
    ],
)
def test_every_form_of_the_same_report_reads_the_same_figures(name: str) -> None:
    report = parse_file(FIXTURES / name)
    want = expected()
    assert report.layout == LAYOUT_2021
    assert report.problems == []
    for table in ("二", "三", "四"):
        assert report.tables[table] == want[table], table
    assert (report.unit, report.year) == ("临川市生态环境局", 2024)


def test_origins_keep_the_labels_as_printed() -> None:
    report = parse_file(FIXTURES / "typos_2024.html")
    internal = (
        "三",
        L.RESULTS,
        "（三）不予公开",
        "5.属于三类内部事务信息",
        L.NATURAL,
    )
    origin = report.origins[internal]
    assert origin.row == "5.属于三类内容事务信息"
    assert origin.text == "1"
    assert origin.where == "第2个表格第12行"
    total = report.origins[("三", L.NEW, L.TOTAL)]
    assert total.column == "合计"  # the header as printed names the column
    blank = report.origins[("三", L.RESULTS, "（三）不予公开", "1.属于国家秘密", L.NATURAL)]
    assert blank.row == "属于国家秘密"  # numbering missing
    assert "原文" in blank.describe()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12),
        ("１２", 12),
        ("1,204", 1204),
        ("１，２０４", 1204),
        ("/", 0),
        ("-", 0),
        ("—", 0),
        ("——", 0),
        ("", 0),
        (" ", 0),
        ("无", 0),
        ("12.5", 12.5),
        ("12.5万元", 12.5),
        ("3件", 3),
        ("-2", -2),
        ("+3", 3),
        ("1.属于国家秘密", None),
        ("3.", None),
        ("自然人", None),
    ],
)
def test_cell_values(text: str, value: int | float | None) -> None:
    assert parse_value(text) == value


def test_label_keys_ignore_width_spaces_quotes_and_commas() -> None:
    assert label_key("（二）部分公开（区分处理的，只计这一情形）") == label_key(
        "(二)部分公开(区分处理的、只计这一情形)"
    )
    assert label_key("3.危及“三安全一稳定”") == label_key('3. 危及"三安全一稳定"')


def test_old_layout_is_recognised_and_its_tables_read() -> None:
    report = parse_file(FIXTURES / "old_2019.html")
    assert report.layout == LAYOUT_2019
    assert any("本年新制作数量" in e for e in report.layout_evidence)
    assert any("（六）其他处理" in e for e in report.layout_evidence)
    assert report.problems == []
    t2 = report.tables["二"]
    assert t2[L.T2_ITEM_1][OLD_NORMATIVE] == {
        "本年新制作数量": 5,
        "本年新公开数量": 5,
        "对外公开总数量": 32,
    }
    assert t2[L.T2_ITEM_5][L.LICENSING] == {
        "上一年项目数量": 45,
        "本年增/减": -2,
        "处理决定数量": 1230,
    }
    assert t2[T2_ITEM_9]["政府集中采购"] == {"采购项目数量": 6, "采购总金额": 85.6}
    # （六）其他处理 is a single row in the 2019 format.
    g6 = report.tables["三"][L.RESULTS]["（六）其他处理"]
    assert g6 == {**L.empty_row(), L.NATURAL: 1, L.TOTAL: 1}
    assert report.tables["四"] == expected()["四"]
    assert (report.unit, report.year) == ("临川县人民政府办公室", 2019)


def test_browser_copy_with_tabs() -> None:
    report = parse_file(FIXTURES / "previous_2023.txt")
    assert report.problems == []
    assert report.tables["三"][L.CARRIED_OUT] == {
        **L.empty_row(),
        L.NATURAL: 3,
        L.COMMERCIAL: 1,
        L.TOTAL: 4,
    }
    assert report.year == 2023


def test_a_row_with_too_few_figures_is_a_problem_not_a_guess() -> None:
    text = (FIXTURES / "consistent_2024.txt").read_text()
    text = text.replace(
        "2.没有现成信息需要另行制作 2 0 0 0 0 0 2", "2.没有现成信息需要另行制作 2 2"
    )
    report = parse_report(text, "r.txt")
    rules = [(p.rule, p.cells) for p in report.problems]
    assert rules == [
        ("parse.columns", (("三", L.RESULTS, "（四）无法提供", "2.没有现成信息需要另行制作"),))
    ]
    assert "有 2 个数，应为 7 个" in report.problems[0].message


def test_a_missing_row_is_a_problem() -> None:
    text = (FIXTURES / "consistent_2024.txt").read_text()
    text = text.replace("8.属于行政查询事项 1 0 0 0 0 0 1\n", "")
    report = parse_report(text, "r.txt")
    assert [p.rule for p in report.problems] == ["parse.missing_row"]
    assert "8.属于行政查询事项" in report.problems[0].message


def test_column_order_is_taken_from_a_complete_header_row() -> None:
    html = """<table>
    <tr><td>项目</td><td>总计</td><td>自然人</td><td>商业企业</td><td>科研机构</td><td>社会公益组织</td>
        <td>法律服务机构</td><td>其他</td></tr>
    <tr><td>一、本年新收政府信息公开申请数量</td><td>9</td><td>5</td><td>4</td><td>0</td><td>0</td>
        <td>0</td><td>0</td></tr></table>"""
    report = parse_report(html, "r.html")
    assert report.tables["三"][L.NEW] == {
        **L.empty_row(),
        L.NATURAL: 5,
        L.COMMERCIAL: 4,
        L.TOTAL: 9,
    }


def test_docx_with_merged_cells() -> None:
    import docx

    want = expected()
    document = docx.Document()
    document.add_paragraph("临川市生态环境局2024年政府信息公开工作年度报告")
    rows = list(L.t3_rows())
    table = document.add_table(rows=len(rows) + 1, cols=10)
    header = ["", "", "", *L.COLUMNS]
    for i, text in enumerate(header):
        table.cell(0, i).text = text
    group_start: dict[str, int] = {}
    for r, path in enumerate(rows, start=1):
        row = L.t3_cell(want["三"], path)
        if path[0] == L.RESULTS:
            table.cell(r, 0).text = L.RESULTS if r == 3 else ""
            if len(path) == 3:
                group_start.setdefault(path[1], r)
                table.cell(r, 1).text = path[1] if group_start[path[1]] == r else ""
                table.cell(r, 2).text = path[2]
            else:
                table.cell(r, 1).merge(table.cell(r, 2)).text = path[1]
        else:
            table.cell(r, 0).merge(table.cell(r, 2)).text = path[0]
        for c, column in enumerate(L.COLUMNS, start=3):
            table.cell(r, c).text = str(row[column])
    # Merge the heading cells vertically, as Word documents do.
    last_result = len(rows) - 1
    table.cell(3, 0).merge(table.cell(last_result, 0))
    for group, start in group_start.items():
        end = start + len(L.RESULT_GROUPS[group]) - 1
        table.cell(start, 1).merge(table.cell(end, 1))
    buffer = io.BytesIO()
    document.save(buffer)

    report = parse_report(buffer.getvalue(), "report.docx")
    assert report.tables["三"] == want["三"]
    assert report.year == 2024
    # Only table 三 is in this document: the others are reported missing.
    assert {p.rule for p in report.problems} == {"parse.missing_table"}


@pytest.mark.parametrize(
    ("data", "name"),
    [
        ("本机关2024年没有收到政府信息公开申请。", "r.txt"),
        ("<html><body><p>年度报告见附件。</p></body></html>", "r.html"),
        (b"\xff\xfe\x00garbage", "r.txt"),
        ("{not json", "r.json"),
        ('{"a": 1}', "r.json"),
        (b"PK\x03\x04broken", "r.docx"),
    ],
)
def test_unusable_input(data: str | bytes, name: str) -> None:
    with pytest.raises(UnusableReport):
        parse_report(data, name)


@pytest.mark.parametrize("fmt", ["json", "html", "docx"])
def test_our_own_exports_read_back(fmt: str) -> None:
    from gongkai.reports import export
    from gongkai.reports.tests.sample import UNIT, YEAR, sample_report, sample_tables

    body = export.render(sample_report(), fmt)
    report = parse_report(body, f"report.{fmt}")
    assert report.problems == []
    want = sample_tables()
    for table in ("二", "三", "四"):
        assert report.tables[table] == want[table], table
    assert (report.unit, report.year) == (UNIT, YEAR)
