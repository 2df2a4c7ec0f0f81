"""The annual report's outputs: JSON keyed by the official labels, DOCX/PDF in the official layout with the
merged header cells of tables 二、三、四, XLSX with one sheet per table, HTML with accessible tables and charts.

Expected cell positions are written out here from the official format (domain-research.md §2.2–2.4), not
taken from the exporter, so a misplaced number or a missing merge fails.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader

from gongkai.reports import export, labels
from gongkai.reports.tests.sample import sample_report

# table 三: three header rows, then the rows of labels.t3_rows(); three label columns, then labels.COLUMNS
T3_FIRST_ROW = 3
T3_FIRST_COL = 3
# table 二: (row, column) of each number, blocks of band / 信息内容 header / rows
T2_CELLS: dict[tuple[str, str, str], tuple[int, int]] = {
    (labels.T2_ITEM_1, labels.RULES, labels.ISSUED): (2, 1),
    (labels.T2_ITEM_1, labels.RULES, labels.ABOLISHED): (2, 2),
    (labels.T2_ITEM_1, labels.RULES, labels.IN_FORCE): (2, 3),
    (labels.T2_ITEM_1, labels.NORMATIVE, labels.ISSUED): (3, 1),
    (labels.T2_ITEM_1, labels.NORMATIVE, labels.ABOLISHED): (3, 2),
    (labels.T2_ITEM_1, labels.NORMATIVE, labels.IN_FORCE): (3, 3),
    (labels.T2_ITEM_5, labels.LICENSING, labels.DECISIONS): (6, 1),
    (labels.T2_ITEM_6, labels.PENALTY, labels.DECISIONS): (9, 1),
    (labels.T2_ITEM_6, labels.COERCION, labels.DECISIONS): (10, 1),
    (labels.T2_ITEM_8, labels.FEES, labels.FEE_AMOUNT): (13, 1),
}
# merged header cells as (first row, first col, last row, last col)
T3_MERGES = {
    labels.T3_NOTE: (0, 0, 2, 2),
    "申请人情况": (0, 3, 0, 9),
    labels.NATURAL: (1, 3, 2, 3),
    labels.LEGAL_PERSONS: (1, 4, 1, 8),
    labels.TOTAL: (1, 9, 2, 9),
    labels.RESULTS: (5, 0, 26, 0),
    labels.NEW: (3, 0, 3, 2),
    "（三）不予公开": (7, 1, 14, 1),
    "（六）其他处理": (23, 1, 25, 1),
    labels.RESULTS_TOTAL: (26, 1, 26, 2),
}
T4_MERGES = {
    labels.RECONSIDERATION: (0, 0, 0, 4),
    labels.LITIGATION: (0, 5, 0, 14),
    "结果维持": (1, 0, 2, 0),
    labels.DIRECT_SUIT: (1, 5, 1, 9),
    labels.SUIT_AFTER: (1, 10, 1, 14),
}
T2_MERGES = {
    labels.T2_ITEM_1: (0, 0, 0, 3),
    labels.DECISIONS: (5, 1, 5, 3),
    labels.FEE_AMOUNT: (12, 1, 12, 3),
}


@pytest.fixture(scope="module")
def report() -> export.ReportDocument:
    return sample_report()


def expected_numbers(report: export.ReportDocument) -> dict[str, dict[tuple[int, int], str]]:
    """Every number of the three tables at its (row, column) in the official layout."""
    t2, t3, t4 = (report.tables[k] for k in ("二", "三", "四"))
    out2 = {pos: export.format_number(t2[a][b][c]) for (a, b, c), pos in T2_CELLS.items()}
    out3 = {}
    for i, path in enumerate(labels.t3_rows()):
        row = labels.t3_cell(t3, path)
        for j, col in enumerate(labels.COLUMNS):
            out3[(T3_FIRST_ROW + i, T3_FIRST_COL + j)] = str(row[col])
    out4 = {
        (3, 5 * g + j): str(t4[group][col])
        for g, group in enumerate(labels.T4_GROUPS)
        for j, col in enumerate(labels.T4_COLUMNS)
    }
    return {"二": out2, "三": out3, "四": out4}


def squash(text: str) -> str:
    return "".join(text.split())


# --- JSON -------------------------------------------------------------------------------------------------------


def test_json_is_keyed_by_the_official_labels_nested(report: export.ReportDocument) -> None:
    data = json.loads(export.to_json(report))
    assert list(data) == ["organ", "year", "二", "三", "四", "sections"]
    assert data["organ"] == "南昌市教育局"
    assert data["year"] == 2025
    refused = data["三"]["三、本年度办理结果"]["（三）不予公开"]["1.属于国家秘密"]
    assert list(refused) == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ]
    assert refused == report.tables["三"][labels.RESULTS]["（三）不予公开"]["1.属于国家秘密"]
    assert list(data["三"]) == [labels.NEW, labels.CARRIED_IN, labels.RESULTS, labels.CARRIED_OUT]
    results = data["三"][labels.RESULTS]
    assert list(results) == [*labels.RESULT_GROUPS, labels.RESULTS_TOTAL]
    assert results["（一）予以公开"]["总计"] == 54
    assert data["四"]["行政复议"] == {
        "结果维持": 3,
        "结果纠正": 1,
        "其他结果": 0,
        "尚未审结": 2,
        "总计": 6,
    }
    assert list(data["四"]) == ["行政复议", "未经复议直接起诉", "复议后起诉"]
    assert data["二"]["第二十条第（八）项"]["行政事业性收费"]["本年收费金额（单位：万元）"] == 12.5
    assert data["二"]["第二十条第（一）项"]["行政规范性文件"]["现行有效件数"] == 46
    assert list(data["sections"]) == list(labels.SECTIONS)
    # the shape is the labels.py shape exactly (the computation's and validator's shape)
    assert data["三"].keys() == labels.empty_t3().keys()
    assert data["四"].keys() == labels.empty_t4().keys()


def test_json_missing_cell_is_null_and_blank_in_documents() -> None:
    report = sample_report()
    del report.tables["四"]["复议后起诉"]["结果维持"]
    assert json.loads(export.to_json(report))["四"]["复议后起诉"]["结果维持"] is None
    table = export.table_4(report.tables["四"])
    assert table.rows[3][10].text == ""


# --- DOCX -------------------------------------------------------------------------------------------------------


def span(table: Any, first: tuple[int, int], last: tuple[int, int]) -> bool:
    """python-docx repeats a merged cell over every grid position it covers."""
    tc = table.cell(*first)._tc
    r0, c0 = first
    r1, c1 = last
    inside = all(table.cell(r, c)._tc is tc for r in range(r0, r1 + 1) for c in range(c0, c1 + 1))
    outside = [
        table.cell(r, c)._tc
        for r, c in ((r0, c1 + 1), (r1 + 1, c0))
        if r < len(table.rows) and c < len(table.columns)
    ]
    return inside and all(other is not tc for other in outside)


def test_docx_has_title_sections_tables_merges_and_numbers(report: export.ReportDocument) -> None:
    docx = open_docx(io.BytesIO(export.to_docx(report)))
    texts = [p.text for p in docx.paragraphs]
    assert texts[0] == "南昌市教育局2025年政府信息公开工作年度报告"
    positions = [texts.index(title) for title in labels.SECTIONS]
    assert positions == sorted(positions)
    assert "（一）主动公开" in texts
    assert "健全信息发布审查机制，对拟公开信息逐条进行保密审查。" in texts
    assert len(docx.tables) == 3
    t2, t3, t4 = docx.tables
    assert (len(t3.rows), len(t3.columns)) == (3 + len(list(labels.t3_rows())), 10)
    assert (len(t4.rows), len(t4.columns)) == (4, 15)
    assert (len(t2.rows), len(t2.columns)) == (14, 4)
    for table, merges in ((t2, T2_MERGES), (t3, T3_MERGES), (t4, T4_MERGES)):
        for text, (r0, c0, r1, c1) in merges.items():
            assert table.cell(r0, c0).text == text
            assert span(table, (r0, c0), (r1, c1)), text
    assert t3.cell(7, 2).text == "1.属于国家秘密"
    # in the XML: gridSpan and vMerge, header rows repeated on each page
    xml = t3._tbl.xml
    assert 'w:gridSpan w:val="7"' in xml
    assert xml.count("<w:vMerge/>") + xml.count('w:vMerge w:val="continue"') >= 21
    assert len(t3._tbl.findall(f".//{qn('w:tblHeader')}")) == 3
    for key, table in (("二", t2), ("三", t3), ("四", t4)):
        for (r, c), value in expected_numbers(report)[key].items():
            assert table.cell(r, c).text == value, (key, r, c)


def test_docx_opens_in_libreoffice_layout(report: export.ReportDocument) -> None:
    """The layout adjustments that make LibreOffice show the tables as Word does (docs/report-output.md)."""
    docx = open_docx(io.BytesIO(export.to_docx(report)))
    grid = docx.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"
    t3 = docx.tables[1]
    widths = [int(col.get(qn("w:w"))) for col in t3._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert widths[2] > widths[0] and widths[2] > widths[3]
    for p in t3._tbl.iter(qn("w:p")):
        assert p.pPr.find(qn("w:snapToGrid")).get(qn("w:val")) == "0"


# --- PDF --------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf(report: export.ReportDocument) -> bytes:
    return export.to_pdf(report)


def test_pdf_has_title_labels_and_numbers(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    text = squash("".join(page.extract_text() for page in reader.pages))
    assert "南昌市教育局2025年政府信息公开工作年度报告" in text
    for label in (
        *labels.SECTIONS,
        squash(labels.T3_NOTE),
        "申请人情况",
        "法人或其他组织",
        "1.属于国家秘密",
        "四、结转下年度继续办理",
        "未经复议直接起诉",
        "第二十条第（八）项",
    ):
        assert squash(label) in text, label
    # a row of numbers as printed: 一、本年新收 … and （七）总计
    assert "一、本年新收政府信息公开申请数量121234586167" in text
    assert "（七）总计118223595162" in text
    assert "12.5" in text
    assert "1204" in text


@pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) not installed"
)
def test_pdf_pages_are_not_blank(pdf: bytes, tmp_path: Path) -> None:
    source = tmp_path / "report.pdf"
    source.write_bytes(pdf)
    subprocess.run(  # noqa: S603 - fixed arguments, our own file
        [
            shutil.which("pdftoppm") or "pdftoppm",
            "-png",
            "-r",
            "50",
            str(source),
            str(tmp_path / "p"),
        ],
        check=True,
        timeout=120,
    )
    pages = sorted(tmp_path.glob("p*.png"))
    assert len(pages) >= 3
    for i, page in enumerate(pages):
        histogram = Image.open(page).convert("L").histogram()
        dark = sum(histogram[:128]) / sum(histogram)
        # the last page may hold a few lines only
        assert (0.0005 if i == len(pages) - 1 else 0.002) < dark < 0.5, page.name


# --- XLSX -------------------------------------------------------------------------------------------------------


def test_xlsx_has_three_sheets_merges_and_numbers(report: export.ReportDocument) -> None:
    wb = load_workbook(io.BytesIO(export.to_xlsx(report)))
    assert wb.sheetnames == ["二", "三", "四"]
    offset = 2  # row 1 holds the report title and the section
    for key, merges in (("二", T2_MERGES), ("三", T3_MERGES), ("四", T4_MERGES)):
        ws = wb[key]
        assert "南昌市教育局2025年政府信息公开工作年度报告" in ws.cell(1, 1).value
        ranges = {str(r) for r in ws.merged_cells.ranges}
        for text, (r0, c0, r1, c1) in merges.items():
            assert ws.cell(r0 + offset, c0 + 1).value == text
            first = ws.cell(r0 + offset, c0 + 1).coordinate
            last = ws.cell(r1 + offset, c1 + 1).coordinate
            assert f"{first}:{last}" in ranges, (key, text)
        for (r, c), value in expected_numbers(report)[key].items():
            cell = ws.cell(r + offset, c + 1).value
            assert isinstance(cell, int | float) and not isinstance(cell, bool), (key, r, c)
            assert export.format_number(cell) == value, (key, r, c)
    assert isinstance(wb["二"].cell(13 + offset, 2).value, float)
    assert wb["三"].cell(7 + offset, 3).value == "1.属于国家秘密"


# --- HTML -------------------------------------------------------------------------------------------------------


def test_html_tables_are_accessible(report: export.ReportDocument) -> None:
    page = export.to_html(report)
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="zh-CN">' in page
    assert page.count("<caption") >= 3 + 2  # three report tables, two chart data tables
    for title in labels.SECTIONS:
        assert f">{title}</h2>" in page
    assert "<h3>（一）主动公开</h3>" in page
    assert 'scope="colgroup"' in page and 'scope="col"' in page
    assert 'scope="rowgroup"' in page and 'scope="row"' in page
    # a cell under merged headers names every header: row groups, then the column groups
    t3 = "gk-report-2025-t3"
    row = T3_FIRST_ROW + 2  # （一）予以公开
    m = re.search(r'<td headers="([^"]+)" class="gk-data">41</td>', page) or re.search(
        r'<td class="gk-data" headers="([^"]+)">41</td>', page
    )
    assert m is not None
    assert m.group(1).split() == [f"{t3}-r{row}c0", f"{t3}-r{row}c1", f"{t3}-r0c3", f"{t3}-r1c3"]
    # 商业企业 under 法人或其他组织 under 申请人情况 for 1.属于国家秘密
    heads = re.findall(r'headers="([^"]+)"', page)
    assert f"{t3}-r5c0 {t3}-r7c1 {t3}-r7c2 {t3}-r0c3 {t3}-r1c4 {t3}-r2c4" in heads
    # table 二: a column header stops at its block's band
    t2 = "gk-report-2025-t2"
    assert f"{t2}-r6c0 {t2}-r4c0 {t2}-r5c1" in heads
    assert page.count("<tbody>") >= 1 + 4 + 1 + 2  # 二 has one row group per block


def test_html_charts_are_svg_with_text_alternatives(report: export.ReportDocument) -> None:
    page = export.to_html(report)
    assert "<script" not in page
    assert page.count("<svg") == 2
    assert '<title id="gk-report-2025-month-title">各月申请数量及办理结果</title>' in page
    assert 'aria-labelledby="gk-report-2025-month-title gk-report-2025-month-desc"' in page
    assert "全年共162件" in page
    assert "<desc" in page and "按期答复率96.5%" in page
    assert "<summary>查看数据表</summary>" in page
    assert '<th scope="row">12月</th>' in page


def test_html_fragment_for_a_page_template(report: export.ReportDocument) -> None:
    fragment = export.to_html(report, standalone=False)
    assert fragment.startswith('<article class="gk-annual-report"')
    assert "<html" not in fragment and "<style" not in fragment
    assert export.STATIC_CSS.is_file()


def test_html_escapes_section_text() -> None:
    report = sample_report(charts=False)
    report.sections[labels.SECTIONS[4]] = "<script>alert(1)</script> & 改进"
    page = export.to_html(report)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 改进" in page
    assert "<svg" not in page


# --- charts on their own (the overseer dashboard) ---------------------------------------------------------------


def test_chart_by_month_stacks_the_groups() -> None:
    data = [(1, {"（一）予以公开": 3, labels.SINGLE_GROUPS[1]: 2}), (3, {"（三）不予公开": 4})]
    svg = export.chart_svg_by_month(data, id_prefix="x")
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert '<title id="x-title">' in svg and '<desc id="x-desc">' in svg
    assert "全年共9件，最多的是1月，共5件" in svg
    assert "<title>1月 （二）部分公开：2件</title>" in svg  # the legend shortens the long label
    assert svg.count("<rect") == 3 + 3  # three bar segments, three legend keys
    table = export.chart_table_by_month(data)
    assert table.count("<tr>") == 13


def test_charts_without_data() -> None:
    assert "本年度没有收到申请" in export.chart_svg_by_month([])
    svg = export.chart_svg_on_time(None, 0, 0)
    assert "按期答复率：无数据" in svg
    assert "本年度没有已答复的申请" in svg
    assert "<td>—</td>" in export.chart_table_on_time(None, 0, 0)
    assert "按期答复率 75.0%" in export.chart_svg_on_time(None, 3, 1)


def test_number_format() -> None:
    assert export.format_number(12.50) == "12.5"
    assert export.format_number(3.0) == "3"
    assert export.format_number(0) == "0"
    assert export.format_number(None) == ""
