"""The reviewer's job on screen (issue 12): 待我审核 on the dashboard and in the menu leads to
the review sheet, where findings are named in Chinese and the step is decided — 审查通过, 退回修改
with a reason, 签发 by the head — through the Wagtail task and the review record."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from wagtail.models import Page

from gongkai.review.models import ReviewAction, ReviewEvent
from gongkai.review.tests.test_workflow import draft
from gongkai.testing import submit_for_review

pytestmark = pytest.mark.django_db

PHONE_BODY = "<p>为做好招生工作，咨询请联系王老师，手机13907911234。</p>"


def _task_state(client: Client, page: Any) -> str:
    html = client.get(f"/admin/review/page/{page.pk}/").content.decode()
    match = re.search(r'name="task_state" value="(\d+)"', html)
    assert match, "no decision form on the sheet"
    return match.group(1)


def _act(client: Client, page: Any, action: str, comment: str = "") -> Any:
    return client.post(
        f"/admin/review/page/{page.pk}/act/",
        {"action": action, "task_state": _task_state(client, page), "comment": comment},
    )


def _actions(page: Any) -> list[tuple[str, str]]:
    return list(
        ReviewEvent.objects.filter(page_id_value=page.pk)
        .order_by("seq")
        .values_list("action", "step")
    )


def test_reviewer_finds_the_item_returns_it_and_the_head_signs_it(city: Any) -> None:
    reviewer, head, editor = Client(), Client(), Client()
    reviewer.force_login(city.users.reviewer_a)
    head.force_login(city.users.head_a)
    editor.force_login(city.users.editor_a)
    page = draft(city.a, city.users.editor_a, title="审核单测试：招生咨询通知", body=PHONE_BODY)
    submit_for_review(page, city.users.editor_a)

    # 待我审核: the dashboard panel and the task list link the item to its review sheet.
    sheet_url = f"/admin/review/page/{page.pk}/"
    dashboard = reviewer.get("/admin/").content.decode()
    assert "待我审核" in dashboard and sheet_url in dashboard
    tasks = reviewer.get("/admin/review/tasks/").content.decode()
    assert sheet_url in tasks and "保密审查" in tasks
    # The author has nothing to review, nor has the city's office (it watches, does not sign).
    assert sheet_url not in editor.get("/admin/review/tasks/").content.decode()
    office = Client()
    office.force_login(city.users.city_office)
    assert sheet_url not in office.get("/admin/review/tasks/").content.decode()

    # The sheet names the finding in Chinese, with the decisions of the step.
    html = reviewer.get(sheet_url).content.decode()
    assert "手机号码" in html and ">mobile<" not in html
    assert "审查通过" in html and "退回修改" in html
    assert "<style" not in html and 'style="' not in html  # the CSP allows neither

    # Sending back needs a reason: a Chinese error, nothing recorded.
    refused = _act(reviewer, page, "reject", "  ")
    assert refused.status_code == 400
    assert "请填写理由" in refused.content.decode()
    assert (ReviewAction.REJECTED, "保密审查") not in _actions(page)
    returned = _act(reviewer, page, "reject", "请删去个人手机号码，改为单位咨询电话")
    assert returned.status_code == 302 and returned["Location"].endswith("/admin/review/tasks/")
    assert (ReviewAction.REJECTED, "保密审查") in _actions(page)
    assert sheet_url not in reviewer.get("/admin/review/tasks/").content.decode()
    # The editor reads why on the sheet.
    seen = editor.get(sheet_url).content.decode()
    assert "请删去个人手机号码" in seen and "已退回修改" in seen

    # Fixed and submitted again: checked again, back in the reviewer's list.
    fixed = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    fixed.body = "<p>为做好招生工作，咨询电话0791-83881234。</p>"
    fixed.save_revision(user=city.users.editor_a)
    Page.objects.get(pk=page.pk).current_workflow_state.resume(city.users.editor_a)  # 重新提交
    assert sheet_url in reviewer.get("/admin/review/tasks/").content.decode()
    assert "139****1234" not in reviewer.get(sheet_url).content.decode()  # the new check
    # 一事一审: the corrected revision went through the checker again before 保密审查.
    assert [a for a in _actions(page) if a[0] == ReviewAction.CHECKED] == [
        (ReviewAction.CHECKED, "自动检查")
    ] * 2

    assert _act(reviewer, page, "approve", "无涉密、无个人信息").status_code == 302
    # Now the head's: 签发 on the sheet publishes.
    assert sheet_url in head.get("/admin/review/tasks/").content.decode()
    signing = head.get(sheet_url).content.decode()
    assert "签发" in signing and "单位负责人签发" in signing
    signed = _act(head, page, "approve", "同意发布")
    assert signed.status_code == 302
    assert "已签发" in head.get("/admin/review/tasks/").content.decode()
    assert Page.objects.get(pk=page.pk).live
    assert (ReviewAction.APPROVED, "单位负责人签发") in _actions(page)
    assert _actions(page)[-1][0] == ReviewAction.PUBLISHED


def test_a_step_the_user_may_not_take_is_as_missing_as_the_page(city: Any) -> None:
    page = draft(city.a, city.users.editor_a, title="审核单测试：权限")
    submit_for_review(page, city.users.editor_a)
    reviewer = Client()
    reviewer.force_login(city.users.reviewer_a)
    state = _task_state(reviewer, page)
    missing = Client()
    missing.force_login(city.users.reviewer_a)
    gone = missing.post("/admin/review/page/999999/act/", {"action": "approve"})
    assert gone.status_code == 404

    for user in (city.users.editor_a, city.users.city_office, city.users.editor_b):
        client = Client()
        client.force_login(user)
        answer = client.post(
            f"/admin/review/page/{page.pk}/act/",
            {"action": "approve", "task_state": state, "comment": ""},
        )
        assert answer.status_code == 404, user.username
        assert (
            'name="task_state"' not in client.get(f"/admin/review/page/{page.pk}/").content.decode()
        )
    assert (ReviewAction.APPROVED, "保密审查") not in _actions(page)
    # An action the step does not have (签发 at 保密审查's step is "approve" of another step;
    # "override" exists only at the checker's) is refused the same way.
    assert (
        reviewer.post(
            f"/admin/review/page/{page.pk}/act/",
            {"action": "override", "task_state": state, "comment": "理由理由理由"},
        ).status_code
        == 404
    )
    # A stale form (the step changed meanwhile) is not applied to the new step.
    assert _act(reviewer, page, "approve").status_code == 302
    stale = reviewer.post(
        f"/admin/review/page/{page.pk}/act/",
        {"action": "approve", "task_state": state, "comment": ""},
    )
    assert stale.status_code == 404  # the reviewer has no action at the head's step


def test_blocking_findings_are_overridden_with_a_reason_on_the_sheet(city: Any) -> None:
    page = draft(
        city.a,
        city.users.editor_a,
        title="审核单测试：内部资料",
        body="<p>【内部资料 注意保存】</p><p>会议研究了招生工作。</p>",
    )
    submit_for_review(page, city.users.editor_a)
    reviewer = Client()
    reviewer.force_login(city.users.reviewer_a)
    html = reviewer.get(f"/admin/review/page/{page.pk}/").content.decode()
    assert "密级或内部标志" in html and "记录理由并放行" in html
    tasks = reviewer.get("/admin/review/tasks/").content.decode()
    assert "自动检查" in tasks and "阻止 1 项" in tasks
    assert _act(reviewer, page, "override", "短").status_code == 400
    assert _act(reviewer, page, "override", "经定密单位确认已解密，标志待删除").status_code == 302
    assert (ReviewAction.OVERRIDDEN, "自动检查") in _actions(page)


def test_a_resubmission_is_checked_and_signed_as_corrected(city: Any) -> None:
    """As the page editor resubmits: the workflow state (and its page) were loaded before the
    corrected revision was saved. The checker and the steps take the corrected revision."""
    page = draft(city.a, city.users.editor_a, title="审核单测试：重新提交", body=PHONE_BODY)
    submit_for_review(page, city.users.editor_a)
    reviewer = Client()
    reviewer.force_login(city.users.reviewer_a)
    assert _act(reviewer, page, "reject", "请删去个人手机号码").status_code == 302

    workflow_state = Page.objects.get(pk=page.pk).current_workflow_state
    assert workflow_state.content_object is not None  # loaded now, as the edit view does
    fixed = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    fixed.body = "<p>为做好招生工作，咨询电话0791-83881234。</p>"
    corrected = fixed.save_revision(user=city.users.editor_a)
    workflow_state.resume(city.users.editor_a)

    current = Page.objects.get(pk=page.pk).current_workflow_task_state
    assert current.revision_id == corrected.pk
    html = reviewer.get(f"/admin/review/page/{page.pk}/").content.decode()
    assert "139****1234" not in html and "未发现问题" in html
