"""Staff screens of 依申请公开 in the Wagtail admin: the case list (scoped to the user's units),
a case with its deadlines, record and every step, registration of offline applications, and
the due-soon/overdue dashboard for units and the city."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.applications import outcomes, policies, reminders, services
from gongkai.applications.forms import RegisterForm
from gongkai.applications.models import OPEN_STATUSES, Application, Letter, Pause, Status
from gongkai.core.masking import mask_address, mask_email, mask_id, mask_name, mask_phone
from gongkai.core.queryparams import BadParameter, bad_parameter_response, text_param
from gongkai.organisations.models import Organisation
from gongkai.organisations.policies import Capability, organisations_with_capability


def _case(request: HttpRequest, pk: int) -> Application:
    case = get_object_or_404(Application.objects.select_related("organisation", "handler"), pk=pk)
    if not policies.can_view(request.user, case):
        raise PermissionDenied
    return case


def case_list(request: HttpRequest) -> HttpResponse:
    cases = policies.visible_cases(request.user).select_related("organisation", "handler")
    if not cases.exists() and not policies.units_user_sees(request.user).exists():
        raise PermissionDenied
    status, due = request.GET.get("status", "open"), request.GET.get("due", "")
    today = timezone.localdate()
    if status == "open":
        cases = cases.filter(status__in=OPEN_STATUSES)
    elif status in Status.values:
        cases = cases.filter(status=status)
    if due == "overdue":
        cases = cases.filter(status__in=OPEN_STATUSES, current_due_on__lt=today)
    try:  # bounded (issue 11): a NUL in q was a 500 on PostgreSQL
        query = text_param(request, "q", max_length=60, label=_("受理编号"))
    except BadParameter as error:
        return bad_parameter_response(request, error, admin=True)
    if query:
        cases = cases.filter(number__icontains=query)
    page = Paginator(cases.order_by("current_due_on", "pk"), 50).get_page(request.GET.get("p"))
    rows = [
        {
            "case": c,
            "applicant": c.applicant_name
            if policies.sees_personal_data(request.user, c)
            else mask_name(c.applicant_name),
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


def _personal(request: HttpRequest, case: Application) -> dict[str, str]:
    full = policies.sees_personal_data(request.user, case)
    return {
        "name": case.applicant_name if full else mask_name(case.applicant_name),
        "id_number": case.id_number if full else mask_id(case.id_number),
        "phone": case.phone if full else mask_phone(case.phone),
        "email": case.email if full else mask_email(case.email),
        "address": case.address if full else mask_address(case.address),
        "full": "1" if full else "",
    }


def _handlers(case: Application) -> Any:
    from gongkai.organisations.models import Membership, Role

    ids = Membership.objects.filter(
        organisation=case.organisation, role__in=[Role.DISCLOSURE_OFFICER, Role.UNIT_HEAD]
    ).values_list("user_id", flat=True)
    return get_user_model().objects.filter(pk__in=ids).order_by("username")


def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    if request.method == "POST":
        return _act(request, case)
    user = request.user
    reply = services.current_reply(case)
    context = {
        "case": case,
        "person": _personal(request, case),
        "events": case.events.all(),
        "pauses": case.pauses.all(),
        "letters": case.letters.all(),
        "attachments": case.attachments.all() if policies.sees_personal_data(user, case) else [],
        "reply": reply,
        "outcomes": outcomes.OUTCOMES,
        "handlers": _handlers(case),
        "transfer_units": organisations_with_capability(user, Capability.OVERSEE).exclude(
            pk=case.organisation_id
        )
        if policies.can_transfer(user, case)
        else Organisation.objects.none(),
        "can_handle": policies.can_handle(user, case),
        "can_extend": policies.can_approve_extension(user, case)
        and not case.extended
        and case.is_open,
        "can_legal": policies.can_legal_review(user, case) and case.status == Status.LEGAL_REVIEW,
        "can_approve": policies.can_approve_reply(user, case, reply)
        and case.status == Status.REPLY_DRAFTED,
        "S": Status,
        "pause_kinds": [Pause.Kind.THIRD_PARTY, Pause.Kind.AGENCY],
        "today": timezone.localdate(),
    }
    return TemplateResponse(request, "applications/admin/detail.html", context)


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError(_("日期格式不正确。")) from None


def _steps(request: HttpRequest, case: Application, on: dt.date | None) -> dict[str, Any]:
    """Each POSTed action and the service call it makes (the service checks permission)."""
    p, user = request.POST, request.user
    text = p.get("text", "")

    def assign() -> Any:
        handler = get_object_or_404(get_user_model(), pk=p.get("handler"))
        return services.assign(case, actor=user, handler=handler)

    def transfer() -> Any:
        unit = get_object_or_404(Organisation, pk=p.get("unit"))
        return services.transfer(case, actor=user, to_unit=unit, reason=text)

    return {
        "assign": assign,
        "transfer": transfer,
        "correction": lambda: services.request_correction(
            case, actor=user, request_text=text, on=on
        ),
        "corrected": lambda: services.receive_correction(case, actor=user, text=text, on=on),
        "consult": lambda: services.start_consultation(
            case, actor=user, kind=p.get("kind", ""), party=p.get("party", ""), on=on
        ),
        "consulted": lambda: services.end_consultation(case, actor=user, note=text, on=on),
        "extend": lambda: services.extend(case, actor=user, reason=text, on=on),
        "fee": lambda: services.notify_fee(
            case,
            actor=user,
            method=p.get("method", "case"),
            pages=int(p["pages"]) if p.get("pages", "").isdigit() else None,
            on=on,
        ),
        "paid": lambda: services.record_payment(case, actor=user, on=on),
        "draft": lambda: services.draft_reply(
            case, actor=user, outcome_code=p.get("outcome", ""), basis=text, on=on
        ),
        "legal": lambda: services.send_to_legal_review(case, actor=user),
        "legal_pass": lambda: services.legal_review(case, actor=user, approve=True, note=text),
        "legal_return": lambda: services.legal_review(case, actor=user, approve=False, note=text),
        "approve": lambda: services.approve_reply(
            case, actor=user, note=text, override_reason=p.get("override", "")
        ),
        "replied": lambda: services.mark_replied(
            case, actor=user, on=on, posted_on=_date(p.get("posted_on"))
        ),
        "close": lambda: services.close(
            case, actor=user, outcome_code=p.get("outcome", ""), note=text, on=on
        ),
    }


def _act(request: HttpRequest, case: Application) -> HttpResponse:
    """One POSTed step; every decision is the service's (and its permission check)."""
    try:
        step = _steps(request, case, _date(request.POST.get("on"))).get(
            request.POST.get("action", "")
        )
        if step is None:
            raise Http404
        step()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    except PermissionDenied as error:
        messages.error(request, str(error) or _("您没有权限进行此操作。"))
    else:
        messages.success(request, _("已办理。"))
    if not policies.can_view(request.user, Application.objects.get(pk=case.pk)):
        return redirect("applications_admin_list")
    return redirect("applications_admin_detail", pk=case.pk)


def letter_file(request: HttpRequest, pk: int, letter_id: int, fmt: str) -> HttpResponseBase:
    from gongkai.applications.views import letter_response

    case = _case(request, pk)
    letter = get_object_or_404(Letter, pk=letter_id, application=case)
    return letter_response(letter, fmt)


def attachment_file(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponseBase:
    from django.http import FileResponse

    case = _case(request, pk)
    if not policies.sees_personal_data(request.user, case):
        raise PermissionDenied
    attachment = get_object_or_404(case.attachments, pk=attachment_id)
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
        unit = units.filter(pk=request.POST.get("unit")).first()
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
        request, "applications/admin/register.html", {"form": form, "units": units, "unit": unit}
    )


def dashboard(request: HttpRequest) -> HttpResponse:
    units = policies.units_user_sees(request.user).order_by("path")
    if not units.exists():
        raise PermissionDenied
    counts = reminders.overdue_counts(units)
    rows = [{"unit": u, **counts.get(u.pk, {"open": 0, "soon": 0, "overdue": 0})} for u in units]
    totals = {k: sum(r[k] for r in rows) for k in ("open", "soon", "overdue")}
    return TemplateResponse(
        request, "applications/admin/dashboard.html", {"rows": rows, "totals": totals}
    )
