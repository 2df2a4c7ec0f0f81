"""Handling letters from the public (staff side): routing, transfer, invalidation, the answer
through the unit's review, the FAQ, the mailbox's settings, reminders and escalation.

Every function takes keyword arguments, asks mailbox.policies, runs in one transaction and
leaves a Wagtail log entry (the actions are registered in staff_hooks.py). The public side
(the form, the number and query code, the rating) is intake_services.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html import escape
from typing import cast

from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import WorkflowState

from gongkai.checker.engine import redact
from gongkai.checker.extract import html_to_text
from gongkai.core.masking import mask_email, mask_name, mask_phone
from gongkai.core.pagecache import bump_content_version
from gongkai.core.types import User
from gongkai.library.models import ColumnType, UnitPage
from gongkai.library.services import column_ensure
from gongkai.mailbox import periods, policies
from gongkai.mailbox.models import (
    OPEN_STATUSES,
    Category,
    Channel,
    ChannelSetting,
    FaqEntry,
    Letter,
    LetterReplyPage,
    LetterStatus,
    Transfer,
)
from gongkai.organisations.models import Organisation
from gongkai.review.services import workflow_for
from gongkai.workdays.calendar import DatabaseCalendar, WorkCalendar
from gongkai.workdays.deadlines import add_workdays

# Wagtail log actions (registered in staff_hooks.py).
LETTER_ASSIGN = "gongkai.letter_assign"
LETTER_TRANSFER = "gongkai.letter_transfer"
LETTER_INVALIDATE = "gongkai.letter_invalidate"
LETTER_HANDLER = "gongkai.letter_handler"
LETTER_ANSWER_DRAFT = "gongkai.letter_answer_draft"
LETTER_ANSWERED = "gongkai.letter_answered"
LETTER_REVIEW_RETURNED = "gongkai.letter_review_returned"
LETTER_REMINDED = "gongkai.letter_reminded"
LETTER_ESCALATED = "gongkai.letter_escalated"
MAILBOX_SETTINGS = "gongkai.mailbox_settings"

MAX_REASON = 300
MAX_ANSWER = 20_000
MIN_RESPONSE_WORKDAYS, MAX_RESPONSE_WORKDAYS = 1, 60


def _user(actor: User | None) -> AuthUser | None:
    return actor if isinstance(actor, AuthUser) and actor.is_authenticated else None


def _public_view_changed() -> None:
    """Answered letters and the FAQ are on cached public pages: stale once this commits."""
    transaction.on_commit(bump_content_version)


def _reason(reason: str, what: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("请填写%(what)s。") % {"what": what}, code="reason")
    if len(reason) > MAX_REASON:
        raise ValidationError(
            _("%(what)s不能超过%(n)s个字。") % {"what": what, "n": MAX_REASON}, code="reason"
        )
    return reason


def _locked(letter: Letter) -> Letter:
    """The letter's row, locked for this transaction (two clerks acting at once)."""
    return Letter.objects.select_for_update().get(pk=letter.pk)


# --- Routing -----------------------------------------------------------------------------------


@transaction.atomic
def letter_assign(
    *, actor: User, letter: Letter, unit: Organisation, handler: AuthUser | None = None
) -> Letter:
    """分办: a letter of the routing queue goes to the unit that answers it. Its period keeps
    running from receipt (periods.due_on)."""
    letter = _locked(letter)
    if not policies.can_assign(actor, letter):
        raise PermissionDenied(_("只有政务公开办可以分办待分办的来信。"))
    if not policies.assign_targets(actor, letter).filter(pk=unit.pk).exists():
        raise ValidationError(_("请选择承办单位。"), code="unit")
    letter.organisation = unit
    letter.status = LetterStatus.ASSIGNED
    letter.handler = None
    if letter.due_on is None:
        letter.due_on = periods.due_on(letter.channel, letter.received_on)
    letter.save(update_fields=["organisation", "status", "handler", "due_on"])
    log(instance=letter, action=LETTER_ASSIGN, user=_user(actor), data={"unit": unit.name})
    if handler is not None:
        return letter_handler_set(actor=actor, letter=letter, handler=handler)
    return letter


@transaction.atomic
def letter_transfer(*, actor: User, letter: Letter, to_unit: Organisation, reason: str) -> Letter:
    """转办 with the reason: the new unit holds the letter, the old one no longer sees it. A draft
    answer of the old unit (returned by its review) is withdrawn with it."""
    letter = _locked(letter)
    if not policies.can_transfer(actor, letter):
        raise PermissionDenied(_("您不能转办该来信。"))
    if not policies.transfer_targets(actor, letter).filter(pk=to_unit.pk).exists():
        raise ValidationError(_("请选择其他承办单位。"), code="unit")
    reason = _reason(reason, _("转办理由"))
    draft = LetterReplyPage.objects.filter(letter=letter).first()
    if draft is not None:
        if draft.live:
            raise ValidationError(_("该来信的答复已发布，不能转办。"), code="answered")
        _withdraw_reply(draft, actor)
    Transfer.objects.create(
        letter=letter,
        from_unit=letter.organisation,
        to_unit=to_unit,
        reason=reason,
        actor=_user(actor),
    )
    from_name = letter.organisation.name if letter.organisation else ""
    letter.organisation = to_unit
    letter.status = LetterStatus.ASSIGNED
    letter.handler = None
    if letter.due_on is None:
        letter.due_on = periods.due_on(letter.channel, letter.received_on)
    letter.save(update_fields=["organisation", "status", "handler", "due_on"])
    log(
        instance=letter,
        action=LETTER_TRANSFER,
        user=_user(actor),
        data={"from": from_name, "to": to_unit.name, "reason": reason},
    )
    return letter


def _withdraw_reply(page: LetterReplyPage, actor: User) -> None:
    for state in WorkflowState.objects.for_instance(page).filter(
        status__in=(WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES)
    ):
        state.cancel(user=_user(actor))
    page.delete()


@transaction.atomic
def letter_invalidate(*, actor: User, letter: Letter, reason: str) -> Letter:
    """认定无效 (spam, abuse, a duplicate, no content): not counted as a valid letter; the reason
    is kept and shown to the writer with the letter's number and query code."""
    letter = _locked(letter)
    if not policies.can_invalidate(actor, letter):
        raise PermissionDenied(_("您不能认定该来信无效。"))
    letter.invalid_reason = _reason(reason, _("无效理由"))[:200]
    letter.status = LetterStatus.INVALID
    letter.save(update_fields=["invalid_reason", "status"])
    log(
        instance=letter,
        action=LETTER_INVALIDATE,
        user=_user(actor),
        data={"reason": letter.invalid_reason},
    )
    return letter


@transaction.atomic
def letter_handler_set(*, actor: User, letter: Letter, handler: AuthUser | None) -> Letter:
    """承办人 within the unit (None: nobody in particular, the unit's handling staff)."""
    letter = _locked(letter)
    if not policies.can_set_handler(actor, letter):
        raise PermissionDenied(_("您不能为该来信指定承办人。"))
    unit = letter.organisation  # can_set_handler: a unit holds it
    if handler is not None and (
        unit is None or not policies.assignable_handlers(unit).filter(pk=handler.pk).exists()
    ):
        raise ValidationError(_("承办人须为本单位的办理人员。"), code="handler")
    letter.handler = handler
    letter.save(update_fields=["handler"])
    log(
        instance=letter,
        action=LETTER_HANDLER,
        user=_user(actor),
        data={"handler": handler.get_username() if handler else ""},
    )
    return letter


# --- The answer, through the unit's review -----------------------------------------------------


def masked_text(*, letter: Letter, text: str) -> str:
    """What may be published of the writer's text: the content checker's masking (ID numbers,
    phones, …, as participation masks comments) and the writer's own name and contacts."""
    masked = redact(text)
    for raw, mask in (
        (letter.name, mask_name),
        (letter.phone, mask_phone),
        (letter.email, mask_email),
    ):
        value = (raw or "").strip()
        if len(value) >= 2:
            masked = masked.replace(value, mask(value))
    return masked


def _answer_html(text: str) -> str:
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n") if p.strip()]
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def _reply_slug(letter: Letter) -> str:
    return slugify(letter.number) or f"letter-{letter.pk}"


@transaction.atomic
def answer_draft(
    *, actor: User, letter: Letter, answer_text: str, publish: bool
) -> LetterReplyPage:
    """Write the answer as a LetterReplyPage under the unit's 来信选登 column (masked question,
    the answer as body) and submit it to the unit's review (先审后发). A draft the review
    returned is revised and resumes its review. Publication answers the letter
    (signals → letter_answered); ``publish`` is the unit's choice to show the letter publicly,
    which holds only if the writer consented."""
    letter = _locked(letter)
    if not policies.can_answer(actor, letter):
        raise PermissionDenied(_("您不能答复该来信（须为本单位办理中的来信）。"))
    answer_text = (answer_text or "").strip()
    if not answer_text:
        raise ValidationError(_("请填写答复内容。"), code="answer")
    if len(answer_text) > MAX_ANSWER:
        raise ValidationError(_("答复内容过长。"), code="answer")
    unit = letter.organisation  # can_answer: a unit holds it
    home = UnitPage.objects.filter(organisation=unit).first() if unit is not None else None
    if unit is None or home is None:
        raise ValidationError(_("该单位尚未建立政府信息公开栏目。"), code="unit")
    workflow = workflow_for(unit)
    if workflow is None:
        raise ValidationError(_("尚未配置审核流程，不能提交答复。"), code="workflow")
    user = _user(actor)
    title = masked_text(letter=letter, text=letter.subject)[:255] or letter.number
    question = masked_text(letter=letter, text=letter.body)
    existing = LetterReplyPage.objects.filter(letter=letter).first()
    if existing is None:
        column = column_ensure(home, ColumnType.LETTERS)
        page = LetterReplyPage(
            title=title, slug=_reply_slug(letter), letter=letter, question=question
        )
        page.body = _answer_html(answer_text)
        page.owner = user
        page.live = False
        column.add_child(instance=page)
    else:
        page = existing.get_latest_revision_as_object()
        page.title, page.question, page.body = title, question, _answer_html(answer_text)
    page.save_revision(user=user, log_action=True)
    page = LetterReplyPage.objects.get(pk=page.pk)
    # The unit's choice first: a review without a person's step may publish at once, and the
    # publication (letter_answered) reads it.
    letter.publish = bool(publish and letter.consent_publish)
    letter.save(update_fields=["publish"])
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=user)
    elif state is not None:
        raise ValidationError(_("答复正在审核中。"), code="in_review")
    else:
        workflow.start(page, user)
    # In review, unless the review already ended (published: letter_answered ran).
    Letter.objects.filter(pk=letter.pk, status=LetterStatus.ASSIGNED).update(
        status=LetterStatus.IN_REVIEW
    )
    log(
        instance=letter,
        action=LETTER_ANSWER_DRAFT,
        user=user,
        data={"page": page.pk, "publish": letter.publish},
    )
    return cast(LetterReplyPage, page)


@transaction.atomic
def letter_answered(*, page: LetterReplyPage) -> Letter:
    """The reply page went live (the review's last step published it): the letter is answered
    on that day, its answer is the page's text, and what the public may see is masked. Called
    by signals.py; publishing an edited answer again updates the text, not the date."""
    letter = _locked(page.letter)
    if letter.status == LetterStatus.INVALID:
        return letter
    now = timezone.now()
    if letter.answered_at is None:
        letter.answered_at = now
        letter.answered_on = timezone.localdate(now)
    letter.status = LetterStatus.ANSWERED
    letter.answer = html_to_text(page.body or "").strip()
    letter.public_subject = masked_text(letter=letter, text=letter.subject)[:100]
    letter.public_body = masked_text(letter=letter, text=letter.body)
    letter.publish = bool(letter.publish and letter.consent_publish)
    letter.save(
        update_fields=[
            "answered_at",
            "answered_on",
            "status",
            "answer",
            "public_subject",
            "public_body",
            "publish",
        ]
    )
    log(instance=letter, action=LETTER_ANSWERED, user=None, data={"page": page.pk})
    _public_view_changed()
    return letter


@transaction.atomic
def letter_review_returned(*, page: LetterReplyPage) -> Letter:
    """The review sent the answer back (or it was withdrawn): the letter is being handled
    again. Called by signals.py."""
    letter = _locked(page.letter)
    if letter.status == LetterStatus.IN_REVIEW:
        letter.status = LetterStatus.ASSIGNED
        letter.save(update_fields=["status"])
        log(instance=letter, action=LETTER_REVIEW_RETURNED, user=None, data={"page": page.pk})
    return letter


@transaction.atomic
def letter_review_resumed(*, page: LetterReplyPage) -> Letter:
    """The answer went back into review from the page editor: the letter is in review."""
    letter = _locked(page.letter)
    if letter.status == LetterStatus.ASSIGNED:
        letter.status = LetterStatus.IN_REVIEW
        letter.save(update_fields=["status"])
    return letter


# --- Frequently asked questions -----------------------------------------------------------------


@dataclass(frozen=True)
class FaqDraft:
    question: str
    answer: str


def faq_from_letter(*, letter: Letter) -> FaqDraft:
    """Question and answer pre-filled from an answered letter (masked), for the unit to edit."""
    if letter.status != LetterStatus.ANSWERED:
        raise ValidationError(_("只有已答复的来信可以列入常见问题。"), code="status")
    question = letter.public_subject or masked_text(letter=letter, text=letter.subject)
    return FaqDraft(question=question[:200], answer=letter.answer)


@transaction.atomic
def faq_save(
    *,
    actor: User,
    unit: Organisation,
    question: str,
    answer: str,
    entry: FaqEntry | None = None,
    source: Letter | None = None,
    order: int = 0,
    published: bool = True,
) -> FaqEntry:
    if entry is not None:
        unit = entry.organisation
    if not policies.can_manage_faq(actor, unit):
        raise PermissionDenied(_("您不能编辑该单位的常见问题。"))
    question, answer = (question or "").strip(), (answer or "").strip()
    if not question or not answer:
        raise ValidationError(_("请填写问题和答复。"), code="faq")
    if source is not None and (
        source.organisation_id != unit.pk or source.status != LetterStatus.ANSWERED
    ):
        raise ValidationError(_("来源来信须为本单位已答复的来信。"), code="source")
    if entry is None:
        entry = FaqEntry(organisation=unit, source=source)
    entry.question, entry.answer = question[:200], answer
    entry.order, entry.published = max(0, min(order, 32767)), published
    entry.full_clean()
    entry.save()
    if source is not None and not source.in_faq:
        Letter.objects.filter(pk=source.pk).update(in_faq=True)
    log(instance=entry, action="wagtail.edit", user=_user(actor))
    _public_view_changed()
    return entry


@transaction.atomic
def faq_delete(*, actor: User, entry: FaqEntry) -> None:
    if not policies.can_manage_faq(actor, entry.organisation):
        raise PermissionDenied(_("您不能删除该单位的常见问题。"))
    log(instance=entry, action="wagtail.delete", user=_user(actor))
    if entry.source_id is not None:
        others = FaqEntry.objects.filter(source_id=entry.source_id).exclude(pk=entry.pk)
        if not others.exists():
            Letter.objects.filter(pk=entry.source_id).update(in_faq=False)
    entry.delete()
    _public_view_changed()


# --- Settings: channels and categories ----------------------------------------------------------


@transaction.atomic
def channel_setting_save(
    *,
    actor: User,
    channel: str,
    response_workdays: int,
    remind_workdays_before: int,
    intro: str = "",
    enabled: bool = True,
) -> ChannelSetting:
    """A channel's response period (working days) and public form. Letters already received
    keep the period they were received under (as applications keep theirs)."""
    if not policies.can_configure(actor):
        raise PermissionDenied(_("只有政务公开办可以设置信件渠道。"))
    if channel not in Channel.values:
        raise ValidationError(_("没有该渠道。"), code="channel")
    if not MIN_RESPONSE_WORKDAYS <= response_workdays <= MAX_RESPONSE_WORKDAYS:
        raise ValidationError(
            _("答复期限应在%(a)s至%(b)s个工作日之间。")
            % {"a": MIN_RESPONSE_WORKDAYS, "b": MAX_RESPONSE_WORKDAYS},
            code="workdays",
        )
    if not 0 <= remind_workdays_before <= response_workdays:
        raise ValidationError(_("到期前提醒天数不能超过答复期限。"), code="remind")
    setting, _created = ChannelSetting.objects.update_or_create(
        channel=channel,
        defaults={
            "response_workdays": response_workdays,
            "remind_workdays_before": remind_workdays_before,
            "intro": (intro or "").strip(),
            "enabled": enabled,
        },
    )
    log(
        instance=setting,
        action=MAILBOX_SETTINGS,
        user=_user(actor),
        data={"channel": channel, "response_workdays": response_workdays},
    )
    _public_view_changed()
    return setting


@transaction.atomic
def category_save(
    *,
    actor: User,
    name: str,
    default_unit: Organisation | None,
    order: int = 0,
    category: Category | None = None,
) -> Category:
    if not policies.can_configure(actor):
        raise PermissionDenied(_("只有政务公开办可以设置来信类别。"))
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("请填写类别名称。"), code="name")
    clash = Category.objects.filter(name=name)
    if category is not None:
        clash = clash.exclude(pk=category.pk)
    if clash.exists():
        raise ValidationError(_("已有同名类别。"), code="name")
    category = category or Category()
    category.name, category.default_unit = name[:40], default_unit
    category.order = max(0, min(order, 32767))
    category.save()
    log(instance=category, action="wagtail.edit", user=_user(actor))
    _public_view_changed()
    return category


@transaction.atomic
def category_delete(*, actor: User, category: Category) -> None:
    """Letters of the category keep their text; their category becomes empty (SET_NULL)."""
    if not policies.can_configure(actor):
        raise PermissionDenied(_("只有政务公开办可以设置来信类别。"))
    log(instance=category, action="wagtail.delete", user=_user(actor))
    category.delete()
    _public_view_changed()


# --- Reminders and escalation ---------------------------------------------------------------------


@dataclass
class RemindStats:
    due_soon: int = 0
    escalated: int = 0
    messages: list[tuple[str, list[str], str]] = field(default_factory=list)  # (kind, to, number)


def _addresses(users: list[AuthUser]) -> list[str]:
    seen: list[str] = []
    for user in users:
        if user.is_active and user.email and user.email not in seen:
            seen.append(user.email)
    return seen


def _unit_name(letter: Letter) -> str:
    return letter.organisation.name if letter.organisation else _("（待分办）")


def _reminder(letter: Letter, to: list[str]) -> EmailMessage:
    subject = f"【来信办理】{letter.number} 将于 {letter.due_on} 到期"
    body = (
        f"{_unit_name(letter)}承办的{Channel(letter.channel).label}来信 {letter.number}"
        f"（{letter.subject}）答复期限为 {letter.due_on}，请及时答复。"
    )
    return EmailMessage(subject, body, None, to)


def _escalation(letter: Letter, today: dt.date, to: list[str]) -> EmailMessage:
    subject = f"【来信督办】{letter.number} 已超过答复期限"
    body = (
        f"{_unit_name(letter)}承办的{Channel(letter.channel).label}来信 {letter.number}"
        f"答复期限为 {letter.due_on}，截至 {today} 尚未答复。请督促办理："
        "有效来信超过3个月未答复的，政府网站检查为单项否决（国办秘函〔2019〕19号）。"
    )
    return EmailMessage(subject, body, None, to)


def letters_remind(
    *, today: dt.date | None = None, calendar: WorkCalendar | None = None
) -> RemindStats:
    """The daily run (``gongkai mailbox-remind``), in the way applications.services.reminders
    notifies (e-mail to the people concerned, once): letters due within their channel's
    ``remind_workdays_before`` working days remind the handler (else the unit's handling
    staff) once (``reminded_on``); overdue letters are escalated once to the overseeing
    offices (政务公开办) and the unit's handling staff (``escalated_at``). Running it again the
    same day, or the next, notifies nobody twice."""
    today = today or timezone.localdate()
    calendar = calendar or DatabaseCalendar()
    stats = RemindStats()
    mails: list[EmailMessage] = []
    with transaction.atomic():
        for channel in Channel.values:
            setting = ChannelSetting.objects.filter(channel=channel).first()
            before = setting.remind_workdays_before if setting is not None else 2
            horizon = add_workdays(calendar, today, before)
            soon = (
                Letter.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(
                    channel=channel,
                    status__in=OPEN_STATUSES,
                    due_on__gte=today,
                    due_on__lte=horizon,
                    reminded_on__isnull=True,
                )
                .select_related("organisation", "handler")
                .order_by("pk")
            )
            for letter in soon:
                to = _addresses(policies.reminder_recipients(letter))
                if to:
                    mails.append(_reminder(letter, to))
                stats.messages.append(("due_soon", to, letter.number))
                stats.due_soon += 1
                letter.reminded_on = today
                letter.save(update_fields=["reminded_on"])
                log(instance=letter, action=LETTER_REMINDED, user=None, data={"to": to})
        overdue = (
            Letter.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(status__in=OPEN_STATUSES, due_on__lt=today, escalated_at__isnull=True)
            .select_related("organisation", "handler")
            .order_by("pk")
        )
        now = timezone.now()
        for letter in overdue:
            people = policies.overseers_of(letter.organisation)
            if letter.organisation is not None:
                people += policies.reminder_recipients(letter)
            to = _addresses(people)
            if to:
                mails.append(_escalation(letter, today, to))
            stats.messages.append(("escalated", to, letter.number))
            stats.escalated += 1
            letter.escalated_at = now
            letter.save(update_fields=["escalated_at"])
            log(instance=letter, action=LETTER_ESCALATED, user=None, data={"to": to})
    if mails:  # after the commit: the rows say who was told, the mail follows
        get_connection(fail_silently=True).send_messages(mails)
    return stats
