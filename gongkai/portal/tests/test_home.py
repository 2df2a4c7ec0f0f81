"""Home page additions: 专题专栏 curated by editors, and the entries for services to come."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from gongkai.portal.models import (
    HomePage,
    ThematicColumnItem,
    ThematicColumnPage,
    ThematicIndexPage,
)
from gongkai.testing import form_data, make_policy, publish_directly

pytestmark = pytest.mark.django_db


def thematic_index() -> ThematicIndexPage:
    return ThematicIndexPage.objects.child_of(HomePage.objects.get()).get()


def add_column(title: str, documents: list[Any], *, publish: bool = True) -> ThematicColumnPage:
    home = thematic_index()
    column = ThematicColumnPage(title=title, slug=f"zt-{len(title)}-{len(documents)}")
    column.intro = "<p>优化营商环境相关政策文件汇编。</p>"
    column.items = [ThematicColumnItem(document=d, sort_order=i) for i, d in enumerate(documents)]
    if not publish:
        column.live = False
    home.add_child(instance=column)
    if publish:
        publish_directly(column.save_revision())
    return ThematicColumnPage.objects.get(pk=column.pk)


def test_thematic_column_renders_on_home_with_its_documents(client: Client, city: Any) -> None:
    first = make_policy(city.a, title="南昌市教育局关于优化办学审批的通知")
    second = make_policy(city.b, title="南昌市财政局关于减免涉企收费的通知")
    draft = make_policy(city.b, title="南昌市财政局关于尚未发布事项的通知", publish=False)
    column = add_column("优化营商环境", [second, draft, first])
    add_column("尚未上线的专栏", [first], publish=False)

    html = client.get("/").content.decode()

    assert "专题专栏" in html
    assert f'<a href="{column.url}">优化营商环境</a>' in html
    block = html[html.index("专题专栏") :]
    assert block.index(second.title) < block.index(first.title)  # the editors' order
    assert draft.title not in html
    assert "尚未上线的专栏" not in html


def test_thematic_column_page_lists_public_documents(client: Client, city: Any) -> None:
    doc = make_policy(city.a, title="南昌市教育局关于专栏页面测试的通知")
    draft = make_policy(city.a, title="南昌市教育局关于专栏草稿的通知", publish=False)
    column = add_column("教育专栏", [doc, draft])

    response = client.get(column.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>教育专栏</h1>" in html
    assert f'href="{doc.url}"' in html
    assert draft.title not in html
    assert "优化营商环境相关政策文件汇编" in html


def test_home_shows_at_most_five_documents_per_column(client: Client, city: Any) -> None:
    docs = [make_policy(city.a, title=f"南昌市教育局关于第{n}项工作的通知") for n in range(1, 8)]
    add_column("工作专栏", docs)

    html = client.get("/").content.decode()
    block = html[html.index('id="thematic-columns"') :]

    assert docs[4].title in block
    assert docs[5].title not in block


def test_services_link_to_their_pages_and_none_is_marked_to_come(client: Client, db: Any) -> None:
    html = client.get("/").content.decode()

    assert '<a href="/ysqgk/">依申请公开</a>' in html  # built (issue 5)
    assert '<a href="/yjzj/">意见征集</a>' in html  # built (issue 14)
    assert "即将上线" not in html and "/coming-soon/" not in html
    assert client.get("/yjzj/").status_code == 200
    assert client.get("/coming-soon/nothing/").status_code == 404


def column_form_data(client: Client, url: str, doc: Any, slug: str) -> dict[str, str]:
    form = client.get(url)
    assert form.status_code == 200
    assert "专栏文件" in form.content.decode()
    data = form_data(form, form_id="page-edit-form")
    data.update(
        {
            "title": "后台专栏",
            "slug": slug,
            "intro": '{"blocks": [], "entityMap": {}}',
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "0",
            "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "1000",
            "items-0-document": str(doc.pk),
            "items-0-ORDER": "1",
            "items-0-id": "",
            "action-publish": "action-publish",
        }
    )
    return data


def test_the_city_office_drafts_a_column_in_the_admin_but_cannot_publish_it(
    client: Client, city: Any
) -> None:
    """Issue 12: a column's changes go through the host unit's review (portal/admin_views);
    Wagtail's editor keeps a crafted publish as a draft."""
    doc = make_policy(city.a, title="南昌市教育局关于后台专栏测试的通知")
    client.force_login(city.users.city_office)
    url = f"/admin/pages/add/portal/thematiccolumnpage/{thematic_index().pk}/"

    response = client.post(url, column_form_data(client, url, doc, "htzl"))

    assert response.status_code == 302, response.content.decode()[:3000]
    column = ThematicColumnPage.objects.get(slug="htzl")
    assert not column.live
    assert doc.title not in client.get(thematic_index().url).content.decode()


@pytest.mark.parametrize("username", ["editor_a", "head_a", "district_office"])
def test_units_and_district_offices_cannot_curate_site_columns(
    client: Client, city: Any, username: str
) -> None:
    doc = make_policy(city.a, title="南昌市教育局关于越权专栏测试的通知")
    client.force_login(getattr(city.users, username))
    url = f"/admin/pages/add/portal/thematiccolumnpage/{thematic_index().pk}/"

    response = client.get(url)
    assert response.status_code in (302, 403, 404)  # 404: not theirs to see (issue 11)
    data = {"title": "越权专栏", "slug": "yqzl", "items-0-document": str(doc.pk)}
    client.post(url, {**data, "action-publish": "action-publish"})

    assert not ThematicColumnPage.objects.filter(slug="yqzl").exists()


def test_curating_columns_gives_no_power_over_units_pages(client: Client, city: Any) -> None:
    doc = make_policy(city.a, title="南昌市教育局关于专栏编辑权限边界的通知")
    client.force_login(city.users.city_office)

    assert client.get(f"/admin/pages/{doc.pk}/edit/").status_code in (302, 403)
    home = HomePage.objects.get()
    assert client.get(f"/admin/pages/add/portal/thematicindexpage/{home.pk}/").status_code in (
        302,
        403,
    )


def test_columns_made_before_the_index_move_under_it(city: Any) -> None:
    from gongkai.portal.services import site_ensure

    index = thematic_index()
    stray = ThematicColumnPage(title="旧专栏", slug="jzl")
    HomePage.objects.get().add_child(instance=stray)

    site_ensure()

    assert ThematicColumnPage.objects.get(pk=stray.pk).get_parent().pk == index.pk
