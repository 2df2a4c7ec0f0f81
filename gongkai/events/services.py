"""Writes of online interviews and press conferences: the screens, the demo and the tests call
these. Each is keyword-only, asks events.policies, runs in one transaction and writes an entry
in Wagtail's log (actions registered in events.wagtail_hooks).

The public's questions (``question_submit``) are anonymous: accepted only while the event is
announced and has not started, deduplicated by the form's one-time token, masked by the content
checker before anyone sees them (条例 第十五条: personal data is not disclosed), held for a person
when they contain abusive words. The transcript is checked by the content checker as every
publication is (先审后发): a finding of severity "block" (a sensitive word, a secret marking,
unmasked personal data) refuses the entry; warnings do not.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from gongkai.checker.engine import check_text, redact
from gongkai.checker.findings import kind_label
from gongkai.core.pagecache import bump_content_version
from gongkai.core.types import User
from gongkai.events import policies
from gongkai.events.models import (
    Event,
    EventGuest,
    EventKind,
    EventStatus,
    PreQuestion,
    QuestionStatus,
    TranscriptEntry,
    validate_video_url,
)
from gongkai.library.models import InterpretationPage, PolicyDocumentPage
from gongkai.organisations.models import Organisation
from gongkai.participation.services import looks_abusive
from gongkai.review.services import ruleset_for

# Audit actions (registered with Wagtail in events.wagtail_hooks).
EVENT_SAVE = "gongkai.event_save"
EVENT_PUBLISH = "gongkai.event_publish"
EVENT_START = "gongkai.event_start"
EVENT_ARCHIVE = "gongkai.event_archive"
GUEST_SAVE = "gongkai.event_guest_save"
GUEST_DELETE = "gongkai.event_guest_delete"
QUESTION_MODERATE = "gongkai.event_question_moderate"
TRANSCRIPT_POST = "gongkai.transcript_post"
TRANSCRIPT_EDIT = "gongkai.transcript_edit"

MAX_QUESTION_CHARS = 1_000
MAX_ENTRY_CHARS = 5_000
HOST = "主持人"
NETIZEN = "网友"

# Words that hold a question for a moderator's look (不文明用语); the same list as
# participation's comments.


def _require_runner(actor: User, event: Event) -> None:
    if not policies.can_run_events(actor, event.organisation):
        raise PermissionDenied(_("您没有管理该活动的权限。"))


def _public_view_changed(event: Event) -> None:
    """The event's page, the list and the linked policies' pages are cached (core.pagecache):
    stale once this transaction commits, for a published event."""
    if event.published:
        transaction.on_commit(bump_content_version)


def _user_or_none(actor: User) -> AuthUser | None:
    return actor if isinstance(actor, AuthUser) else None


# --- Events ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventData:
    """What the event form edits (typed, so that services take no loose dicts)."""

    kind: str
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    summary: str = ""
    video_url: str = ""
    policies: tuple[PolicyDocumentPage, ...] = ()
    interpretations: tuple[InterpretationPage, ...] = ()


def _check_data(data: EventData) -> None:
    if data.kind not in EventKind.values:
        raise ValidationError(_("没有这种活动类别。"), code="kind")
    if not data.title.strip():
        raise ValidationError(_("请填写标题。"), code="title")
    if data.ends_at <= data.starts_at:
        raise ValidationError(_("结束时间须晚于开始时间。"), code="ends_at")
    if data.video_url:
        validate_video_url(data.video_url)


@transaction.atomic
def event_save(
    *, actor: User, data: EventData, unit: Organisation | None = None, event: Event | None = None
) -> Event:
    """Create an event of ``unit`` (``event`` None) or change ``event``. Links only to live
    policies and interpretations (the chooser offers only those)."""
    _check_data(data)
    if event is None:
        if unit is None:
            raise ValidationError(_("请选择主办单位。"), code="unit")
        if not policies.can_run_events(actor, unit):
            raise PermissionDenied(_("您没有为该单位发布访谈的权限。"))
        event = Event(organisation=unit)
        created = True
    else:
        _require_runner(actor, event)
        created = False
    event.kind = data.kind
    event.title = data.title.strip()[:200]
    event.summary = data.summary.strip()
    event.starts_at = data.starts_at
    event.ends_at = data.ends_at
    event.video_url = data.video_url.strip()
    event.save()
    event.policies.set([p for p in data.policies if p.live])
    event.interpretations.set([i for i in data.interpretations if i.live])
    log(instance=event, action=EVENT_SAVE, user=actor, data={"created": created})
    _public_view_changed(event)
    return event


@transaction.atomic
def event_publish(*, actor: User, event: Event, published: bool = True) -> Event:
    """Show the event to the public, or withdraw it (撤回)."""
    _require_runner(actor, event)
    was = event.published
    event.published = published
    event.save(update_fields=["published", "updated_at"])
    log(instance=event, action=EVENT_PUBLISH, user=actor, data={"published": published})
    if was or published:
        transaction.on_commit(bump_content_version)
    return event


@transaction.atomic
def event_start(*, actor: User, event: Event) -> Event:
    """The event goes live (直播中): the transcript opens, the public's questions close."""
    _require_runner(actor, event)
    if event.status != EventStatus.UPCOMING:
        raise ValidationError(_("只有预告中的活动可以开始直播。"), code="status")
    event.status = EventStatus.LIVE
    event.save(update_fields=["status", "updated_at"])
    log(instance=event, action=EVENT_START, user=actor)
    _public_view_changed(event)
    return event


@transaction.atomic
def event_archive(*, actor: User, event: Event) -> Event:
    """The event is over (已结束): the transcript stays as the archive (文字实录)."""
    _require_runner(actor, event)
    if event.status == EventStatus.ENDED:
        return event
    event.status = EventStatus.ENDED
    event.save(update_fields=["status", "updated_at"])
    log(instance=event, action=EVENT_ARCHIVE, user=actor)
    _public_view_changed(event)
    return event


# --- Guests ------------------------------------------------------------------------------------------


@transaction.atomic
def guest_save(
    *,
    actor: User,
    event: Event,
    name: str,
    post: str = "",
    unit: str = "",
    order: int = 0,
    guest: EventGuest | None = None,
) -> EventGuest:
    _require_runner(actor, event)
    if not name.strip():
        raise ValidationError(_("请填写嘉宾姓名。"), code="name")
    if guest is not None and guest.event_id != event.pk:
        raise ValidationError(_("该嘉宾不属于本活动。"), code="guest")
    guest = guest or EventGuest(event=event)
    guest.name = name.strip()[:60]
    guest.post = post.strip()[:100]
    guest.unit = unit.strip()[:100]
    guest.order = max(0, min(order, 32767))
    guest.save()
    log(instance=event, action=GUEST_SAVE, user=actor, data={"guest": guest.pk})
    _public_view_changed(event)
    return guest


@transaction.atomic
def guest_delete(*, actor: User, guest: EventGuest) -> None:
    event = guest.event
    _require_runner(actor, event)
    pk = guest.pk
    guest.delete()
    log(instance=event, action=GUEST_DELETE, user=actor, data={"guest": pk})
    _public_view_changed(event)


# --- The public's questions ----------------------------------------------------------------------------


def submitter_key(*, contact: str = "", client: str = "") -> str:
    """A stable, non-reversible key of the sender (as participation's comments)."""
    basis = "c:" + "".join(contact.split()).lower() if contact.strip() else "n:" + client
    return hashlib.sha256(basis.encode()).hexdigest()[:32]


def accepts_questions(event: Event, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return event.published and event.status == EventStatus.UPCOMING and now < event.starts_at


@dataclass(frozen=True)
class SubmittedQuestion:
    question: PreQuestion
    created: bool  # False: the same form was submitted before (token seen)


def question_submit(
    *,
    event: Event,
    text: str,
    key: str,
    name: str = "",
    contact: str = "",
    token: str = "",
    now: dt.datetime | None = None,
) -> SubmittedQuestion:
    """A question from the public before the event. Refused once the event has started (or is
    not published); a second submit of the same form (same token) stores nothing new."""
    text = text.strip()
    if not accepts_questions(event, now):
        raise ValidationError(_("该活动已开始或已结束，不再征集网友提问。"), code="closed")
    if not text:
        raise ValidationError(_("请填写问题。"), code="text")
    if len(text) > MAX_QUESTION_CHARS:
        raise ValidationError(_("问题不能超过%(n)s字。") % {"n": MAX_QUESTION_CHARS}, code="text")
    abusive = looks_abusive(text)  # participation's word list, one for every public form
    question = PreQuestion(
        event=event,
        text=text,
        public_text=redact(text),
        name=name.strip()[:60],
        contact=contact.strip()[:100],
        submitter_key=key[:64],
        token=token or None,
        status=QuestionStatus.HELD if abusive else QuestionStatus.PENDING,
        hold_reason=_("含不文明用语（系统自动识别，待人工复核）") if abusive else "",
    )
    try:
        with transaction.atomic():
            question.save()
    except IntegrityError:
        existing = PreQuestion.objects.filter(token=token).first() if token else None
        if existing is None:
            raise
        return SubmittedQuestion(existing, created=False)
    return SubmittedQuestion(question, created=True)


@transaction.atomic
def question_moderate(
    *, actor: User, question: PreQuestion, accept: bool, reason: str = "", answer: str = ""
) -> PreQuestion:
    """Accept a question (shown publicly, masked) or reject it with the reason. An answer
    written here (a written reply after the event) marks it 已答复."""
    event = question.event
    _require_runner(actor, event)
    if not accept and not reason.strip():
        raise ValidationError(_("不予采用须填写理由。"), code="reason")
    answer = answer.strip()
    if answer and not accept:
        raise ValidationError(_("不予采用的问题不能答复。"), code="answer")
    if answer:
        _check_publishable(answer, event.organisation)
    if accept:
        question.status = QuestionStatus.ANSWERED if answer else QuestionStatus.ACCEPTED
        question.hold_reason = ""
    else:
        question.status = QuestionStatus.REJECTED
        question.hold_reason = reason.strip()[:200]
    question.answer = answer
    question.moderated_by = _user_or_none(actor)
    question.moderated_at = timezone.now()
    question.save()
    log(
        instance=event,
        action=QUESTION_MODERATE,
        user=actor,
        data={"question": question.pk, "status": question.status},
    )
    _public_view_changed(event)
    return question


# --- The transcript --------------------------------------------------------------------------------------


def _check_publishable(text: str, unit: Organisation) -> None:
    """The content checker as at any publication (先审后发): blocking findings refuse."""
    blocking = [f for f in check_text(text, ruleset=ruleset_for(unit)) if f.severity == "block"]
    if blocking:
        found = "、".join(sorted({f"{kind_label(f.kind)}“{f.excerpt}”" for f in blocking}))
        raise ValidationError(
            _("内容未通过检查，不能发布：%(found)s。请修改后再发。") % {"found": found},
            code="checker",
        )


def _speaker(event: Event, speaker: str, guest: EventGuest | None) -> str:
    if guest is not None:
        if guest.event_id != event.pk:
            raise ValidationError(_("该嘉宾不属于本活动。"), code="guest")
        return guest.name
    speaker = speaker.strip()[:100]
    if not speaker:
        raise ValidationError(_("请选择发言人。"), code="speaker")
    return speaker


@transaction.atomic
def transcript_post(
    *,
    actor: User,
    event: Event,
    text: str,
    speaker: str = "",
    guest: EventGuest | None = None,
    question: PreQuestion | None = None,
) -> TranscriptEntry:
    """One line of the live transcript, while the event is 直播中. ``question``: the line
    answers (or reads out) an accepted question, which is then 已答复."""
    _require_runner(actor, event)
    if event.status != EventStatus.LIVE:
        raise ValidationError(_("活动未在直播中，不能发布文字实录。"), code="status")
    text = text.strip()
    if not text:
        raise ValidationError(_("请填写内容。"), code="text")
    if len(text) > MAX_ENTRY_CHARS:
        raise ValidationError(_("内容不能超过%(n)s字。") % {"n": MAX_ENTRY_CHARS}, code="text")
    name = _speaker(event, speaker, guest)
    if question is not None:
        if question.event_id != event.pk:
            raise ValidationError(_("该提问不属于本活动。"), code="question")
        if question.status not in (QuestionStatus.ACCEPTED, QuestionStatus.ANSWERED):
            raise ValidationError(_("只能回答已采用的网友提问。"), code="question")
    _check_publishable(text, event.organisation)
    entry = TranscriptEntry.objects.create(
        event=event,
        guest=guest,
        speaker=name,
        text=text,
        question=question,
        posted_by=_user_or_none(actor),
    )
    if question is not None and question.status != QuestionStatus.ANSWERED:
        question.status = QuestionStatus.ANSWERED
        if not question.answer:
            question.answer = text
        question.save(update_fields=["status", "answer"])
    log(instance=event, action=TRANSCRIPT_POST, user=actor, data={"entry": entry.pk})
    _public_view_changed(event)
    return entry


@transaction.atomic
def transcript_edit(*, actor: User, entry: TranscriptEntry, text: str) -> TranscriptEntry:
    """Correct an entry (a typo): logged with the earlier text."""
    event = entry.event
    _require_runner(actor, event)
    text = text.strip()
    if not text:
        raise ValidationError(_("请填写内容。"), code="text")
    if len(text) > MAX_ENTRY_CHARS:
        raise ValidationError(_("内容不能超过%(n)s字。") % {"n": MAX_ENTRY_CHARS}, code="text")
    _check_publishable(text, event.organisation)
    before = entry.text
    entry.text = text
    entry.edited_at = timezone.now()
    entry.save(update_fields=["text", "edited_at"])
    log(
        instance=event,
        action=TRANSCRIPT_EDIT,
        user=actor,
        data={"entry": entry.pk, "before": before[:500]},
    )
    _public_view_changed(event)
    return entry
