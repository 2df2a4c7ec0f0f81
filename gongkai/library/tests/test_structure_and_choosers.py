"""Issue 11: structural pages are not changed or published by unit staff (7b); choosers, bulk
confirmations and the admin API show only what the user may see (7c)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.models import Page

from gongkai.library.models import ColumnType, UnitPage
from gongkai.library.services import column_of
from gongkai.organisations.models import Role
from gongkai.testing import make_policy, make_unit, make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["unit", "column"])
def test_a_unit_head_cannot_retitle_or_publish_structural_pages(
    client: Client, city: Any, kind: str
) -> None:
    page = city.a.unit_page if kind == "unit" else column_of(city.a, ColumnType.POLICY)
    page = Page.objects.get(pk=page.pk).specific
    title = page.title
    client.force_login(city.users.head_a)
    edit_url = f"/admin/pages/{page.pk}/edit/"

    assert client.get(edit_url).status_code != 200
    # A crafted request, as the form would send it, with the publish action.
    response = client.post(
        edit_url,
        {"title": "未经审核的新栏目名", "slug": page.slug, "action-publish": "action-publish"},
    )

    assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert page.title == title
    assert page.latest_revision is None or "未经审核" not in str(page.latest_revision.content)
    assert client.post(f"/admin/pages/{page.pk}/unpublish/").status_code in (302, 403)
    assert Page.objects.get(pk=page.pk).live
    assert not page.permissions_for_user(city.users.head_a).can_publish()
    assert not page.permissions_for_user(city.users.head_a).can_delete()


def test_unit_staff_still_add_content_under_the_columns(client: Client, city: Any) -> None:
    column = column_of(city.a, ColumnType.POLICY)
    client.force_login(city.users.editor_a)

    assert (
        client.get(f"/admin/pages/add/library/policydocumentpage/{column.pk}/").status_code == 200
    )
    assert column.permissions_for_user(city.users.editor_a).can_add_subpage()
    assert isinstance(city.a.unit_page, UnitPage)


def text(response: Any) -> str:
    """Choosers answer JSON with the HTML inside."""
    body = response.content.decode()
    return json.loads(body).get("html", "") if body.startswith("{") else body


def _draft(city: Any) -> Any:
    return make_policy(city.a, title="甲单位未发布的草稿通知", publish=False)


def test_the_page_chooser_shows_live_pages_and_own_drafts_only(client: Client, city: Any) -> None:
    draft = _draft(city)
    column = column_of(city.a, ColumnType.POLICY)
    client.force_login(city.users.editor_b)

    browse = client.get(f"/admin/choose-page/{column.pk}/")
    search = client.get("/admin/choose-page/search/", {"q": "草稿通知"})
    into_draft = client.get(f"/admin/choose-page/{draft.pk}/")

    assert browse.status_code == 200  # a live public column: a link target
    assert draft.title not in text(browse)
    assert draft.title not in text(search)
    assert into_draft.status_code == 404
    client.force_login(city.users.editor_a)
    assert draft.title in text(client.get(f"/admin/choose-page/{column.pk}/"))


def test_bulk_confirmation_pages_name_no_other_units_items(client: Client, city: Any) -> None:
    draft = _draft(city)
    column = column_of(city.a, ColumnType.POLICY)
    client.force_login(city.users.head_b)

    for action in ("delete", "publish", "unpublish", "move"):
        response = client.get(f"/admin/bulk/wagtailcore/page/{action}/", {"id": draft.pk})
        assert response.status_code == 404, action
        assert draft.title not in response.content.decode()
    listing = client.get(
        "/admin/bulk/wagtailcore/page/delete/", {"id": "all", "childOf": column.pk}
    )
    assert listing.status_code == 404
    assert Page.objects.filter(pk=draft.pk).exists()


def test_document_chooser_and_admin_api_show_own_collections_only(
    client: Client, city: Any
) -> None:
    document = get_document_model().objects.create(
        title="甲单位内部文件",
        file=ContentFile(b"%PDF-1.4", name="neibu.pdf"),
        collection_id=city.a.collection_id,
    )
    client.force_login(city.users.editor_b)

    assert "甲单位内部文件" not in text(client.get("/admin/documents/chooser/"))
    assert client.get(f"/admin/api/main/documents/{document.pk}/").status_code == 404
    bulk = client.get("/admin/bulk/wagtaildocs/document/delete/", {"id": document.pk})
    assert bulk.status_code == 404
    assert "neibu" not in bulk.content.decode()
    client.force_login(city.users.editor_a)
    assert "甲单位内部文件" in text(client.get("/admin/documents/chooser/"))


@pytest.mark.django_db
def test_the_external_link_chooser_answers_a_post_without_the_address() -> None:
    """Wagtail 8.0's field raised AttributeError on a missing url (a 500): the form's own
    error now, and a real address still goes through."""
    unit = make_unit("外链局")
    client = Client()
    client.force_login(make_user("ext_editor", roles=[(unit, Role.EDITOR)]))

    missing = client.post("/admin/choose-external-link/", {})
    given = client.post(
        "/admin/choose-external-link/",
        {"external-link-chooser-url": "https://www.gov.cn/zhengce/"},
    )

    assert missing.status_code == 200
    assert missing.json()["step"] == "external_link"  # the form again, with its error
    assert given.status_code == 200
    assert given.json()["step"] == "external_link_chosen"
    assert given.json()["result"]["url"] == "https://www.gov.cn/zhengce/"
