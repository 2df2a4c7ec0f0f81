"""Staff screens of 依申请公开 in the Wagtail admin: the case list (scoped to the user's units),
a case with its deadlines, record and every step, registration of offline applications, and
the due-soon/overdue dashboard for units and the city."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Manager, Model, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.views import generic

from gongkai.applications import outcomes, policies, reminders, selectors, services, workflow
from gongkai.applications.forms import RegisterForm
from gongkai.applications.models import (
    OPEN_STATUSES,
    Appeal,
    Application,
    LetterTemplate,
    Pause,
    Status,
)
from gongkai.applications.views import letter_response
from gongkai.core.queryparams import BadParameter, bad_parameter_response, text_param
from gongkai.organisations.admin_views import ScopedDeleteView, ScopedEditView
from gongkai.organisations.models import Organisation

M = TypeVar("M", bound=Model)


def _case(request: HttpRequest, pk: int) -> Application:
    case = Application.objects.select_related("organisation", "handler").filter(pk=pk).first()
    if case is None or not policies.can_view(request.user, case):
        raise Http404  # another unit's case and a missing one get the same answer
    return case


def _posted(objects: QuerySet[M] | Manager[M], value: str | None) -> M | None:
    """The object of a posted id, or None: an id is ASCII digits that fit a 64-bit key (anything
    else is no object, never a 500)."""
    if not value or not value.isascii() or not value.isdigit() or len(value) > 18:
        return None
    return objects.filter(pk=int(value)).first()


# The case list's search: a receipt number is at most 60 printable characters.
MAX_QUERY_LENGTH = 60


def case_list(request: HttpRequest) -> HttpResponse:
    if not policies.sees_case_list(request.user):
        raise PermissionDenied
    cases = policies.visible_cases(request.user).select_related("organisation", "handler")
    status, due = request.GET.get("status", "open"), request.GET.get("due", "")
    today = timezone.localdate()
    if status == "open":
        cases = cases.filter(status__in=OPEN_STATUSES)
    elif status in Status.values:
        cases = cases.filter(status=status)
    if due == "overdue":
        cases = cases.filter(status__in=OPEN_STATUSES, current_due_on__lt=today)
    try:  # bounded (issue 11): a NUL in q was a 500 on PostgreSQL
        query = text_param(request, "q", max_length=MAX_QUERY_LENGTH, label=_("受理编号"))
    except BadParameter as error:
        return bad_parameter_response(request, error, admin=True)
    if query:
        cases = cases.filter(number__icontains=query)
    page = Paginator(cases.order_by("current_due_on", "pk"), 50).get_page(request.GET.get("p"))
    rows = [
        {
            "case": c,
            "applicant": selectors.applicant_name(request.user, c),
            "overdue": c.is_open and c.current_due_on is not None and c.current_due_on < today,
        }
        for c in page
    ]
    return TemplateResponse(
        request,
        "applications/admin/list.html",
        {
            "page_obj": page,
            "rows": rows,
            "status": status,
            "due": due,
            "statuses": Status.choices,
            "may_register": policies.units_user_sees(request.user).exists(),
        },
    )


def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    if request.method == "POST":
        return _act(request, case)
    return _detail(request, case)


def _detail(request: HttpRequest, case: Application, status: int = 200) -> HttpResponse:
    user = request.user
    context = {
        "case": case,
        "person": selectors.personal_data(user, case),
        "correction_text": selectors.correction_text(user, case),
        "events": case.events.all(),
        "pauses": case.pauses.all(),
        # Each letter with whether the applicant sees it on the case page (the same rule).
        "letters": [
            (letter, policies.applicant_may_see_letter(case, letter))
            for letter in case.letters.all()
        ],
        # The applicant's uploads (personal data: the handler only); the reply's files (all).
        "attachments": selectors.applicant_uploads(user, case),
        "reply_files": selectors.reply_files(case),
        "legal_passed": selectors.legal_review_passed(case),
        "extension_requested": selectors.extension_requested(case),
        # The steps this user may take now (workflow.ACTIONS): the page offers exactly these.
        "actions": workflow.available_actions(case, user),
        "draft_details": [
            ("information", _("经审查认定的政府信息名称（留空则照录申请描述）")),
            ("access", _("获取方式和途径（留空则按附件和申请人选择的方式生成）")),
            ("previous_reply", _("前次答复的日期和文号（重复申请）")),
            ("other_agency", _("负责公开该信息的机关或受理渠道")),
            ("other_agency_contact", _("该机关的联系方式")),
            ("article", _("《条例》条款（其他处理）")),
        ],
        "outcomes": outcomes.OUTCOMES,
        # The choices below are the policies' own sets, which the services accept and no more.
        "handlers": policies.assignable_handlers(case),
        "transfer_units": policies.transfer_targets(user, case),
        "close_outcome": policies.closing_outcome(case),
        "S": Status,
        "pause_kinds": [Pause.Kind.THIRD_PARTY, Pause.Kind.AGENCY],
        "today": timezone.localdate(),
    }
    return TemplateResponse(request, "applications/admin/detail.html", context, status=status)


def _date(value: str | None, case: Application) -> dt.date | None:
    """A posted date of a step: between the day the application was received and today (a step
    cannot happen before the case began or in the future; the deadline engine needs no more)."""
    if not value:
        return None
    try:
        on = dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError(_("日期格式不正确。")) from None
    if not case.received_on <= on <= timezone.localdate():
        raise ValidationError(
            _("日期须在收到申请之日（%(d)s）至今天之间。") % {"d": case.received_on}
        )
    return on


def _pages(value: str | None) -> int | None:
    if not value or not value.isascii() or not value.isdigit() or len(value) > 12:
        return None
    return int(value)


def _steps(request: HttpRequest, case: Application, on: dt.date | None) -> dict[str, Any]:
    """Each POSTed action and the service call it makes (the service checks permission)."""
    p, user = request.POST, request.user
    text = p.get("text", "")

    # The ids name anyone and any unit; the services accept only the policies' choices.
    def assign() -> Any:
        handler = _posted(get_user_model().objects, p.get("handler"))
        return services.assign(case, actor=user, handler=handler)

    def transfer() -> Any:
        unit = _posted(Organisation.objects, p.get("unit"))
        return services.transfer(case, actor=user, to_unit=unit, reason=text)

    return {
        "assign": assign,
        "transfer": transfer,
        "correction": lambda: services.request_correction(
            case, actor=user, request_text=text, on=on
        ),
        "corrected": lambda: services.receive_correction(case, actor=user, text=text, on=on),
        "consult": lambda: services.start_consultation(
            case,
            actor=user,
            kind=p.get("kind", ""),
            party=p.get("party", ""),
            reason=p.get("reason", ""),
            on=on,
        ),
        "consulted": lambda: services.end_consultation(case, actor=user, note=text, on=on),
        "extend": lambda: services.extend(case, actor=user, reason=text, on=on),
        "request_extension": lambda: services.request_extension(
            case, actor=user, reason=text, on=on
        ),
        "refuse_extension": lambda: services.refuse_extension(case, actor=user, note=text),
        "attach": lambda: services.attach_reply_files(
            case, actor=user, uploads=request.FILES.getlist("files")
        ),
        "remove_file": lambda: services.remove_reply_file(
            case, actor=user, attachment=_posted(case.attachments, p.get("attachment"))
        ),
        "return": lambda: services.return_reply(case, actor=user, note=text),
        "fee": lambda: services.notify_fee(
            case,
            actor=user,
            method=p.get("method", "case"),
            pages=_pages(p.get("pages")),
            on=on,
        ),
        "paid": lambda: services.record_payment(case, actor=user, on=on),
        "draft": lambda: services.draft_reply(
            case,
            actor=user,
            outcome_code=p.get("outcome", ""),
            basis=text,
            on=on,
            details={k: p.get(k, "") for k in services.DRAFT_DETAILS},
        ),
        "legal": lambda: services.send_to_legal_review(case, actor=user),
        "legal_pass": lambda: services.legal_review(case, actor=user, approve=True, note=text),
        "legal_return": lambda: services.legal_review(case, actor=user, approve=False, note=text),
        "approve": lambda: services.approve_reply(
            case, actor=user, note=text, override_reason=p.get("override", "")
        ),
        "replied": lambda: services.mark_replied(
            case, actor=user, on=on, posted_on=_date(p.get("posted_on"), case)
        ),
        "close": lambda: services.close(
            case, actor=user, outcome_code=p.get("outcome", ""), note=text, on=on
        ),
    }


def _act(request: HttpRequest, case: Application) -> HttpResponse:
    """One POSTed step; every decision is the service's (and its permission check). A refused
    step changes nothing (the service's transaction) and answers 400 (bad input) or 403 (not
    this user's step) with the case page and the reason in Chinese."""
    status = 200
    try:
        step = _steps(request, case, _date(request.POST.get("on"), case)).get(
            request.POST.get("action", "")
        )
        if step is None:
            raise Http404
        step()
    except ValidationError as error:
        status = 400
        for message in error.messages:
            messages.error(request, message)
    except PermissionDenied as error:
        status = 403
        messages.error(request, str(error) or _("您没有权限进行此操作。"))
    else:
        messages.success(request, _("已办理。"))
    fresh = Application.objects.select_related("organisation", "handler").get(pk=case.pk)
    if status != 200:
        return _detail(request, fresh, status=status)
    if not policies.can_view(request.user, fresh):
        return redirect("applications_admin_list")
    return redirect("applications_admin_detail", pk=case.pk)


def letter_file(request: HttpRequest, pk: int, letter_id: int, fmt: str) -> HttpResponseBase:
    case = _case(request, pk)
    letter = policies.staff_letter(request.user, case, letter_id)
    if letter is None:
        raise Http404
    return letter_response(letter, fmt)


def attachment_file(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponseBase:
    case = _case(request, pk)
    attachment = get_object_or_404(case.attachments, pk=attachment_id)
    if not policies.staff_sees_attachment(request.user, case, attachment):
        raise Http404  # the same answer as for a missing file
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


def register_view(request: HttpRequest) -> HttpResponse:
    units = policies.units_user_registers_for(request.user)
    if not units.exists():
        raise PermissionDenied
    form = RegisterForm(request.POST or None, request.FILES or None)
    unit = None
    if request.method == "POST":
        unit = _posted(units, request.POST.get("unit"))
        if unit is None:
            form.add_error(None, _("请选择受理机关。"))
        elif form.is_valid():
            data = {
                k: v
                for k, v in form.cleaned_data.items()
                if k not in ("attachments", "submission_token", "channel", "received_on")
            }
            try:
                result = services.register(
                    unit, data, actor=request.user, channel=form.cleaned_data["channel"],
                    received_on=form.cleaned_data["received_on"], uploads=form.cleaned_data["attachments"],
                )  # fmt: skip
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("已登记：受理编号 %(n)s，查询码 %(c)s（请告知申请人，查询码只显示这一次）。")
                    % {"n": result.case.number, "c": result.code},
                )
                return redirect("applications_admin_detail", pk=result.case.pk)
    return TemplateResponse(
        request,
        "applications/admin/register.html",
        {"form": form, "units": units, "unit": unit},
        status=400 if request.method == "POST" else 200,  # a refused registration
    )


def dashboard(request: HttpRequest) -> HttpResponse:
    units = policies.units_user_sees(request.user).order_by("path")
    if not units.exists():
        raise PermissionDenied
    counts = reminders.overdue_counts(units)
    zero = {"open": 0, "soon": 0, "overdue": 0}
    per_unit = [(u, counts.get(u.pk, zero)) for u in units]
    rows = [{"unit": u, **c} for u, c in per_unit]
    totals = {k: sum(c[k] for _u, c in per_unit) for k in zero}
    return TemplateResponse(
        request, "applications/admin/dashboard.html", {"rows": rows, "totals": totals}
    )


# --- Letter templates and appeal records: Wagtail's generic screens, saving through services ---


class LetterTemplateCreateView(generic.CreateView):
    def save_instance(self) -> LetterTemplate:
        data = self.form.cleaned_data
        return services.letter_template_save(
            actor=self.request.user,
            template=LetterTemplate(),
            organisation=data["organisation"],
            code=data["code"],
            text=data["text"],
        )


class LetterTemplateEditView(ScopedEditView):
    def save_instance(self) -> LetterTemplate:
        data = self.form.cleaned_data
        return services.letter_template_save(
            actor=self.request.user,
            template=self.form.instance,
            organisation=data["organisation"],
            code=data["code"],
            text=data["text"],
        )


class LetterTemplateDeleteView(ScopedDeleteView):
    def delete_action(self) -> None:
        services.letter_template_delete(actor=self.request.user, template=self.object)


def _appeal_data(cleaned: dict[str, Any]) -> services.AppealData:
    return services.AppealData(
        organisation=cleaned["organisation"],
        application=cleaned.get("application"),
        year=cleaned["year"],
        kind=cleaned["kind"],
        result=cleaned["result"],
        filed_on=cleaned.get("filed_on"),
        decided_on=cleaned.get("decided_on"),
        lesson=cleaned.get("lesson", ""),
    )


class AppealCreateView(generic.CreateView):
    def save_instance(self) -> Appeal:
        return services.appeal_save(
            actor=self.request.user,
            appeal=Appeal(),
            data=_appeal_data(self.form.cleaned_data),
        )


class AppealEditView(ScopedEditView):
    def save_instance(self) -> Appeal:
        return services.appeal_save(
            actor=self.request.user,
            appeal=self.form.instance,
            data=_appeal_data(self.form.cleaned_data),
        )


class AppealDeleteView(ScopedDeleteView):
    def delete_action(self) -> None:
        services.appeal_delete(actor=self.request.user, appeal=self.object)
