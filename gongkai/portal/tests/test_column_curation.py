"""专题专栏 curated in bulk and reviewed by its host unit (issue 12), through the admin's HTML."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client
from wagtail.models import GroupPagePermission, WorkflowState

from gongkai.portal.models import ThematicColumnPage
from gongkai.testing import make_policy, take_step

pytestmark = pytest.mark.django_db


def _create(client: Client, city: Any, title: str) -> ThematicColumnPage:
    response = client.post(
        "/admin/portal/columns/",
        {"title": title, "intro": "稳就业政策汇编。", "organisation": city.a.pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return ThematicColumnPage.objects.get(title=title)


def test_bulk_add_then_review_by_the_host_unit_publishes_the_column(
    client: Client, city: Any
) -> None:
    docs = [
        make_policy(city.a, title=f"南昌市教育局关于批量专栏测试第{n}号的通知") for n in "一二三"
    ]
    make_policy(city.b, title="南昌市财政局关于批量专栏测试的通知")
    client.force_login(city.users.city_office)
    column = _create(client, city, "批量专栏测试")
    url = f"/admin/portal/columns/{column.pk}/"

    listing = client.get(url, {"q": "批量专栏测试", "organ": city.a.pk}).content.decode()
    boxes = re.findall(r'name="document" value="(\d+)" id="add-', listing)
    assert sorted(map(int, boxes)) == sorted(d.pk for d in docs)  # the unit filter applies
    assert "南昌市财政局关于批量专栏测试" not in listing

    search = urlencode({"q": "批量专栏测试"})
    added = client.post(f"{url}?{search}", {"action": "add", "document": boxes}, follow=True)
    assert "已加入 3 件文件" in added.content.decode()
    assert "专栏文件（3 件）" in added.content.decode()
    column.refresh_from_db()
    assert not column.live  # a draft: nothing published by the curator

    submitted = client.post(url, {"action": "submit"}, follow=True).content.decode()
    assert "已提交审核" in submitted and "审核中" in submitted
    assert WorkflowState.objects.for_instance(column).filter(status="in_progress").exists()
    again = client.post(url, {"action": "add", "document": boxes[:1]}, follow=True)
    assert "审核中" in again.content.decode()

    take_step(column, city.users.reviewer_a, "approve", "无涉密内容")
    take_step(column, city.users.head_a, "approve", "同意发布")
    column = ThematicColumnPage.objects.get(pk=column.pk)
    assert column.live and column.organisation == city.a
    public = client.get(column.url).content.decode()
    assert "主办单位：南昌市教育局" in public
    assert all(d.title in public for d in docs)


def test_a_column_needs_a_host_unit_and_curators_cannot_publish_directly(
    client: Client, city: Any
) -> None:
    client.force_login(city.users.city_office)
    response = client.post("/admin/portal/columns/", {"title": "无主办单位专栏"}, follow=True)
    assert "请选择专栏的主办单位" in response.content.decode()
    assert not ThematicColumnPage.objects.filter(title="无主办单位专栏").exists()
    assert not GroupPagePermission.objects.filter(
        group__name="专题专栏编辑", permission__codename="publish_page"
    ).exists()


def test_nothing_ticked_says_so_and_bad_parameters_are_400(client: Client, city: Any) -> None:
    client.force_login(city.users.city_office)
    column = _create(client, city, "空专栏测试")
    url = f"/admin/portal/columns/{column.pk}/"
    body = client.post(url, {"action": "add"}, follow=True).content.decode()
    assert "没有可加入的文件" in body
    assert client.get(url, {"year": "99999"}).status_code == 400
    assert client.get(url, {"q": "字" * 200}).status_code == 400


@pytest.mark.parametrize("username", ["editor_a", "head_a", "district_office"])
def test_only_the_city_office_curates(client: Client, city: Any, username: str) -> None:
    client.force_login(getattr(city.users, username))
    assert client.get("/admin/portal/columns/").status_code in (302, 403)
    client.post("/admin/portal/columns/", {"title": "越权专栏", "organisation": city.a.pk})
    assert not ThematicColumnPage.objects.filter(title="越权专栏").exists()


def test_a_column_made_before_host_units_asks_for_one_before_review(
    client: Client, city: Any
) -> None:
    from gongkai.portal.models import ThematicIndexPage

    old = ThematicColumnPage(title="旧专栏测试", slug="jzl", live=False)
    ThematicIndexPage.objects.get().add_child(instance=old)
    old.save_revision()
    client.force_login(city.users.city_office)
    url = f"/admin/portal/columns/{old.pk}/"
    assert "请选择主办单位" in client.get(url).content.decode()

    refused = client.post(url, {"action": "submit"}, follow=True).content.decode()
    assert "请先选择专栏的主办单位" in refused
    client.post(url, {"action": "host", "organisation": city.b.pk})
    old.refresh_from_db()
    assert old.organisation == city.b
    assert "已提交审核" in client.post(url, {"action": "submit"}, follow=True).content.decode()
