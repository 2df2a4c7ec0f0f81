"""Staff screens of consultations (意见征集) in the Wagtail admin: the list of the user's
consultations, creating one from an uploaded draft, and per consultation the moderation queue,
a comment with its tags, clause assignment, offline channels, further versions, the analysis
of mass comments and the feedback draft.

The consultation page itself (announcement, dates, questionnaire) is edited in Wagtail's page
editor and published through the unit's review (先审后发); these screens handle what hangs on
it. Every write goes through participation.services, every decision of who may see or do what
through participation.policies. Another unit's consultation or comment answers 404, as a
missing one does; an overseer (政务公开办) reads with names and contacts masked and posts
nothing (403).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from gongkai.core.masking import mask_email, mask_name, mask_phone
from gongkai.core.queryparams import MAX_ID, BadParameter, bad_parameter_response
from gongkai.core.types import User
from gongkai.participation import policies, selectors, services
from gongkai.participation.admin_forms import (
    DISPOSITION_CHOICES,
    ConsultationCreateForm,
    OfflineRecordForm,
    VersionForm,
    theme_labels,
)
from gongkai.participation.models import (
    Clause,
    Comment,
    CommentStatus,
    ConsultationFeedbackPage,
    ConsultationPage,
    Disposition,
)

PAGE_SIZE = 50
# Reasons offered (not imposed) when a comment is held.
HOLD_REASONS = (
    "含辱骂、人身攻击等不文明用语",
    "广告或与本草案无关的内容",
    "重复提交",
    "含他人个人信息",
)
STATUS_FILTERS = ("all", *CommentStatus.values)


# --- Lookups --------------------------------------------------------------------------------------


def _consultation(request: HttpRequest, pk: int) -> ConsultationPage:
    """The consultation if the user may see it; another unit's and a missing one: 404 alike."""
    if pk > MAX_ID:
        raise Http404
    consultation = selectors.consultations_for(request.user).filter(pk=pk).first()
    if consultation is None:
        raise Http404
    return consultation


def _runs(user: User, consultation: ConsultationPage) -> bool:
    unit = consultation.organisation
    return unit is not None and policies.can_run_consultations(user, unit)


def _forbidden(request: HttpRequest, message: str = "") -> HttpResponse:
    """403 with the reason in Chinese (Wagtail's own refusal is a redirect to the dashboard)."""
    return TemplateResponse(
        request,
        "participation/admin/forbidden.html",
        {"message": message or _("您没有权限进行此操作。")},
        status=403,
    )


def _read_only(request: HttpRequest, consultation: ConsultationPage) -> HttpResponse | None:
    """POSTs are the unit's: an overseer (or a reviewer) reads only."""
    if _runs(request.user, consultation):
        return None
    return _forbidden(request, _("您只能查看该意见征集，不能处理意见。"))


def _id(value: str | None) -> int | None:
    """A posted id: ASCII digits that fit a 64-bit key, else None (never a 500)."""
    value = (value or "").strip()
    if not value or not value.isascii() or not value.isdigit() or len(value) > 18:
        return None
    return int(value)


def _ids(values: list[str]) -> list[int]:
    return [i for i in (_id(v) for v in values[:1000]) if i is not None]


def _clauses(consultation: ConsultationPage) -> list[Clause]:
    version = consultation.consulted_version()
    return list(version.clauses.order_by("order")) if version else []


def _clause(consultation: ConsultationPage, value: str | None) -> Clause:
    """A clause of the consulted draft named by a posted id; ValidationError for any other."""
    pk = _id(value)
    version = consultation.consulted_version()
    clause = version.clauses.filter(pk=pk).first() if version and pk else None
    if clause is None:
        raise ValidationError(_("所选条款不属于本次征求意见稿。"))
    return clause


@dataclass(frozen=True)
class Sender:
    name: str
    contact: str
    masked: bool


def _sender(comment: Comment, full: bool) -> Sender:
    if full:
        return Sender(comment.name, comment.contact, masked=False)
    contact = comment.contact
    masked_contact = mask_email(contact) if "@" in contact else mask_phone(contact)
    return Sender(mask_name(comment.name), masked_contact, masked=True)


def _text(comment: Comment, full: bool) -> str:
    """The unit sees what was written; others the text masked by the content checker."""
    return comment.text if full else (comment.public_text or comment.text)


def _editor_url(page_pk: int) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page_pk])


def _error_messages(request: HttpRequest, error: ValidationError | PermissionDenied) -> None:
    if isinstance(error, ValidationError):
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.error(request, str(error) or _("您没有权限进行此操作。"))


def _common(request: HttpRequest, consultation: ConsultationPage) -> dict[str, Any]:
    feedback = ConsultationFeedbackPage.objects.child_of(consultation).first()
    return {
        "consultation": consultation,
        "runs": _runs(request.user, consultation),
        "status_label": consultation.status.label,
        "editor_url": _editor_url(consultation.pk),
        "feedback": feedback,
        "feedback_editor_url": _editor_url(feedback.pk) if feedback else "",
        "closed": timezone.localdate() > consultation.closes_on,
    }


# --- The list and creating a consultation ----------------------------------------------------------


def consultation_list(request: HttpRequest) -> HttpResponse:
    if not policies.sees_participation_admin(request.user):
        return _forbidden(request)
    consultations = selectors.consultations_for(request.user).annotate(
        pending=Count("comments", filter=Q(comments__status=CommentStatus.PENDING)),
        accepted=Count("comments", filter=Q(comments__status=CommentStatus.ACCEPTED)),
        held=Count("comments", filter=Q(comments__status=CommentStatus.HELD)),
    )
    page = Paginator(consultations, PAGE_SIZE).get_page(request.GET.get("p"))
    rows = [{"c": c, "status": c.status.label, "editor_url": _editor_url(c.pk)} for c in page]
    return TemplateResponse(
        request,
        "participation/admin/list.html",
        {
            "page_obj": page,
            "rows": rows,
            "may_create": policies.units_running_consultations(request.user).exists(),
        },
    )


def consultation_create(request: HttpRequest) -> HttpResponse:
    units = policies.units_running_consultations(request.user)
    if not units.exists():
        return _forbidden(request, _("您所在的单位没有发起意见征集的权限。"))
    posted = request.method == "POST"
    form = ConsultationCreateForm(
        request.POST if posted else None, request.FILES if posted else None, units=units
    )
    earliest: dt.date | None = None
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            page = services.consultation_create(
                actor=request.user,
                unit=data["unit"],
                title=data["title"],
                kind=data["kind"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                draft_text=form.draft_text,
                source_name=form.draft_name,
                market_related=data["market_related"],
                urgent_reason=data["urgent_reason"],
                explanation=data["explanation"],
                contact=data["contact"],
            )
        except services.PeriodRefused as refused:
            form.add_error("closes_on", refused.messages)
            earliest = refused.earliest_close
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied as error:
            form.add_error("unit", str(error))
        else:
            clauses = len(_clauses(page))
            messages.success(
                request,
                _(
                    "已起草意见征集，草案拆分为%(n)s个条款。请补充征求意见公告后提交审核，"
                    "审核通过后向社会公布。"
                )
                % {"n": clauses},
            )
            return redirect("wagtailadmin_pages:edit", page.pk)
    if posted and earliest is None:
        earliest = _earliest(form)
    if earliest is not None:
        help_text = _("自开始日期起，不说明理由最早可于%(d)s截止。") % {"d": earliest.isoformat()}
        form.fields["closes_on"].help_text = help_text
        form["closes_on"].help_text = help_text  # the bound field copied the old one
    return TemplateResponse(
        request,
        "participation/admin/create.html",
        {"form": form},
        status=400 if posted else 200,
    )


def _earliest(form: ConsultationCreateForm) -> dt.date | None:
    """The earliest lawful closing date for what was posted, when kind and opening date are
    readable (a help text after an error)."""
    data = getattr(form, "cleaned_data", {})
    kind, opens = data.get("kind"), data.get("opens_on")
    if not kind or not opens:
        return None
    return services.earliest_close_for(
        kind=kind, opens_on=opens, market_related=bool(data.get("market_related"))
    )


# --- One consultation: the moderation queue -------------------------------------------------------


@dataclass(frozen=True)
class QueueParams:
    status: str
    clause: Clause | None
    after: tuple[dt.datetime, int] | None


def _queue_params(request: HttpRequest, consultation: ConsultationPage) -> QueueParams:
    status = request.GET.get("status", CommentStatus.PENDING)
    if status not in STATUS_FILTERS:
        raise BadParameter("status", _("状态只能是待审核、已受理、不予展示或全部。"))
    clause = None
    raw_clause = request.GET.get("clause", "")
    if raw_clause:
        try:
            clause = _clause(consultation, raw_clause)
        except ValidationError:
            raise BadParameter("clause", _("条款不存在。")) from None
    return QueueParams(status, clause, _after(request.GET.get("after", "")))


def _after(raw: str) -> tuple[dt.datetime, int] | None:
    """The keyset cursor ``<created_at ISO 8601>_<id>`` of the last row of the previous page."""
    if not raw:
        return None
    stamp, _sep, pk = raw.rpartition("_")
    bad = BadParameter("after", _("翻页参数有误，请从第一页重新开始。"))
    if len(raw) > 64 or not (pk.isascii() and pk.isdigit()) or len(pk) > 18:
        raise bad
    try:
        created = dt.datetime.fromisoformat(stamp)
    except ValueError:
        raise bad from None
    if timezone.is_naive(created):
        created = timezone.make_aware(created, dt.UTC)
    return created, int(pk)


def _cursor(comment: Comment) -> str:
    return f"{comment.created_at.isoformat()}_{comment.pk}"


def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    if request.method == "POST":
        if refused := _read_only(request, consultation):
            return refused
        try:
            done = _bulk(request, consultation)
        except (ValidationError, PermissionDenied) as error:
            _error_messages(request, error)
            return _detail(request, consultation, status=400)
        messages.success(request, _("已处理%(n)s条意见。") % {"n": done})
        return redirect(request.get_full_path())
    return _detail(request, consultation)


def _bulk(request: HttpRequest, consultation: ConsultationPage) -> int:
    p, user = request.POST, request.user
    ids = _ids(p.getlist("ids"))
    if not ids:
        raise ValidationError(_("请先勾选意见。"))
    action = p.get("action", "")
    if action in ("accept", "hold"):
        return services.comments_moderate(
            actor=user,
            consultation=consultation,
            ids=ids,
            accept=action == "accept",
            reason=p.get("reason", "")[:200],
        )
    if action == "disposition":
        return services.comments_disposition(
            actor=user, consultation=consultation, ids=ids, disposition=p.get("disposition", "-")
        )
    raise ValidationError(_("请选择要进行的操作。"))


def _detail(
    request: HttpRequest, consultation: ConsultationPage, status: int = 200
) -> HttpResponse:
    try:
        params = _queue_params(request, consultation)
    except BadParameter as error:
        return bad_parameter_response(request, error, admin=True)
    full = _runs(request.user, consultation)
    queue = selectors.moderation_queue(
        consultation,
        status="" if params.status == "all" else params.status,
        clause_id=params.clause.pk if params.clause else None,
        after=params.after,
        limit=PAGE_SIZE + 1,
    )
    more = len(queue) > PAGE_SIZE
    queue = queue[:PAGE_SIZE]
    base = {"status": params.status}
    if params.clause:
        base["clause"] = str(params.clause.pk)
    counts = consultation.comments.aggregate(
        pending=Count("pk", filter=Q(status=CommentStatus.PENDING)),
        accepted=Count("pk", filter=Q(status=CommentStatus.ACCEPTED)),
        held=Count("pk", filter=Q(status=CommentStatus.HELD)),
    )
    context = {
        **_common(request, consultation),
        "counts": counts,
        "rows": [{"comment": c, "sender": _sender(c, full), "text": _text(c, full)} for c in queue],
        "params": params,
        "statuses": [("all", _("全部")), *CommentStatus.choices],
        "clauses": _clauses(consultation),
        "first_url": "?" + urlencode(base),
        "next_url": "?" + urlencode({**base, "after": _cursor(queue[-1])}) if more else "",
        "paged": params.after is not None,
        "dispositions": DISPOSITION_CHOICES,
        "hold_reasons": HOLD_REASONS,
        "versions": consultation.versions.all(),
    }
    return TemplateResponse(request, "participation/admin/detail.html", context, status=status)


# --- One comment: moderation and tags --------------------------------------------------------------


def comment_detail(request: HttpRequest, pk: int, comment_id: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    comment = (
        consultation.comments.select_related("clause", "offline").filter(pk=comment_id).first()
        if comment_id <= MAX_ID
        else None
    )
    if comment is None:
        raise Http404
    status = 200
    if request.method == "POST":
        if refused := _read_only(request, consultation):
            return refused
        try:
            _comment_act(request, consultation, comment)
        except (ValidationError, PermissionDenied) as error:
            _error_messages(request, error)
            status = 400
        else:
            messages.success(request, _("已保存。"))
            return redirect(request.get_full_path())
    full = _runs(request.user, consultation)
    return TemplateResponse(
        request,
        "participation/admin/comment.html",
        {
            **_common(request, consultation),
            "comment": comment,
            "sender": _sender(comment, full),
            "text": _text(comment, full),
            "themes": ", ".join(t.label for t in comment.themes.order_by("label")),
            "clauses": _clauses(consultation),
            "dispositions": Disposition.choices,
            "hold_reasons": HOLD_REASONS,
        },
        status=status,
    )


def _comment_act(request: HttpRequest, consultation: ConsultationPage, comment: Comment) -> None:
    p, user = request.POST, request.user
    action = p.get("action", "")
    if action in ("accept", "hold"):
        services.comments_moderate(
            actor=user,
            consultation=consultation,
            ids=[comment.pk],
            accept=action == "accept",
            reason=p.get("reason", "")[:200],
        )
        return
    if action != "tag":
        raise ValidationError(_("请选择要进行的操作。"))
    raw_clause = p.get("clause", "")
    clause = None if raw_clause == "" else _clause(consultation, raw_clause)
    disposition = p.get("disposition", "")
    if disposition not in Disposition.values:
        raise ValidationError(_("未知的采纳情况。"))
    services.comment_tag(
        actor=user,
        comment=comment,
        clause=clause,
        move_clause=clause != comment.clause,
        themes=theme_labels(p.get("themes", "")[:2000]),
        disposition=disposition,
    )


# --- Clauses and their assignment ------------------------------------------------------------------


def clause_list(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    unit = consultation.organisation
    assignees = policies.consultation_assignees(unit) if unit else None
    status = 200
    if request.method == "POST":
        if refused := _read_only(request, consultation):
            return refused
        try:
            clause = _clause(consultation, request.POST.get("clause"))
            raw = request.POST.get("assignee", "")
            assignee = None
            if raw:
                assignee = (
                    assignees.filter(pk=_id(raw) or 0).first() if assignees is not None else None
                )
                if assignee is None:
                    raise ValidationError(_("只能分办给本单位的起草或签发人员。"))
            services.clause_assign(
                actor=request.user,
                clause=clause,
                assignee=assignee,
                note=request.POST.get("note", "")[:200],
            )
        except (ValidationError, PermissionDenied) as error:
            _error_messages(request, error)
            status = 400
        else:
            messages.success(request, _("已分办。") if assignee else _("已收回分办。"))
            return redirect(request.get_full_path())
    counts = dict(
        consultation.comments.exclude(status=CommentStatus.HELD)
        .values_list("clause")
        .annotate(n=Count("pk"))
        .values_list("clause", "n")
    )
    clauses = (
        consultation.consulted_version().clauses.select_related("assignment__assignee")  # type: ignore[union-attr]
        if consultation.consulted_version()
        else Clause.objects.none()
    )
    rows = [
        {
            "clause": c,
            "comments": counts.get(c.pk, 0),
            "assignment": getattr(c, "assignment", None),
        }
        for c in clauses.order_by("order")
    ]
    return TemplateResponse(
        request,
        "participation/admin/clauses.html",
        {
            **_common(request, consultation),
            "rows": rows,
            "whole_draft": counts.get(None, 0),
            "assignees": list(assignees) if assignees is not None else [],
        },
        status=status,
    )


# --- Offline channels and further versions ---------------------------------------------------------


def offline_records(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    clauses = {c.number: c for c in _clauses(consultation)}
    posted = request.method == "POST"
    form = OfflineRecordForm(request.POST if posted else None, clauses=clauses)
    if posted:
        if refused := _read_only(request, consultation):
            return refused
        if form.is_valid():
            data = form.cleaned_data
            try:
                record = services.offline_record_save(
                    actor=request.user,
                    consultation=consultation,
                    kind=data["kind"],
                    held_on=data["held_on"],
                    place=data["place"],
                    participants=data["participants"],
                    conclusions=data["conclusions"],
                    comments=form.parsed,
                )
            except (ValidationError, PermissionDenied) as error:
                _error_messages(request, error)
            else:
                messages.success(
                    request,
                    _("已记录%(kind)s，录入意见%(n)s条。")
                    % {"kind": record.get_kind_display(), "n": record.comments.count()},
                )
                return redirect(request.path)
    records = consultation.offline_records.annotate(n=Count("comments")).order_by("held_on", "pk")
    return TemplateResponse(
        request,
        "participation/admin/offline.html",
        {**_common(request, consultation), "form": form, "records": records},
        status=400 if posted else 200,
    )


def versions(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    posted = request.method == "POST"
    form = VersionForm(request.POST if posted else None, request.FILES if posted else None)
    if posted:
        if refused := _read_only(request, consultation):
            return refused
        if form.is_valid():
            try:
                version = services.version_add(
                    actor=request.user,
                    consultation=consultation,
                    text=form.text,
                    label=form.cleaned_data["label"],
                    final=form.cleaned_data["final"],
                    source_name=form.source_name,
                )
            except (ValidationError, PermissionDenied) as error:
                _error_messages(request, error)
            else:
                messages.success(
                    request,
                    _("已添加%(v)s，拆分为%(n)s个条款。")
                    % {"v": str(version), "n": version.clauses.count()},
                )
                return redirect(request.path)
    rows = consultation.versions.annotate(n=Count("clauses")).order_by("number")
    return TemplateResponse(
        request,
        "participation/admin/versions.html",
        {**_common(request, consultation), "form": form, "rows": rows},
        status=400 if posted else 200,
    )


def feedback_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """起草采纳情况反馈: the feedback page drafted (or its counts refreshed) from the tags; the
    unit writes the reasons in the page editor and submits it to review."""
    consultation = _consultation(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if refused := _read_only(request, consultation):
        return refused
    try:
        page = services.feedback_draft(actor=request.user, consultation=consultation)
    except (ValidationError, PermissionDenied) as error:
        _error_messages(request, error)
        return _detail(request, consultation, status=400)
    messages.success(
        request,
        _("已按意见的采纳情况生成反馈草稿，请填写各条款的理由后提交审核。"),
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


# --- Analysis of mass comments ----------------------------------------------------------------------

GROUP_KINDS = {
    "identical": gettext_lazy("完全相同"),
    "near_duplicate": gettext_lazy("高度相似"),
    "template": gettext_lazy("模板式意见（同一文本轻度改写）"),
}
SAMPLES = 3
CHART_WIDTH = 480


def _run_analysis(comments: list[Comment], *, full: bool) -> dict[str, Any]:
    """The analysis of the comments; ``full`` False (a reader outside the unit): on the texts
    as masked by the checker, so that no keyword carries personal data."""
    # local import: the analysis loads numpy, rjieba and scikit-learn, only for this screen
    from gongkai.participation.analysis import CommentIn, analyse

    inputs = [
        CommentIn(
            id=str(c.pk),
            submitter=c.submitter_key,
            clause=c.clause.number if c.clause else "",
            text=_text(c, full),
        )
        for c in comments
    ]
    return analyse(inputs)


def _chart(consultation: ConsultationPage) -> list[dict[str, Any]]:
    """Accepted comments per clause by disposition, with the bar segments' x and width in
    the SVG's units (the data table next to it gives the same numbers)."""
    rows = services.tally(consultation)
    top = max((r.comments for r in rows), default=0) or 1
    out = []
    for i, r in enumerate(rows):
        undecided = r.comments - r.adopted - r.partly_adopted - r.not_adopted
        x = 0.0
        segments = []
        for key, n in (
            ("adopted", r.adopted),
            ("partly", r.partly_adopted),
            ("not", r.not_adopted),
            ("none", undecided),
        ):
            width = CHART_WIDTH * n / top
            segments.append({"key": key, "x": round(x, 1), "width": round(width, 1), "n": n})
            x += width
        out.append(
            {
                "number": r.number,
                "comments": r.comments,
                "adopted": r.adopted,
                "partly": r.partly_adopted,
                "not_adopted": r.not_adopted,
                "undecided": undecided,
                "y": i * 28,
                "text_y": i * 28 + 15,
                "end_x": round(x + 6, 1),
                "segments": segments,
            }
        )
    return out


def analysis_view(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    status = 200
    if request.method == "POST":
        if refused := _read_only(request, consultation):
            return refused
        try:
            label, n = _tag_theme(request, consultation)
        except (ValidationError, PermissionDenied) as error:
            _error_messages(request, error)
            status = 400
        else:
            messages.success(
                request, _("已将主题“%(t)s”标注到%(n)s条意见。") % {"t": label, "n": n}
            )
            return redirect(request.path)
    full = _runs(request.user, consultation)
    comments = list(consultation.comments.select_related("clause").order_by("pk"))
    by_id = {str(c.pk): c for c in comments}
    result = _run_analysis(comments, full=full)
    groups: list[dict[str, Any]] = []
    themes: list[dict[str, Any]] = []
    for g in result["groups"]:
        members = [by_id[m] for m in g["members"] if m in by_id]
        groups.append(
            {
                "kind": GROUP_KINDS.get(g["kind"], g["kind"]),
                "size": len(members),
                "senders": len({c.submitter_key for c in members}),
                "samples": [_text(c, full) for c in members[:SAMPLES]],
                "members": members,
            }
        )
    groups.sort(key=lambda g: -g["size"])
    for t in result["themes"]:
        themes.append(
            {
                "label": t["label"],
                "keywords": t["keywords"],
                "members": [m for m in t["members"] if m in by_id],
            }
        )
    chart = _chart(consultation)
    return TemplateResponse(
        request,
        "participation/admin/analysis.html",
        {
            **_common(request, consultation),
            "result": result,
            "groups": groups,
            "grouped": sum(g["size"] for g in groups),
            "themes": themes,
            "chart": chart,
            "chart_height": max(len(chart), 1) * 28,
            "chart_width": CHART_WIDTH + 60,
        },
        status=status,
    )


def _tag_theme(request: HttpRequest, consultation: ConsultationPage) -> tuple[str, int]:
    """ "Tag this theme onto its comments": the theme is named by its label and its members are
    found again by the same (deterministic) analysis, so that the form stays small however many
    comments a theme has; a theme that is gone (new comments changed the analysis) is an error."""
    label = request.POST.get("label", "").strip()[:200]
    comments = list(consultation.comments.select_related("clause").order_by("pk"))
    result = _run_analysis(comments, full=True)
    theme = next((t for t in result["themes"] if t["label"] == label), None)
    if theme is None:
        raise ValidationError(_("该主题已不在分析结果中（可能有新的意见），请刷新后重试。"))
    ids = [int(m) for m in theme["members"] if m.isdigit()]
    n = services.comments_theme_add(
        actor=request.user, consultation=consultation, ids=ids, label=label
    )
    return label, n


# --- Registration ---------------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_urls() -> list[Any]:
    return [
        path("consultations/", consultation_list, name="participation_admin_list"),
        path("consultations/new/", consultation_create, name="participation_admin_create"),
        path("consultations/<int:pk>/", consultation_detail, name="participation_admin_detail"),
        path(
            "consultations/<int:pk>/comments/<int:comment_id>/",
            comment_detail,
            name="participation_admin_comment",
        ),
        path("consultations/<int:pk>/clauses/", clause_list, name="participation_admin_clauses"),
        path(
            "consultations/<int:pk>/offline/", offline_records, name="participation_admin_offline"
        ),
        path("consultations/<int:pk>/versions/", versions, name="participation_admin_versions"),
        path(
            "consultations/<int:pk>/feedback/", feedback_draft, name="participation_admin_feedback"
        ),
        path(
            "consultations/<int:pk>/analysis/", analysis_view, name="participation_admin_analysis"
        ),
    ]


class ConsultationMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return policies.sees_participation_admin(request.user)


@hooks.register("register_admin_menu_item")
def register_menu() -> MenuItem:
    return ConsultationMenuItem(
        gettext_lazy("意见征集"),
        reverse("participation_admin_list"),
        icon_name="form",
        order=245,
    )
