"""Staff screens of the mailbox in the Wagtail admin (互动交流 → 来信办理, 常见问题, 渠道设置,
来信类别): the list of letters with filters and working days left, a letter's page with its
actions (分办, 转办, 无效, 承办人, 答复, 常见问题), the FAQ, and the settings of the city's
disclosure office.

Every write goes through mailbox.services, every decision through mailbox.policies. Another
unit's letter answers 404 as a missing one does; an overseer reads with names and contacts
masked and posts nothing (403). Bad query parameters answer 400, bad forms 400.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.checker.extract import html_to_text
from gongkai.core.masking import mask_address, mask_email, mask_name, mask_phone
from gongkai.core.queryparams import BadParameter, bad_parameter_response, int_param, text_param
from gongkai.mailbox import policies, selectors, services
from gongkai.mailbox.admin_forms import (
    AnswerForm,
    AssignForm,
    CategoryForm,
    ChannelSettingForm,
    FaqForm,
    FaqUnitForm,
    HandlerForm,
    InvalidateForm,
    TransferForm,
)
from gongkai.mailbox.models import (
    DEFAULT_RESPONSE_WORKDAYS,
    Category,
    Channel,
    ChannelSetting,
    FaqEntry,
    Letter,
    LetterReplyPage,
    LetterStatus,
)

PAGE_SIZE = 50


def _forbidden(request: HttpRequest, message: str = "") -> HttpResponse:
    return TemplateResponse(
        request,
        "mailbox/admin/forbidden.html",
        {"message": message or _("您没有权限进行此操作。")},
        status=403,
    )


def _letter(request: HttpRequest, pk: int) -> Letter:
    letter = selectors.letter_for(request.user, pk)
    if letter is None:
        raise Http404
    return letter


def _errors(request: HttpRequest, error: ValidationError | PermissionDenied) -> None:
    if isinstance(error, ValidationError):
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.error(request, str(error) or _("您没有权限进行此操作。"))


# --- The list ---------------------------------------------------------------------------------------


def _choice(
    request: HttpRequest, name: str, choices: tuple[str, ...] | list[str], label: str
) -> str:
    value = text_param(request, name, max_length=20, label=label)
    if value and value not in choices:
        raise BadParameter(name, _("%(label)s的取值无效。") % {"label": label})
    return value


def letter_list(request: HttpRequest) -> HttpResponse:
    if not policies.sees_mailbox_admin(request.user):
        return _forbidden(request)
    try:
        status = _choice(request, "status", LetterStatus.values, _("状态"))
        channel = _choice(request, "channel", Channel.values, _("渠道"))
        due = _choice(request, "due", selectors.DUE_FILTERS, _("期限"))
        unassigned = _choice(request, "queue", ("1",), _("待分办")) == "1"
        page_no = int_param(request, "p", default=1, low=1, high=100_000, label=_("页码"))
    except BadParameter as error:
        return bad_parameter_response(request, error, admin=True)
    today = timezone.localdate()
    letters = selectors.filtered(
        selectors.letters_for(request.user),
        status=status,
        channel=channel,
        due=due,
        unassigned=unassigned,
        today=today,
    )
    page = Paginator(letters, PAGE_SIZE).get_page(page_no)
    in_page = list(page)
    full = policies.letters_in_full(request.user, in_page)
    rows = [
        {
            "letter": letter,
            "days": selectors.days_left(letter, today),
            "name": letter.name if letter.pk in full else mask_name(letter.name),
            "subject": letter.subject
            if letter.pk in full
            else services.masked_text(letter=letter, text=letter.subject),
        }
        for letter in in_page
    ]
    query = {k: v for k, v in (("status", status), ("channel", channel), ("due", due)) if v}
    if unassigned:
        query["queue"] = "1"
    return TemplateResponse(
        request,
        "mailbox/admin/list.html",
        {
            "page_obj": page,
            "rows": rows,
            "status": status,
            "channel": channel,
            "due": due,
            "unassigned": unassigned,
            "statuses": LetterStatus.choices,
            "channels": Channel.choices,
            "query": urlencode(query),
            "may_route": policies.can_route(request.user),
            "may_configure": policies.can_configure(request.user),
        },
    )


# --- One letter -------------------------------------------------------------------------------------


def _writer(letter: Letter, full: bool) -> dict[str, str]:
    if full:
        return {
            "name": letter.name,
            "phone": letter.phone,
            "email": letter.email,
            "address": letter.address,
        }
    return {
        "name": mask_name(letter.name),
        "phone": mask_phone(letter.phone),
        "email": mask_email(letter.email),
        "address": mask_address(letter.address),
    }


def _forms(request: HttpRequest, letter: Letter, posted: str = "") -> dict[str, Form]:
    """The action forms the user may use on this letter (bound: the one posted)."""
    user = request.user
    data = request.POST if request.method == "POST" else None
    forms: dict[str, Form] = {}
    if policies.can_assign(user, letter):
        from_category = letter.category.default_unit if letter.category else None
        forms["assign"] = AssignForm(
            data if posted == "assign" else None,
            units=policies.assign_targets(user, letter),
            initial={"unit": from_category or letter.received_by},
        )
    if policies.can_transfer(user, letter):
        forms["transfer"] = TransferForm(
            data if posted == "transfer" else None, units=policies.transfer_targets(user, letter)
        )
    if policies.can_invalidate(user, letter):
        forms["invalidate"] = InvalidateForm(data if posted == "invalidate" else None)
    if policies.can_set_handler(user, letter) and letter.organisation is not None:
        forms["handler"] = HandlerForm(
            data if posted == "handler" else None,
            users=policies.assignable_handlers(letter.organisation),
            initial={"handler": letter.handler},
        )
    return forms


def _act(request: HttpRequest, letter: Letter, action: str, form: Form) -> None:
    data = form.cleaned_data
    user = request.user
    if action == "assign":
        services.letter_assign(actor=user, letter=letter, unit=data["unit"])
        messages.success(request, _("已分办至%(u)s。") % {"u": data["unit"].name})
    elif action == "transfer":
        services.letter_transfer(
            actor=user, letter=letter, to_unit=data["to_unit"], reason=data["reason"]
        )
        messages.success(request, _("已转办至%(u)s。") % {"u": data["to_unit"].name})
    elif action == "invalidate":
        services.letter_invalidate(actor=user, letter=letter, reason=data["reason"])
        messages.success(request, _("已认定为无效来信。"))
    elif action == "handler":
        services.letter_handler_set(actor=user, letter=letter, handler=data["handler"])
        messages.success(
            request, _("已指定承办人。") if data["handler"] else _("已取消指定承办人。")
        )


def letter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    letter = _letter(request, pk)
    action = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        forms = _forms(request, letter, posted=action)
        form = forms.get(action)
        if form is None:
            return _forbidden(request, _("您不能对该来信进行此操作。"))
        if form.is_valid():
            try:
                _act(request, letter, action, form)
            except (ValidationError, PermissionDenied) as error:
                _errors(request, error)
            else:
                # After a transfer the letter may no longer be the user's: back to the list.
                if selectors.letter_for(request.user, letter.pk) is None:
                    return redirect("mailbox_admin_list")
                return redirect("mailbox_admin_detail", letter.pk)
    else:
        forms = _forms(request, letter)
    return _detail(request, letter, forms, status=400 if request.method == "POST" else 200)


def _detail(
    request: HttpRequest, letter: Letter, forms: dict[str, Form], *, status: int = 200
) -> HttpResponse:
    user = request.user
    full = policies.sees_personal_data(user, letter)
    reply = LetterReplyPage.objects.filter(letter=letter).first()
    return TemplateResponse(
        request,
        "mailbox/admin/detail.html",
        {
            "letter": letter,
            "full": full,
            "writer": _writer(letter, full),
            "subject": letter.subject
            if full
            else services.masked_text(letter=letter, text=letter.subject),
            "body": letter.body if full else services.masked_text(letter=letter, text=letter.body),
            "days": selectors.days_left(letter, timezone.localdate()),
            "attachments": list(letter.attachments.all()) if full else [],
            "attachment_count": letter.attachments.count(),
            "transfers": letter.transfers.select_related("from_unit", "to_unit", "actor"),
            "forms": forms,
            "may_answer": policies.can_answer(user, letter),
            "may_faq": full and letter.status == LetterStatus.ANSWERED,
            "reply": reply,
            "reply_editor_url": reverse("wagtailadmin_pages:edit", args=[reply.pk])
            if reply is not None and full
            else "",
        },
        status=status,
    )


def letter_attachment(request: HttpRequest, pk: int, file_id: int) -> HttpResponseBase:
    letter = _letter(request, pk)
    if not policies.sees_personal_data(request.user, letter):
        raise Http404  # the same answer as for a missing file
    attachment = letter.attachments.filter(pk=file_id).first()
    if attachment is None:
        raise Http404
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


def letter_answer(request: HttpRequest, pk: int) -> HttpResponse:
    letter = _letter(request, pk)
    if not policies.can_answer(request.user, letter):
        return _forbidden(request, _("只有承办单位可以答复办理中的来信。"))
    reply = LetterReplyPage.objects.filter(letter=letter).first()
    initial: dict[str, Any] = {"publish": letter.consent_publish}
    if reply is not None:
        initial["answer_text"] = html_to_text(reply.get_latest_revision_as_object().body or "")
    form = AnswerForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_draft(
                actor=request.user,
                letter=letter,
                answer_text=form.cleaned_data["answer_text"],
                publish=form.cleaned_data["publish"],
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(request, _("答复已提交审核，签发发布后即为已答复。"))
            return redirect("mailbox_admin_detail", letter.pk)
    return TemplateResponse(
        request,
        "mailbox/admin/answer.html",
        {
            "letter": letter,
            "form": form,
            "question": services.masked_text(letter=letter, text=letter.body),
            "returned": reply is not None,
        },
        status=400 if request.method == "POST" else 200,
    )


# --- FAQ -------------------------------------------------------------------------------------------


def faq_from_letter(request: HttpRequest, pk: int) -> HttpResponse:
    letter = _letter(request, pk)
    if letter.organisation is None or not policies.can_manage_faq(
        request.user, letter.organisation
    ):
        return _forbidden(request, _("只有承办单位可以将来信列入常见问题。"))
    if letter.status != LetterStatus.ANSWERED:
        return _forbidden(request, _("只有已答复的来信可以列入常见问题。"))
    draft = services.faq_from_letter(letter=letter)
    form = FaqForm(
        request.POST if request.method == "POST" else None,
        initial={"question": draft.question, "answer": draft.answer, "published": True, "order": 0},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.faq_save(
                actor=request.user,
                unit=letter.organisation,
                question=data["question"],
                answer=data["answer"],
                source=letter,
                order=data["order"],
                published=data["published"],
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(request, _("已列入常见问题。"))
            return redirect("mailbox_admin_faq")
    return TemplateResponse(
        request,
        "mailbox/admin/faq_form.html",
        {"form": form, "letter": letter, "title": _("由来信生成常见问题")},
        status=400 if request.method == "POST" else 200,
    )


def faq_list(request: HttpRequest) -> HttpResponse:
    if not policies.sees_mailbox_admin(request.user):
        return _forbidden(request)
    try:
        page_no = int_param(request, "p", default=1, low=1, high=100_000, label=_("页码"))
    except BadParameter as error:
        return bad_parameter_response(request, error, admin=True)
    page = Paginator(selectors.faq_for(request.user), PAGE_SIZE).get_page(page_no)
    units = policies.units_handling_letters(request.user)
    return TemplateResponse(
        request,
        "mailbox/admin/faq_list.html",
        {
            "page_obj": page,
            "may_add": units.exists(),
            "editable": set(units.values_list("pk", flat=True)),
        },
    )


def faq_add(request: HttpRequest) -> HttpResponse:
    units = policies.units_handling_letters(request.user)
    if not units.exists():
        return _forbidden(request, _("您所在的单位没有办理来信的权限。"))
    form = FaqUnitForm(request.POST if request.method == "POST" else None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.faq_save(
                actor=request.user,
                unit=data["unit"],
                question=data["question"],
                answer=data["answer"],
                order=data["order"],
                published=data["published"],
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(request, _("已保存。"))
            return redirect("mailbox_admin_faq")
    return TemplateResponse(
        request,
        "mailbox/admin/faq_form.html",
        {"form": form, "title": _("新增常见问题")},
        status=400 if request.method == "POST" else 200,
    )


def _faq_entry(request: HttpRequest, pk: int) -> FaqEntry:
    entry = selectors.faq_for(request.user).filter(pk=pk).first() if pk > 0 else None
    if entry is None:
        raise Http404
    return entry


def faq_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _faq_entry(request, pk)
    if not policies.can_manage_faq(request.user, entry.organisation):
        return _forbidden(request, _("您只能查看该单位的常见问题。"))
    initial = {
        "question": entry.question,
        "answer": entry.answer,
        "order": entry.order,
        "published": entry.published,
    }
    form = FaqForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.faq_save(
                actor=request.user,
                unit=entry.organisation,
                entry=entry,
                question=data["question"],
                answer=data["answer"],
                order=data["order"],
                published=data["published"],
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(request, _("已保存。"))
            return redirect("mailbox_admin_faq")
    return TemplateResponse(
        request,
        "mailbox/admin/faq_form.html",
        {"form": form, "entry": entry, "title": _("编辑常见问题")},
        status=400 if request.method == "POST" else 200,
    )


def faq_delete(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _faq_entry(request, pk)
    if request.method != "POST" or not policies.can_manage_faq(request.user, entry.organisation):
        return _forbidden(request)
    services.faq_delete(actor=request.user, entry=entry)
    messages.success(request, _("已删除。"))
    return redirect("mailbox_admin_faq")


# --- Settings of the city's disclosure office --------------------------------------------------------


def channel_settings(request: HttpRequest) -> HttpResponse:
    if not policies.can_configure(request.user):
        return _forbidden(request, _("只有政务公开办可以设置信件渠道。"))
    settings_by_channel = {s.channel: s for s in ChannelSetting.objects.all()}
    posted = request.POST.get("channel", "") if request.method == "POST" else ""
    if request.method == "POST" and posted not in Channel.values:
        return _forbidden(request, _("没有该渠道。"))
    rows = []
    bad = False
    for value, label in Channel.choices:
        setting = settings_by_channel.get(value)
        initial = {
            "response_workdays": setting.response_workdays
            if setting
            else DEFAULT_RESPONSE_WORKDAYS[value],
            "remind_workdays_before": setting.remind_workdays_before if setting else 2,
            "intro": setting.intro if setting else "",
            "enabled": setting.enabled if setting else True,
        }
        form = ChannelSettingForm(
            request.POST if posted == value else None, initial=initial, prefix=value
        )
        if posted == value:
            if form.is_valid():
                data = form.cleaned_data
                try:
                    services.channel_setting_save(
                        actor=request.user,
                        channel=value,
                        response_workdays=data["response_workdays"],
                        remind_workdays_before=data["remind_workdays_before"],
                        intro=data["intro"],
                        enabled=data["enabled"],
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(request, _("%(c)s设置已保存。") % {"c": label})
                    return redirect("mailbox_admin_channels")
            bad = True
        rows.append({"channel": value, "label": label, "form": form})
    return TemplateResponse(
        request, "mailbox/admin/channels.html", {"rows": rows}, status=400 if bad else 200
    )


def category_list(request: HttpRequest) -> HttpResponse:
    if not policies.can_configure(request.user):
        return _forbidden(request, _("只有政务公开办可以设置来信类别。"))
    form = CategoryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.category_save(
                actor=request.user,
                name=data["name"],
                default_unit=data["default_unit"],
                order=data["order"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已新增类别。"))
            return redirect("mailbox_admin_categories")
    return TemplateResponse(
        request,
        "mailbox/admin/categories.html",
        {"form": form, "categories": Category.objects.select_related("default_unit")},
        status=400 if request.method == "POST" else 200,
    )


def _category(request: HttpRequest, pk: int) -> Category | HttpResponse:
    if not policies.can_configure(request.user):
        return _forbidden(request, _("只有政务公开办可以设置来信类别。"))
    category = Category.objects.filter(pk=pk).first() if 0 < pk < 2**63 else None
    if category is None:
        raise Http404
    return category


def category_edit(request: HttpRequest, pk: int) -> HttpResponse:
    category = _category(request, pk)
    if isinstance(category, HttpResponse):
        return category
    form = CategoryForm(
        request.POST if request.method == "POST" else None,
        initial={
            "name": category.name,
            "default_unit": category.default_unit,
            "order": category.order,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.category_save(
                actor=request.user,
                category=category,
                name=data["name"],
                default_unit=data["default_unit"],
                order=data["order"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已保存。"))
            return redirect("mailbox_admin_categories")
    return TemplateResponse(
        request,
        "mailbox/admin/category_form.html",
        {"form": form, "category": category},
        status=400 if request.method == "POST" else 200,
    )


def category_delete(request: HttpRequest, pk: int) -> HttpResponse:
    category = _category(request, pk)
    if isinstance(category, HttpResponse):
        return category
    if request.method != "POST":
        return _forbidden(request)
    services.category_delete(actor=request.user, category=category)
    messages.success(request, _("已删除类别。"))
    return redirect("mailbox_admin_categories")
