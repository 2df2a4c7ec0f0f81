"""The editor's policy form and 起草解读, driven through the admin's HTML (issue 12)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.library.models import ColumnType, InterpretationPage, PolicyDocumentPage
from gongkai.library.services import column_of
from gongkai.servicecatalog.models import ServiceItem
from gongkai.testing import any_topic, form_data, make_policy, real_pdf

pytestmark = pytest.mark.django_db

TITLE = "南昌市教育局关于做好2026年暑期学生安全教育工作的通知"
BODY = (
    '{"blocks": [{"key": "a", "type": "unstyled", "text": "各县（区）教育局：现就有关事项通知如下。",'
    ' "depth": 0, "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}'
)


def _add_url(unit: Any) -> str:
    return f"/admin/pages/add/library/policydocumentpage/{column_of(unit, ColumnType.POLICY).pk}/"


def _services(city: Any) -> tuple[Any, Any]:
    own = ServiceItem.objects.create(
        name="学生资助申请", code="T-001", organisation=city.a, kind="benefit",
        url="https://example.org/1",
    )  # fmt: skip
    other = ServiceItem.objects.create(
        name="财政票据核验", code="T-002", organisation=city.b, kind="public_service",
        url="https://example.org/2",
    )  # fmt: skip
    return own, other


def test_the_new_policy_form_is_filled_and_grouped(city: Any, client: Any) -> None:
    own, _other = _services(city)
    client.force_login(city.users.editor_a)
    html = client.get(_add_url(city.a)).content.decode()
    # 发文机关 pre-filled with the editor's unit
    issuer = re.search(r'<select name="issuers-0-organisation".*?</select>', html, re.S)
    assert issuer is not None
    assert re.search(rf'<option value="{city.a.pk}" selected>', issuer.group(0))
    # topics grouped by their category
    topic = any_topic()
    assert f'<optgroup label="{topic.parent.name}">' in html
    # services as checkboxes, one fieldset per department, the editor's unit first
    assert f"<legend>{city.a.name}</legend>" in html
    assert html.index(f"<legend>{city.a.name}</legend>") < html.index(
        f"<legend>{city.b.name}</legend>"
    )
    assert re.search(rf'type="checkbox" name="services" value="{own.pk}"', html)
    # no address to type (it is the 索引号) and no autosave that would create drafts
    assert 'name="slug"' not in html
    assert "data-w-autosave-interval-value" not in html


def test_a_policy_with_an_attachment_in_one_step(city: Any, client: Any) -> None:
    own, _other = _services(city)
    client.force_login(city.users.editor_a)
    url = _add_url(city.a)
    data = form_data(client.get(url), form_id="page-edit-form")
    data.update(
        {
            "title": TITLE,
            "doc_type": "normative",
            "written_on": "2026-06-01",
            "topic": str(any_topic().pk),
            "disclosure_mode": "proactive",
            "body": BODY,
            "services": [str(own.pk)],
            "attachments-TOTAL_FORMS": "1",
            "attachments-INITIAL_FORMS": "0",
            "attachments-MIN_NUM_FORMS": "0",
            "attachments-MAX_NUM_FORMS": "1000",
            "attachments-0-title": "附件1：安全教育告家长书",
            "attachments-0-ORDER": "1",
            "attachments-0-id": "",
            "attachments-0-upload": SimpleUploadedFile(
                "scan_0001.pdf", real_pdf(), content_type="application/pdf"
            ),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    doc = PolicyDocumentPage.objects.get(title=TITLE)
    assert doc.organisation == city.a
    assert [i.organisation for i in doc.issuers.all()] == [city.a]
    assert list(doc.services.all()) == [own]
    assert doc.slug == doc.index_number.rsplit("/", 1)[-1]
    attachment = doc.get_latest_revision_as_object().attachments.get()
    assert attachment.display_title() == "附件1：安全教育告家长书"
    assert attachment.document.collection == city.a.collection


def test_an_attachment_needs_its_public_name(city: Any, client: Any) -> None:
    client.force_login(city.users.editor_a)
    url = _add_url(city.a)
    data = form_data(client.get(url), form_id="page-edit-form")
    data.update(
        {
            "title": TITLE, "doc_type": "normative", "written_on": "2026-06-01",
            "topic": str(any_topic().pk), "disclosure_mode": "proactive", "body": BODY,
            "attachments-TOTAL_FORMS": "1", "attachments-INITIAL_FORMS": "0",
            "attachments-MIN_NUM_FORMS": "0", "attachments-MAX_NUM_FORMS": "1000",
            "attachments-0-title": "", "attachments-0-ORDER": "1", "attachments-0-id": "",
            "attachments-0-upload": SimpleUploadedFile("a.pdf", real_pdf()),
        }
    )  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200
    assert "请填写附件公开名称" in response.content.decode()
    assert not PolicyDocumentPage.objects.filter(title=TITLE).exists()


def test_the_interpretation_is_drafted_from_its_policy(city: Any, client: Any) -> None:
    policy = make_policy(city.a, title=TITLE, is_major=True, publish=False)
    client.force_login(city.users.editor_a)
    edit = client.get(f"/admin/pages/{policy.pk}/edit/").content.decode()
    url = f"/admin/library/policy/{policy.pk}/interpret/"
    assert url in edit and "起草解读" in edit
    listing = client.get(f"/admin/pages/{policy.get_parent().pk}/").content.decode()
    assert url in listing  # also in the column listing's "more" menu
    assert "起草解读" in client.get(url).content.decode()
    response = client.post(url)
    interp = InterpretationPage.objects.get(policy=policy)
    assert response.status_code == 302 and response.url == f"/admin/pages/{interp.pk}/edit/"
    assert interp.title == f"《{TITLE}》解读"
    assert interp.organisation == city.a and interp.interpreter == city.a.name
    assert interp.slug == f"jd-{policy.slug}" and not interp.live
    shown = client.get(response.url).content.decode()
    assert "已起草解读" in shown
    # again: the existing draft opens, no second one
    assert client.post(url).url == f"/admin/pages/{interp.pk}/edit/"
    assert InterpretationPage.objects.filter(policy=policy).count() == 1


def test_another_units_editor_cannot_draft_its_interpretation(city: Any, client: Any) -> None:
    policy = make_policy(city.a, title=TITLE, publish=False)
    client.force_login(city.users.editor_b)
    assert client.post(f"/admin/library/policy/{policy.pk}/interpret/").status_code == 404
    assert not InterpretationPage.objects.filter(policy=policy).exists()


def test_an_interpretation_made_in_the_admin_takes_its_policys_address(
    city: Any, client: Any
) -> None:
    policy = make_policy(city.a, title=TITLE, publish=False)
    client.force_login(city.users.editor_a)
    column = column_of(city.a, ColumnType.INTERPRETATION)
    url = f"/admin/pages/add/library/interpretationpage/{column.pk}/"
    data = form_data(client.get(url), form_id="page-edit-form")
    data.update({"title": "一个很长的中文解读标题" * 5, "policy": str(policy.pk), "body": BODY})
    for prefix in ("facets", "questions", "images"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    interp = InterpretationPage.objects.get(policy=policy)
    assert interp.slug == f"jd-{policy.slug}"


def test_a_notice_gets_a_short_address(city: Any, client: Any) -> None:
    from django.utils import timezone

    from gongkai.library.models import NoticePage

    client.force_login(city.users.editor_a)
    column = column_of(city.a, ColumnType.NOTICE)
    url = f"/admin/pages/add/library/noticepage/{column.pk}/"
    form = client.get(url)
    assert 'name="slug"' not in form.content.decode()
    data = form_data(form, form_id="page-edit-form")
    data.update({"title": "关于2026年暑期校园安全工作的提示" * 3, "body": BODY})
    assert client.post(url, data).status_code == 302
    assert NoticePage.objects.get(title=data["title"]).slug == f"{timezone.localdate():%Y%m%d}"
