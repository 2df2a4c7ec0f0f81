"""Writes of the review app: the audit trail, the workflow's steps, publication, re-checks.

Everything that changes review data goes through here — Wagtail's workflow actions (through
the tasks' on_action), the admin views, the CLI and the nightly re-check.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from bs4.element import NavigableString
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page, Revision, TaskState, Workflow, WorkflowPage, WorkflowTask

import gongkai.checker
from gongkai.checker.engine import check_text, default_ruleset, load_ruleset, redact
from gongkai.checker.extract import UnusableInput, extract_text, html_to_text
from gongkai.core.sequences import sequence_next_value
from gongkai.core.types import User
from gongkai.library.models import (
    DisclosureIndexPage,
    InterpretationPage,
    PolicyDocumentPage,
    UnitContentPage,
)
from gongkai.library.publication import current_system_publication
from gongkai.organisations.selectors import unit_of_page
from gongkai.review import policies, signing
from gongkai.review.models import (
    AutomatedCheckTask,
    CheckTaskState,
    LiveCheck,
    LiveFinding,
    NamedReviewTask,
    ReviewAction,
    ReviewEvent,
    ReviewStep,
    TermKind,
    UnitRoleTask,
    UnitTerm,
)

if TYPE_CHECKING:
    from gongkai.organisations.models import Organisation

GENESIS = "0" * 64
WORKFLOW_NAME = "先审后发"
CHECK_TASK_NAME = "自动检查"
CONFIDENTIALITY_TASK_NAME = "保密审查"
APPROVAL_TASK_NAME = "单位负责人签发"


# --- The audit trail (hash chain) ---------------------------------------------------------------


def _canonical(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def _event_fields(event: ReviewEvent) -> dict[str, Any]:
    return {
        "seq": event.seq,
        "created_at": event.created_at.astimezone(dt.UTC).isoformat(),
        "organisation": event.organisation_id,
        "page": event.page_id_value,
        "title": event.object_title,
        "revision": event.revision_id_value,
        "action": event.action,
        "step": event.step,
        "actor": event.actor_id_value,
        "actor_name": event.actor_name,
        "comment": event.comment,
        "findings": event.findings,
        "previous": event.previous_digest,
    }


def _digest(event: ReviewEvent) -> str:
    return hashlib.sha256(_canonical(_event_fields(event))).hexdigest()


def record_event(
    *,
    page: Any,
    action: str,
    actor: Any = None,
    revision: Revision | None = None,
    step: str = "",
    comment: str = "",
    findings: Iterable[dict[str, Any]] = (),
) -> ReviewEvent:
    """Append one entry to the review record. The counter row stays locked until the caller's
    transaction commits, so entries are chained in commit order with no gaps."""
    with transaction.atomic():
        seq = sequence_next_value(scope="review-event", key="all", year=0)
        previous = (
            ReviewEvent.objects.filter(seq=seq - 1).values_list("digest", flat=True).first()
            or GENESIS
        )
        unit = unit_of_page(page)
        name = ""
        if actor is not None and getattr(actor, "pk", None):
            name = actor.get_full_name() or actor.get_username()
        event = ReviewEvent(
            seq=seq,
            created_at=timezone.now().astimezone(dt.UTC).replace(microsecond=0),
            organisation_id=unit.pk if unit else None,
            page_id_value=page.pk,
            object_title=str(page.title)[:255],
            revision_id_value=revision.pk if revision else None,
            action=action,
            step=step[:100],
            actor_id_value=actor.pk if actor is not None and getattr(actor, "pk", None) else None,
            actor_name=name[:150],
            comment=comment,
            findings=list(findings),
            previous_digest=previous,
        )
        event.digest = _digest(event)
        event.save()
        return event


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    message: str


def verify_chain() -> list[ChainProblem]:
    """Recompute the chain: a changed, removed or inserted entry is reported where it is."""
    problems: list[ChainProblem] = []
    previous, expected_seq = GENESIS, 1
    for event in ReviewEvent.objects.order_by("seq").iterator():
        if event.seq != expected_seq:
            problems.append(
                ChainProblem(event.seq, _("缺少第 %(n)d 条记录（被删除？）") % {"n": expected_seq})
            )
        if event.previous_digest != previous:
            problems.append(
                ChainProblem(event.seq, _("与上一条记录的链接不符（记录被改动或删除）"))
            )
        if _digest(event) != event.digest:
            problems.append(ChainProblem(event.seq, _("记录内容与其摘要不符（记录被改动）")))
        previous, expected_seq = event.digest, event.seq + 1
    return problems


def events_for(
    organisation: Organisation | None, start: dt.date | None, end: dt.date | None
) -> Any:
    events = ReviewEvent.objects.order_by("seq")
    if organisation is not None:
        events = events.filter(organisation=organisation)
    if start is not None:
        events = events.filter(created_at__date__gte=start)
    if end is not None:
        events = events.filter(created_at__date__lte=end)
    return events


EXPORT_COLUMNS = [
    ("seq", "序号"),
    ("created_at", "时间"),
    ("organisation", "单位"),
    ("page", "页面编号"),
    ("title", "标题"),
    ("revision", "版本"),
    ("action", "操作"),
    ("step", "环节"),
    ("actor_name", "操作人"),
    ("comment", "意见/理由"),
    ("findings", "检查发现"),
    ("previous", "上一条摘要"),
    ("digest", "摘要"),
]


def export_events(events: Iterable[ReviewEvent], fmt: str = "csv") -> str:
    """The record as CSV (Excel-friendly, with BOM) or JSON; digests included so that an
    exported copy can be checked against the chain later."""
    rows = []
    for event in events:
        fields = _event_fields(event)
        fields["digest"] = event.digest
        fields["organisation"] = str(event.organisation) if event.organisation_id else ""
        fields["action"] = event.get_action_display()
        rows.append(fields)
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([label for _key, label in EXPORT_COLUMNS])
    for row in rows:
        writer.writerow(
            [
                json.dumps(row[key], ensure_ascii=False) if key == "findings" else row[key]
                for key, _label in EXPORT_COLUMNS
            ]
        )
    return out.getvalue()


# --- The checker on pages -------------------------------------------------------------------------


def page_text(page: Any) -> str:
    """The text a reviewer reads: title, document number, body, interpretation parts, and the
    text of attachments that have one. Offsets of findings point into this string."""

    parts = [str(page.title)]
    if isinstance(page, PolicyDocumentPage):
        if page.doc_number:
            parts.append(page.doc_number)
        parts.append(html_to_text(page.body or ""))
        for attachment in page.attachments.all():
            document = attachment.document
            try:
                with document.file.open("rb") as fh:
                    data = fh.read(20_000_000)
                parts.append(extract_text(data, document.file.name))
            except (UnusableInput, OSError, ValueError, NotImplementedError):
                continue
    elif isinstance(page, InterpretationPage):
        parts.append(page.full_text)
    elif callable(getattr(page, "review_text", None)):
        # Content of apps above review (a consultation's draft and explanation, a feedback's
        # reasons) says itself what the reviewer must read.
        parts.append(page.review_text())
    else:
        parts.append(html_to_text(getattr(page, "body", "") or ""))
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


def written_on(page: Any) -> dt.date:
    for name in ("written_on", "published_on"):
        value = getattr(page, name, None)
        if isinstance(value, dt.date):
            return value
    return timezone.localdate()


def _unit_terms(unit: Organisation | None) -> list[UnitTerm]:
    if unit is None:
        return []
    ancestors = [unit, *unit.get_ancestors()]
    return list(UnitTerm.objects.filter(organisation__in=ancestors).order_by("pk"))


def ruleset_for(unit: Organisation | None) -> Any:

    terms = _unit_terms(unit)
    if not terms:
        return default_ruleset()
    return load_ruleset(
        sensitive_words=[t.term for t in terms if t.kind == TermKind.SENSITIVE],
        wrong_expressions=[(t.term, t.correction) for t in terms if t.kind == TermKind.WRONG],
    )


def rules_digest(unit: Organisation | None) -> str:
    """Changes when the checker's data files or the unit's own terms change."""

    digest = hashlib.sha256()
    data_dir = Path(gongkai.checker.__file__).parent / "data"
    for path in sorted(data_dir.rglob("*")):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    for term in _unit_terms(unit):
        digest.update(f"{term.kind}\t{term.term}\t{term.correction}\n".encode())
    return digest.hexdigest()


def check_page(page: Any) -> list[Any]:

    unit = unit_of_page(page)
    return list(check_text(page_text(page), ruleset=ruleset_for(unit), written_on=written_on(page)))


def run_check_task(task_state: TaskState, user: Any = None) -> TaskState:
    """The automated step: record the submission, check the revision, pass it when nothing
    blocks it."""
    state = task_state.specific
    if not isinstance(state, CheckTaskState):
        raise TypeError("the automated check keeps its findings on a CheckTaskState")
    revision = state.revision
    page = revision.as_object()
    requester = state.workflow_state.requested_by or user
    record_event(page=page, action=ReviewAction.SUBMITTED, actor=requester, revision=revision)
    findings = check_page(page)
    state.findings = [f.as_dict() for f in findings]
    state.blocking = sum(1 for f in findings if f.severity == "block")
    state.save(update_fields=["findings", "blocking"])
    summary = (
        _("发现 %(n)d 个阻止级问题，须审核人处理") % {"n": state.blocking}
        if state.blocking
        else _("未发现阻止级问题（共 %(n)d 条提示）") % {"n": len(findings)}
    )
    record_event(
        page=page,
        action=ReviewAction.CHECKED,
        revision=revision,
        step=state.task.name,
        comment=summary,
        findings=state.findings,
    )
    if not state.blocking:
        state.approve(user=None, update=False, comment=summary)
    return state


def check_needed_first(workflow_state: Any) -> AutomatedCheckTask | None:
    """The workflow's automated check, when it has not passed the item's latest revision in
    this run of the workflow (a resubmission after 退回修改); None otherwise."""
    obj = workflow_state.content_object
    revision = obj.get_latest_revision() if obj is not None else None
    if revision is None:
        return None
    checks = AutomatedCheckTask.objects.filter(
        workflow_tasks__workflow_id=workflow_state.workflow_id, active=True
    )
    for task in checks:
        passed = CheckTaskState.objects.filter(
            workflow_state=workflow_state,
            task=task,
            revision=revision,
            status=TaskState.STATUS_APPROVED,
        ).exists()
        if not passed:
            return cast("AutomatedCheckTask", task)  # Wagtail's Task is untyped
    return None


def act_on_step(
    task_state: TaskState, user: Any, action: str, comment: str = "", **_extra: Any
) -> None:
    """A person's decision on a step: approve (签发/审查通过), override the checker, send back."""
    state = task_state.specific
    task = state.task.specific
    page = state.workflow_state.content_object
    if not policies.can_act_on_step(user, page, task):
        raise PermissionDenied(_("您不能处理此审核环节（作者本人不能审批自己的内容）。"))
    comment = (comment or "").strip()
    with transaction.atomic():
        if action == "reject":
            if not comment:
                raise ValidationError(_("退回修改须写明理由。"))
            record_event(
                page=page,
                action=ReviewAction.REJECTED,
                actor=user,
                revision=state.revision,
                step=task.name,
                comment=comment,
            )
            state.reject(user=user, comment=comment)
        elif action == "override" and isinstance(task, AutomatedCheckTask):
            if not comment:
                raise ValidationError(_("放行有阻止级问题的内容须写明理由。"))
            record_event(
                page=page,
                action=ReviewAction.OVERRIDDEN,
                actor=user,
                revision=state.revision,
                step=task.name,
                comment=comment,
                findings=[f for f in state.findings if f.get("severity") == "block"],
            )
            state.approve(user=user, comment=comment)
        elif action == "approve" and not isinstance(task, AutomatedCheckTask):
            if signing.is_signing_step(task) and signing.needs_companion(
                page, state.revision.as_object() if state.revision else None
            ):
                # 三同步: refused here rather than failing in publish(); signing.sign_together
                # signs the policy with its interpretation.
                raise signing.SigningBlocked(signing.blocked_message(page))
            record_event(
                page=page,
                action=ReviewAction.APPROVED,
                actor=user,
                revision=state.revision,
                step=task.name,
                comment=comment,
            )
            state.approve(user=user, comment=comment)
        else:
            raise PermissionDenied(_("此环节没有该操作。"))


def _redact_html(html: str, ruleset: Any) -> str:
    # local import: bs4 is needed only when a draft is redacted
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for node in list(soup.find_all(string=True)):
        if isinstance(node, NavigableString):
            masked = redact(str(node), ruleset=ruleset)
            if masked != str(node):
                node.replace_with(masked)
    return str(soup)


@transaction.atomic
def redact_draft(page: Any, user: Any) -> Revision | None:
    """A new draft revision with personal data masked in the body (and an interpretation's
    parts); None when nothing needed masking. A reviewer applies it, then review goes on."""

    unit = unit_of_page(page)
    if not policies.can_redact(user, unit):
        raise PermissionDenied(_("只有本单位的编辑或审核人可以脱敏处理。"))
    ruleset = ruleset_for(unit)
    draft = page.get_latest_revision_as_object()
    changed = False
    if getattr(draft, "body", None):
        masked = _redact_html(draft.body, ruleset)
        changed |= masked != draft.body
        draft.body = masked
    if isinstance(draft, InterpretationPage):
        for facet in draft.facets.all():
            masked = _redact_html(facet.text, ruleset)
            changed |= masked != facet.text
            facet.text = masked
        for question in draft.questions.all():
            masked = _redact_html(question.answer, ruleset)
            changed |= masked != question.answer
            question.answer = masked
    if not changed:
        return None
    revision = draft.save_revision(user=user, log_action=True)
    record_event(
        page=draft,
        action=ReviewAction.REDACTED,
        actor=user,
        revision=revision,
        comment=_("个人信息已脱敏（身份证号、手机号等）。"),
    )
    return revision


# --- Publication ----------------------------------------------------------------------------------


def authorise_publication(revision: Revision) -> None:
    """Called by every publication of unit content (UnitContentPage.publish)."""
    page = revision.as_object()
    approved = policies.approved_by_workflow(revision)
    system = current_system_publication()
    if not approved and system is None:
        raise ValidationError(
            _("未经审核的内容不能发布（先审后发）：请提交审核，经保密审查和单位负责人签发后发布。")
        )
    if not approved and system is not None:
        reason, actor = system
        record_event(
            page=page,
            action=ReviewAction.SYSTEM_PUBLISHED,
            actor=actor,
            revision=revision,
            comment=reason,
        )
    go_live_at = getattr(page, "go_live_at", None)
    if go_live_at and go_live_at > timezone.now():
        record_event(
            page=page,
            action=ReviewAction.SCHEDULED,
            revision=revision,
            comment=_("定时发布：%(when)s")
            % {"when": timezone.localtime(go_live_at).strftime("%Y-%m-%d %H:%M")},
        )


# --- The workflow -----------------------------------------------------------------------------------


def _default_tasks() -> list[Any]:
    check = AutomatedCheckTask.objects.filter(name=CHECK_TASK_NAME).first()
    if check is None:
        check = AutomatedCheckTask.objects.create(name=CHECK_TASK_NAME)
    confidentiality = UnitRoleTask.objects.filter(step=ReviewStep.CONFIDENTIALITY).first()
    if confidentiality is None:
        confidentiality = UnitRoleTask.objects.create(
            name=CONFIDENTIALITY_TASK_NAME, step=ReviewStep.CONFIDENTIALITY
        )
    approval = UnitRoleTask.objects.filter(step=ReviewStep.APPROVAL).first()
    if approval is None:
        approval = UnitRoleTask.objects.create(name=APPROVAL_TASK_NAME, step=ReviewStep.APPROVAL)
    return [check, confidentiality, approval]


def _set_tasks(workflow: Workflow, tasks: list[Any]) -> None:
    WorkflowTask.objects.filter(workflow=workflow).delete()
    for order, task in enumerate(tasks):
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)


@transaction.atomic
def workflow_ensure() -> Workflow | None:
    """The site-wide 先审后发 workflow on the 政府信息公开 column (every unit's content), and
    Wagtail's stock "Moderators approval" switched off."""

    Workflow.objects.filter(name="Moderators approval", active=True).update(active=False)
    index = DisclosureIndexPage.objects.first()
    if index is None:
        return None
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
        _set_tasks(workflow, _default_tasks())
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return workflow


def workflow_for(unit: Organisation) -> Workflow | None:
    """The workflow the unit's content goes through: its own, else the site-wide one."""
    if unit.home_page_id is not None:
        link = WorkflowPage.objects.filter(page_id=unit.home_page_id).select_related("workflow")
        if (found := link.first()) is not None:
            return found.workflow
    return Workflow.objects.filter(name=WORKFLOW_NAME).first()


def _unit_workflow(unit: Organisation) -> Workflow:
    if unit.home_page_id is None:
        raise ValidationError(_("该单位还没有政府信息公开栏目。"))
    link = WorkflowPage.objects.filter(page_id=unit.home_page_id).select_related("workflow").first()
    if link is not None:
        return link.workflow
    workflow = Workflow.objects.create(name=f"{unit.display_short_name}·{WORKFLOW_NAME}"[:255])
    _set_tasks(workflow, _default_tasks())
    WorkflowPage.objects.create(page_id=unit.home_page_id, workflow=workflow)
    return workflow


STEP_ADDED_ACTION = "gongkai.review_step_add"


@transaction.atomic
def unit_add_step(
    *, unit: Organisation, name: str, reviewers: Iterable[User], actor: User
) -> NamedReviewTask:
    """A unit adds a step (e.g. 法制审核) before 签发, taken by the named colleagues; the audit
    log records who configured it (GB/T 22239-2019 8.1.4.3)."""
    if not policies.can_configure_steps(actor, unit):
        raise PermissionDenied(_("只有单位负责人或政务公开办可以设置审核环节。"))
    reviewers = list(reviewers)
    if not name.strip() or not reviewers:
        raise ValidationError(_("请填写环节名称并指定审核人。"))
    workflow = _unit_workflow(unit)
    task: NamedReviewTask = NamedReviewTask.objects.create(
        name=name.strip()[:255], organisation=unit
    )
    task.reviewers.set(reviewers)
    tasks = [wt.task.specific for wt in workflow.workflow_tasks.select_related("task")]
    approval = next(
        (i for i, t in enumerate(tasks) if getattr(t, "step", "") == ReviewStep.APPROVAL),
        len(tasks),
    )
    tasks.insert(approval, task)
    _set_tasks(workflow, tasks)
    log(
        instance=task,
        action=STEP_ADDED_ACTION,
        user=actor,
        data={"unit": unit.name, "reviewers": [r.get_username() for r in reviewers]},
    )
    return task


# --- Live content: nightly re-check and the units' task lists ----------------------------------------


@dataclass
class RecheckStats:
    pages: int = 0
    checked: int = 0
    new_findings: int = 0
    resolved: int = 0


def recheck_live(
    *, force: bool = False, progress: Callable[[int, int], None] | None = None
) -> RecheckStats:
    """Check live unit content again where the page or the rule data changed since its last
    check; open findings (block and warn) become the unit's task list, fixed ones close."""

    stats = RecheckStats()
    pages = [
        p
        for p in Page.objects.live().type(UnitContentPage).specific().order_by("pk")
        if isinstance(p, UnitContentPage)
    ]
    digests: dict[int | None, str] = {}
    for n, page in enumerate(pages, start=1):
        stats.pages += 1
        unit = unit_of_page(page)
        key = unit.pk if unit else None
        if key not in digests:
            digests[key] = rules_digest(unit)
        last = LiveCheck.objects.filter(page=page).first()
        if (
            not force
            and last is not None
            and last.revision_id_value == page.live_revision_id
            and last.rules_digest == digests[key]
        ):
            continue
        stats.checked += 1
        with transaction.atomic():
            findings = [f for f in check_page(page) if f.severity in ("block", "warn")]
            seen: set[int] = set()
            for f in findings:
                row, created = LiveFinding.objects.get_or_create(
                    page=page,
                    kind=f.kind,
                    excerpt=f.excerpt[:255],
                    start=f.start,
                    defaults={
                        "organisation": unit,
                        "severity": f.severity,
                        "message": f.message[:500],
                        "suggestion": f.suggestion[:255],
                    },
                )
                if created:
                    stats.new_findings += 1
                elif row.resolved_at is not None and row.resolution == _("已修正"):
                    LiveFinding.objects.filter(pk=row.pk).update(resolved_at=None, resolution="")
                seen.add(row.pk)
            stats.resolved += (
                LiveFinding.objects.filter(page=page, resolved_at__isnull=True)
                .exclude(pk__in=seen)
                .update(resolved_at=timezone.now(), resolution=_("已修正"))
            )
            LiveCheck.objects.update_or_create(
                page=page,
                defaults={"revision_id_value": page.live_revision_id, "rules_digest": digests[key]},
            )
        if progress:
            progress(n, len(pages))
    return stats


def accept_live_finding(finding: LiveFinding, user: Any, reason: str) -> None:
    """A reviewer of the unit judges a finding acceptable (e.g. a published official's office
    phone): it leaves the task list, with the reason, and the record says who decided."""
    if not policies.can_accept_live_finding(user, finding.organisation):
        raise PermissionDenied(_("只有本单位的审核人可以处理该问题。"))
    if not reason.strip():
        raise ValidationError(_("请填写理由。"))
    with transaction.atomic():
        finding.resolved_at = timezone.now()
        finding.resolution = reason.strip()[:255]
        finding.save(update_fields=["resolved_at", "resolution"])
        record_event(
            page=finding.page.specific,
            action=ReviewAction.RECHECKED,
            actor=user,
            comment=_("在线内容问题“%(e)s”经审核可保留：%(r)s")
            % {"e": finding.excerpt, "r": reason.strip()},
        )
