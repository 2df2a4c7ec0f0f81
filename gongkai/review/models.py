"""Review before publication (先审后发、一事一审): the workflow's tasks, the audit trail, the
findings on live pages, and the units' own checker terms.

The workflow (services.workflow_ensure) runs, for every item a unit publishes:
1. AutomatedCheckTask — the checker on the revision; no ``block`` finding: passes by itself;
   otherwise it waits for a reviewer of the unit to record a reasoned override, or to send the
   item back;
2. UnitRoleTask(step=confidentiality) — 保密审查 by a reviewer of the unit;
3. (steps a unit adds: NamedReviewTask, e.g. 法制审核 by named colleagues);
4. UnitRoleTask(step=approval) — 签发 by the unit head.
Nobody acts on a step of an item they wrote (policies.authors_of). Every event is appended to
ReviewEvent, a hash chain (services.record_event, services.verify_chain).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState

from gongkai.review import policies
from gongkai.review.forms import CommentForm, ReasonForm
from gongkai.review.signing import SigningBlocked


def _refresh_latest_revision(workflow_state: Any) -> None:
    """Wagtail's Task.start records ``workflow_state.content_object.get_latest_revision()``; when
    the editor resubmits, that object was loaded before the new revision was saved, so the step
    would record — and the checker check, and 签发 publish — the text that was sent back."""
    obj = workflow_state.content_object
    if obj is not None and getattr(obj, "pk", None):
        obj.refresh_from_db(fields=["latest_revision"])


class _UnitStep:
    """What every step of the workflow shares: decisions go through services.act_on_step, and
    who may act is policies.can_act_on_step (the page's unit and role; never the author)."""

    def on_action(self, task_state: Any, user: Any, action_name: str, **kwargs: Any) -> Any:

        # local import: review.services imports this module
        from gongkai.review import services

        try:
            services.act_on_step(task_state, user, action_name, **kwargs)
        except SigningBlocked:
            # A 重大政策 without a live interpretation: the dialog goes on to 一并签发.
            return reverse("review_sign", args=[task_state.workflow_state.object_id])
        return None

    def user_can_access_editor(self, obj: Any, user: Any) -> bool:

        return policies.can_act_on_step(user, obj, self)

    def get_task_states_user_can_moderate(self, user: Any, **kwargs: Any) -> Any:

        return policies.task_states_user_can_moderate(self, user)


class CheckTaskState(TaskState):
    """The state of the automated check on one revision, with what the checker found."""

    findings = models.JSONField(default=list, blank=True)
    blocking = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("自动检查记录")


class AutomatedCheckTask(_UnitStep, Task):
    """自动检查: runs the content checker on the revision under review."""

    task_state_class = CheckTaskState

    class Meta:
        verbose_name = _("自动检查")
        verbose_name_plural = _("自动检查")

    def start(self, workflow_state: Any, user: Any = None) -> Any:
        # local import: review.services imports this module
        from gongkai.review import services

        _refresh_latest_revision(workflow_state)
        task_state = super().start(workflow_state, user=user)
        return services.run_check_task(task_state, user=user)

    def get_actions(self, obj: Any, user: Any) -> list[tuple[str, Any, bool]]:

        if policies.can_act_on_step(user, obj, self):
            return [
                ("override", _("记录理由并放行"), True),
                ("reject", _("退回修改"), True),
            ]
        return []

    def get_form_for_action(self, action: str) -> Any:

        return ReasonForm

    @classmethod
    def get_description(cls) -> str:
        return str(_("运行内容检查；有“阻止”级问题时须由本单位审核人记录理由后放行"))


class ReviewStep(models.TextChoices):
    CONFIDENTIALITY = "confidentiality", _("保密审查")
    APPROVAL = "approval", _("签发")


class _HumanStep(_UnitStep):
    """Actions of a step that people of the unit take: approve (with an optional comment) or
    send back (with a reason). Who may act is decided in policies.can_act_on_step."""

    approve_label: Any = _("审查通过")

    def start(self, workflow_state: Any, user: Any = None) -> Any:
        """一事一审: a revision the checker has not passed is checked first. Wagtail restarts
        the step that sent an item back when the editor resubmits it (WorkflowState.resume),
        which would skip the checker for the corrected text."""
        # local import: review.services imports this module
        from gongkai.review import services

        _refresh_latest_revision(workflow_state)
        check = services.check_needed_first(workflow_state)
        if check is not None:
            return check.start(workflow_state, user=user)
        return super().start(workflow_state, user=user)  # type: ignore[misc]

    def get_actions(self, obj: Any, user: Any) -> list[tuple[str, Any, bool]]:

        if policies.can_act_on_step(user, obj, self):
            return [("reject", _("退回修改"), True), ("approve", self.approve_label, True)]
        return []

    def get_form_for_action(self, action: str) -> Any:

        return ReasonForm if action == "reject" else CommentForm


class UnitRoleTask(_HumanStep, Task):
    """A step taken by the page's own unit: 保密审查 by its reviewers, 签发 by its head."""

    step = models.CharField(_("环节"), max_length=20, choices=ReviewStep.choices)

    admin_form_fields: ClassVar[list[str]] = [*Task.admin_form_fields, "step"]

    class Meta:
        verbose_name = _("本单位审核环节")
        verbose_name_plural = _("本单位审核环节")

    @property
    def approve_label(self) -> Any:
        return _("签发") if self.step == ReviewStep.APPROVAL else _("审查通过")

    @classmethod
    def get_description(cls) -> str:
        return str(
            _("由页面所属单位的审核人（保密审查）或单位负责人（签发）处理，作者本人不能审批")
        )


class NamedReviewTask(_HumanStep, Task):
    """A step a unit adds to its workflow, taken by named colleagues (e.g. 法制审核)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("审核人")
    )

    admin_form_fields: ClassVar[list[str]] = [*Task.admin_form_fields, "reviewers"]

    class Meta:
        verbose_name = _("增设审核环节")
        verbose_name_plural = _("增设审核环节")

    @classmethod
    def get_description(cls) -> str:
        return str(_("由单位指定的人员审核（例如法制审核），作者本人不能审批"))


# --- The audit trail ----------------------------------------------------------------------------


class ReviewAction(models.TextChoices):
    SUBMITTED = "submitted", _("提交审核")
    CHECKED = "checked", _("自动检查")
    OVERRIDDEN = "overridden", _("记录理由放行")
    APPROVED = "approved", _("审核通过")
    REJECTED = "rejected", _("退回修改")
    CANCELLED = "cancelled", _("撤回")
    PUBLISHED = "published", _("发布")
    SCHEDULED = "scheduled", _("定时发布")
    UNPUBLISHED = "unpublished", _("撤销发布")
    SYSTEM_PUBLISHED = "system_published", _("系统发布（导入）")
    REDACTED = "redacted", _("脱敏处理")
    RECHECKED = "rechecked", _("在线内容复查")


class AppendOnlyQuerySet(models.QuerySet["ReviewEvent"]):
    """Bulk changes are refused too; only raw SQL can alter the record, and the chain shows it."""

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("审核记录只能追加，不能修改。")

    def delete(self) -> Any:
        raise PermissionError("审核记录只能追加，不能删除。")


class ReviewEvent(models.Model):
    """One entry of the append-only review record. ``digest`` = sha256 over the entry's fields
    and the previous entry's digest, so an edited, inserted or deleted entry breaks the chain
    (services.verify_chain). The admin offers no way to change or delete entries."""

    seq = models.PositiveBigIntegerField(_("序号"), unique=True)
    created_at = models.DateTimeField(_("时间"))
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("单位"),
    )
    page_id_value = models.PositiveBigIntegerField(_("页面编号"), db_index=True)
    object_title = models.CharField(_("标题"), max_length=255)
    revision_id_value = models.PositiveBigIntegerField(_("版本"), null=True)
    action = models.CharField(_("操作"), max_length=20, choices=ReviewAction.choices)
    step = models.CharField(_("环节"), max_length=100, blank=True)
    actor_id_value = models.PositiveBigIntegerField(_("操作人编号"), null=True)
    actor_name = models.CharField(_("操作人"), max_length=150, blank=True)
    comment = models.TextField(_("意见/理由"), blank=True)
    findings = models.JSONField(_("检查发现"), default=list, blank=True)
    previous_digest = models.CharField(max_length=64)
    digest = models.CharField(max_length=64, unique=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("审核记录")
        verbose_name_plural = _("审核记录")
        ordering: ClassVar[list[str]] = ["seq"]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["organisation", "created_at"], name="review_event_org_time"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.get_action_display()} {self.object_title}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("审核记录只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("审核记录只能追加，不能删除。")


# --- Live content and the units' own terms -----------------------------------------------------


class LiveFinding(models.Model):
    """What the nightly re-check found on a live page: the unit's task list until it is fixed
    (the page is re-checked clean) or a reviewer marks it as checked and acceptable."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, null=True, related_name="+"
    )
    kind = models.CharField(_("类型"), max_length=30)
    severity = models.CharField(_("级别"), max_length=10)
    excerpt = models.CharField(_("内容"), max_length=255)
    message = models.CharField(_("说明"), max_length=500)
    suggestion = models.CharField(_("建议"), max_length=255, blank=True)
    start = models.PositiveIntegerField(default=0)
    found_at = models.DateTimeField(_("发现时间"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    resolution = models.CharField(_("处理结果"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("在线内容问题")
        verbose_name_plural = _("在线内容问题")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["page", "kind", "excerpt", "start"], name="live_finding_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.page_id}:{self.kind}:{self.excerpt}"


class LiveCheck(models.Model):
    """The last re-check of a live page: what was checked (revision) under which rule data."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", primary_key=True
    )
    revision_id_value = models.PositiveBigIntegerField(null=True)
    rules_digest = models.CharField(max_length=64)
    checked_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.page_id}@{self.revision_id_value}"


class TermKind(models.TextChoices):
    SENSITIVE = "sensitive", _("敏感词")
    WRONG = "wrong", _("易错表述")


class UnitTerm(models.Model):
    """A unit's own checker term: a sensitive word, or a wrong expression with its correction.
    Applies to the unit's content and its subtree's."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="checker_terms",
        verbose_name=_("单位"),
    )
    kind = models.CharField(_("类型"), max_length=10, choices=TermKind.choices)
    term = models.CharField(_("词语"), max_length=100)
    correction = models.CharField(_("正确写法"), max_length=100, blank=True)
    note = models.CharField(_("说明"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("本单位检查词")
        verbose_name_plural = _("本单位检查词")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "term"], name="unit_term_unique"
            )
        ]

    def __str__(self) -> str:
        return self.term
