"""我为政府网站找错: the public form (validation in Chinese, CSRF, rate limit), the unit a
report is addressed to, and who sees it in the admin."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client

from gongkai.library import services as library
from gongkai.library.models import ColumnType
from gongkai.portal.models import ErrorCategory, ErrorReport, ErrorReportStatus
from gongkai.testing import make_policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy(city: Any) -> Any:
    return make_policy(city.a, title="南昌市教育局关于做好招生工作的通知")


def report_data(url: str, **overrides: str) -> dict[str, str]:
    data = {
        "page_url": url,
        "category": ErrorCategory.WORDING,
        "description": "第二段“攻府”应为“政府”。",
        "contact": "13800000000",
    }
    data.update(overrides)
    return data


def test_form_is_prefilled_with_the_page_address(client: Client, policy: Any) -> None:
    url = f"http://testserver{policy.url}"

    response = client.get("/zhaocuo/", {"url": url})

    html = response.content.decode()
    assert response.status_code == 200
    assert f'value="{url}"' in html
    assert f"所反映的页面：{policy.title}" in html
    for label in ("错别字/表述错误", "链接失效", "内容过期", "无法访问", "其他"):
        assert label in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_an_external_address_is_not_prefilled(client: Client) -> None:
    html = client.get("/zhaocuo/", {"url": "https://evil.example.com/x"}).content.decode()

    assert 'name="page_url" id="id_page_url" value=""' in html
    assert 'value="https://evil.example.com/x"' not in html


def test_report_goes_to_the_unit_of_the_page(client: Client, city: Any, policy: Any) -> None:
    url = f"http://testserver{policy.url}"

    response = client.post("/zhaocuo/", report_data(url))

    assert response.status_code == 302
    assert response["Location"] == f"/zhaocuo/done/?url={quote(url, safe='')}"
    report = ErrorReport.objects.get()
    assert report.organisation == city.a
    assert report.page_id == policy.pk
    assert report.page_url == url
    assert report.category == ErrorCategory.WORDING
    assert report.status == ErrorReportStatus.NEW
    assert report.contact == "13800000000"
    done = client.get(response["Location"]).content.decode()
    assert "感谢您的反馈" in done
    assert f'href="{url}"' in done


@pytest.mark.parametrize(
    ("where", "unit_key"),
    [
        ("column", "b"),  # a column page has no organisation: its UnitPage ancestor's unit
        ("unit", "b"),
        ("below", "b"),  # an address below a page (a broken link) belongs to that page's unit
        ("home", None),  # the site's own pages: the operator
        ("library", None),
    ],
)
def test_unit_is_found_from_the_page_tree(
    client: Client, city: Any, where: str, unit_key: str | None
) -> None:
    column = library.column_of(city.b, ColumnType.POLICY)
    url = {
        "column": column.url,
        "unit": city.b.unit_page.url,
        "below": f"{column.url}2020-99999/?from=search",
        "home": "/",
        "library": "/zcwjk/?page=2",
    }[where]

    response = client.post("/zhaocuo/", report_data(url, category=ErrorCategory.BROKEN_LINK))

    assert response.status_code == 302
    report = ErrorReport.objects.get()
    assert report.organisation == (getattr(city, unit_key) if unit_key else None)


def test_missing_description_redisplays_the_form_in_chinese(client: Client, policy: Any) -> None:
    response = client.post("/zhaocuo/", report_data(policy.url, description="   "))

    html = response.content.decode()
    assert response.status_code == 400
    assert "请填写问题描述。" in html
    assert '<div class="error-summary" role="alert"' in html
    assert 'aria-invalid="true"' in html
    assert "<title>错误：" in html
    assert "13800000000" in html  # what the visitor typed is kept
    assert ErrorReport.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"category": ""}, "请选择问题类型。"),
        ({"category": "nonsense"}, "请从列出的问题类型中选择一项。"),
        ({"page_url": ""}, "请填写出错页面的地址。"),
        ({"page_url": "https://evil.example.com/"}, "请填写本网站的页面地址"),
        ({"page_url": "javascript:alert(1)"}, "请填写本网站的页面地址"),
        ({"description": "错" * 2001}, "问题描述不能超过 2000 个字"),
    ],
)
def test_bad_input_is_refused_with_a_chinese_message(
    client: Client, policy: Any, overrides: dict[str, str], message: str
) -> None:
    response = client.post("/zhaocuo/", report_data(policy.url, **overrides))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert ErrorReport.objects.count() == 0


def test_input_is_escaped_when_redisplayed(client: Client, policy: Any) -> None:
    response = client.post(
        "/zhaocuo/",
        report_data(policy.url, description="", contact='"><script>alert(1)</script>'),
    )

    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_rate_limit_per_address(client: Client, policy: Any) -> None:
    for _ in range(5):
        assert client.post("/zhaocuo/", report_data(policy.url)).status_code == 302

    refused = client.post("/zhaocuo/", report_data(policy.url))

    assert refused.status_code == 429
    assert "提交过于频繁" in refused.content.decode()
    assert refused["Retry-After"] == "600"
    assert ErrorReport.objects.count() == 5
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert other.post("/zhaocuo/", report_data(policy.url)).status_code == 302


def test_csrf_is_enforced(policy: Any) -> None:
    browser = Client(enforce_csrf_checks=True)

    assert browser.post("/zhaocuo/", report_data(policy.url)).status_code == 403
    assert ErrorReport.objects.count() == 0

    browser.get("/zhaocuo/")
    token = browser.cookies["csrftoken"].value
    response = browser.post("/zhaocuo/", {**report_data(policy.url), "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert ErrorReport.objects.count() == 1


def test_other_methods_are_refused(client: Client) -> None:
    assert client.put("/zhaocuo/").status_code == 405


# --- The admin ------------------------------------------------------------------------------------


def submit(client: Client, url: str, description: str) -> ErrorReport:
    response = client.post("/zhaocuo/", report_data(url, description=description))
    assert response.status_code == 302
    return ErrorReport.objects.get(description=description)


def admin_list(client: Client, user: Any) -> str:
    client.force_login(user)
    response = client.get("/admin/error_reports/")
    assert response.status_code == 200
    return response.content.decode()


def test_unit_staff_and_overseers_see_the_report_others_do_not(
    client: Client, city: Any, policy: Any
) -> None:
    report = submit(client, policy.url, "第三段<script>x</script>有错别字")
    users = city.users

    for user in (
        users.editor_a,
        users.reviewer_a,
        users.officer_a,
        users.head_a,
        users.city_office,
    ):
        html = admin_list(client, user)
        assert policy.url in html, user.username
        assert "<script>x</script>" not in html
    for user in (users.editor_b, users.head_b, users.district_office):
        html = admin_list(client, user)
        assert policy.url not in html, user.username
        response = client.get(f"/admin/error_reports/edit/{report.pk}/")
        assert response.status_code == 404, user.username


def test_unit_staff_update_the_status(client: Client, city: Any, policy: Any) -> None:
    report = submit(client, policy.url, "链接打不开")
    client.force_login(city.users.editor_a)
    edit_url = f"/admin/error_reports/edit/{report.pk}/"

    page = client.get(edit_url)
    assert page.status_code == 200
    assert "链接打不开" in page.content.decode()
    response = client.post(edit_url, {"status": ErrorReportStatus.DONE, "note": "已更正。"})

    assert response.status_code == 302, response.content.decode()[:2000]
    report.refresh_from_db()
    assert report.status == ErrorReportStatus.DONE
    assert report.note == "已更正。"
    assert report.description == "链接打不开"  # the report itself is read-only


def test_staff_of_another_unit_cannot_update(client: Client, city: Any, policy: Any) -> None:
    report = submit(client, policy.url, "内容已过期")
    client.force_login(city.users.head_b)

    response = client.post(
        f"/admin/error_reports/edit/{report.pk}/", {"status": ErrorReportStatus.DONE, "note": ""}
    )

    assert response.status_code == 404  # as missing (issue 11)
    report.refresh_from_db()
    assert report.status == ErrorReportStatus.NEW


def test_reports_on_the_sites_own_pages_go_to_the_operator(client: Client, city: Any) -> None:
    submit(client, "/zcwjk/", "首页栏目打不开")

    assert "首页栏目打不开" not in admin_list(client, city.users.editor_a)
    assert "/zcwjk/" not in admin_list(client, city.users.district_office)
    assert "/zcwjk/" in admin_list(client, city.users.city_office)


def test_nobody_adds_reports_in_the_admin(client: Client, city: Any) -> None:
    client.force_login(city.users.head_a)

    response = client.get("/admin/error_reports/new/")

    assert response.status_code in (302, 403)
