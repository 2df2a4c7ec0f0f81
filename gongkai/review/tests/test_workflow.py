"""先审后发、一事一审: the workflow is the only road to publication."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry, Page

from gongkai.library import services as library
from gongkai.organisations.models import Role
from gongkai.review.models import (
    CheckTaskState,
    NamedReviewTask,
    ReviewAction,
    ReviewEvent,
    ReviewStep,
    UnitRoleTask,
)
from gongkai.review.services import unit_add_step, verify_chain
from gongkai.testing import (
    any_topic,
    make_user,
    review_and_publish,
    submit_for_review,
    take_step,
)

pytestmark = pytest.mark.django_db

ID_NUMBER = "360102198507150013"  # valid GB 11643 check character


def draft(unit: Any, author: Any, *, body: str = "", **fields: Any) -> Any:
    from gongkai.library.models import DocType

    return library.policy_save(
        actor=author,
        unit=unit,
        issuers=[unit],
        publish=False,
        title=fields.pop("title", "南昌市教育局关于做好2026年义务教育招生工作的通知"),
        doc_type=DocType.NORMATIVE,
        topic=any_topic(),
        written_on=dt.date(2026, 3, 2),
        body=body or "<p>为做好2026年义务教育招生入学工作，现就有关事项通知如下。</p>",
        **fields,
    )


def current(page: Any) -> Any:
    return Page.objects.get(pk=page.pk).specific


def actions(page: Any) -> list[Any]:
    return list(ReviewEvent.objects.filter(page_id_value=page.pk).values_list("action", "step"))


def test_unit_content_cannot_be_published_without_review(city: Any) -> None:
    page = draft(city.a, city.users.editor_a)

    with pytest.raises(ValidationError, match="先审后发"):
        page.get_latest_revision().publish(user=city.users.head_a)

    assert not current(page).live


def test_the_road_to_publication_is_check_confidentiality_and_signing(city: Any) -> None:
    page = draft(city.a, city.users.editor_a)

    submit_for_review(page, city.users.editor_a)
    assert current(page).current_workflow_task.name == "保密审查"  # the checker passed it
    take_step(page, city.users.reviewer_a, "approve", "无涉密、无个人信息")
    assert not current(page).live
    take_step(page, city.users.head_a, "approve", "同意发布")

    assert current(page).live
    assert actions(page) == [
        (ReviewAction.SUBMITTED, ""),
        (ReviewAction.CHECKED, "自动检查"),
        (ReviewAction.APPROVED, "保密审查"),
        (ReviewAction.APPROVED, "单位负责人签发"),
        (ReviewAction.PUBLISHED, ""),
    ]
    signed = ReviewEvent.objects.get(page_id_value=page.pk, step="单位负责人签发")
    assert signed.actor_id_value == city.users.head_a.pk
    assert signed.comment == "同意发布"
    assert verify_chain() == []


def test_the_author_never_approves_their_own_item(city: Any) -> None:
    head = city.users.head_a
    page = draft(city.a, head)  # the unit head writes it
    submit_for_review(page, head)
    take_step(page, city.users.reviewer_a, "approve")
    page = current(page)
    task = page.current_workflow_task

    assert task.get_actions(page, head) == []
    with pytest.raises(PermissionDenied):
        take_step(page, head, "approve")
    assert not current(page).live
    # Another head of the unit signs it.
    other_head = make_user("head_a_2", roles=[(city.a, Role.UNIT_HEAD)])
    take_step(page, other_head, "approve")
    assert current(page).live


def test_an_editor_who_changed_the_text_is_an_author_too(city: Any) -> None:
    page = draft(city.a, city.users.editor_a)
    submit_for_review(page, city.users.editor_a)
    # The reviewer edits the text during the review: now they wrote part of it.
    edited = current(page).get_latest_revision_as_object()
    edited.body = "<p>修改后的正文。</p>"
    edited.save_revision(user=city.users.reviewer_a)

    with pytest.raises(PermissionDenied):
        take_step(page, city.users.reviewer_a, "approve")


@pytest.mark.parametrize(
    ("username", "step"),
    [
        ("editor_a", "confidentiality"),  # an editor holds no review role
        ("reviewer_a", "approval"),  # a reviewer does not sign
        ("head_b", "approval"),  # another unit's head
        ("city_office", "approval"),  # the overseeing office watches, does not sign
    ],
)
def test_only_the_units_role_holders_take_a_step(city: Any, username: str, step: str) -> None:
    page = draft(city.a, city.users.editor_a)
    submit_for_review(page, city.users.editor_a)
    if step == "approval":
        take_step(page, city.users.reviewer_a, "approve")
    user = getattr(city.users, username)

    with pytest.raises(PermissionDenied):
        take_step(page, user, "approve")
    assert current(page).current_workflow_task.specific.step == getattr(ReviewStep, step.upper())


def test_a_blocking_finding_stops_the_item_until_a_reasoned_override(city: Any) -> None:
    body = f"<p>机密★5年</p><p>联系人：张三，身份证号{ID_NUMBER}。</p>"
    page = draft(city.a, city.users.editor_a, body=body)

    submit_for_review(page, city.users.editor_a)

    page = current(page)
    assert page.current_workflow_task.name == "自动检查"
    state = page.current_workflow_task_state.specific
    assert isinstance(state, CheckTaskState)
    kinds = {f["kind"] for f in state.findings if f["severity"] == "block"}
    assert {"secret_marking", "id_card"} <= kinds
    assert ID_NUMBER not in str(state.findings)  # excerpts are masked
    # The author cannot wave it through; a reviewer must give a reason.
    with pytest.raises(PermissionDenied):
        take_step(page, city.users.editor_a, "override", "我认为没问题")
    with pytest.raises(ValidationError):
        take_step(page, city.users.reviewer_a, "override", "")
    assert current(page).current_workflow_task.name == "自动检查"

    take_step(page, city.users.reviewer_a, "override", "经核实为公开的示例号码，已取得本人同意")

    assert current(page).current_workflow_task.name == "保密审查"
    override = ReviewEvent.objects.get(page_id_value=page.pk, action=ReviewAction.OVERRIDDEN)
    assert override.comment == "经核实为公开的示例号码，已取得本人同意"
    assert {f["kind"] for f in override.findings} >= {"secret_marking", "id_card"}


def test_sending_back_needs_a_reason_and_resubmission_is_checked_again(city: Any) -> None:
    page = draft(city.a, city.users.editor_a)
    submit_for_review(page, city.users.editor_a)

    with pytest.raises(ValidationError):
        take_step(page, city.users.reviewer_a, "reject", " ")
    take_step(page, city.users.reviewer_a, "reject", "第三段表述不准确，请修改")

    page = current(page)
    assert page.current_workflow_state.status == "needs_changes"
    assert (ReviewAction.REJECTED, "保密审查") in actions(page)


def test_an_edit_after_approval_steps_goes_back_through_every_step(city: Any) -> None:
    page = draft(city.a, city.users.editor_a)
    submit_for_review(page, city.users.editor_a)
    take_step(page, city.users.reviewer_a, "approve")
    # The editor slips personal data in before the head signs.
    edited = current(page).get_latest_revision_as_object()
    edited.body = f"<p>联系人身份证号{ID_NUMBER}</p>"
    edited.save_revision(user=city.users.editor_a)

    take_step(page, city.users.head_a, "approve")

    page = current(page)
    assert not page.live
    assert page.current_workflow_task.name == "自动检查"  # the new revision is checked again
    assert page.current_workflow_task_state.specific.blocking >= 1


def test_scheduled_publication_happens_only_after_review(city: Any) -> None:
    soon = timezone.now() + dt.timedelta(hours=2)
    page = draft(city.a, city.users.editor_a, go_live_at=soon)
    submit_for_review(page, city.users.editor_a)
    take_step(page, city.users.reviewer_a, "approve")
    # The time comes while the head has not signed: nothing is published.
    Page.objects.filter(pk=page.pk).update(go_live_at=timezone.now() - dt.timedelta(minutes=1))
    call_command("publish_scheduled")
    assert not current(page).live

    # Signed for a future time: scheduled, not live yet.
    take_step(page, city.users.head_a, "approve")
    page = current(page)
    assert not page.live
    revision = page.get_latest_revision()
    assert revision.approved_go_live_at is not None
    assert ReviewAction.SCHEDULED in [a for a, _s in actions(page)]

    # The time comes (moved back instead of waiting): the approved revision goes live.
    past = timezone.now() - dt.timedelta(seconds=1)
    revision.content["go_live_at"] = past.isoformat()
    type(revision).objects.filter(pk=revision.pk).update(
        approved_go_live_at=past, content=revision.content
    )
    call_command("publish_scheduled")
    assert current(page).live


def test_a_unit_adds_a_step_taken_by_named_colleagues(city: Any) -> None:
    counsel = make_user("counsel_a", roles=[(city.a, Role.REVIEWER)])

    with pytest.raises(PermissionDenied):
        unit_add_step(unit=city.a, name="法制审核", reviewers=[counsel], actor=city.users.editor_a)
    task = unit_add_step(unit=city.a, name="法制审核", reviewers=[counsel], actor=city.users.head_a)

    page = draft(city.a, city.users.editor_a)
    workflow = current(page).get_workflow()
    names = [t.name for t in workflow.tasks]
    assert names == ["自动检查", "保密审查", "法制审核", "单位负责人签发"]
    assert isinstance(task, NamedReviewTask)
    # Other units keep the city's workflow.
    assert [t.name for t in draft(city.b, city.users.editor_b).get_workflow().tasks] == [
        "自动检查",
        "保密审查",
        "单位负责人签发",
    ]

    submit_for_review(page, city.users.editor_a)
    take_step(page, city.users.reviewer_a, "approve")
    with pytest.raises(PermissionDenied):
        take_step(page, city.users.reviewer_a, "approve")  # not named for 法制审核
    take_step(page, counsel, "approve", "合法性审查通过")
    take_step(page, city.users.head_a, "approve")
    assert current(page).live


def test_imports_publish_outside_the_workflow_and_the_record_says_so(city: Any) -> None:
    page = library.policy_save(
        actor=None,
        unit=city.a,
        issuers=[city.a],
        publish=True,
        publish_reason="从旧网站迁移",
        title="南昌市教育局关于旧网站迁移文件的通知",
        doc_type="normative",
        topic=any_topic(),
        written_on=dt.date(2024, 3, 2),
        body="<p>正文。</p>",
    )

    assert page.live
    event = ReviewEvent.objects.get(page_id_value=page.pk, action=ReviewAction.SYSTEM_PUBLISHED)
    assert event.comment == "从旧网站迁移"


def test_full_road_helper(city: Any) -> None:
    page = review_and_publish(
        draft(city.a, city.users.editor_a),
        author=city.users.editor_a,
        reviewer=city.users.reviewer_a,
        head=city.users.head_a,
    )
    assert page.live
    assert UnitRoleTask.objects.filter(step=ReviewStep.APPROVAL).count() == 1


def test_adding_a_step_leaves_an_audit_entry(city: Any) -> None:
    counsel = city.users.reviewer_a
    task = unit_add_step(unit=city.a, name="法制审核", reviewers=[counsel], actor=city.users.head_a)
    entry = ModelLogEntry.objects.get(action="gongkai.review_step_add", object_id=str(task.pk))
    assert entry.user == city.users.head_a
    assert entry.data["reviewers"] == [counsel.get_username()]
