"""一并签发: a 重大政策 is signed with its interpretation in one step, through the admin."""

from __future__ import annotations

from typing import Any

import pytest
from wagtail.models import Page

from gongkai.library import services as library
from gongkai.testing import make_policy, submit_for_review, take_step

pytestmark = pytest.mark.django_db


def _under_review_at_signing(city: Any, *, interpretation_at_signing: bool = True) -> Any:
    policy = make_policy(city.a, title="关于一并签发测试的实施意见", is_major=True, publish=False)
    interp = library.interpretation_save(
        actor=city.users.editor_a,
        unit=city.a,
        policy=policy,
        publish=False,
        title="《关于一并签发测试的实施意见》解读",
        facets=[("background", "<p>出台背景是群众反映集中的问题。</p>")],
    )
    submit_for_review(policy, city.users.editor_a)
    take_step(policy, city.users.reviewer_a, "approve", "无涉密")
    submit_for_review(interp, city.users.editor_a)
    if interpretation_at_signing:
        take_step(interp, city.users.reviewer_a, "approve", "无涉密")
    return Page.objects.get(pk=policy.pk).specific, Page.objects.get(pk=interp.pk).specific


def test_signing_a_major_policy_in_the_dialog_leads_to_signing_both(city: Any, client: Any) -> None:
    policy, interp = _under_review_at_signing(city)
    client.force_login(city.users.head_a)
    edit = client.get(f"/admin/pages/{policy.pk}/edit/").content.decode()
    assert "一并签发（文件及解读）" in edit  # offered on the policy's page

    state = policy.current_workflow_task_state
    url = f"/admin/pages/workflow/action/{policy.pk}/approve/{state.pk}/"
    response = client.post(url, {"comment": "同意"}, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 200  # not 500: the dialog goes on to 一并签发
    assert f"/admin/review/page/{policy.pk}/sign/" in response.content.decode()
    assert not Page.objects.get(pk=policy.pk).live

    sheet = client.get(f"/admin/review/page/{policy.pk}/sign/").content.decode()
    assert "须与其政策解读同步发布" in sheet
    assert interp.title in sheet
    assert "一并签发（文件及解读）" in sheet

    response = client.post(f"/admin/review/page/{policy.pk}/sign/", {"comment": "同意发布"})
    assert response.status_code == 302
    assert Page.objects.get(pk=policy.pk).live
    assert Page.objects.get(pk=interp.pk).live
    shown = client.get(response.url).content.decode()
    assert "已签发并发布" in shown


def test_signing_from_the_edit_page_goes_to_signing_both(city: Any, client: Any) -> None:
    from gongkai.testing import form_data

    policy, _interp = _under_review_at_signing(city)
    client.force_login(city.users.head_a)
    edit_url = f"/admin/pages/{policy.pk}/edit/"
    data = form_data(client.get(edit_url), form_id="page-edit-form")
    data.update({"action-workflow-action": "true", "workflow-action-name": "approve"})
    response = client.post(edit_url, data, follow=True)
    assert response.status_code == 200
    assert "一并签发" in response.content.decode()
    assert not Page.objects.get(pk=policy.pk).live


def test_an_interpretation_not_yet_at_signing_blocks_both_with_a_message(
    city: Any, client: Any
) -> None:
    policy, interp = _under_review_at_signing(city, interpretation_at_signing=False)
    client.force_login(city.users.head_a)
    state = policy.current_workflow_task_state
    url = f"/admin/pages/workflow/action/{policy.pk}/approve/{state.pk}/"
    response = client.post(url, {"comment": "同意"})
    assert response.status_code == 302
    sheet = client.get(response.url).content.decode()
    assert "尚在“保密审查”环节，未到签发" in sheet
    response = client.post(f"/admin/review/page/{policy.pk}/sign/", {"comment": ""})
    assert response.status_code == 409
    assert "没有可一并签发的解读" in response.content.decode()
    assert not Page.objects.get(pk=policy.pk).live
    assert not Page.objects.get(pk=interp.pk).live


def test_only_the_head_signs_together(city: Any, client: Any) -> None:
    policy, interp = _under_review_at_signing(city)
    client.force_login(city.users.reviewer_a)
    refused = client.post(f"/admin/review/page/{policy.pk}/sign/", {})
    assert refused.status_code == 302 and refused.url == "/admin/"  # Wagtail's "no permission"
    client.force_login(city.users.head_b)
    assert client.get(f"/admin/review/page/{policy.pk}/sign/").status_code == 404
    assert not Page.objects.get(pk=interp.pk).live
