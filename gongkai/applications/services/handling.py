"""Steps of handling a case before its reply (条例 第三十至三十四、四十二条): assignment,
correction, consultation, extension, fee, transfer. Each step is atomic, locks the case row,
checks permission (workflow.ACTIONS → policies.py) and leaves one event citing its article."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.applications import fees, policies
from gongkai.applications.models import Application, EventKind, LetterKind, Pause, Status
from gongkai.applications.selectors import extension_requested
from gongkai.applications.services.deadlines import compute_deadlines, recompute_deadlines
from gongkai.applications.services.events import actor_name, log
from gongkai.applications.services.letter_context import draft_letter
from gongkai.applications.services.transitions import locked, move, permit, require_state
from gongkai.applications.services.uploads import store_uploads
from gongkai.applications.workflow import ACTIONS
from gongkai.core.types import User
from gongkai.organisations.models import Organisation

S = Status


@transaction.atomic
def assign(case: Application, *, actor: User, handler: AuthUser | None) -> Application:
    """分配承办人: one of policies.assignable_handlers (None or anyone else is refused)."""
    case = locked(case)
    action = ACTIONS["assign"]
    permit(case, action, actor=actor)
    # Exactly the people the staff page offers (GB/T 22239-2019 8.1.4.2: the server decides).
    if handler is None or not policies.assignable_handlers(case).filter(pk=handler.pk).exists():
        raise ValidationError(_("承办人须为本单位依申请公开经办人员。"))
    case.handler = handler
    move(case, action, actor=actor, on=None,
         note=_("承办人：%(h)s") % {"h": actor_name(handler)})  # fmt: skip
    return case


@transaction.atomic
def request_correction(
    case: Application, *, actor: User, request_text: str, on: dt.date | None = None
) -> Application:
    """补正 (第三十条): once, in writing, within 7 working days of receipt; the clock stops."""
    case = locked(case)
    action = ACTIONS["correction"]
    permit(case, action, actor=actor)
    if case.correction_requested_on is not None:
        raise ValidationError(_("补正只能要求一次（条例第三十条）。"))
    if not request_text.strip():
        raise ValidationError(_("请写明需要补正的事项和合理的补正期限。"))
    on = on or timezone.localdate()
    limit = compute_deadlines(case).correction_request_due
    if on > limit:
        raise ValidationError(
            _("补正须在收到申请之日起7个工作日内一次性书面告知（条例第三十条），期限为 %(d)s。")
            % {"d": limit}
        )
    case.correction_requested_on = on
    case.correction_request = request_text.strip()
    move(case, action, actor=actor, on=on, note=request_text.strip())
    draft_letter(case, LetterKind.CORRECTION, actor=actor, issued_on=on)
    return case


@transaction.atomic
def receive_correction(
    case: Application,
    *,
    text: str,
    uploads: Iterable[UploadedFile[bytes]] = (),
    actor: User | None = None,
    on: dt.date | None = None,
) -> Application:
    """The applicant's correction arrives (online: today; ``actor`` None); a new
    20-working-day period starts. Back with the handler, or received again when none yet."""
    case = locked(case)
    action = ACTIONS["corrected"]
    if actor is not None:
        permit(case, action, actor=actor)
    require_state(case, action)
    if not text.strip():
        raise ValidationError(_("请填写补正内容。"))
    case.corrected_on = on or timezone.localdate()
    case.correction_text = text.strip()
    store_uploads(case, uploads, from_applicant=True)
    move(case, action, actor=actor, on=case.corrected_on,
         note=_("已收到补正，答复期限自收到补正之日起重新计算。"))  # fmt: skip
    return case


@transaction.atomic
def start_consultation(
    case: Application,
    *,
    actor: User,
    kind: str,
    party: str,
    reason: str = "",
    on: dt.date | None = None,
) -> Application:
    """征求意见 (第三十二条 third party; 第三十四条 other agency): the time is not counted. A third
    party is told in writing what of its interests the information touches (``reason``)."""
    case = locked(case)
    action = ACTIONS["consult"]
    permit(case, action, actor=actor)
    if kind not in (Pause.Kind.THIRD_PARTY, Pause.Kind.AGENCY):
        raise ValidationError(_("征求意见的类型不正确。"))
    if not party.strip():
        raise ValidationError(_("请填写征求意见的对象。"))
    if kind == Pause.Kind.THIRD_PARTY and not reason.strip():
        raise ValidationError(
            _("请写明征求意见的事由（该信息涉及第三方的哪些合法权益，条例第三十二条）。")
        )
    require_state(case, action)
    on = on or timezone.localdate()
    Pause.objects.create(application=case, kind=kind, start=on, party=party.strip())
    move(case, action, actor=actor, on=on,
         note=_("征求%(p)s的意见，所需时间不计算在答复期限内。") % {"p": party.strip()})  # fmt: skip
    if kind == Pause.Kind.THIRD_PARTY:
        draft_letter(
            case,
            LetterKind.THIRD_PARTY,
            actor=actor,
            issued_on=on,
            recipient=party.strip(),
            extra={"consultation_reason": reason.strip(), "basis": reason.strip()},
        )
    return case


@transaction.atomic
def end_consultation(
    case: Application, *, actor: User, note: str = "", on: dt.date | None = None
) -> Application:
    case = locked(case)
    action = ACTIONS["consulted"]
    permit(case, action, actor=actor)
    pause = case.pauses.filter(end__isnull=True).exclude(kind=Pause.Kind.FEE).first()
    if pause is None:
        raise ValidationError(action.refusal(case))
    pause.end = on or timezone.localdate()
    pause.save(update_fields=["end"])
    move(case, action, actor=actor, on=pause.end,
         note=note or _("征求意见已回复（或已逾期视为同意）。"))  # fmt: skip
    return case


def _check_extendable(case: Application, on: dt.date, action_name: str) -> None:
    if case.extended:
        raise ValidationError(_("延长答复期限只能一次（条例第三十三条）。"))
    require_state(case, ACTIONS[action_name])
    if case.current_due_on is not None and on > case.current_due_on:
        raise ValidationError(_("答复期限已过，不能再延期。"))


@transaction.atomic
def request_extension(
    case: Application, *, actor: User, reason: str, on: dt.date | None = None
) -> Application:
    """The handler asks the head to extend (条例 第三十三条第二款: 需要延长答复期限的，应当经政府信息
    公开工作机构负责人同意): the reason is kept for the head's decision and for the notice."""
    case = locked(case)
    action = ACTIONS["request_extension"]
    permit(case, action, actor=actor)
    on = on or timezone.localdate()
    _check_extendable(case, on, action.name)
    if extension_requested(case):
        raise ValidationError(_("已申请延期，等待负责人同意。"))
    if not reason.strip():
        raise ValidationError(_("请写明延期理由。"))
    case.extension_reason = reason.strip()
    case.save(update_fields=["extension_reason"])
    log(case, EventKind.EXTENSION_REQUESTED, actor=actor, on=on, note=reason.strip())
    return case


@transaction.atomic
def refuse_extension(case: Application, *, actor: User, note: str) -> Application:
    """The head does not agree to the requested extension; the handler may ask again."""
    case = locked(case)
    action = ACTIONS["refuse_extension"]
    permit(case, action, actor=actor)
    if not extension_requested(case):
        raise ValidationError(action.refusal(case))
    require_state(case, action)
    if not note.strip():
        raise ValidationError(_("请写明不同意延期的理由。"))
    case.extension_reason = ""
    case.save(update_fields=["extension_reason"])
    log(case, EventKind.EXTENSION_REFUSED, actor=actor, note=note.strip())
    return case


@transaction.atomic
def extend(
    case: Application, *, actor: User, reason: str = "", on: dt.date | None = None
) -> Application:
    """延期 (第三十三条第二款): once, at most 20 working days, approved by the head of the disclosure
    office, the applicant told in writing (the notice gives the reason). The reason is the
    head's own or, left blank, the one the handler gave when requesting it."""
    case = locked(case)
    action = ACTIONS["extend"]
    permit(case, action, actor=actor)
    on = on or timezone.localdate()
    _check_extendable(case, on, action.name)
    reason = reason.strip() or case.extension_reason
    if not reason.strip():
        raise ValidationError(_("请写明延期理由。"))
    case.extended = True
    case.extension_reason = reason.strip()
    recompute_deadlines(case, save=False)
    case.save()
    log(case, EventKind.EXTENDED, actor=actor, on=on,
        note=_("延长答复期限至 %(d)s。理由：%(r)s") % {"d": case.current_due_on, "r": reason.strip()})  # fmt: skip
    draft_letter(case, LetterKind.EXTENSION, actor=actor, issued_on=on)
    return case


# The most pages a fee is computed for: 40元 a page above 200 stays within the amount's 10 digits.
MAX_FEE_PAGES = 1_000_000


@transaction.atomic
def notify_fee(
    case: Application,
    *,
    actor: User,
    method: str = "case",
    pages: int | None = None,
    on: dt.date | None = None,
) -> Application:
    """收费通知 (第四十二条; 国办函〔2020〕109号): the fee per case (the applicant's count in the month)
    or per volume (pages) — never both; until payment the time is not counted."""
    case = locked(case)
    action = ACTIONS["fee"]
    permit(case, action, actor=actor)
    if method == "case":
        nth = fees.nth_in_month(case)
        amount = fees.per_case_fee(nth)
        detail = _("按件计收：申请人本月第%(n)d件申请") % {"n": nth}
    elif method == "volume":
        if not pages or pages <= 0:
            raise ValidationError(_("按量计收须填写页数。"))
        if pages > MAX_FEE_PAGES:
            raise ValidationError(_("页数不能超过 %(n)d。") % {"n": MAX_FEE_PAGES})
        amount = fees.per_volume_fee(pages)
        detail = _("按量计收：共%(p)d页") % {"p": pages}
    else:
        raise ValidationError(_("请选择按件或按量计收。"))
    if amount <= 0:
        raise ValidationError(
            _("%(d)s，未超出免费范围，不收取信息处理费（国办函〔2020〕109号）。") % {"d": detail}
        )
    require_state(case, action)
    on = on or timezone.localdate()
    case.fee_amount, case.fee_notice_on = Decimal(amount), on
    Pause.objects.create(application=case, kind=Pause.Kind.FEE, start=on, party="")
    move(case, action, actor=actor, on=on,
         note=_("%(d)s，信息处理费 %(a)s 元，申请人应在收到通知之日起20个工作日内缴纳。")
         % {"d": detail, "a": amount})  # fmt: skip
    draft_letter(case, LetterKind.FEE, actor=actor, issued_on=on, extra={"fee_detail": detail})
    return case


@transaction.atomic
def record_payment(case: Application, *, actor: User, on: dt.date | None = None) -> Application:
    case = locked(case)
    action = ACTIONS["paid"]
    permit(case, action, actor=actor)
    pause = case.pauses.filter(end__isnull=True, kind=Pause.Kind.FEE).first()
    if pause is None:
        raise ValidationError(action.refusal(case))
    require_state(case, action)
    case.fee_paid_on = pause.end = on or timezone.localdate()
    pause.save(update_fields=["end"])
    move(case, action, actor=actor, on=case.fee_paid_on)
    return case


@transaction.atomic
def transfer(
    case: Application, *, actor: User, to_unit: Organisation | None, reason: str
) -> Application:
    """A case filed with the wrong unit goes to the right one (its number stays; the new unit's
    staff see it from now on)."""
    case = locked(case)
    action = ACTIONS["transfer"]
    permit(case, action, actor=actor)
    if to_unit is None or to_unit.pk == case.organisation_id:
        raise ValidationError(_("请选择另一个单位。"))
    # Exactly the units the staff page offers (GB/T 22239-2019 8.1.4.2: the server decides).
    if not policies.transfer_targets(actor, case).filter(pk=to_unit.pk).exists():
        raise ValidationError(_("只能转办至您所监督的其他单位，请从列表中选择。"))
    require_state(case, action)
    if not reason.strip():
        raise ValidationError(_("请写明转办理由。"))
    old = case.organisation
    case.organisation, case.handler = to_unit, None
    move(case, action, actor=actor, on=None,
         note=_("由%(a)s转至%(b)s办理：%(r)s") % {"a": old.name, "b": to_unit.name, "r": reason.strip()})  # fmt: skip
    return case
