"""重大行政决策 in a real browser: the government's staff (here the demo's administrator, who acts
for 市人民政府) record the legality review of a decision under way and try to record it as
taken: refused, with what is missing named (国务院令第713号); a citizen on a phone in the elder
mode reads the published catalogue and the procedure record of the decided one, all five
procedures in order. Screenshots decision-*.png."""

from __future__ import annotations

import re
from typing import Any

import pytest

from gongkai.e2e.axe import assert_accessible
from gongkai.e2e.conftest import live_python, shot, staff_page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

UNDER_WAY = "南昌市中心城区老旧小区改造三年行动计划（2027—2029年）"
DECIDED = "南昌市中心城区公共交通线网优化和票价优惠方案"

FIND = f"""
from gongkai.participation.models import MajorDecision
print(MajorDecision.objects.get(title="{UNDER_WAY}").pk)
"""


def test_staff_are_refused_a_decision_without_its_procedures(browser: Any, live_site: str) -> None:
    decision_id = live_python(FIND).split()[-1]
    staff = staff_page(browser, live_site, "admin")
    staff.goto(f"{live_site}/admin/decisions/{decision_id}/")
    assert UNDER_WAY in staff.locator("main").inner_text()

    staff.locator("select[name='procedure-kind']").select_option("legality")
    staff.locator("input[name='procedure-held_on']").fill("2026-11-20")
    staff.locator("textarea[name='procedure-summary']").fill("市司法局审查，认为草案合法。")
    with staff.expect_navigation():
        staff.get_by_role("button", name="记录程序").click()
    assert "市司法局审查" in staff.locator("main").inner_text()

    staff.locator("input[name='decide-decided_on']").fill("2026-12-01")
    staff.locator("textarea[name='decide-outcome']").fill("同意实施。")
    staff.get_by_role("button", name="记录决策结果").click()
    staff.wait_for_load_state()
    text = staff.locator("main").inner_text()
    assert "尚不能记录为已决策" in text and "公众参与" in text and "集体讨论决定" in text
    shot(staff, "decision-refused", full_page=True)
    assert_accessible(staff)
    staff.context.close()


def test_a_citizen_reads_the_catalogue_and_a_procedure_record(
    phone_page: Any, live_site: str
) -> None:
    page = phone_page
    page.goto(f"{live_site}/elder/on/?next=/zdjc/")
    assert page.locator("h1").inner_text() == "重大行政决策"
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("年度")).first.click()
    catalogue = page.locator("#catalogue-decisions").inner_text()
    assert DECIDED in catalogue and UNDER_WAY in catalogue
    with page.expect_navigation():
        page.get_by_role("link", name=DECIDED).click()
    labels = [h.strip() for h in page.locator("#procedures h3").all_inner_texts()]
    assert labels == ["公众参与", "专家论证", "风险评估", "合法性审查", "集体讨论决定"]
    assert "未开展" not in page.locator("#procedures").inner_text()
    assert "作出决策" in page.locator("#decision-outcome").inner_text()
    assert page.locator("#consultations a").count() >= 1
    assert page.locator("body").get_attribute("class") == "elder"  # 长辈版 stays on
    shot(page, "decision-record", full_page=True)
    assert_accessible(page)
