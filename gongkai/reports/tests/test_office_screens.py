"""The disclosure office's screens (issue 12): 监督总览 exception-first with its drill-down and
dashboard panel, and 编制年度报告 for any unit it oversees — driven through the admin's HTML."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any

import pytest
from django.test import Client

from gongkai.applications.tests.helpers import handled
from gongkai.library import services as library
from gongkai.testing import make_policy, publish_directly, submit_for_review

pytestmark = pytest.mark.django_db

OVERDUE_RECEIVED = dt.date(2026, 9, 14)  # due 2026-10-16: overdue from then on


def _major(unit: Any, title: str) -> Any:
    policy = make_policy(unit, title=title, is_major=True, publish=False)
    library.interpretation_save(
        actor=None,
        unit=unit,
        policy=policy,
        publish=True,
        title=f"{title}解读",
        facets=[("background", "<p>为回应群众关切，本政策明确了补贴对象和申领流程。</p>")],
    )
    publish_directly(policy.get_latest_revision())
    return policy


def _rows(body: str) -> list[str]:
    table = body[body.index('class="listing gk-oversight-table"') :]
    table = table[: table.index("</table>")]
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', table)


def test_the_unit_with_overdue_cases_comes_first(client: Client, city: Any) -> None:
    case = handled(city.a, city.users, OVERDUE_RECEIVED)
    draft = make_policy(city.gov, title="市政府待审文件", publish=False)
    submit_for_review(draft, city.users.city_office)  # any author: only the state matters here
    client.force_login(city.users.city_office)

    body = client.get("/admin/reports/oversight/").content.decode()

    rows = _rows(body)
    assert rows[:2] == ["南昌市教育局", "南昌市人民政府"]  # overdue before pending review
    assert "南昌市财政局" not in rows and "无待办事项的单位（3 个）" in body
    assert (
        '<svg xmlns="http://www.w3.org/2000/svg"' in body
        and "<script" not in body.split("gk-oversight-chart")[1].split("</figure>")[0]
    )
    # drill down to the case, and to the content in review
    detail = client.get(f"/admin/reports/oversight/{city.a.pk}/").content.decode()
    assert "逾期申请（1 件）" in detail and f"/admin/applications/{case.pk}/" in detail
    assert case.number in detail
    gov = client.get(f"/admin/reports/oversight/{city.gov.pk}/").content.decode()
    assert "待审核内容（1 件）" in gov and "市政府待审文件" in gov
    assert f"/admin/review/page/{draft.pk}/" in gov


def test_the_dashboard_panel_puts_the_unit_needing_action_on_top(client: Client, city: Any) -> None:
    handled(city.a, city.users, OVERDUE_RECEIVED)
    client.force_login(city.users.city_office)
    body = client.get("/admin/").content.decode()
    panel = body[body.index("监督总览：需处理的单位") :]
    assert re.search(r"<li><a [^>]+>南昌市教育局</a>：<strong>逾期申请 1 件", panel)
    client.force_login(city.users.editor_a)
    assert "监督总览：需处理的单位" not in client.get("/admin/").content.decode()


def test_oversight_is_scoped_and_for_overseers_only(client: Client, city: Any) -> None:
    client.force_login(city.users.district_office)
    body = client.get("/admin/reports/oversight/").content.decode()
    assert "东湖区教育体育局" in body and "南昌市教育局" not in body
    assert client.get(f"/admin/reports/oversight/{city.a.pk}/").status_code == 404
    client.force_login(city.users.head_a)
    assert client.get("/admin/reports/oversight/").status_code in (302, 403)


@pytest.mark.parametrize("path", ["/admin/reports/oversight/", "/admin/reports/annual/unit/"])
@pytest.mark.parametrize("year", ["0", "99999", "二〇二五", "1e3"])
def test_a_bad_year_is_a_chinese_400(client: Client, city: Any, path: str, year: str) -> None:
    client.force_login(city.users.city_office)
    response = client.get(path, {"year": year, "unit": city.a.pk})
    assert response.status_code == 400
    body = response.content.decode()
    assert "年度应在 2008 至 2100 之间" in body or "年度应为整数" in body


def test_the_interpretation_rate_counts_only_substantive_timely_interpretations(
    client: Client, city: Any
) -> None:
    _major(city.a, "就业补贴重大政策")
    excerpt = make_policy(
        city.a,
        title="摘抄解读的重大政策",
        is_major=True,
        publish=False,
        body="<p>"
        + "为进一步做好高校毕业生就业创业工作，对符合条件的企业给予一次性吸纳就业补贴。" * 4
        + "</p>",
    )
    library.interpretation_save(
        actor=None,
        unit=city.a,
        policy=excerpt,
        publish=True,
        title="摘抄式解读",
        facets=[("content", excerpt.body)],
    )
    publish_directly(excerpt.get_latest_revision())
    late = _major(city.a, "解读迟发的重大政策")
    late.refresh_from_db()
    interp = late.interpretations.get()
    # published two weeks after the policy: more than 3 working days (三同步)
    type(interp).objects.filter(pk=interp.pk).update(
        published_on=late.published_on + dt.timedelta(days=14)
    )
    client.force_login(city.users.city_office)

    body = client.get("/admin/reports/interpretation-rate/").content.decode()
    assert "33%" in body  # 1 of 3, not 100 %

    detail = client.get(f"/admin/reports/oversight/{city.a.pk}/").content.decode()
    assert "重大政策 3 件，其中 1 件在3个工作日内同步发布了实质性解读，解读率 33%" in detail
    assert "摘抄式解读（形式化解读）" in detail and "摘抄解读的重大政策" in detail
    assert "解读晚于文件3个工作日以上" in detail and "解读迟发的重大政策" in detail
    assert "就业补贴重大政策" not in detail


def test_the_office_generates_a_units_annual_report_and_downloads_it(
    client: Client, city: Any
) -> None:
    client.force_login(city.users.city_office)
    form = client.get("/admin/reports/annual/unit/").content.decode()
    assert "南昌市教育局" in form and "生成年度报告" in form

    body = client.get("/admin/reports/annual/unit/", {"unit": city.a.pk, "year": 2025})
    html = body.content.decode()
    assert body.status_code == 200
    assert "南昌市教育局2025年政府信息公开工作年度报告" in html
    assert "收到和处理政府信息公开申请情况" in html
    links = re.findall(r'href="(/admin/reports/annual/unit/download/\?[^"]+)"', html)
    docx = next(link for link in links if "format=docx" in link)
    response = client.get(docx.replace("&amp;", "&"))
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert "南昌市教育局" in archive.read("word/document.xml").decode()
    pdf = client.get(next(link for link in links if "format=pdf" in link).replace("&amp;", "&"))
    assert pdf.content.startswith(b"%PDF")


def test_the_report_screen_refuses_units_outside_the_scope_and_future_years(
    client: Client, city: Any
) -> None:
    client.force_login(city.users.district_office)
    outside = client.get("/admin/reports/annual/unit/", {"unit": city.a.pk, "year": 2025})
    assert outside.status_code == 400 and "请选择您监督范围内的单位" in outside.content.decode()
    future = client.get("/admin/reports/annual/unit/", {"unit": city.district.pk, "year": 2099})
    assert future.status_code == 400 and "不能编制未来年度的报告" in future.content.decode()
    bad = client.get(
        "/admin/reports/annual/unit/download/",
        {"unit": city.district.pk, "year": 2025, "format": "exe"},
    )
    assert bad.status_code == 400 and "下载格式应为" in bad.content.decode()
    client.force_login(city.users.editor_a)
    assert client.get("/admin/reports/annual/unit/").status_code in (302, 403)
