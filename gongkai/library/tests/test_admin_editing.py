"""Creating and editing documents through the Wagtail admin, as staff do."""

import datetime as dt

import pytest

from gongkai.library.models import ColumnType, PolicyDocumentPage
from gongkai.library.services import column_of
from gongkai.testing import any_topic, form_data

pytestmark = pytest.mark.django_db


TITLE = "南昌市教育局关于做好2026年义务教育招生入学工作的通知"


def _add_url(unit):
    column = column_of(unit, ColumnType.POLICY)
    return f"/admin/pages/add/library/policydocumentpage/{column.pk}/"


def _fill(data, unit, **overrides):
    data.update(
        {
            "title": TITLE,
            "doc_number": "洪教字〔2026〕8号",
            "doc_type": "normative",
            "written_on": "2026-04-01",
            "published_on": "",
            "topic": str(any_topic().pk),
            "disclosure_mode": "proactive",
            "disclosure_scope": "面向全社会",
            "issuers-TOTAL_FORMS": "1",
            "issuers-INITIAL_FORMS": "0",
            "issuers-MIN_NUM_FORMS": "1",
            "issuers-MAX_NUM_FORMS": "1000",
            "issuers-0-organisation": str(unit.pk),
            "issuers-0-ORDER": "1",
            "issuers-0-id": "",
            "body": '{"blocks": [{"key": "a", "type": "unstyled", "text": "各县（区）教育局：现就有关事项通知如下。", '
            '"depth": 0, "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
        }
    )
    data.update(overrides)
    return data


def test_editor_creates_a_draft_in_own_unit(city, client):
    client.force_login(city.users.editor_a)
    url = _add_url(city.a)
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, _fill(form_data(page, form_id="page-edit-form"), city.a))
    assert response.status_code == 302, response.content.decode()[:3000]
    doc = PolicyDocumentPage.objects.get(title=TITLE)
    assert not doc.live
    assert doc.organisation == city.a
    assert doc.index_number == f"{city.a.index_code}/2026-00001"
    assert doc.slug == "2026-00001"  # the address is the 索引号, not the long title
    assert doc.url_path.endswith("/zcwj/2026-00001/")
    assert doc.doc_year == 2026
    assert doc.written_on == dt.date(2026, 4, 1)


def test_editor_cannot_add_pages_in_another_unit(city, client):
    client.force_login(city.users.editor_a)
    response = client.get(_add_url(city.b))
    assert response.status_code == 404  # another unit's column is as missing (issue 11)
    assert not PolicyDocumentPage.objects.filter(organisation=city.b).exists()


def test_wrong_brackets_are_shown_as_a_form_error(city, client):
    client.force_login(city.users.editor_a)
    url = _add_url(city.a)
    data = _fill(
        form_data(client.get(url), form_id="page-edit-form"), city.a, doc_number="洪教字[2026]8号"
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "六角括号" in response.content.decode()
    assert not PolicyDocumentPage.objects.filter(title=TITLE).exists()


def test_unit_head_submits_from_the_admin_and_cannot_publish_directly(city, client):
    client.force_login(city.users.head_a)
    url = _add_url(city.a)
    form = client.get(url)
    assert 'name="action-publish"' not in form.content.decode()  # 先审后发: no publish button
    data = _fill(form_data(form, form_id="page-edit-form"), city.a)
    data["action-publish"] = "action-publish"  # a crafted request is refused, not obeyed
    client.post(url, data)
    doc = PolicyDocumentPage.objects.get(title=TITLE)
    assert not doc.live

    edit_url = f"/admin/pages/{doc.pk}/edit/"
    data = form_data(client.get(edit_url), form_id="page-edit-form")
    data["action-submit"] = "action-submit"
    assert client.post(edit_url, data).status_code == 302
    doc.refresh_from_db()
    assert doc.current_workflow_state is not None
    assert doc.current_workflow_task.name == "保密审查"  # the checker passed it
    assert not doc.live
