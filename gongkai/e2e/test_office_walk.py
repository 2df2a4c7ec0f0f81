"""The city disclosure office (gongkaiban) in a real browser: the dashboard's exception-first
panel → 监督总览 with the unit needing action on top → its items → that unit's annual report,
generated and downloaded (opened as a real DOCX and PDF) → a 专题专栏 curated in bulk and sent
to its host unit's review. axe-core on each of the office's screens; screenshots office-*."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from gongkai.e2e.axe import assert_accessible
from gongkai.e2e.conftest import shot, staff_page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

COLUMN_TITLE = "稳就业政策汇编（公开办走查）"


def _cells(row: Any) -> list[int]:
    return [int(re.match(r"\d+", t).group()) for t in row.locator("td").all_inner_texts()[:3]]  # type: ignore[union-attr]


def test_office_oversight_report_and_column(live_site: str, browser: Any) -> None:
    office = staff_page(browser, live_site, "gongkaiban", accept_downloads=True)
    top = _oversight(office)
    _annual_report(office, top)
    _thematic_column(office, live_site)
    office.context.close()


def _oversight(office: Any) -> str:
    """Dashboard → 监督总览 → the unit on top; returns its name."""
    # The dashboard: the units needing action, the most urgent first.
    panel = office.locator(".gk-oversight-panel")
    assert "监督总览：需处理的单位" in panel.inner_text()
    first_in_panel = panel.locator("ol li a").first.inner_text()
    shot(office, "office-dashboard")

    # 监督总览: exception-first, with the chart.
    with office.expect_navigation():
        panel.get_by_role("link", name=re.compile("查看全部")).click()
    assert office.locator("h1").inner_text().strip() == "监督总览"
    assert office.locator(".gk-oversight-chart svg[role=img]").count() == 1
    rows = office.locator(".gk-oversight-table tbody tr")
    assert rows.count() >= 1
    counts = [_cells(rows.nth(i)) for i in range(rows.count())]
    assert counts == sorted(counts, reverse=True)  # overdue, then due soon, then in review
    top = rows.first.locator("th a").inner_text()
    assert top == first_in_panel
    if any(c[0] or c[1] for c in counts):
        assert counts[0][0] or counts[0][1]  # the unit with due cases is on top, not row 19
    assert "无待办事项的单位" in office.content()
    assert_accessible(office)
    shot(office, "office-oversight", full_page=True)

    # Drill down into the unit on top.
    with office.expect_navigation():
        rows.first.locator("th a").click()
    assert office.locator("h1").inner_text().strip() == top
    for heading in ("逾期申请", "3个工作日内到期的申请", "待审核内容", "重大政策解读"):
        assert office.get_by_role("heading", name=re.compile(heading)).count() >= 1
    if counts[0][0]:
        case_link = office.locator("#overdue + table a").first
        assert re.search(r"/admin/applications/\d+/$", case_link.get_attribute("href") or "")
    assert_accessible(office)
    shot(office, "office-unit", full_page=True)
    return top


def _annual_report(office: Any, top: str) -> None:
    # That unit's annual report, generated and downloaded.
    with office.expect_navigation():
        office.get_by_role("link", name="编制该单位年度报告").click()
    assert office.locator("#id_unit option:checked").inner_text() == top
    year = office.locator("#id_year").input_value()
    with office.expect_navigation():
        office.get_by_role("button", name="生成年度报告").click()
    title = f"{top}{year}年政府信息公开工作年度报告"
    assert office.get_by_role("heading", name=title).count() == 1
    assert "三、收到和处理政府信息公开申请情况" in office.content()
    assert_accessible(office)
    shot(office, "office-report")
    with office.expect_download() as download_info:
        office.get_by_role("link", name="下载 Word").click()
    data = Path(download_info.value.path()).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert top in archive.read("word/document.xml").decode()
    with office.expect_download() as download_info:
        office.get_by_role("link", name="下载 PDF").click()
    from pypdf import PdfReader

    pdf = PdfReader(download_info.value.path())
    assert len(pdf.pages) >= 1
    text = "".join(p.extract_text() or "" for p in pdf.pages)
    assert top in text and "一、总体情况" in text


def _thematic_column(office: Any, live_site: str) -> None:
    # A 专题专栏, curated in bulk, sent to its host unit's review.
    office.goto(live_site + "/admin/")
    with office.expect_navigation():
        office.locator("a[href='/admin/portal/columns/']").first.click()
    assert_accessible(office)
    office.fill("#id_title", COLUMN_TITLE)
    office.fill("#id_intro", "汇集本市促进就业、稳岗扩岗的政策文件。")
    office.select_option("#id_organisation", label="南昌市人力资源和社会保障局")
    with office.expect_navigation():
        office.get_by_role("button", name="新建专栏").click()
    assert "已新建专栏草稿" in office.content()
    office.fill("#id_q", "就业")
    with office.expect_navigation():
        office.get_by_role("search", name="查找文件加入专栏").get_by_role(
            "button", name="搜索"
        ).click()
    boxes = office.locator("input[name=document][id^=add-]")
    assert boxes.count() >= 3
    for i in range(3):
        boxes.nth(i).check()
    with office.expect_navigation():
        office.get_by_role("button", name="加入勾选的文件").click()
    assert "已加入 3 件文件" in office.content()
    assert "专栏文件（3 件）" in office.content()
    with office.expect_navigation():
        office.get_by_role("button", name="提交审核").click()
    assert "已提交审核" in office.content()
    assert "审核中" in office.locator("#column-status").inner_text()
    assert "南昌市人力资源和社会保障局" in office.locator("#column-status").inner_text()
    assert_accessible(office)
    shot(office, "office-column", full_page=True)
