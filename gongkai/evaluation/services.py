"""Writes of policy evaluation (政策落实结果评价): every screen, the demo and the tests call these.

Each service is keyword-only, asks evaluation.policies, runs in one transaction and writes an
audit entry (Wagtail's log, actions registered in evaluation.wagtail_hooks). What is published
(the survey's questions, the findings, the conclusion) is written into a new revision of the
page, which only the unit's review publishes (先审后发). The public survey needs no account:
``response_submit`` checks the page is live and the survey open.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from gongkai.core.types import User
from gongkai.evaluation import policies
from gongkai.evaluation.models import (
    ActionReport,
    Conclusion,
    EvaluationRecord,
    PolicyEvaluationPage,
    RecordKind,
    SurveyQuestion,
    SurveyResponse,
)
from gongkai.library.models import ColumnType, PolicyDocumentPage, UnitPage
from gongkai.library.services import column_ensure, unique_child_slug
from gongkai.organisations.models import Organisation
from gongkai.participation import questionnaire_services
from gongkai.participation.models import QuestionKind
from gongkai.review.services import workflow_for

# Audit actions (registered with Wagtail in evaluation.wagtail_hooks).
SURVEY_SAVE = "gongkai.evaluation_survey"
RECORD_SAVE = "gongkai.evaluation_record"
FINDINGS_SAVE = "gongkai.evaluation_findings"
SUBMIT = "gongkai.evaluation_submit"
ACTION_REPORT = "gongkai.evaluation_action"

MAX_QUESTIONS = 30
MAX_TEXT = 20_000


def _unit(evaluation: PolicyEvaluationPage) -> Organisation:
    if evaluation.organisation is None:
        raise ValidationError(_("该评价不属于任何单位。"))
    return cast(Organisation, evaluation.organisation)


def _require_runner(actor: User | None, evaluation: PolicyEvaluationPage) -> None:
    if actor is not None and not policies.can_run_evaluations(actor, _unit(evaluation)):
        raise PermissionDenied(_("您没有权限处理该单位的政策评价。"))


def _person(actor: User | None) -> Any:
    return actor if actor is not None and actor.is_authenticated else None


def issuing_unit(policy: PolicyDocumentPage) -> Organisation | None:
    """The policy's lead issuing unit (发文机关, the first), else the unit that published it."""
    issuer = policy.issuers.select_related("organisation").first()
    if issuer is not None:
        return cast(Organisation, issuer.organisation)
    return cast("Organisation | None", policy.organisation)


def is_policy_of(policy: PolicyDocumentPage, unit: Organisation) -> bool:
    """A unit evaluates its own policies: those it issued or published."""
    if policy.organisation_id == unit.pk:
        return True
    return bool(policy.issuers.filter(organisation=unit).exists())


def _check_dates(start: dt.date | None, end: dt.date | None, field_name: str, what: str) -> None:
    if (start is None) != (end is None):
        raise ValidationError({field_name: _("请同时填写%(w)s的开始和截止日期。") % {"w": what}})
    if start is not None and end is not None and end < start:
        raise ValidationError({field_name: _("%(w)s的截止日期不能早于开始日期。") % {"w": what}})


def _draft(evaluation: PolicyEvaluationPage) -> PolicyEvaluationPage:
    """The latest revision as an object, to write a new revision on; refused while in review
    (the reviewer sees what was submitted, not a moving target)."""
    page = PolicyEvaluationPage.objects.get(pk=evaluation.pk)
    if page.workflow_in_progress:
        raise ValidationError(_("该评价正在审核中，审核结束后才能修改。"), code="in_review")
    return cast(PolicyEvaluationPage, page.get_latest_revision_as_object())


# --- Creating an evaluation -----------------------------------------------------------------------


@transaction.atomic
def evaluation_create(
    *,
    actor: User | None,
    unit: Organisation,
    policy: PolicyDocumentPage,
    title: str = "",
    acting_unit: Organisation | None = None,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    method: str = "",
    survey_opens_on: dt.date | None = None,
    survey_closes_on: dt.date | None = None,
) -> PolicyEvaluationPage:
    """Draft an evaluation of ``policy`` in ``unit``'s 政策评价 column. The page is a draft: it is
    public only once the unit's review approves it (先审后发). The acting unit defaults to the
    policy's issuing unit. ``actor`` None is the system (demo data)."""
    if actor is not None and not policies.can_run_evaluations(actor, unit):
        raise PermissionDenied(_("您没有权限在该单位开展政策评价。"))
    if not policy.live:
        raise ValidationError({"policy": _("只能评价已发布的政策文件。")}, code="policy")
    if not is_policy_of(policy, unit):
        raise ValidationError({"policy": _("只能评价本单位制发的政策文件。")}, code="policy")
    _check_dates(period_start, period_end, "period_end", _("评价期间"))
    _check_dates(survey_opens_on, survey_closes_on, "survey_closes_on", _("问卷"))
    home = UnitPage.objects.filter(organisation=unit).first()
    if home is None:
        raise ValidationError(_("该单位尚未建立政府信息公开栏目。"), code="unit")
    column = column_ensure(home, ColumnType.EVALUATION)
    title = title.strip() or f"《{policy.title}》政策落实情况评价"
    page = PolicyEvaluationPage(
        title=title[:255],
        policy=policy,
        acting_unit=acting_unit or issuing_unit(policy),
        period_start=period_start,
        period_end=period_end,
        method=method.strip()[:MAX_TEXT],
        survey_opens_on=survey_opens_on,
        survey_closes_on=survey_closes_on,
        body="",
    )
    page.slug = unique_child_slug(column, f"pj{timezone.localdate():%Y%m%d}", fallback="zcpj")
    page.owner = _person(actor)
    page.live = False  # a draft until its revision is approved and published
    column.add_child(instance=page)
    page.save_revision(user=page.owner, log_action=True)
    return cast(PolicyEvaluationPage, PolicyEvaluationPage.objects.get(pk=page.pk))


# --- The survey -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionSpec:
    kind: str
    text: str
    required: bool = False
    options: list[str] = field(default_factory=list)
    show_if_number: int | None = None
    show_if_answer: str = ""


def _question(spec: QuestionSpec, number: int) -> SurveyQuestion:
    if spec.kind not in QuestionKind.values:
        raise ValidationError(_("第%(n)s题的题型无效。") % {"n": number}, code="question")
    text = spec.text.strip()
    if not text or len(text) > 300:
        raise ValidationError(_("第%(n)s题请填写题目（300字以内）。") % {"n": number})
    options = [o.strip()[:100] for o in spec.options if o.strip()]
    if spec.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(options) < 2:
        raise ValidationError(_("第%(n)s题是选择题，请至少填写两个选项。") % {"n": number})
    if spec.show_if_number is not None and not (1 <= spec.show_if_number < number):
        raise ValidationError(_("第%(n)s题的前置题号必须是前面的题目。") % {"n": number})
    return SurveyQuestion(
        kind=spec.kind,
        text=text,
        required=spec.required,
        options="\n".join(options) if spec.kind != QuestionKind.SCALE else "",
        show_if_number=spec.show_if_number,
        show_if_answer=spec.show_if_answer.strip()[:100] if spec.show_if_number else "",
        sort_order=number - 1,
    )


@transaction.atomic
def survey_save(
    *,
    actor: User | None,
    evaluation: PolicyEvaluationPage,
    questions: list[QuestionSpec],
    opens_on: dt.date | None,
    closes_on: dt.date | None,
) -> PolicyEvaluationPage:
    """Replace the survey's questions and dates in a new revision (published through review).
    Once answers came in, the questions are fixed: the answers refer to them."""
    _require_runner(actor, evaluation)
    _check_dates(opens_on, closes_on, "survey_closes_on", _("问卷"))
    if len(questions) > MAX_QUESTIONS:
        raise ValidationError(_("问卷最多%(n)s道题。") % {"n": MAX_QUESTIONS})
    if questions and (opens_on is None or closes_on is None):
        raise ValidationError({"survey_closes_on": _("请填写问卷的开始和截止日期。")})
    built = [_question(spec, i) for i, spec in enumerate(questions, start=1)]
    page = _draft(evaluation)
    if SurveyResponse.objects.filter(evaluation=evaluation).exists():
        before = [(q.kind, q.text, q.options) for q in page.questions.all()]
        if before != [(q.kind, q.text, q.options) for q in built]:
            raise ValidationError(_("问卷已收到答卷，不能再修改题目。"), code="answered")
        built = list(page.questions.all())
    page.questions = built
    page.survey_opens_on, page.survey_closes_on = opens_on, closes_on
    page.save_revision(user=_person(actor))
    log(instance=page, action=SURVEY_SAVE, user=actor, data={"questions": len(built)})
    return cast(PolicyEvaluationPage, PolicyEvaluationPage.objects.get(pk=page.pk))


@dataclass(frozen=True)
class SubmittedSheet:
    response: SurveyResponse
    created: bool  # False: the same form was submitted before (token seen)


def response_submit(
    *,
    evaluation: PolicyEvaluationPage,
    answers: dict[int, questionnaire_services.Answer],
    key: str,
    token: str = "",
    today: dt.date | None = None,
) -> SubmittedSheet:
    """Store one answer sheet from the public (no account needed), while the evaluation is live
    and its survey open; answers are checked against the live questions and their conditions.
    A form submitted again with the same one-time token stores nothing new."""
    token = token.strip()[:40]
    if token:
        seen = SurveyResponse.objects.filter(token=token).first()
        if seen is not None:
            if seen.evaluation_id != evaluation.pk:
                raise ValidationError(_("表单已失效，请重新打开问卷。"), code="token")
            return SubmittedSheet(seen, created=False)
    if not evaluation.live:
        raise ValidationError(_("该评价尚未发布。"), code="closed")
    if not evaluation.survey_open_on(today or timezone.localdate()):
        raise ValidationError(_("问卷不在开放期内，不能提交。"), code="closed")
    questions = questionnaire_services.numbered_questions(
        evaluation.questions.order_by("sort_order", "pk")
    )
    stored = questionnaire_services.answers_for_storage(questions, answers)
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                evaluation=evaluation, answers=stored, submitter_key=key, token=token or None
            )
    except IntegrityError:  # the same token, submitted twice at once
        return SubmittedSheet(SurveyResponse.objects.get(token=token), created=False)
    return SubmittedSheet(response, created=True)


# --- Interviews and 座谈 ----------------------------------------------------------------------------


@transaction.atomic
def record_save(
    *,
    actor: User | None,
    evaluation: PolicyEvaluationPage,
    kind: str,
    held_on: dt.date,
    summary: str,
    participants: str = "",
    key_points: str = "",
    record: EvaluationRecord | None = None,
) -> EvaluationRecord:
    """Add (or, given ``record``, correct) an interview, 座谈会 or field-visit record. The public
    sees it after the next publication of the evaluation through review."""
    _require_runner(actor, evaluation)
    if kind not in RecordKind.values:
        raise ValidationError({"kind": _("请选择记录形式。")})
    if not summary.strip():
        raise ValidationError({"summary": _("请填写情况摘要。")})
    if record is not None and record.evaluation_id != evaluation.pk:
        raise ValidationError(_("该记录不属于本评价。"))
    record = record or EvaluationRecord(evaluation=evaluation, recorded_by=_person(actor))
    record.kind, record.held_on = kind, held_on
    record.summary = summary.strip()[:MAX_TEXT]
    record.participants = participants.strip()[:MAX_TEXT]
    record.key_points = key_points.strip()[:MAX_TEXT]
    record.save()
    log(
        instance=evaluation,
        action=RECORD_SAVE,
        user=actor,
        data={"record": record.pk, "kind": kind},
    )
    return record


# --- Findings and conclusion ----------------------------------------------------------------------


@transaction.atomic
def findings_save(
    *,
    actor: User | None,
    evaluation: PolicyEvaluationPage,
    standards: str,
    scope: str,
    effect: str,
    problems: str,
    conclusion: str,
    reasons: str,
    measures: str = "",
) -> PolicyEvaluationPage:
    """Write the findings (执行规范, 覆盖范围, 实施效果, 存在问题) and the conclusion into a new
    revision. A conclusion needs its reasons; revising or ending a policy needs the follow-up
    measures (who does what next)."""
    _require_runner(actor, evaluation)
    if conclusion and conclusion not in Conclusion.values:
        raise ValidationError(
            {"conclusion": _("评价结论只能是继续实施、调整实施、修订完善或废止。")}
        )
    if conclusion and not reasons.strip():
        raise ValidationError({"reasons": _("请写明作出该结论的理由。")})
    if (
        conclusion in (Conclusion.ADJUST, Conclusion.REVISE, Conclusion.END)
        and not measures.strip()
    ):
        raise ValidationError({"measures": _("结论为调整、修订或废止时，请写明后续措施。")})
    page = _draft(evaluation)
    page.finding_standards = standards.strip()[:MAX_TEXT]
    page.finding_scope = scope.strip()[:MAX_TEXT]
    page.finding_effect = effect.strip()[:MAX_TEXT]
    page.finding_problems = problems.strip()[:MAX_TEXT]
    page.conclusion = conclusion
    page.reasons = reasons.strip()[:MAX_TEXT]
    page.measures = measures.strip()[:MAX_TEXT]
    page.save_revision(user=_person(actor))
    log(instance=page, action=FINDINGS_SAVE, user=actor, data={"conclusion": conclusion})
    return cast(PolicyEvaluationPage, PolicyEvaluationPage.objects.get(pk=page.pk))


# --- Review ---------------------------------------------------------------------------------------


@transaction.atomic
def submit_for_review(*, actor: User, evaluation: PolicyEvaluationPage) -> Any:
    """Send the latest revision through the unit's 先审后发 workflow (自动检查 → 保密审查 →
    签发), as the page editor's 提交审核 does."""
    _require_runner(actor, evaluation)
    page = PolicyEvaluationPage.objects.get(pk=evaluation.pk)
    if page.workflow_in_progress:
        raise ValidationError(_("该评价已在审核中。"), code="in_review")
    if page.live and not page.has_unpublished_changes:
        raise ValidationError(_("没有需要审核的修改。"), code="nothing")
    workflow = workflow_for(_unit(page))
    if workflow is None:
        raise ValidationError(_("本单位还没有审核流程。"), code="workflow")
    state = workflow.start(page, actor)
    log(instance=page, action=SUBMIT, user=actor, data={"revision": page.latest_revision_id})
    return state


# --- The acting unit ------------------------------------------------------------------------------


@transaction.atomic
def action_report(*, actor: User, evaluation: PolicyEvaluationPage, text: str) -> ActionReport:
    """The acting unit records what it did on the published conclusion (落实情况)."""
    if not policies.can_report_action(actor, evaluation.acting_unit):
        raise PermissionDenied(_("只有落实单位可以填写落实情况。"))
    if not evaluation.live or not evaluation.conclusion:
        raise ValidationError(_("评价结论发布后才能填写落实情况。"), code="unpublished")
    if not text.strip():
        raise ValidationError({"text": _("请填写落实情况。")})
    report = ActionReport.objects.create(
        evaluation=evaluation,
        unit=cast(Organisation, evaluation.acting_unit),
        text=text.strip()[:MAX_TEXT],
        recorded_by=_person(actor),
    )
    log(instance=evaluation, action=ACTION_REPORT, user=actor, data={"report": report.pk})
    return report
