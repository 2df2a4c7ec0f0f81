"""Writes of public participation: every screen, the CLI, the API and the demo call these.

Each service is keyword-only, asks participation.policies, runs in one transaction and writes an
audit entry (Wagtail's log). The public commenter is anonymous: ``comment_submit`` checks the
consultation is open and masks personal data before anything can be shown.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from gongkai.checker.engine import redact
from gongkai.checker.extract import UnusableInput, extract_text
from gongkai.core.pagecache import bump_content_version
from gongkai.core.types import User
from gongkai.library.models import UnitPage
from gongkai.library.services import consultation_column_ensure, unique_child_slug
from gongkai.organisations.models import Organisation
from gongkai.participation import policies
from gongkai.participation.clauses import parse_clauses
from gongkai.participation.models import (
    AnalysisStatus,
    Clause,
    ClauseAssignment,
    Comment,
    CommentAnalysis,
    CommentStatus,
    ConsultationFeedbackPage,
    ConsultationKind,
    ConsultationPage,
    Disposition,
    DraftVersion,
    FeedbackRow,
    MajorDecision,
    OfflineRecord,
    Theme,
)
from gongkai.participation.periods import check_period
from gongkai.workdays.calendar import DatabaseCalendar, WorkCalendar

if TYPE_CHECKING:
    from gongkai.participation.analysis import CommentIn

# Audit actions (registered with Wagtail in participation.wagtail_hooks).
CLAUSE_ASSIGN = "gongkai.clause_assign"
COMMENT_MODERATE = "gongkai.comment_moderate"
COMMENT_TAG = "gongkai.comment_tag"
CONSULTATION_VERSION = "gongkai.consultation_version"
DECISION_DECIDE = "gongkai.decision_decide"
DECISION_PROCEDURE = "gongkai.decision_procedure"
OFFLINE_RECORD = "gongkai.offline_record"

MAX_DRAFT_CHARS = 500_000
MAX_COMMENT_CHARS = 5_000

# Words that hold a comment for a moderator's look before anything else happens (不文明用语).
_ABUSIVE = ("傻逼", "傻B", "操你", "他妈的", "王八蛋", "去死", "狗官", "滚蛋", "妈的")


class PeriodRefused(ValidationError):
    """The consultation period is shorter than the minimum and no reason was given."""

    def __init__(self, message: str, *, earliest_close: dt.date) -> None:
        super().__init__(message, code="period")
        self.earliest_close = earliest_close


def _public_view_changed() -> None:
    """Accepted comments, their clauses and counts are on the public pages, which the page cache
    keeps: make cached pages stale once this transaction commits. A new comment waits in the
    queue and changes nothing public, so the public form does not empty the cache."""
    transaction.on_commit(bump_content_version)


# --- Drafts and consultations ---------------------------------------------------------------------


def draft_text_from_file(data: bytes, filename: str) -> str:
    """The text of a Word, PDF or text draft; a clear Chinese error when it has none."""
    try:
        text = extract_text(data, filename)
    except UnusableInput as exc:
        raise ValidationError(str(exc), code="draft") from exc
    text = text.strip()
    if not text:
        raise ValidationError(_("草案文件中没有可读取的文字。"), code="draft")
    if len(text) > MAX_DRAFT_CHARS:
        raise ValidationError(_("草案过长，请拆分后上传。"), code="draft")
    return text


def period_refusal(
    *,
    kind: str,
    opens_on: dt.date,
    closes_on: dt.date,
    market_related: bool,
    urgent_reason: str,
    calendar: WorkCalendar | None = None,
) -> ValidationError | None:
    """Why these dates are not lawful (DOMAIN.md §9, participation.periods), or None. A period
    shorter than the minimum is lawful only with the reason stated (PeriodRefused otherwise)."""
    if kind not in ConsultationKind.values:
        return ValidationError(_("未知的征求意见类别：%(kind)s") % {"kind": kind}, code="kind")
    if closes_on <= opens_on:
        return ValidationError(_("截止日期必须晚于开始日期。"), code="dates")
    result = check_period(
        kind, opens_on, closes_on, calendar or DatabaseCalendar(), market_related=market_related
    )
    if (
        result.shortened
        and not urgent_reason.strip()
        and result.earliest_close is not None
        and result.rule is not None
    ):
        return PeriodRefused(
            _(
                "征求意见期限不足：该类草案征求意见时间一般不少于%(rule)s，"
                "自%(opens)s起最早可于%(earliest)s截止；确需缩短的，须说明理由并随征求意见一并公布。"
            )
            % {
                "rule": result.rule.describe(),
                "opens": opens_on.isoformat(),
                "earliest": result.earliest_close.isoformat(),
            },
            earliest_close=result.earliest_close,
        )
    return None


def earliest_close_for(
    *, kind: str, opens_on: dt.date, market_related: bool = False
) -> dt.date | None:
    """For forms and the CLI: the earliest lawful closing date without a stated reason."""
    return check_period(
        kind,
        opens_on,
        opens_on + dt.timedelta(days=1),
        DatabaseCalendar(),
        market_related=market_related,
    ).earliest_close


def _add_version(
    consultation: ConsultationPage,
    *,
    text: str,
    label: str,
    final: bool,
    source_name: str,
    actor: User | None,
) -> DraftVersion:
    number = (
        consultation.versions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    version = DraftVersion.objects.create(
        consultation=consultation,
        number=number,
        label=label,
        final=final,
        text=text,
        source_name=source_name[:200],
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    parsed = parse_clauses(text)
    created: list[Clause] = []
    for order, item in enumerate(parsed):
        created.append(
            Clause(
                version=version,
                order=order,
                number=item.number[:60],
                heading=item.heading[:200],
                text=item.text,
                level=item.level,
            )
        )
    Clause.objects.bulk_create(created)
    saved = list(version.clauses.order_by("order"))
    for clause, item in zip(saved, parsed, strict=True):
        if item.parent is not None:
            clause.parent = saved[item.parent]
    Clause.objects.bulk_update([c for c in saved if c.parent is not None], ["parent"])
    return version


@transaction.atomic
def consultation_create(
    *,
    actor: User | None,
    unit: Organisation,
    title: str,
    kind: str,
    opens_on: dt.date,
    closes_on: dt.date,
    draft_text: str,
    source_name: str = "",
    market_related: bool = False,
    urgent_reason: str = "",
    explanation: str = "",
    contact: str = "",
    body: str = "",
    decision: MajorDecision | None = None,
    calendar: WorkCalendar | None = None,
) -> ConsultationPage:
    """Draft a consultation in ``unit``'s 意见征集 column with its draft as version 1, parsed into
    clauses. The page is a draft: it is public only once the unit's review approves it (先审后发).
    Dates in the past are accepted (earlier consultations recorded) under the same period rules.
    ``actor`` None is the system (CLI run by an operator, demo data)."""
    if actor is not None and not policies.can_run_consultations(actor, unit):
        raise PermissionDenied(_("您没有权限在该单位发起意见征集。"))
    title = title.strip()
    if not title:
        raise ValidationError(_("请填写标题。"), code="title")
    if not draft_text.strip():
        raise ValidationError(_("请提供征求意见稿全文。"), code="draft")
    refusal = period_refusal(
        kind=kind,
        opens_on=opens_on,
        closes_on=closes_on,
        market_related=market_related,
        urgent_reason=urgent_reason,
        calendar=calendar,
    )
    if refusal is not None:
        raise refusal
    home = UnitPage.objects.filter(organisation=unit).first()
    if home is None:
        raise ValidationError(_("该单位尚未建立政府信息公开栏目。"), code="unit")
    column = consultation_column_ensure(home)
    page = ConsultationPage(
        title=title[:255],
        kind=kind,
        opens_on=opens_on,
        closes_on=closes_on,
        market_related=market_related,
        urgent_reason=urgent_reason.strip(),
        explanation=explanation,
        contact=contact,
        body=body,
        decision=decision,
    )
    page.slug = unique_child_slug(column, f"{opens_on:%Y%m%d}", fallback="yjzj")
    page.owner = actor if actor is not None and actor.is_authenticated else None
    page.live = False  # a draft until its revision is approved and published
    column.add_child(instance=page)
    _add_version(
        page, text=draft_text, label="征求意见稿", final=False, source_name=source_name, actor=actor
    )
    page.save_revision(user=page.owner, log_action=True)
    return cast(ConsultationPage, ConsultationPage.objects.get(pk=page.pk))


@transaction.atomic
def version_add(
    *,
    actor: User | None,
    consultation: ConsultationPage,
    text: str,
    label: str,
    final: bool = False,
    source_name: str = "",
) -> DraftVersion:
    """A further version: a revised draft consulted again, or (``final``) the text as adopted,
    which the feedback compares clause by clause with the consulted draft."""
    _require_runner(actor, consultation)
    if not text.strip():
        raise ValidationError(_("请提供全文。"), code="draft")
    version = _add_version(
        consultation,
        text=text,
        label=label.strip() or "修改稿",
        final=final,
        source_name=source_name,
        actor=actor,
    )
    log(
        instance=consultation,
        action=CONSULTATION_VERSION,
        user=actor,
        data={"version": version.number, "final": final},
    )
    _public_view_changed()
    return version


def _unit(consultation: ConsultationPage) -> Organisation:
    if consultation.organisation is None:
        raise ValidationError(_("该意见征集不属于任何单位。"))
    return cast(Organisation, consultation.organisation)


def _require_runner(actor: User | None, consultation: ConsultationPage) -> None:
    if actor is not None and not policies.can_run_consultations(actor, _unit(consultation)):
        raise PermissionDenied(_("您没有权限处理该单位的意见征集。"))


# --- Comments ------------------------------------------------------------------------------------


def submitter_key(*, contact: str = "", client: str = "") -> str:
    """A stable, non-reversible key of the sender: the contact when given (so one person using
    several devices counts once), otherwise the client (network address and browser)."""
    basis = "c:" + "".join(contact.split()).lower() if contact.strip() else "n:" + client
    return hashlib.sha256(basis.encode()).hexdigest()[:32]


def looks_abusive(text: str) -> bool:
    """Abusive words in ``text`` (spaces between the characters do not hide them): the public's
    comment, or a question for an online interview (gongkai.events), is held for a person."""
    folded = "".join(text.split())
    return any(word in folded for word in _ABUSIVE)


@dataclass(frozen=True)
class SubmittedComment:
    comment: Comment
    created: bool  # False: the same form was submitted before (token seen)


def comment_submit(
    *,
    consultation: ConsultationPage,
    text: str,
    key: str,
    clause: Clause | None = None,
    passage: str = "",
    name: str = "",
    contact: str = "",
    consent_publish: bool = False,
    token: str = "",
    today: dt.date | None = None,
) -> SubmittedComment:
    """A comment from the public, with or without an account. Accepted only while the
    consultation is live and open; the clause must belong to its consulted draft and a quoted
    passage must be in that clause. The public text is masked (身份证号、手机号…) by the content
    checker before anyone sees it; abusive words hold it for the moderator with the reason."""
    text = text.strip()
    if not consultation.live:
        raise ValidationError(_("该意见征集尚未发布。"), code="closed")
    today = today or timezone.localdate()
    if not (consultation.opens_on <= today <= consultation.closes_on):
        raise ValidationError(_("该意见征集不在征求意见期内，不能提交意见。"), code="closed")
    if not text:
        raise ValidationError(_("请填写意见内容。"), code="text")
    if len(text) > MAX_COMMENT_CHARS:
        raise ValidationError(
            _("意见内容不能超过%(n)s字。") % {"n": MAX_COMMENT_CHARS}, code="text"
        )
    version = consultation.consulted_version()
    if clause is not None and (version is None or clause.version_id != version.pk):
        raise ValidationError(_("所选条款不属于本次征求意见稿。"), code="clause")
    passage = passage.strip()
    if passage and (clause is None or passage not in clause.text):
        raise ValidationError(_("所引文字不在所选条款中，请从条文中原样复制。"), code="passage")
    abusive = looks_abusive(text)
    comment = Comment(
        consultation=consultation,
        clause=clause,
        passage=passage[:500],
        text=text,
        public_text=redact(text),
        name=name.strip()[:60],
        contact=contact.strip()[:100],
        consent_publish=consent_publish,
        submitter_key=key,
        token=token or None,
        status=CommentStatus.HELD if abusive else CommentStatus.PENDING,
        hold_reason=_("含不文明用语（系统自动识别，待人工复核）") if abusive else "",
    )
    try:
        with transaction.atomic():
            comment.save()
    except IntegrityError:
        existing = Comment.objects.filter(token=token).first() if token else None
        if existing is None:
            raise
        return SubmittedComment(existing, created=False)
    return SubmittedComment(comment, created=True)


@transaction.atomic
def comment_moderate(*, actor: User, comment: Comment, accept: bool, reason: str = "") -> Comment:
    """Accept a comment (counted, and shown publicly when its sender consented) or hold it
    with the reason recorded (辱骂、广告、与本草案无关…)."""
    comments_moderate(
        actor=actor,
        consultation=comment.consultation,
        ids=[comment.pk],
        accept=accept,
        reason=reason,
    )
    comment.refresh_from_db(fields=["status", "hold_reason", "moderated_by", "moderated_at"])
    return comment


@transaction.atomic
def comments_moderate(
    *, actor: User, consultation: ConsultationPage, ids: list[int], accept: bool, reason: str = ""
) -> int:
    """The same decision for several comments of one consultation (the queue's bulk action):
    one update, one audit entry listing the comments, one cache bump."""
    _require_runner(actor, consultation)
    if not accept and not reason.strip():
        raise ValidationError(_("不予展示须填写理由。"), code="reason")
    status = CommentStatus.ACCEPTED if accept else CommentStatus.HELD
    hold_reason = "" if accept else reason.strip()[:200]
    chosen = consultation.comments.filter(pk__in=ids)
    pks = sorted(chosen.values_list("pk", flat=True))
    if not pks:
        return 0
    count: int = chosen.update(
        status=status,
        hold_reason=hold_reason,
        moderated_by=actor if actor.is_authenticated else None,
        moderated_at=timezone.now(),
    )
    data: dict[str, object] = {"status": status, "reason": hold_reason}
    data.update({"comment": pks[0]} if len(pks) == 1 else {"comments": pks})
    log(instance=consultation, action=COMMENT_MODERATE, user=actor, data=data)
    _public_view_changed()
    return count


@transaction.atomic
def comment_tag(
    *,
    actor: User,
    comment: Comment,
    clause: Clause | None = None,
    move_clause: bool = False,
    themes: list[str] | None = None,
    disposition: str | None = None,
) -> Comment:
    """Tag a comment: put it on another clause (``move_clause``), set its themes, and record
    whether it was adopted (采纳 / 部分采纳 / 不予采纳), which pre-fills the feedback."""
    consultation = comment.consultation
    _require_runner(actor, consultation)
    fields: list[str] = []
    if move_clause:
        version = consultation.consulted_version()
        if clause is not None and (version is None or clause.version_id != version.pk):
            raise ValidationError(_("所选条款不属于本次征求意见稿。"), code="clause")
        comment.clause = clause
        fields.append("clause")
    if disposition is not None:
        if disposition not in Disposition.values:
            raise ValidationError(_("未知的采纳情况。"), code="disposition")
        comment.disposition = disposition
        fields.append("disposition")
    if fields:
        comment.save(update_fields=fields)
    if themes is not None:
        labels = [t.strip()[:60] for t in themes if t.strip()]
        objs = [Theme.objects.get_or_create(consultation=consultation, label=t)[0] for t in labels]
        comment.themes.set(objs)
    log(
        instance=consultation,
        action=COMMENT_TAG,
        user=actor,
        data={"comment": comment.pk, "fields": fields, "themes": themes},
    )
    _public_view_changed()
    return comment


@transaction.atomic
def comments_disposition(
    *, actor: User, consultation: ConsultationPage, ids: list[int], disposition: str
) -> int:
    _require_runner(actor, consultation)
    if disposition not in Disposition.values:
        raise ValidationError(_("未知的采纳情况。"), code="disposition")
    n: int = consultation.comments.filter(pk__in=ids).update(disposition=disposition)
    log(
        instance=consultation,
        action=COMMENT_TAG,
        user=actor,
        data={"comments": ids, "disposition": disposition},
    )
    _public_view_changed()
    return n


@transaction.atomic
def comments_theme_add(
    *, actor: User, consultation: ConsultationPage, ids: list[int], label: str
) -> int:
    """Add one theme to several comments of a consultation, keeping their other themes (the
    analysis screen's "tag this theme onto its comments"). Returns how many comments it named."""
    _require_runner(actor, consultation)
    label = label.strip()[:60]
    if not label:
        raise ValidationError(_("请填写主题。"), code="theme")
    theme = Theme.objects.get_or_create(consultation=consultation, label=label)[0]
    pks = list(consultation.comments.filter(pk__in=ids).values_list("pk", flat=True))
    through = Comment.themes.through
    through.objects.bulk_create(
        [through(comment_id=pk, theme_id=theme.pk) for pk in pks], ignore_conflicts=True
    )
    log(
        instance=consultation,
        action=COMMENT_TAG,
        user=actor,
        data={"comments": pks, "theme": label},
    )
    return len(pks)


@transaction.atomic
def clause_assign(
    *, actor: User, clause: Clause, assignee: AuthUser | None, note: str = ""
) -> ClauseAssignment | None:
    """Give a clause to a colleague of the unit to draft the answer (None: take it back)."""
    consultation = clause.version.consultation
    _require_runner(actor, consultation)
    if assignee is None:
        ClauseAssignment.objects.filter(clause=clause).delete()
        log(
            instance=consultation,
            action=CLAUSE_ASSIGN,
            user=actor,
            data={"clause": clause.number, "assignee": None},
        )
        return None
    if not policies.can_run_consultations(assignee, _unit(consultation)):
        raise ValidationError(_("只能分办给本单位的起草或签发人员。"), code="assignee")
    assignment, _created = ClauseAssignment.objects.update_or_create(
        clause=clause,
        defaults={
            "assignee": assignee,
            "assigned_by": actor if isinstance(actor, AuthUser) else None,
            "note": note.strip()[:200],
            "assigned_at": timezone.now(),
        },
    )
    log(
        instance=consultation,
        action=CLAUSE_ASSIGN,
        user=actor,
        data={"clause": clause.number, "assignee": assignee.pk},
    )
    return assignment


# --- The analysis of mass comments ----------------------------------------------------------------

# Up to this many comments the staff screen analyses while it loads (about a second); above it
# the analysis is a background task whose stored result the screen shows (100,000 comments take
# 15-40 s on two cores: bench/consultation_analysis.py).
ANALYSE_INLINE_LIMIT = 3000


def analysis_inputs(consultation: ConsultationPage, *, full: bool) -> list[CommentIn]:
    """The comments as the analysis reads them: ``full`` the texts as written (the unit's staff),
    otherwise as masked by the checker, so that no group sample or keyword carries personal data."""
    # local import: the analysis loads numpy, rjieba and OpenCC, which only it needs
    from gongkai.participation.analysis import CommentIn

    rows = consultation.comments.order_by("pk").values_list(
        "pk", "submitter_key", "clause__number", "text", "public_text"
    )
    return [
        CommentIn(
            id=str(pk),
            submitter=key,
            clause=number or "",
            text=text if full else (public or text),
        )
        for pk, key, number, text, public in rows.iterator(chunk_size=5000)
    ]


@transaction.atomic
def analysis_request(*, actor: User, consultation: ConsultationPage, full: bool) -> CommentAnalysis:
    """Queue a fresh analysis (the background task ``participation.tasks.analyse_comments``
    runs it once this transaction commits). Texts as written only for the unit's staff."""
    if not policies.can_see_consultation(actor, _unit(consultation)):
        raise PermissionDenied(_("您没有权限查看该单位的意见征集。"))
    if full and not policies.sees_commenter_details(actor, _unit(consultation)):
        full = False
    pending: CommentAnalysis | None = consultation.analyses.filter(
        full=full, status=AnalysisStatus.QUEUED
    ).first()
    if pending is not None:
        return pending
    run = CommentAnalysis.objects.create(
        consultation=consultation,
        full=full,
        requested_by=actor if isinstance(actor, AuthUser) else None,
    )
    # local import: tasks.py imports these services (the task calls analysis_run)
    from gongkai.participation.tasks import analyse_comments

    transaction.on_commit(lambda: analyse_comments.enqueue(run.pk))
    return run


def analysis_run(*, analysis_id: int) -> CommentAnalysis | None:
    """The background task's work: analyse and store (the analysis itself writes nothing else)."""
    run = CommentAnalysis.objects.select_related("consultation").filter(pk=analysis_id).first()
    if run is None or run.status != AnalysisStatus.QUEUED:
        return run  # deleted, or already done by another worker: idempotent
    # local import: the analysis loads numpy, rjieba and OpenCC, which only it needs
    from gongkai.participation.analysis import analyse

    inputs = analysis_inputs(run.consultation, full=run.full)
    try:
        result = analyse(inputs)
    except (ValueError, MemoryError) as exc:
        run.status, run.error = AnalysisStatus.FAILED, str(exc)[:200]
    else:
        run.status, run.result = AnalysisStatus.DONE, result
    run.comment_count = len(inputs)
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "error", "result", "comment_count", "finished_at"])
    return run


# --- Offline channels -----------------------------------------------------------------------------


@transaction.atomic
def offline_record_save(
    *,
    actor: User,
    consultation: ConsultationPage,
    kind: str,
    held_on: dt.date,
    place: str = "",
    participants: str = "",
    conclusions: str = "",
    comments: list[tuple[Clause | None, str]] | None = None,
) -> OfflineRecord:
    """A 座谈会, 听证会, 专家论证 or letter, with the comments it brought (each on a clause or the
    whole draft). Its comments are accepted at once and counted in the same feedback."""
    _require_runner(actor, consultation)
    record = OfflineRecord(
        consultation=consultation,
        kind=kind,
        held_on=held_on,
        place=place.strip(),
        participants=participants.strip(),
        conclusions=conclusions.strip(),
        recorded_by=actor if actor.is_authenticated else None,
    )
    record.full_clean(exclude=["consultation", "recorded_by"])
    record.save()
    version = consultation.consulted_version()
    for clause, text in comments or []:
        if not text.strip():
            continue
        if clause is not None and (version is None or clause.version_id != version.pk):
            raise ValidationError(_("所选条款不属于本次征求意见稿。"), code="clause")
        Comment.objects.create(
            consultation=consultation,
            clause=clause,
            text=text.strip(),
            public_text=redact(text.strip()),
            offline=record,
            submitter_key=submitter_key(client=f"offline:{record.pk}:{text.strip()[:40]}"),
            status=CommentStatus.ACCEPTED,
            moderated_by=actor if actor.is_authenticated else None,
            moderated_at=timezone.now(),
        )
    log(
        instance=consultation,
        action=OFFLINE_RECORD,
        user=actor,
        data={"record": record.pk, "kind": kind},
    )
    _public_view_changed()
    return record


# --- The feedback ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClauseTally:
    clause: Clause | None  # None: comments on the whole draft
    number: str
    comments: int
    adopted: int
    partly_adopted: int
    not_adopted: int


def tally(consultation: ConsultationPage) -> list[ClauseTally]:
    """Accepted comments (online and offline) per clause of the consulted draft, by adoption;
    a 款 counts toward its own row. Whole-draft comments form the row 总体意见."""
    version = consultation.consulted_version()
    counts = (
        consultation.comments.filter(status=CommentStatus.ACCEPTED)
        .values("clause")
        .annotate(
            n=Count("pk"),
            adopted=Count("pk", filter=Q(disposition=Disposition.ADOPTED)),
            partly=Count("pk", filter=Q(disposition=Disposition.PARTLY)),
            not_adopted=Count("pk", filter=Q(disposition=Disposition.NOT_ADOPTED)),
        )
    )
    by_clause = {row["clause"]: row for row in counts}
    rows: list[ClauseTally] = []
    whole = by_clause.get(None)
    if whole:
        rows.append(
            ClauseTally(
                None,
                "总体意见",
                whole["n"],
                whole["adopted"],
                whole["partly"],
                whole["not_adopted"],
            )
        )
    clauses = list(version.clauses.order_by("order")) if version else []
    for clause in clauses:
        row = by_clause.get(clause.pk)
        if row:
            rows.append(
                ClauseTally(
                    clause,
                    clause.number,
                    row["n"],
                    row["adopted"],
                    row["partly"],
                    row["not_adopted"],
                )
            )
    return rows


def _feedback_title(title: str) -> str:
    """《南昌市住宅小区停车管理办法（征求意见稿）》征求意见采纳情况的反馈 — the draft's own
    book-title marks when the consultation's title has them (关于《…》公开征求意见的公告)."""
    named = re.search(r"《[^《》]+》", title)
    return f"{named.group(0) if named else f'《{title}》'}征求意见采纳情况的反馈"[:255]


@transaction.atomic
def feedback_draft(
    *, actor: User | None, consultation: ConsultationPage, final_version: DraftVersion | None = None
) -> ConsultationFeedbackPage:
    """Create (or refresh the counts of) the feedback draft, pre-filled from the comments' tags;
    the unit writes the reasons and submits it to review. Only after the consultation closed."""
    if actor is not None:
        _require_runner(actor, consultation)
    if timezone.localdate() <= consultation.closes_on:
        raise ValidationError(_("征求意见期结束后才能起草采纳情况反馈。"), code="open")
    final_version = final_version or consultation.final_version()
    existing = ConsultationFeedbackPage.objects.child_of(consultation).first()
    rows = tally(consultation)
    if existing is None:
        page = ConsultationFeedbackPage(
            title=_feedback_title(consultation.title),
            slug="fk",
            final_version=final_version,
            body="",
        )
        page.owner = actor if actor is not None and actor.is_authenticated else None
        page.live = False
        reasons: dict[str, tuple[str, str, str]] = {}
        consultation.add_child(instance=page)
    else:
        page = existing.get_latest_revision_as_object()
        page.final_version = final_version or page.final_version
        reasons = {
            r.clause_number: (r.reason_adopted, r.reason_partly, r.reason_not)
            for r in page.rows.all()
        }
    page.rows = [
        FeedbackRow(
            clause=t.clause,
            clause_number=t.number,
            comments=t.comments,
            adopted=t.adopted,
            partly_adopted=t.partly_adopted,
            not_adopted=t.not_adopted,
            reason_adopted=reasons.get(t.number, ("", "", ""))[0],
            reason_partly=reasons.get(t.number, ("", "", ""))[1],
            reason_not=reasons.get(t.number, ("", "", ""))[2],
            sort_order=i,
        )
        for i, t in enumerate(rows)
    ]
    page.save_revision(
        user=page.owner or (actor if actor and actor.is_authenticated else None), log_action=True
    )
    return cast(ConsultationFeedbackPage, ConsultationFeedbackPage.objects.get(pk=page.pk))
